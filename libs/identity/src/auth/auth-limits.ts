import { type RateLimitRule } from '@intersessional/rate-limit';

/** Brute-force protection: per address, and per target e-mail whatever the address. */
export const SIGN_IN_PER_IP: RateLimitRule = { points: 30, windowSeconds: 15 * 60 };
export const SIGN_IN_PER_EMAIL: RateLimitRule = { points: 10, windowSeconds: 15 * 60 };
