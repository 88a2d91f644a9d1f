import { graphql, type ResultOf } from '../../graphql/graphql';

/** The period's heading on the board, and whether the viewer may answer. */
export const BOARD_PERIOD = graphql(`
  query AnswerBoardPeriod($id: ID!) {
    commentPeriod(id: $id) {
      id
      title
      status
      documentId
      viewerCanFacilitate
    }
  }
`);

/** One page of the board: top-level comments with where their passage stands in today's draft. */
export const BOARD_PAGE = graphql(`
  query AnswerBoardPage($id: ID!, $after: String) {
    commentPeriod(id: $id) {
      id
      comments(first: 100, after: $after, state: PUBLISHED) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            body
            bodyHtml
            language
            createdAt
            state
            hidden
            suggestion
            suggestionAppliedAt
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
            liveAnchor {
              status
              text
              startParagraph
              endParagraph
            }
            answer {
              disposition
              response
              answeredAt
            }
          }
        }
      }
    }
  }
`);

/** Campaigns: near-identical comments, each still answered, but answerable together. */
export const BOARD_CLUSTERS = graphql(`
  query AnswerBoardClusters($id: ID!) {
    commentPeriod(id: $id) {
      id
      synthesis {
        clusters {
          commentIds
          size
          identical
        }
      }
    }
  }
`);

export const ANSWER = graphql(`
  mutation AnswerBoardAnswer($id: ID!, $disposition: Disposition!, $response: String!) {
    answerComment(id: $id, disposition: $disposition, response: $response) {
      id
      answer {
        disposition
        response
        answeredAt
      }
    }
  }
`);

export const APPLY = graphql(`
  mutation AnswerBoardApply($id: ID!, $confirmChanged: Boolean, $response: String) {
    applySuggestion(id: $id, confirmChanged: $confirmChanged, response: $response) {
      id
      suggestionAppliedAt
      liveAnchor {
        status
        text
        startParagraph
        endParagraph
      }
      answer {
        disposition
        response
        answeredAt
      }
    }
  }
`);

/** Hidden from the public by a facilitator on the board (the moderation queue's Hidden view can unhide it). */
export const HIDE = graphql(`
  mutation AnswerBoardHide($id: ID!, $reason: String!) {
    hideComment(id: $id, reason: $reason) {
      id
      hidden
    }
  }
`);

export type BoardComment = ResultOf<typeof BOARD_PAGE>['commentPeriod']['comments']['edges'][number]['node'];
export type Disposition = NonNullable<BoardComment['answer']>['disposition'];
export const DISPOSITIONS: readonly Disposition[] = ['ACCEPTED', 'PARTLY_ACCEPTED', 'NOTED', 'NOT_ACCEPTED', 'OUT_OF_SCOPE'];
