/**
 * WebSocket close codes of /collab (4000–4999 is the application range). Clients show the reason;
 * y-websocket reconnects after any close, so refusals are also sent before closing.
 */
export const CloseCode = {
  /** No token, or an invalid or expired one. */
  UNAUTHENTICATED: 4401,
  /** Signed in, but not allowed to read this document (any more). */
  FORBIDDEN: 4403,
  /** No such document. */
  NOT_FOUND: 4404,
  /** A frame the server could not decode. */
  MALFORMED: 4400,
  /** The update would make the document larger than the limit; it was not stored. */
  DOCUMENT_TOO_LARGE: 4413,
  /** More updates per second than allowed; the client may reconnect and continue. */
  RATE_LIMITED: 4429,
  /** The server could not store an update; the client resends it after reconnecting. */
  STORAGE_UNAVAILABLE: 4503,
  /** The server is shutting down. */
  GOING_AWAY: 1001,
} as const;
