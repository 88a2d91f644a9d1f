import { graphql, type ResultOf } from '../../graphql/graphql';

/** A signed tree head, every field that is signed (and `signedAt`, the same moment for people). */
export const TreeHeadFields = graphql(`
  fragment TreeHeadFields on RecordTreeHead {
    logId
    treeSize
    rootHash
    timestamp
    keyId
    signature
    signedAt
  }
`);

/** What an author keeps of their comment: the receipt, the entry it commits to, and the openings of its sealed parts. */
export const CommentReceipt = graphql(
  `
    fragment CommentReceipt on CommentRecordReceipt {
      entry
      openings {
        name
        salt
        value
      }
      receipt {
        version
        entryIndex
        leafHash
        salt
        inclusionProof
        treeHead {
          ...TreeHeadFields
        }
      }
    }
  `,
  [TreeHeadFields],
);

export type CommentReceiptData = ResultOf<typeof CommentReceipt>;

/** The period's current signed head, for its public page (a query of its own: the page does not wait for it). */
export const PERIOD_HEAD = graphql(
  `
    query PeriodRecordHead($id: ID!) {
      commentPeriod(id: $id) {
        id
        record {
          size
          head {
            ...TreeHeadFields
          }
        }
      }
    }
  `,
  [TreeHeadFields],
);

/** For "check against the latest head": the entry in the newest head's tree... */
export const LATEST_INCLUSION = graphql(`
  query RecordLatestInclusion($id: ID!, $index: Int!, $treeSize: Int!) {
    recordInclusionProof(periodId: $id, index: $index, treeSize: $treeSize) {
      leafHash
      path
    }
  }
`);

/** ...and the receipt's tree as a prefix of it (asked apart: a receipt with a forged size fails this one only). */
export const LATEST_CONSISTENCY = graphql(`
  query RecordLatestConsistency($id: ID!, $fromSize: Int!, $toSize: Int!) {
    recordConsistencyProof(periodId: $id, fromSize: $fromSize, toSize: $toSize) {
      path
    }
  }
`);

export const LATEST_HEAD = graphql(
  `
    query RecordLatestHead($id: ID!) {
      commentPeriod(id: $id) {
        id
        title
        record {
          size
          head {
            ...TreeHeadFields
          }
        }
      }
    }
  `,
  [TreeHeadFields],
);

/** The comment as the public (or the person checking) sees it now, to compare with the receipt's opened text. */
export const PUBLISHED_COMMENT = graphql(`
  query RecordPublishedComment($id: ID!) {
    comment(id: $id) {
      id
      body
      suggestion
      state
      consentToPublish
      hidden
      withdrawnAt
      editCount
    }
  }
`);
