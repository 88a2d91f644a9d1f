import type { AppConfig } from '@intersessional/config';
import type { RateLimitRule } from '@intersessional/rate-limit';

/**
 * A workshop registers from behind one address (venue Wi-Fi, a proxy), so the address only has a
 * high ceiling; each e-mail has its own small budget.
 */
export const registrationLimits = (config: Pick<AppConfig, 'REGISTRATIONS_PER_ADDRESS_PER_HOUR'>): { perAddress: RateLimitRule; perEmail: RateLimitRule } => ({
  perAddress: { points: config.REGISTRATIONS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
  perEmail: { points: 10, windowSeconds: 3600 },
});
