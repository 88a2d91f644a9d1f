import type { MessageId } from '../../i18n/t';

/**
 * The API's enums in the reader's language: `label(t, 'kind', 'DC')`. Unknown values (a newer API)
 * fall back to the raw value rather than throwing.
 */
export type LabelSet = 'kind' | 'status' | 'group' | 'region' | 'gender' | 'role' | 'docKind' | 'periodKind' | 'periodStatus' | 'criterion';

export function label(t: (id: MessageId) => string, set: LabelSet, value: string): string {
  if (value === 'NOT_STATED') return t('workstreams.notStated');
  const id = `workstreams.${set}.${value}`;
  try {
    const text = t(id as MessageId);
    return text === id ? value : text;
  } catch {
    return value;
  }
}

export const KINDS = ['BPF', 'PN', 'DC'] as const;
export const STATUSES = ['ACTIVE', 'PROPOSED', 'INACTIVE', 'CONCLUDED', 'DECLINED'] as const;
