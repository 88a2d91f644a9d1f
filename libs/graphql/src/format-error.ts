import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './error-codes';

/** Codes produced by the GraphQL layer itself (parse/validation/variables), safe to pass through. */
const PASSTHROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export interface ErrorReporter {
  (error: unknown, formatted: GraphQLFormattedError): void;
}

/**
 * Shapes every error leaving the API. AppErrors keep their code and message. Errors from the GraphQL
 * layer keep theirs. Anything else is an internal error: the client gets a generic message and the
 * request id to quote (added by the API's request-id plugin); the real error goes to the log only.
 */
export function createErrorFormatter(report: ErrorReporter) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const code = String(formatted.extensions?.code ?? '');
    const isOurs = original instanceof Error && original.name === 'AppError';
    if (isOurs || (PASSTHROUGH.has(code) && !isUnexpected(original))) {
      return { ...formatted, extensions: withoutStack(formatted.extensions) };
    }
    report(original, formatted);
    return {
      message: 'Internal server error. Quote the requestId when reporting it.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function unwrap(error: unknown): unknown {
  let current = error;
  while (current && typeof current === 'object' && 'originalError' in current && current.originalError) {
    current = current.originalError;
  }
  return current;
}

/**
 * Apollo's own request errors (a GET without a query, a batch, a body that is no operation): GraphQLError
 * subclasses named after their class, thrown before any resolver. Matched by name too, because a
 * second copy of `graphql` in the process would make `instanceof` fail.
 */
const APOLLO_REQUEST_ERRORS = new Set([
  'BadRequestError',
  'UserInputError',
  'ValidationError',
  'PersistedQueryNotFoundError',
  'PersistedQueryNotSupportedError',
  'OperationResolutionError',
]);

/**
 * A GraphQL-layer code on an error that is not a GraphQLError (e.g. a Nest HttpException that
 * @nestjs/graphql turned into BAD_REQUEST, with its internal message) means something threw unexpectedly.
 */
function isUnexpected(original: unknown): boolean {
  if (!(original instanceof Error)) return false;
  return !(original instanceof GraphQLError || original.name === 'GraphQLError' || APOLLO_REQUEST_ERRORS.has(original.name));
}

function withoutStack(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  const { stacktrace: _stack, exception: _exception, ...rest } = extensions ?? {};
  return rest;
}
