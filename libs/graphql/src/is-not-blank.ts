import { Transform } from 'class-transformer';
import { type ValidationOptions, registerDecorator } from 'class-validator';

/** White space and the invisible characters that render as nothing (zero-width space, joiners, word joiner). */
const BLANK = /^[\s\u180e\u200b-\u200d\u2060]*$/u;

export function isNotBlank(value: unknown): boolean {
  return typeof value === 'string' && !BLANK.test(value);
}

/**
 * A name, title or text must show something: refuses strings of only white space or invisible
 * characters (BAD_USER_INPUT naming the field). Leaves null and undefined to `@IsOptional()`.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: 'must not be blank', ...options },
      validator: {
        validate: (value: unknown) => (Array.isArray(value) ? value.every(isNotBlank) : isNotBlank(value)),
      },
    });
}

/** Drops leading and trailing white space of a one-line name or title before it is validated and stored. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value,
  );
}
