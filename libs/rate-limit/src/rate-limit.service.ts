import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from '@intersessional/graphql';
import { REDIS, REDIS_OPTIONS, type RedisOptions } from '@intersessional/redis';

export interface RateLimitRule {
  /** Attempts allowed per window. */
  points: number;
  windowSeconds: number;
}

/**
 * Fixed-window rate limits shared by every instance through Redis when it is configured (with an
 * in-memory insurance limiter if Redis is unreachable), in-process otherwise.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(REDIS_OPTIONS) private readonly options: RedisOptions,
  ) {}

  private limiter(name: string, rule: RateLimitRule): RateLimiterAbstract {
    const id = `${name}:${rule.points}:${rule.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const base = { keyPrefix: `${this.options.keyPrefix}rl:${name}`, points: rule.points, duration: rule.windowSeconds };
      limiter = this.redis
        ? new RateLimiterRedis({ ...base, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(base) })
        : new RateLimiterMemory(base);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /** Takes one attempt from `key`'s budget; throws RATE_LIMITED with `retryAfterSeconds` when spent. */
  async consume(name: string, key: string, rule: RateLimitRule): Promise<void> {
    try {
      await this.limiter(name, rule).consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
        retryAfterSeconds,
      });
    }
  }

  /** Gives back `points` taken from `key`'s budget, e.g. an attempt that turned out to be no attack. */
  async reward(name: string, key: string, rule: RateLimitRule, points = 1): Promise<void> {
    await this.limiter(name, rule).reward(key, points);
  }

  /** How many points `key` has used in its current window, taking none. */
  async used(name: string, key: string, rule: RateLimitRule): Promise<number> {
    return (await this.limiter(name, rule).get(key))?.consumedPoints ?? 0;
  }

  /** Counts one against `key` and never refuses: for rules that slow down rather than lock. Returns the count. */
  async count(name: string, key: string, rule: RateLimitRule): Promise<number> {
    return (await this.limiter(name, rule).penalty(key, 1)).consumedPoints;
  }

  /** Gives back the budget of `key`, e.g. after a successful sign-in. */
  async reset(name: string, key: string, rule: RateLimitRule): Promise<void> {
    await this.limiter(name, rule).delete(key);
  }
}
