import { useT } from '../i18n/t';

/** A polite, announced placeholder while a page or its data loads. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p role="status" aria-live="polite">
      {label ?? t('shell.loading')}
    </p>
  );
}
