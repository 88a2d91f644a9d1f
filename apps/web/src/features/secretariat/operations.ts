import { graphql, type ResultOf } from '../../graphql/graphql';

/** Dynamic Coalitions waiting to be recognised, with who proposed them. */
export const PROPOSALS = graphql(`
  query SecretariatProposals {
    workstreams(filter: { kind: DC, status: PROPOSED }, first: 50) {
      totalCount
      edges {
        node {
          id slug name summary statementOfPurpose mailingListUrl archiveUrl createdAt
          members(first: 3, role: FACILITATOR) { edges { node { id role user { id displayName organisation } } } }
        }
      }
    }
  }
`);

/** Every BPF and PN with its cycles and what can be done to it now. */
export const CYCLES = graphql(`
  query SecretariatCycles {
    bpfs: workstreams(filter: { kind: BPF }, first: 100) {
      edges { node { id slug name kind status cycleYear availableActions cycles { year startedAt endedAt outcome } } }
    }
    pns: workstreams(filter: { kind: PN }, first: 100) {
      edges { node { id slug name kind status cycleYear availableActions cycles { year startedAt endedAt outcome } } }
    }
  }
`);

export const RECOGNISE = graphql(`
  mutation SecretariatRecognise($id: ID!) {
    recogniseDynamicCoalition(id: $id) { id status availableActions }
  }
`);

export const DECLINE = graphql(`
  mutation SecretariatDecline($id: ID!, $reason: String) {
    declineDynamicCoalition(id: $id, reason: $reason) { id status statusReasons availableActions }
  }
`);

export const CONCLUDE = graphql(`
  mutation SecretariatConclude($id: ID!, $reason: String) {
    concludeWorkstream(id: $id, reason: $reason) { id status availableActions cycles { year startedAt endedAt outcome } }
  }
`);

export const RENEW = graphql(`
  mutation SecretariatRenew($id: ID!, $cycleYear: Int) {
    renewWorkstream(id: $id, cycleYear: $cycleYear) { id status cycleYear availableActions cycles { year startedAt endedAt outcome } }
  }
`);

export const CREATE_WORKSTREAM = graphql(`
  mutation SecretariatCreateWorkstream($input: CreateWorkstreamInput!) {
    createWorkstream(input: $input) { id slug name }
  }
`);

export const ACCOUNTS = graphql(`
  query SecretariatAccounts($filter: UserFilter, $first: Int, $after: String, $last: Int, $before: String) {
    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { id displayName email emailVerified organisation platformRole status disabledReason createdAt } }
    }
  }
`);

export const DISABLE_ACCOUNT = graphql(`
  mutation SecretariatDisableAccount($userId: ID!, $reason: String) {
    disableAccount(userId: $userId, reason: $reason) { id status disabledReason }
  }
`);

export const ENABLE_ACCOUNT = graphql(`
  mutation SecretariatEnableAccount($userId: ID!) {
    enableAccount(userId: $userId) { id status disabledReason }
  }
`);

export const SET_PLATFORM_ROLE = graphql(`
  mutation SecretariatSetPlatformRole($userId: ID!, $role: PlatformRole!) {
    setPlatformRole(userId: $userId, role: $role) { id platformRole }
  }
`);

export const AUDIT_LOG = graphql(`
  query SecretariatAuditLog($filter: AuditLogFilter, $first: Int, $after: String, $last: Int, $before: String) {
    auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { id action occurredAt entityType entityId workstreamId summary actor { id displayName } } }
    }
  }
`);

/** The workstreams to filter the audit log by (names for the select). */
export const WORKSTREAM_NAMES = graphql(`
  query SecretariatWorkstreamNames {
    workstreams(first: 100) { edges { node { id name kind } } }
  }
`);

/** The person whose actions the audit log is filtered by, for the filter's label. */
export const ACTOR = graphql(`
  query SecretariatActor($id: ID!) {
    user(id: $id) { id displayName }
  }
`);

export type Proposal = ResultOf<typeof PROPOSALS>['workstreams']['edges'][number]['node'];
export type CycleWorkstream = ResultOf<typeof CYCLES>['bpfs']['edges'][number]['node'];
export type Account = ResultOf<typeof ACCOUNTS>['users']['edges'][number]['node'];
export type AuditEntry = ResultOf<typeof AUDIT_LOG>['auditLog']['edges'][number]['node'];

export const PLATFORM_ROLES = ['USER', 'MAG_MEMBER', 'SECRETARIAT'] as const;

export const RUN_COMPLIANCE_CHECK = graphql(`
  mutation SecretariatRunComplianceCheck($year: Int) {
    runDcComplianceCheck(reportingYear: $year) {
      reportingYear
      checked { compliant workstream { id } }
      deactivated { id slug name status statusReasons }
    }
  }
`);
