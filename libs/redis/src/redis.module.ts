import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

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
  static forRoot(options: RedisOptions): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS_OPTIONS, useValue: options },
        {
          provide: REDIS,
          useFactory: async (): Promise<Redis | null> => {
            if (!options.url) return null;
            const client = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
            await client.connect();
            return client;
          },
        },
        RedisLifecycle,
      ],
      exports: [REDIS, REDIS_OPTIONS],
    };
  }
}
