import { randomUUID } from 'node:crypto';
import { type LoggerService } from '@nestjs/common';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import pinoHttp from 'pino-http';

export function createLogger(level: LevelWithSilent): Logger {
  return pino({ level, base: { service: 'intersessional-api' }, timestamp: pino.stdTimeFunctions.isoTime });
}

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
    this.logger.info({ context }, String(message));
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
