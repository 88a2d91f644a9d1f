import type { Cache, CacheExchangeOpts } from '@urql/exchange-graphcache';

/** The unread count and every loaded page of notifications are read again (notifications feature). */
function notificationsChanged(cache: Cache): void {
  cache.invalidate('Query', 'unreadNotificationCount');
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'notifications') cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
  }
}

/**
 * The normalised cache's configuration. Types without an `id` are embedded in their parent; features
 * add their updaters here (a new comment in its thread, a mutation's result in a list).
 */
export const cacheConfig: CacheExchangeOpts = {
  keys: {
    AuthPayload: () => null,
    // embedded in their comment (comments feature)
    Commenter: () => null,
    CommentAnchor: () => null,
    TextQuote: () => null,
    CommentAnswer: () => null,
    // answering: where a comment's passage is today, embedded in its comment
    LiveAnchor: () => null,
    // workstreams: aggregates and computed results, embedded in their workstream
    Participation: () => null,
    ParticipationCell: () => null,
    DcCompliance: () => null,
    ComplianceCriterionResult: () => null,
    // versions: a comparison's rows and a version's paragraphs are values inside their parent
    BlockDiff: () => null,
    NumberedParagraph: () => null,
    // record: receipts, heads and proofs are values inside their comment, period or query
    CommentRecordReceipt: () => null,
    RecordReceipt: () => null,
    RecordOpening: () => null,
    RecordTreeHead: () => null,
    PeriodRecord: () => null,
    RecordInclusionProof: () => null,
    RecordConsistencyProof: () => null,
  },
  updates: {
    Mutation: {
      markNotificationsRead: (_result, _args, cache) => notificationsChanged(cache),
      markAllNotificationsRead: (_result, _args, cache) => notificationsChanged(cache),
    },
    Subscription: {
      notificationAdded: (_result, _args, cache) => notificationsChanged(cache),
    },
  },
};
