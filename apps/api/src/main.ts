import 'reflect-metadata';
import { type AppConfig, ConfigError, loadConfig } from '@intersessional/config';
import { RedisUnavailableError } from '@intersessional/redis';
import { createStartupLogger } from './logging';
import { start } from './start';

/** sysexits.h: a bad configuration, a service the configuration names that does not answer. */
const EX_CONFIG = 78;
const EX_UNAVAILABLE = 69;

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
  // on a terminal, readable lines; otherwise (a file, a log collector) JSON lines
  const pretty = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
  const { logger, release } = createStartupLogger(config.LOG_LEVEL, pretty);
  // Signals are handled from the first moment, so one that arrives while the server is starting (or
  // right as it says "ready") still stops it gracefully once it is up, instead of killing it.
  let stopping = false;
  let starting: ReturnType<typeof start> | null = null;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = await starting?.catch(() => null);
    if (!started) return; // start-up failed: main reports it and exits
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      await started.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    starting = start({ config, logger, banner: pretty || config.NODE_ENV === 'development' ? process.stdout : null });
    await starting;
    release();
  } catch (error) {
    release();
    if (error instanceof RedisUnavailableError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EX_UNAVAILABLE);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
