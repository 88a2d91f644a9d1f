import { graphql, type ResultOf } from '../../graphql/graphql';
import { CommentReceipt } from '../record/operations';

/** Everything the public comment page shows: the period, its frozen draft paragraph by paragraph, counts. */
export const PERIOD_QUERY = graphql(`
  query CommentPeriodPage($id: ID!) {
    commentPeriod(id: $id) {
      id
      title
      kind
      instructions
      guidingQuestions
      opensAt
      closesAt
      closesAtUtcOffset
      inclusionCutoffAt
      timeZone
      status
      participation
      moderation
      documentId
      documentCommentCount
      synthesisPublishedAt
      viewerCanFacilitate
      paragraphs {
        blockId
        number
        text
        type
        commentCount
      }
    }
  }
`);

/** The draft's language, for `lang` on its text (a second, small query: a period only names its document). */
export const DOCUMENT_LANGUAGE_QUERY = graphql(`
  query CommentPeriodDocumentLanguage($id: ID!) {
    document(id: $id) {
      id
      language
    }
  }
`);

/** What the form needs to know of a signed-in commenter (their profile's defaults). */
export const ME_QUERY = graphql(`
  query CommentPeriodMe {
    me {
      id
      displayName
      organisation
      stakeholderGroup
    }
  }
`);

/** The answer carries the author's receipt in the period's record (guests get it here and through their link only). */
export const SUBMIT_COMMENT = graphql(
  `
    mutation SubmitPeriodComment($input: SubmitCommentInput!) {
      submitComment(input: $input) {
        id
        state
        trackingNumber
        anchor {
          kind
          startParagraph
        }
        recordReceipt {
          ...CommentReceipt
        }
      }
    }
  `,
  [CommentReceipt],
);

export type Period = ResultOf<typeof PERIOD_QUERY>['commentPeriod'];
export type Paragraph = Period['paragraphs'][number];
export type SubmittedComment = ResultOf<typeof SUBMIT_COMMENT>['submitComment'];
