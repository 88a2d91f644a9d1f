import { graphql, type ResultOf, type VariablesOf } from '../../graphql/graphql';

export const MODERATION_PERIOD = graphql(`
  query ModerationPeriod($id: ID!) {
    commentPeriod(id: $id) {
      id
      title
      moderation
      participation
      viewerCanFacilitate
    }
  }
`);

/** One view of the queue: waiting (state PENDING), reported (flagged, not hidden) or hidden. */
export const QUEUE = graphql(`
  query ModerationQueue($id: ID!, $state: CommentState, $flagged: Boolean, $hidden: Boolean, $after: String) {
    commentPeriod(id: $id) {
      id
      comments(first: 50, after: $after, state: $state, flagged: $flagged, hidden: $hidden) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            bodyHtml
            language
            createdAt
            state
            hidden
            suggestion
            links
            commenter {
              name
              guest
              organisation
              speakingFor
              stakeholderGroup
            }
            anchor {
              kind
              startParagraph
              endParagraph
              quote {
                exact
              }
            }
            moderation {
              heldReasonCode
              hiddenReason
              hiddenAt
              flags {
                reason
                count
              }
            }
          }
        }
      }
    }
  }
`);

export const APPROVE = graphql(`
  mutation ModerationApprove($id: ID!) {
    approveComment(id: $id) {
      id
      state
    }
  }
`);

export const REJECT = graphql(`
  mutation ModerationReject($id: ID!, $reason: String!) {
    rejectComment(id: $id, reason: $reason) {
      id
      state
    }
  }
`);

export const HIDE = graphql(`
  mutation ModerationHide($id: ID!, $reason: String!) {
    hideComment(id: $id, reason: $reason) {
      id
      hidden
    }
  }
`);

export const UNHIDE = graphql(`
  mutation ModerationUnhide($id: ID!, $reason: String!) {
    unhideComment(id: $id, reason: $reason) {
      id
      hidden
    }
  }
`);

/** The reports were unfounded: the comment stays public and leaves the reported view (the reason is optional). */
export const KEEP = graphql(`
  mutation ModerationKeep($id: ID!, $reason: String) {
    keepComment(id: $id, reason: $reason) {
      id
      hidden
    }
  }
`);

export type QueueComment = ResultOf<typeof QUEUE>['commentPeriod']['comments']['edges'][number]['node'];
export type QueueFilter = Omit<VariablesOf<typeof QUEUE>, 'id' | 'after'>;

/** The three views, each a filter of the period's comments. */
export const VIEWS = {
  waiting: { state: 'PENDING' },
  reported: { flagged: true, hidden: false, state: 'PUBLISHED' },
  hidden: { hidden: true },
} as const satisfies Record<string, QueueFilter>;
export type View = keyof typeof VIEWS;
