import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { AuditModule, auditEntities, auditMigrations } from '@intersessional/audit';
import { CollaborationModule, collaborationMigrations } from '@intersessional/collaboration';
import { type AppConfig, ConfigModule } from '@intersessional/config';
import { ConsultationModule, consultationEntities, consultationMigrations } from '@intersessional/consultation';
import { CountingQueryLogger, DatabaseModule } from '@intersessional/database';
import { DocumentsModule, documentEntities, documentMigrations } from '@intersessional/documents';
import { AppErrorHttpFilter, createValidationPipe } from '@intersessional/graphql';
import { IdentityModule, identityEntities, identityMigrations } from '@intersessional/identity';
import { Metrics, MetricsModule } from '@intersessional/metrics';
import { NotificationsModule, notificationEntities, notificationMigrations } from '@intersessional/notifications';
import { RateLimitModule } from '@intersessional/rate-limit';
import { RecordStoreModule, recordMigrations } from '@intersessional/record-store';
import { RedisModule } from '@intersessional/redis';
import { WorkstreamsModule, workstreamEntities, workstreamMigrations } from '@intersessional/workstreams';
import { graphqlOptions } from './graphql.options';
import { HealthController } from './http/health.controller';
import { httpLogger } from './logging';
import { ShutdownOrder } from './shutdown-order';
import { SubscriptionServer } from './subscription-server';

export interface AppOptions {
  config: AppConfig;
  /** The database to use (the embedded one's URL when DATABASE_URL is unset). */
  databaseUrl: string;
  logger: Logger;
  queryLogger?: CountingQueryLogger;
  /** Prefix for Redis keys (tests isolate runs with it). */
  redisKeyPrefix?: string;
  /** The connected Redis client when REDIS_URL is set (createApp connects it first). */
  redis?: Redis | null;
}

/** Migrations of every context, in timestamp order (audit → identity → workstreams → documents → … → collaboration → record). */
export const migrations = [
  ...auditMigrations,
  ...identityMigrations,
  ...workstreamMigrations,
  ...documentMigrations,
  ...notificationMigrations,
  ...consultationMigrations,
  ...collaborationMigrations,
  ...recordMigrations,
];
export const entities = [...auditEntities, ...identityEntities, ...workstreamEntities, ...documentEntities, ...notificationEntities, ...consultationEntities];

@Module({})
export class AppModule implements NestModule {
  private static logger: Logger;

  static forRoot(options: AppOptions): DynamicModule {
    AppModule.logger = options.logger;
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          poolSize: config.embeddedDatabase ? 1 : config.DATABASE_POOL_SIZE,
          migrations,
          entities,
          logger: options.queryLogger ?? new CountingQueryLogger((level, message) => options.logger[level](message)),
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, keyPrefix: options.redisKeyPrefix ?? 'intersessional:', client: options.redis ?? null }),
        RateLimitModule,
        MetricsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Metrics],
          useFactory: (metrics: Metrics) => graphqlOptions(config, options.logger, metrics),
        }),
        AuditModule,
        IdentityModule,
        WorkstreamsModule,
        DocumentsModule,
        CollaborationModule,
        RecordStoreModule,
        ConsultationModule,
        NotificationsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AppErrorHttpFilter },
        ShutdownOrder,
        SubscriptionServer,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(httpLogger(AppModule.logger)).forRoutes('*');
  }
}
