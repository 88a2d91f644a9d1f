import 'reflect-metadata';
import { ConfigError, loadConfig } from '@intersessional/config';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@intersessional/database';
import { join, resolve } from 'node:path';
import { type AppOptions } from './app.module';
import { createApp } from './create-app';
import { DEMO_PASSWORD, DEMO_SECRETARIAT_EMAIL, seedDemoData } from './demo/demo-data';
import { PeopleDirectory } from '@intersessional/identity';
import { createLogger } from './logging';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let embedded: EmbeddedPostgres | null = null;
  if (config.embeddedDatabase) {
    const dir = resolve(join(config.DATA_DIR, 'pglite'));
    logger.info({ dir }, 'DATABASE_URL is unset: starting the embedded PostgreSQL (PGlite)');
    embedded = await startEmbeddedPostgres(dir);
  }
  const options: AppOptions = { config, logger, databaseUrl: embedded?.url ?? config.DATABASE_URL ?? '' };
  const app = await createApp(options);

  let seeded = false;
  if (config.DEMO_DATA && (await app.get(PeopleDirectory).isEmpty())) {
    logger.info('empty database: adding demo data');
    await seedDemoData(app, new Date().getUTCFullYear());
    seeded = true;
  }

  await app.listen(config.PORT, config.HOST);
  const url = await app.getUrl();
  const graphqlUrl = `${url.replace('[::1]', 'localhost')}/graphql`;
  logger.info({ graphqlUrl }, 'Intersessional API ready');
  if (process.stdout.isTTY || config.NODE_ENV === 'development') {
    const lines = [
      '',
      `  Intersessional API is running.`,
      `  GraphQL:  ${graphqlUrl}   (open it in a browser for the Apollo Sandbox)`,
      `  Health:   ${url}/health`,
      config.DEMO_DATA
        ? `  Demo sign-in: ${DEMO_SECRETARIAT_EMAIL} / ${DEMO_PASSWORD}  (Secretariat${seeded ? ', just created' : ''})`
        : '',
      config.DEMO_DATA ? `  Other demo people: amina@, lucas@, mei@, olena@, sarah@, rahul@, fatima@, jonas@demo.intersessional.org, same password.` : '',
      '',
    ];
    process.stdout.write(`${lines.filter((l) => l !== '').join('\n')}\n\n`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      await app.close();
      await embedded?.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
