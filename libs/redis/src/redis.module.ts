import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

export interface RedisOptions {
  /** Unset on a single instance: features fall back to in-process state. */
  url?: string;
  /** Prefix for every key this deployment writes, so several deployments (or test runs) share a Redis. */
  keyPrefix: string;
}

export const REDIS_OPTIONS = Symbol('REDIS_OPTIONS');

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');

  constructor(@Inject(REDIS) private readonly redis: Redis | null) {
    redis?.on('error', (error) => this.logger.warn(`Redis error: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

@Global()
@Module({})
export class RedisModule {
  /**
   * `client` is connected before the application is built (`connectRedis`), so a REDIS_URL where
   * nothing answers stops the start with one clear line instead of a stack from inside the framework.
   * The module owns it from then on and closes it at shutdown.
   */
  static forRoot(options: RedisOptions & { client: Redis | null }): DynamicModule {
    const { client, ...shared } = options;
    return {
      module: RedisModule,
      providers: [{ provide: REDIS_OPTIONS, useValue: shared }, { provide: REDIS, useValue: client }, RedisLifecycle],
      exports: [REDIS, REDIS_OPTIONS],
    };
  }
}
