import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import { type FieldProblem, badInput } from './app-error';
import { findUnstorable } from './storable-input';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** @nestjs/graphql's GqlParamtype.ARGS (the enum is not exported): the arguments of a GraphQL field. */
const GRAPHQL_ARGS = 3;
const CLIENT_INPUT = new Set<ArgumentMetadata['type'] | number>(['body', 'query', 'param', GRAPHQL_ARGS]);

/**
 * Validates every input type with its class-validator decorators and reports failures as
 * BAD_USER_INPUT naming each offending field, before any service runs (so nothing is written).
 * First, one rule for every argument of every operation and route, whatever its type (also a bare
 * `ID` or `String` argument, which class-validator never sees): text PostgreSQL cannot store (NUL,
 * unpaired surrogates) and dates outside years 1–9999 are refused here instead of failing in SQL.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what a client sent is validated. A field resolver's parent, context and info are the
    // server's own values: left to ValidationPipe, every @Parent() model was copied by
    // class-transformer and checked by class-validator on every field of every row (a third of a
    // page of 50 comments' CPU went there).
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    const root = value !== null && typeof value === 'object' ? '' : (metadata.data ?? 'input');
    const problem = findUnstorable(value, root);
    if (problem) throw badInput(problem.field, problem.message);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      const [first, ...rest] = problems.length ? problems : [{ field: 'input', message: 'is invalid' }];
      return badInput(first.field, first.message, rest);
    },
  });
}
