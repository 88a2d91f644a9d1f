import { type ValidationError, ValidationPipe } from '@nestjs/common';
import { type FieldProblem, badInput } from './app-error';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Validates every input type with its class-validator decorators and reports failures as
 * BAD_USER_INPUT naming each offending field, before any service runs (so nothing is written).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
