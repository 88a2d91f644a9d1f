import { randomUUID } from 'node:crypto';
import { type LoggerService } from '@nestjs/common';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import pinoHttp from 'pino-http';
import { PrettyLines } from './pretty-lines';

const base = { service: 'intersessional-api' };

/** JSON lines on stdout: what log collectors read (and CI greps, e.g. `"msg":"stopped"`). */
export function createLogger(level: LevelWithSilent): Logger {
  return pino({ level, base, timestamp: pino.stdTimeFunctions.isoTime });
}

/**
 * The process's logger: JSON lines, or with `pretty` one readable line per entry for a person at a
 * terminal. It holds every line back until `release()`: main releases it once the start
 * banner is out, so the banner is the first thing a person who ran `npm start` reads, whatever was
 * logged while starting (and in its own order after it). Held lines are also written when the process
 * exits, so a start that fails still explains itself.
 */
export function createStartupLogger(level: LevelWithSilent, pretty: boolean): { logger: Logger; release(): void } {
  const held = new HeldLines(pretty ? new PrettyLines(process.stdout) : pino.destination({ fd: 1, sync: true }));
  process.once('exit', () => held.release());
  const logger = pino({ level, base, timestamp: pino.stdTimeFunctions.isoTime }, held);
  return { logger, release: () => held.release() };
}

class HeldLines {
  private held: string[] | null = [];

  constructor(private readonly out: { write(line: string): unknown }) {}

  write(line: string): void {
    if (this.held) this.held.push(line);
    else this.out.write(line);
  }

  release(): void {
    const lines = this.held ?? [];
    this.held = null;
    for (const line of lines) this.out.write(line);
  }
}

/**
 * Nest's own start-up chatter (every module initialised, every route mapped): useful when debugging
 * the wiring, noise in front of the start banner otherwise.
 */
const FRAMEWORK_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'GraphQLModule']);

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * GraphQL over GET carries its variables in the query string, and some are secrets (a guest's private
 * link token): the logged URL keeps the path and the query but never the variables.
 */
export function loggableUrl(url: string): string {
  return url.replace(/([?&]variables=)[^&]*/gi, '$1[removed]');
}

/**
 * One JSON line per request with a request id: taken from `X-Request-Id` when the caller (or a proxy)
 * sent a sane one, generated otherwise, and echoed back in the response header.
 */
export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/health/live' },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/** Routes Nest's own log lines into the same JSON stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context && FRAMEWORK_START_UP.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
