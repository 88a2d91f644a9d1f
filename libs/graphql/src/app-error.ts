import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes';

export type ErrorExtensions = Record<string, unknown>;

/**
 * An error meant for the client: its message is safe to show and its code is stable. Anything else
 * thrown while resolving is reported as INTERNAL_SERVER_ERROR with a request id (see format-error.ts).
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: string,
    message: string,
    extensions: ErrorExtensions = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'Sign in to do this.') => new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = 'You are not allowed to do this.') => new AppError(ErrorCode.FORBIDDEN, message);

export const notFound = (what: string, id?: string) =>
  new AppError(ErrorCode.NOT_FOUND, `${what} not found.`, id === undefined ? {} : { id });

export const conflict = (message: string, extensions: ErrorExtensions = {}) =>
  new AppError(ErrorCode.CONFLICT, message, extensions);

export const invalidTransition = (message: string, from: string, action: string) =>
  new AppError(ErrorCode.INVALID_TRANSITION, message, { from, action });

export interface FieldProblem {
  field: string;
  message: string;
}

/** BAD_USER_INPUT naming the offending field(s); `field` is the first, `fields` lists them all. */
export function badInput(field: string, message: string, more: FieldProblem[] = []): AppError {
  const fields = [{ field, message }, ...more];
  return new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field, fields });
}
