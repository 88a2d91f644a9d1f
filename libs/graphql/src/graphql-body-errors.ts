import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from './error-codes';

/** What body-parser reports (its errors carry `type` and `status`). */
interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

const MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'encoding.unsupported': 'The request body has an unsupported content encoding.',
  'charset.unsupported': 'The request body has an unsupported character set.',
  'request.aborted': 'The request body was not received completely.',
};

/**
 * A body that cannot be read (malformed JSON, too large) never reaches Apollo; on the GraphQL path it
 * gets the GraphQL error shape with a stable code, as every other refusal does (BAD_REQUEST, or
 * PAYLOAD_TOO_LARGE with HTTP 413), instead of the framework's own HTML or JSON. Install right after
 * the body parser; errors of other paths and other kinds pass on unchanged.
 */
export function graphqlBodyErrors(path: string): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const { type, status } = (error ?? {}) as BodyParserError;
    const message = typeof type === 'string' ? MESSAGES[type] : undefined;
    if (req.path !== path || !message || res.headersSent) {
      next(error);
      return;
    }
    const tooLarge = type === 'entity.too.large';
    const code = tooLarge ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST;
    res.status(typeof status === 'number' && status >= 400 && status < 500 ? status : 400).json({ errors: [{ message, extensions: { code } }] });
  };
}
