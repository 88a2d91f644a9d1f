import { graphql, type ResultOf } from '../../graphql/graphql';
import { CommentReceipt } from '../record/operations';

/** What a reader sees of a comment or reply in a thread. */
export const ThreadComment = graphql(`
  fragment ThreadComment on Comment {
    id
    periodId
    parentId
    body
    bodyHtml
    language
    createdAt
    editCount
    official
    late
    suggestion
    replyCount
    commenter {
      name
      organisation
      guest
      stakeholderGroup
      speakingFor
      userId
    }
    anchor {
      kind
      startParagraph
      endParagraph
      quote {
        exact
      }
    }
    answer {
      disposition
      response
      answeredAt
    }
  }
`);

export type ThreadCommentData = ResultOf<typeof ThreadComment>;

export const THREAD_PERIOD = graphql(`
  query ThreadPeriod($id: ID!) {
    commentPeriod(id: $id) {
      id
      title
      status
      participation
      synthesisPublishedAt
    }
  }
`);

export const PARAGRAPH_COMMENTS = graphql(
  `
    query ParagraphComments($id: ID!, $paragraph: Int!, $first: Int!, $after: String) {
      commentPeriod(id: $id) {
        id
        paragraphComments(paragraph: $paragraph, first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              ...ThreadComment
            }
          }
        }
      }
    }
  `,
  [ThreadComment],
);

export const REPLIES = graphql(
  `
    query CommentReplies($id: ID!, $first: Int!, $after: String) {
      comment(id: $id) {
        id
        replies(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              ...ThreadComment
            }
          }
        }
      }
    }
  `,
  [ThreadComment],
);

export const COMMENT_ADDED = graphql(
  `
    subscription CommentAdded($id: ID!) {
      commentAdded(id: $id) {
        ...ThreadComment
      }
    }
  `,
  [ThreadComment],
);

export const REPLY = graphql(
  `
    mutation ReplyToComment($input: ReplyInput!) {
      replyToComment(input: $input) {
        ...ThreadComment
        state
      }
    }
  `,
  [ThreadComment],
);

export const THREAD_PAGE = graphql(`
  query ThreadPage($id: ID!) {
    commentPeriod(id: $id) {
      id
      title
      status
      documentCommentCount
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

/** One of the person's own comments, in any state, with its receipt in the period's record (for its author only). */
export const OwnComment = graphql(
  `
    fragment OwnComment on Comment {
      id
      parentId
      body
      suggestion
      language
      state
      hidden
      withdrawnAt
      createdAt
      updatedAt
      editCount
      trackingNumber
      anchor {
        kind
        startParagraph
        endParagraph
        quote {
          exact
        }
      }
      answer {
        disposition
        response
        answeredAt
      }
      period {
        id
        title
        status
        closesAt
        timeZone
      }
      recordReceipt {
        ...CommentReceipt
      }
    }
  `,
  [CommentReceipt],
);

export type OwnCommentData = ResultOf<typeof OwnComment>;

export const MY_COMMENTS = graphql(
  `
    query MyComments($first: Int!, $after: String) {
      myComments(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            ...OwnComment
          }
        }
      }
    }
  `,
  [OwnComment],
);

export const EDIT_COMMENT = graphql(
  `
    mutation EditComment($input: EditCommentInput!) {
      editComment(input: $input) {
        ...OwnComment
      }
    }
  `,
  [OwnComment],
);

export const WITHDRAW_COMMENT = graphql(
  `
    mutation WithdrawComment($id: ID!) {
      withdrawComment(id: $id) {
        ...OwnComment
      }
    }
  `,
  [OwnComment],
);

export const GUEST_COMMENT = graphql(
  `
    query GuestComment($token: String!) {
      guestComment(token: $token) {
        ...OwnComment
      }
    }
  `,
  [OwnComment],
);

export const UPDATE_GUEST_COMMENT = graphql(
  `
    mutation UpdateGuestComment($token: String!, $body: String!, $suggestion: String) {
      updateGuestComment(token: $token, body: $body, suggestion: $suggestion) {
        ...OwnComment
      }
    }
  `,
  [OwnComment],
);

export const WITHDRAW_GUEST_COMMENT = graphql(
  `
    mutation WithdrawGuestComment($token: String!) {
      withdrawGuestComment(token: $token) {
        ...OwnComment
      }
    }
  `,
  [OwnComment],
);

/** A reader reports a comment under the Code of Conduct; the facilitators see it in their queue. */
export const REPORT = graphql(`
  mutation ReportComment($id: ID!, $reason: FlagReason!, $note: String) {
    flagComment(id: $id, reason: $reason, note: $note) {
      id
    }
  }
`);
