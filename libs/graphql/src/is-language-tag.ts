import { type ValidationOptions, registerDecorator } from 'class-validator';

/** True for a well-formed BCP 47 language tag (as Intl understands them: `en`, `fr-CA`, `zh-Hant`). */
export function isLanguageTag(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export function IsLanguageTag(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isLanguageTag',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: 'must be a BCP 47 language tag such as en, fr or es-419', ...options },
      validator: { validate: isLanguageTag },
    });
}
