import { join, resolve } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { type AppConfig } from '@intersessional/config';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@intersessional/database';
import { PeopleDirectory } from '@intersessional/identity';
import { createApp } from './create-app';
import { DEMO_PASSWORD, DEMO_SECRETARIAT_EMAIL, seedDemoData } from './demo/demo-data';

export interface Started {
  app: INestApplication;
  /** Base URL, e.g. http://localhost:3000. */
  url: string;
  /** Closes the app (graceful) and stops the embedded database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config: AppConfig;
  logger: Logger;
  /** Where the start banner goes (stdout); null for none. */
  banner: NodeJS.WritableStream | null;
}

/**
 * Starts the API: (embedded database) → app → demo data → listen → banner. Nothing is logged at info
 * before the banner, so it is the first thing a person who ran `npm start` reads; what start-up did
 * (which database, demo data) is in the banner and, at debug level, in the log.
 */
export async function start({ config, logger, banner }: StartOptions): Promise<Started> {
  let embedded: EmbeddedPostgres | null = null;
  const pgliteDir = resolve(join(config.DATA_DIR, 'pglite'));
  if (config.embeddedDatabase) {
    logger.debug({ dir: pgliteDir }, 'DATABASE_URL is unset: starting the embedded PostgreSQL (PGlite)');
    embedded = await startEmbeddedPostgres(pgliteDir);
  }
  try {
    const app = await createApp({ config, logger, databaseUrl: embedded?.url ?? config.DATABASE_URL ?? '' });
    let seeded = false;
    if (config.DEMO_DATA && (await app.get(PeopleDirectory).isEmpty())) {
      logger.debug('empty database: adding demo data');
      await seedDemoData(app, new Date().getUTCFullYear());
      seeded = true;
    }
    await app.listen(config.PORT, config.HOST);
    const url = (await app.getUrl()).replace('[::1]', 'localhost');
    banner?.write(bannerText(config, url, { seeded, database: embedded ? `embedded PostgreSQL (PGlite) in ${pgliteDir}; while it runs: psql ${embedded.url}` : 'PostgreSQL (DATABASE_URL)' }));
    logger.info({ graphqlUrl: `${url}/graphql`, database: embedded ? 'embedded' : 'postgres', demoData: seeded ? 'created' : config.DEMO_DATA }, 'Intersessional API ready');
    return {
      app,
      url,
      stop: async () => {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

export function bannerText(config: AppConfig, url: string, started: { seeded: boolean; database: string }): string {
  const sandbox = config.NODE_ENV === 'production' ? '' : '   (open it in a browser for the Apollo Sandbox)';
  const lines = [
    '',
    `  Intersessional is running (${config.NODE_ENV}).`,
    `  Open:     ${url}/   (the web app)`,
    `  GraphQL:  ${url}/graphql${sandbox}`,
    `  Health:   ${url}/health`,
    `  Database: ${started.database}`,
    ...(config.DEMO_DATA
      ? [
          `  Demo sign-in: ${DEMO_SECRETARIAT_EMAIL} / ${DEMO_PASSWORD}  (Secretariat${started.seeded ? ', just created' : ''})`,
          `  Other demo people: amina@, lucas@, mei@, olena@, sarah@, rahul@, fatima@, jonas@demo.intersessional.org, same password.`,
        ]
      : []),
  ];
  return `${lines.join('\n')}\n\n`;
}
