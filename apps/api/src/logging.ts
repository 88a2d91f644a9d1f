import { randomUUID } from 'node:crypto';
import { type LoggerService } from '@nestjs/common';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import pinoHttp from 'pino-http';
import { PrettyLines } from './pretty-lines';

/**
 * JSON lines on stdout (what log collectors and `grep '"msg":"stopped"'` read), or, with `pretty`,
 * one readable line per entry for a person at a terminal.
 */
export function createLogger(level: LevelWithSilent, options: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const destination = options.destination ?? process.stdout;
  return pino(
    { level, base: { service: 'intersessional-api' }, timestamp: pino.stdTimeFunctions.isoTime },
    options.pretty ? new PrettyLines(destination) : options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/**
 * Nest's own start-up chatter (every module initialised, every route mapped): useful when debugging
 * the wiring, noise in front of the start banner otherwise.
 */
const FRAMEWORK_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'GraphQLModule']);

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

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
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
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
