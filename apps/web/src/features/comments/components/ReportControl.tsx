import { type FormEvent, useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { ChoiceGroup, Field } from '../../../design/Field';
import { useFocusFollows } from '../../../design/use-focus-follows';
import { errorCode } from '../../../graphql/errors';
import { type MessageId, useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { REPORT, type ThreadCommentData } from '../operations';
import styles from './Comment.module.css';

const REASONS = ['HARASSMENT', 'HATE_SPEECH', 'PERSONAL_ATTACK', 'SPAM', 'OFF_TOPIC', 'PRIVACY', 'OTHER'] as const;
type Reason = (typeof REASONS)[number];

/**
 * "Report…" under a comment or reply, for a signed-in reader who did not write it: why (the Code of
 * Conduct's grounds) and an optional note, to the facilitators' moderation queue. Nothing changes for
 * the public until a facilitator decides; the reader is told so.
 */
export function ReportControl({ comment, className }: { comment: ThreadCommentData; className?: string }) {
  const t = useT();
  const session = useSession();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<Reason | null>(null);
  const [note, setNote] = useState('');
  /** 'reason': none chosen; any other text is about the whole form. */
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching }, report] = useMutation(REPORT);
  const opener = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFollows(open, formRef, opener);

  if (!session || comment.commenter.userId === session.user.id) return null;
  if (!open) {
    return (
      <div className={className ?? styles.inline}>
        <Button ref={opener} variant="quiet" onClick={() => (setOpen(true), setDone(null))}>
          {t('comments.report.open')}
        </Button>
        {done ? (
          <p role="status" className={styles.done}>
            {done}
          </p>
        ) : null}
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      setProblem('reason');
      return;
    }
    const result = await report({ id: comment.id, reason, note: note.trim() || null });
    const code = errorCode(result.error);
    if (result.data?.flagComment || code === 'CONFLICT') {
      setOpen(false);
      setReason(null);
      setNote('');
      setProblem(null);
      setDone(code === 'CONFLICT' ? t('comments.report.already') : t('comments.report.sent'));
      return;
    }
    setProblem(code === 'NETWORK' ? t('comments.error.network') : t('comments.report.failed', { code: code ?? 'NETWORK' }));
  };

  const reasonMissing = problem === 'reason';
  return (
    <form ref={formRef} className={styles.replyForm} noValidate onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} aria-label={t('comments.report.label', { name: comment.commenter.name })}>
      <ErrorSummary problems={reasonMissing ? [{ fieldId: `${id}-reason`, message: t('comments.report.reasonMissing') }] : []} general={reasonMissing ? null : problem} />
      <ChoiceGroup legend={t('comments.report.reason')} hint={t('comments.report.hint')} error={reasonMissing ? t('comments.report.reasonMissing') : null} id={`${id}-reason`}>
        {REASONS.map((r) => (
          <label key={r}>
            <input type="radio" name={`${id}-r`} value={r} checked={reason === r} onChange={() => setReason(r)} />
            <span>{t(`comments.report.reasons.${r}` as MessageId)}</span>
          </label>
        ))}
      </ChoiceGroup>
      <Field id={`${id}-note`} label={t('comments.report.note')} hint={t('comments.report.noteHint')}>
        <textarea rows={3} dir="auto" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" disabled={fetching}>
          {t('comments.report.send')}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t('comments.reply.cancel')}
        </Button>
      </div>
    </form>
  );
}
