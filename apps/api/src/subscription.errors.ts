/**
 * How the subscription socket (graphql-ws at /graphql) ends a connection or refuses an operation.
 * Close codes 4400–4499 tell graphql-ws clients not to retry; others (1001, 4008) let them reconnect.
 */
export const SubscriptionCloseCode = {
  /** The server is shutting down; reconnect (to another instance). */
  GOING_AWAY: 1001,
  /** The client read too slowly: what the server buffered for it passed SUBSCRIPTION_MAX_BUFFERED_BYTES. */
  TOO_SLOW: 4008,
  /** The session the socket was opened with ended (signed out, password changed, revoked, expired, account disabled). */
  SESSION_ENDED: 4401,
  /** Too many sockets from this address or for this account (SUBSCRIPTION_MAX_SOCKETS_PER_*). */
  TOO_MANY_SOCKETS: 4429,
  /** An unexpected server error while handling a message. */
  INTERNAL_ERROR: 4500,
} as const;

/** `extensions.code` of a subscribe refused because the socket already has SUBSCRIPTION_MAX_PER_SOCKET running. */
export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';
