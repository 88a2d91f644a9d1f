import { type RateLimitRule } from '@intersessional/rate-limit';

/*
 * Sign-in limits count failures (an attempt is taken up front, so concurrent guesses cannot slip
 * through, and given back when it succeeds). They are keyed so that nobody can lock out someone else:
 * - the lockout is per address AND e-mail: a stranger elsewhere who guesses your password locks only
 *   themselves out, never you;
 * - per address, whatever the e-mail, with room for a venue whose people share one address;
 * - per e-mail from anywhere there is no lockout, only a slow-down (`signInDelayMs`), so guessing one
 *   account from many addresses gets slower while its owner still gets in.
 */
export const SIGN_IN_FAILURES_PER_IP_AND_EMAIL: RateLimitRule = { points: 10, windowSeconds: 15 * 60 };
export const SIGN_IN_FAILURES_PER_IP: RateLimitRule = { points: 100, windowSeconds: 15 * 60 };
/** A counter only (it never refuses): failures for one e-mail from any address, for the slow-down. */
export const SIGN_IN_FAILURES_PER_EMAIL: RateLimitRule = { points: Number.MAX_SAFE_INTEGER, windowSeconds: 15 * 60 };
/** Failures for one e-mail before sign-ins for it are held back. */
export const SIGN_IN_FREE_FAILURES_PER_EMAIL = 5;
const FIRST_DELAY_MS = 250;

/** How long a sign-in for an e-mail with `failures` recent failures waits: 0, then 250 ms doubling, up to `maxMs`. */
export function signInDelayMs(failures: number, maxMs: number): number {
  if (failures <= SIGN_IN_FREE_FAILURES_PER_EMAIL) return 0;
  return Math.min(maxMs, FIRST_DELAY_MS * 2 ** Math.min(failures - SIGN_IN_FREE_FAILURES_PER_EMAIL - 1, 20));
}

/** Wrong current passwords on `changePassword`: a stolen access token must not give unlimited guesses. */
export const PASSWORD_CHECKS_PER_ACCOUNT: RateLimitRule = { points: 10, windowSeconds: 15 * 60 };
