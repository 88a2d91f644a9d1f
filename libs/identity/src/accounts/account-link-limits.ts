import type { AppConfig } from '@intersessional/config';
import type { RateLimitRule } from '@intersessional/rate-limit';

/** How long a link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const EMAIL_VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;

/**
 * Requests for account e-mail (password reset, e-mail verification) are counted per address asked for
 * (or per account) and per client address. Each address gets a few messages an hour, so nobody can flood
 * someone's mailbox; the client address has a room-sized ceiling (a venue's Wi-Fi is one address).
 */
export const accountLinkLimits = (config: Pick<AppConfig, 'ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR'>): { perRecipient: RateLimitRule; perAddress: RateLimitRule } => ({
  perRecipient: { points: 5, windowSeconds: 3600 },
  perAddress: { points: config.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
});
