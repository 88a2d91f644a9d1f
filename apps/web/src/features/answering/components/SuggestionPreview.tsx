import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { wordDiff } from '../../versions/word-diff';
import { APPLY, type BoardComment } from '../operations';
import styles from './Board.module.css';

interface SuggestionPreviewProps {
  comment: BoardComment;
  onApplied: (fields: Partial<BoardComment>) => void;
  onCancel: () => void;
}

/**
 * The suggested wording against today's text of the passage, word by word, before it goes into the
 * live draft (connected editors see it arrive). When the passage was edited since the comment, the
 * facilitator confirms having read today's text; a passage no longer in the draft cannot take it.
 */
export function SuggestionPreview({ comment, onApplied, onCancel }: SuggestionPreviewProps) {
  const t = useT();
  const id = useId();
  const live = comment.liveAnchor;
  const [changed, setChanged] = useState(live?.status === 'CHANGED');
  const [confirmed, setConfirmed] = useState(false);
  const [response, setResponse] = useState('');
  /** 'confirm': the confirmation is missing; any other text is a problem with the whole form. */
  const [problem, setProblem] = useState<string | null>(null);
  const confirmMissing = problem === 'confirm';
  const [today, setToday] = useState(live?.text ?? comment.anchor?.quote?.exact ?? '');
  const [{ fetching }, apply] = useMutation(APPLY);
  const suggestion = comment.suggestion ?? '';

  if (live?.status === 'ORPHANED') {
    return (
      <div className={styles.form} role="note">
        <p>{t('answering.apply.orphaned')}</p>
        <Button variant="quiet" onClick={onCancel}>
          {t('answering.form.cancel')}
        </Button>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (changed && !confirmed) return setProblem('confirm');
    const result = await apply({ id: comment.id, confirmChanged: changed, response: response.trim() || null });
    const applied = result.data?.applySuggestion;
    if (applied) return onApplied({ suggestionAppliedAt: applied.suggestionAppliedAt, liveAnchor: applied.liveAnchor, answer: applied.answer });
    const code = errorCode(result.error);
    if (code === 'ANCHOR_CHANGED') {
      // edited while the preview was open: show today's text and ask again
      const current = result.error?.graphQLErrors[0]?.extensions?.['currentText'];
      if (typeof current === 'string') setToday(current);
      setChanged(true);
      setConfirmed(false);
      return setProblem(t('answering.apply.changedMeanwhile'));
    }
    setProblem(code === 'ANCHOR_ORPHANED' ? t('answering.apply.orphaned') : t('answering.form.failed', { code: code ?? 'NETWORK' }));
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={t('answering.apply.label', { name: comment.commenter.name })}>
      <ErrorSummary problems={confirmMissing ? [{ fieldId: `${id}-confirm`, message: t('answering.apply.confirmMissing') }] : []} general={confirmMissing ? null : problem} />
      <h4 className={styles.previewTitle}>{t('answering.apply.preview')}</h4>
      <p className={styles.diff} dir="auto" lang={comment.language}>
        {wordDiff(today, suggestion).map((part, i) =>
          part.kind === 'same' ? (
            <span key={i}>{part.text}</span>
          ) : part.kind === 'removed' ? (
            <del key={i} aria-label={t('answering.apply.removed', { text: part.text })}>
              {part.text}
            </del>
          ) : (
            <ins key={i} aria-label={t('answering.apply.added', { text: part.text })}>
              {part.text}
            </ins>
          ),
        )}
      </p>
      {changed ? (
        <div className={styles.warning}>
          <p>{t('answering.apply.changed')}</p>
          <label className={styles.check}>
            <input id={`${id}-confirm`} type="checkbox" checked={confirmed} aria-invalid={confirmMissing || undefined} onChange={(e) => setConfirmed(e.target.checked)} />
            <span>{t('answering.apply.confirm')}</span>
          </label>
        </div>
      ) : null}
      <Field label={t('answering.apply.response')} hint={t('answering.apply.responseHint')}>
        <textarea rows={2} dir="auto" value={response} onChange={(e) => setResponse(e.target.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" disabled={fetching}>
          {t('answering.apply.submit')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('answering.form.cancel')}
        </Button>
      </div>
    </form>
  );
}
