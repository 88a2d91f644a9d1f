import type { AppConfig } from '@intersessional/config';
import type { RateLimitRule } from '@intersessional/rate-limit';

export interface CommentLimits {
  perAccount: RateLimitRule;
  /** Every comment from one address, accounts and guests alike: a ceiling for a whole room. */
  perAddress: RateLimitRule;
  /** A guest is one person per e-mail: this is their own limit. */
  perGuestEmail: RateLimitRule;
}

const HOUR = 3600;

/**
 * People are limited one by one (account, or a guest's e-mail); the address only has a high ceiling,
 * because a conference room comments from behind one address.
 */
export const commentLimits = (config: Pick<AppConfig, 'COMMENTS_PER_ADDRESS_PER_HOUR' | 'GUEST_COMMENTS_PER_EMAIL_PER_HOUR'>): CommentLimits => ({
  perAccount: { points: 30, windowSeconds: 600 },
  perAddress: { points: config.COMMENTS_PER_ADDRESS_PER_HOUR, windowSeconds: HOUR },
  perGuestEmail: { points: config.GUEST_COMMENTS_PER_EMAIL_PER_HOUR, windowSeconds: HOUR },
});
