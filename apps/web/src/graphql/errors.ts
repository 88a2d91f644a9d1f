import type { CombinedError } from 'urql';

export interface FieldProblem {
  /** The input path the API names, e.g. `email` or `input.body`. */
  field: string;
  message: string;
}

/** The stable `extensions.code` of the first GraphQL error (or NETWORK when the request never arrived). */
export function errorCode(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  if (error.networkError) return 'NETWORK';
  const code = error.graphQLErrors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** The fields a BAD_USER_INPUT error names (`extensions.fields`), last path segment first-class. */
export function fieldProblems(error: CombinedError | undefined | null): FieldProblem[] {
  const fields = error?.graphQLErrors[0]?.extensions?.['fields'];
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is FieldProblem => typeof f?.field === 'string' && typeof f?.message === 'string');
}
