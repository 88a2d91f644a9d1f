import type { CombinedError } from 'urql';
import type { FormProblem } from '../../../design/ErrorSummary';
import { errorCode, fieldProblems } from '../../../graphql/errors';

/** Problems by field id, in the order the fields appear (the error summary lists them so). */
export type Problems = Record<string, string>;

export const toSummary = (problems: Problems, order: readonly string[]): FormProblem[] =>
  order.filter((id) => problems[id]).map((id) => ({ fieldId: id, message: problems[id] ?? '' }));

/** The API's field name (`input.email` or `email`) without its path. */
const lastSegment = (field: string) => field.split('.').at(-1) ?? field;

/**
 * The field problems of a BAD_USER_INPUT error, each turned into the reader's language by `say`
 * (which gets the API field and its English message, e.g. "is too easy to guess (…)"); fields `say`
 * does not know are dropped and reported through `unknown`.
 */
export function serverProblems(error: CombinedError | undefined, say: (field: string, apiMessage: string) => [fieldId: string, message: string] | null): { problems: Problems; unknown: boolean } {
  const problems: Problems = {};
  let unknown = false;
  const listed = fieldProblems(error);
  const single = error?.graphQLErrors[0]?.extensions?.['field'];
  const all = listed.length ? listed : typeof single === 'string' ? [{ field: single, message: error?.graphQLErrors[0]?.message ?? '' }] : [];
  for (const { field, message } of all) {
    const said = say(lastSegment(field), message);
    if (said) problems[said[0]] = said[1];
    else unknown = true;
  }
  return { problems, unknown };
}

/** Seconds to wait, from a RATE_LIMITED error. */
export function retryAfterSeconds(error: CombinedError | undefined): number {
  const value = error?.graphQLErrors[0]?.extensions?.['retryAfterSeconds'];
  return typeof value === 'number' && value > 0 ? value : 60;
}

export { errorCode };

/** The kind of problem the API found with a new password (its message is English; we only classify it). */
export function passwordProblem(apiMessage: string): 'short' | 'long' | 'guessable' {
  if (/at least/.test(apiMessage)) return 'short';
  if (/at most/.test(apiMessage)) return 'long';
  return 'guessable';
}

/** The zxcvbn hint inside "is too easy to guess (hint)", for English readers. */
export const passwordHint = (apiMessage: string): string | null => /\((.+)\)\s*$/.exec(apiMessage)?.[1] ?? null;

export const isEmailAddress = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
