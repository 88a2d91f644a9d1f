import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error';
import { ErrorCode } from './error-codes';

const STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
};

/**
 * The same error catalogue on plain HTTP routes (exports, health): an AppError becomes its status code
 * with `{ code, message }`. GraphQL errors are left to the GraphQL formatter.
 */
@Catch(AppError)
export class AppErrorHttpFilter implements ExceptionFilter {
  catch(error: AppError, host: ArgumentsHost) {
    if (host.getType<string>() !== 'http') return error;
    const res = host.switchToHttp().getResponse<Response>();
    const status = STATUS[error.code] ?? 400;
    res.status(status).json({ code: error.code, message: error.message, ...withoutCode(error.extensions) });
    return undefined;
  }
}

function withoutCode(extensions: Record<string, unknown>): Record<string, unknown> {
  const { code: _code, http: _http, ...rest } = extensions;
  return rest;
}

