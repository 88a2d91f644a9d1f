import { useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/t';
import styles from './design.module.css';

export interface FormProblem {
  /** The id of the control (or choice group) to move focus to. */
  fieldId: string;
  message: string;
}

/**
 * GOV.UK's error summary: at the top of the form, focused when it appears, each problem a link that
 * moves focus to its field. Also used for a form-wide problem (no field) such as "wrong password".
 */
export function ErrorSummary({ problems, general }: { problems: FormProblem[]; general?: string | null }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  // one id per summary: a page with two forms (the account page) may show two summaries at once
  const titleId = useId();
  const shown = problems.length > 0 || !!general;
  const key = `${general ?? ''}|${problems.map((p) => p.fieldId + p.message).join('|')}`;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, key]);
  if (!shown) return null;
  return (
    <div ref={ref} className={styles.errorSummary} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('shell.form.problem')}</h2>
      {general ? <p>{general}</p> : null}
      {problems.length ? (
        <ul>
          {problems.map((problem) => (
            <li key={problem.fieldId + problem.message}>
              <a
                href={`#${problem.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = document.getElementById(problem.fieldId);
                  const control = target?.matches('input, textarea, select, [tabindex]') ? target : target?.querySelector<HTMLElement>('input, textarea, select');
                  control?.focus();
                  target?.scrollIntoView({ block: 'center' });
                }}
              >
                {problem.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
