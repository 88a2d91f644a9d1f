import { type GraphQLFormattedError } from 'graphql';
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

/** A GraphQL-layer code on an error that is not a GraphQLError means something threw unexpectedly. */
function isUnexpected(original: unknown): boolean {
  return original instanceof Error && original.name !== 'GraphQLError';
}

function withoutStack(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  const { stacktrace: _stack, exception: _exception, ...rest } = extensions ?? {};
  return rest;
}
