/**
 * The error catalogue shared by every domain: each value is a stable `extensions.code` that clients may
 * branch on. Domains add their own codes in their `*.errors.ts` files; these are the common ones.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A request that is no GraphQL operation: no query, a batch, a body that is not JSON (HTTP 400). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A request body over the size limit (HTTP 413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type CommonErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
