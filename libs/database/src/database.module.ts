import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type DataSourceOptions, type MixedList } from 'typeorm';
import { Clock } from './clock';
import { Database } from './database';
import { openAndMigrate } from './migrate';
import { CountingQueryLogger } from './query-counter';

export interface DatabaseModuleOptions {
  url: string;
  /** One connection for the embedded PGlite (it is a single session); a real pool otherwise. */
  poolSize: number;
  migrations: MixedList<string | (new () => unknown)>;
  entities: MixedList<string | (new () => unknown)>;
  logger?: CountingQueryLogger;
}

export const QUERY_LOGGER = Symbol('QUERY_LOGGER');

export function databaseOptions(options: DatabaseModuleOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities as DataSourceOptions['entities'],
    migrations: options.migrations as DataSourceOptions['migrations'],
    migrationsRun: false, // openAndMigrate runs them, under a lock
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['query', 'error', 'warn'],
    logger: options.logger,
    extra: { max: options.poolSize, connectionTimeoutMillis: 10_000 },
    applicationName: 'intersessional',
  };
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const logger = options.logger ?? new CountingQueryLogger();
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...databaseOptions({ ...options, logger }), retryAttempts: 3 }),
          dataSourceFactory: (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('database options missing');
            return openAndMigrate(dataSourceOptions, options.poolSize === 1);
          },
        }),
      ],
      providers: [Database, Clock, { provide: QUERY_LOGGER, useValue: logger }],
      exports: [Database, Clock, QUERY_LOGGER],
    };
  }
}
