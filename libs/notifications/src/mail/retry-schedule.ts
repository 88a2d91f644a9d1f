/** Longest wait between two delivery attempts. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * After failed attempt number `attempt` (1-based): how long to wait before the next one, doubling from
 * `baseMs` up to a cap, or null once `maxAttempts` attempts have failed (the message is given up).
 */
export function retryDelayMs(attempt: number, maxAttempts: number, baseMs: number): number | null {
  if (attempt >= maxAttempts) return null;
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
}
