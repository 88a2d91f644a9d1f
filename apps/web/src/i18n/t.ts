import { type ReactNode, useCallback } from 'react';
import { useIntl } from 'react-intl';

declare global {
  /**
   * Every message id the app knows, merged from each feature's `messages/ids.d.ts` (which lists the
   * keys of that feature's English file): a misspelt id is a compile error.
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppMessages {}
}

export type MessageId = keyof AppMessages & string;
type Value = string | number | boolean | Date | null | undefined;

/** `t('consultation.deadline', { date })`: an ICU message in the reader's language. */
export function useT(): (id: MessageId, values?: Record<string, Value>) => string {
  const intl = useIntl();
  return useCallback((id, values) => intl.formatMessage({ id }, values), [intl]);
}

/** Rich messages: `tRich('x', { link: (chunks) => <a href="…">{chunks}</a> })`. */
export function useTRich(): (id: MessageId, values: Record<string, Value | ((chunks: ReactNode[]) => ReactNode)>) => ReactNode {
  const intl = useIntl();
  return useCallback((id, values) => intl.formatMessage({ id }, values as never) as ReactNode, [intl]);
}
