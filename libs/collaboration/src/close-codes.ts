/**
 * WebSocket close codes of /collab (4000–4999 is the application range), each sent with a fixed
 * reason that clients may show. y-websocket (3.x) reconnects by itself after 1001 and 4503 and gives
 * up for good after any 4400–4499 close: the editor must tell the person or fetch a new token.
 * What the web editor does with each: 4401 (while the sign-in lasts) and 4429 (after a pause) get a
 * fresh token and reconnect; 4403, 4404, 4413 and 4426 are explained and not retried; 4426 asks for
 * a reload.
 */
export const CloseCode = {
  /** No token, an invalid or expired one, or its session ended ("session ended", "account disabled"). */
  UNAUTHENTICATED: 4401,
  /** Signed in, but not allowed to read this document (any more). */
  FORBIDDEN: 4403,
  /** No such document. */
  NOT_FOUND: 4404,
  /** A frame the server could not decode. */
  MALFORMED: 4400,
  /** The client stopped reading: more than COLLAB_MAX_BUFFERED_BYTES waited for it. */
  CLIENT_TOO_SLOW: 4408,
  /** The update would make the document larger than the limit; it was not stored. */
  DOCUMENT_TOO_LARGE: 4413,
  /** The update would nest content deeper than MAX_NESTING (same code as the size limit, another reason); not stored. */
  DOCUMENT_TOO_DEEP: 4413,
  /** A cursor/presence state over COLLAB_MAX_AWARENESS_BYTES (same code as the document limit, another reason). */
  AWARENESS_TOO_LARGE: 4413,
  /**
   * The client sent a `schemaVersion` other than the server's SCHEMA_VERSION: an editor built for
   * another schema could delete what it cannot show, so it is refused before anything is synced and
   * should reload. Clients that send no version (stock y-websocket clients) are accepted.
   */
  SCHEMA_MISMATCH: 4426,
  /** More updates per second than allowed; the client may reconnect and continue. */
  RATE_LIMITED: 4429,
  /** More open sockets for one account than COLLAB_MAX_SOCKETS_PER_ACCOUNT (same code, another reason). */
  TOO_MANY_CONNECTIONS: 4429,
  /** The server could not store an update; the client resends it after reconnecting. */
  STORAGE_UNAVAILABLE: 4503,
  /** The server is shutting down. */
  GOING_AWAY: 1001,
} as const;

/** The reasons sent with the close codes; stable, so clients may match on them. */
export const CloseReason = {
  INVALID_TOKEN: 'missing, invalid or expired token',
  SESSION_ENDED: 'session ended',
  ACCOUNT_DISABLED: 'account disabled',
  FORBIDDEN: 'not allowed to read this document',
  NOT_FOUND: 'no such document',
  MALFORMED: 'malformed message',
  CLIENT_TOO_SLOW: 'client too slow',
  DOCUMENT_TOO_LARGE: 'document size limit reached',
  DOCUMENT_TOO_DEEP: 'document nested too deeply',
  AWARENESS_TOO_LARGE: 'awareness state too large',
  SCHEMA_MISMATCH: 'editor out of date, reload',
  RATE_LIMITED: 'too many messages per second',
  TOO_MANY_CONNECTIONS: 'too many connections for this account',
  STORAGE_UNAVAILABLE: 'storage unavailable, retry',
  GOING_AWAY: 'server shutting down',
} as const;
