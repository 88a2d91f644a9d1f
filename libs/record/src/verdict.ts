/**
 * The outcome of a check: valid, or the first reason it is not. Verification code returns these
 * instead of throwing, because what it checks (proofs, receipts, signatures) comes from outside and
 * "invalid" is an ordinary answer, one the web app shows and the offline verifier prints.
 */
export type Verdict<Reason extends string> = { readonly valid: true } | { readonly valid: false; readonly reason: Reason };

export const VALID = { valid: true } as const;

export function fail<Reason extends string>(reason: Reason): Verdict<Reason> {
  return { valid: false, reason };
}
