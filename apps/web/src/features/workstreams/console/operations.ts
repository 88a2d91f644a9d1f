import { graphql, type ResultOf } from '../../../graphql/graphql';

/** The viewer's role in the workstream: the console is for its facilitators and the Secretariat. */
export const CONSOLE_ACCESS = graphql(`
  query WorkstreamConsoleAccess($slug: String!) {
    workstream(slug: $slug) {
      id
      myMembership { id role status }
    }
  }
`);

/** Requests to join (facilitators and the Secretariat see them) and every active member with their role. */
export const CONSOLE_MEMBERS = graphql(`
  query WorkstreamConsoleMembers($id: ID!) {
    workstream(id: $id) {
      id
      requests: members(status: PENDING, first: 100) {
        totalCount
        edges { node { id createdAt user { id displayName organisation } } }
      }
      active: members(first: 100) {
        totalCount
        edges { node { id role createdAt user { id displayName organisation } } }
      }
    }
  }
`);

export const APPROVE_MEMBERSHIP = graphql(`
  mutation ConsoleApproveMembership($id: ID!) {
    approveMembership(membershipId: $id) { id status role }
  }
`);

export const DECLINE_MEMBERSHIP = graphql(`
  mutation ConsoleDeclineMembership($id: ID!) {
    declineMembership(membershipId: $id)
  }
`);

export const SET_ROLE = graphql(`
  mutation ConsoleSetRole($id: ID!, $role: WorkstreamRole!) {
    setMemberRole(membershipId: $id, role: $role) { id role }
  }
`);

export const REMOVE_MEMBER = graphql(`
  mutation ConsoleRemoveMember($id: ID!) {
    removeMember(membershipId: $id)
  }
`);

export type ConsoleMembers = ResultOf<typeof CONSOLE_MEMBERS>['workstream'];
export const ROLES = ['FACILITATOR', 'LEAD_EXPERT', 'MEMBER', 'OBSERVER'] as const;
