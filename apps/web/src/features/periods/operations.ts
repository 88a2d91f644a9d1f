import { graphql, type VariablesOf } from '../../graphql/graphql';

/** The document to open to comment: its frozen versions to choose from. */
export const PERIOD_DOCUMENT = graphql(`
  query OpenPeriodDocument($id: ID!) {
    document(id: $id) {
      id
      title
      language
      workstreamId
      versions {
        id
        number
        label
        createdAt
      }
    }
  }
`);

export const PERIOD_ROLE = graphql(`
  query OpenPeriodRole($id: ID!) {
    workstream(id: $id) {
      id
      name
      myMembership {
        id
        role
        status
      }
    }
  }
`);

export const CREATE_PERIOD = graphql(`
  mutation OpenCommentPeriod($input: CreateCommentPeriodInput!) {
    createCommentPeriod(input: $input) {
      id
      status
    }
  }
`);

export type CreatePeriodInput = VariablesOf<typeof CREATE_PERIOD>['input'];
