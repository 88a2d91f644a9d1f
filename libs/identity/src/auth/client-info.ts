/** Where a request came from, for sessions, rate limits and the audit log. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string;
}
