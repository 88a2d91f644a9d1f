import type { CombinedError } from 'urql';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import type { useT } from '../../../i18n/t';

/** An API error as a sentence that says what to do, and the form field it belongs to when it names one. */
export function problemMessage(error: CombinedError | undefined, t: ReturnType<typeof useT>): { field: string | null; message: string } {
  const fields = fieldProblems(error);
  const first = fields[0];
  if (first) {
    const field = first.field.split('.').pop() ?? first.field;
    if (field === 'body') return { field, message: /long|most|characters/i.test(first.message) ? t('comments.edit.bodyTooLong') : t('comments.edit.bodyRequired') };
    if (field === 'suggestion') return { field, message: first.message };
  }
  switch (errorCode(error)) {
    case 'NETWORK':
      return { field: null, message: t('comments.error.network') };
    case 'RATE_LIMITED':
      return { field: null, message: t('comments.error.rateLimited') };
    case 'COMMENT_PERIOD_CLOSED':
    case 'COMMENT_PERIOD_NOT_OPEN':
      return { field: null, message: t('comments.error.closed') };
    default:
      return { field: null, message: t('comments.error.generic') };
  }
}
