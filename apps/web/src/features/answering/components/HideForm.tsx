import { type FormEvent, useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { type BoardComment, HIDE } from '../operations';
import styles from './Board.module.css';

interface HideFormProps {
  comment: BoardComment;
  onHidden: (fields: Partial<BoardComment>) => void;
  onCancel: () => void;
}

/**
 * Hiding a comment from the board, with the reason the public sees in its place and the record keeps
 * (a spam post, personal data). Undone from the moderation queue's Hidden view, with a reason too.
 */
export function HideForm({ comment, onHidden, onCancel }: HideFormProps) {
  const t = useT();
  const id = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  /** 'reason': the reason is missing; any other text is a problem with the whole form. */
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, hide] = useMutation(HIDE);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const given = reason.trim();
    if (!given) {
      setProblem('reason');
      return reasonRef.current?.focus();
    }
    const result = await hide({ id: comment.id, reason: given });
    if (result.data?.hideComment) return onHidden({ hidden: result.data.hideComment.hidden });
    setProblem(t('answering.hide.failed', { code: errorCode(result.error) ?? 'NETWORK' }));
  };

  const reasonMissing = problem === 'reason';
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={t('answering.hide.label', { name: comment.commenter.name })}>
      <ErrorSummary problems={[]} general={reasonMissing ? null : problem} />
      <Field label={t('answering.hide.reason')} hint={t('answering.hide.hint')} error={reasonMissing ? t('answering.hide.reasonMissing') : null} id={`${id}-reason`}>
        <textarea ref={reasonRef} rows={2} dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" variant="warning" disabled={fetching}>
          {t('answering.hide.confirm')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('answering.form.cancel')}
        </Button>
      </div>
    </form>
  );
}
