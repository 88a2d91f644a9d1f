import { useEffect, useId, useRef, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { Button } from '../../../design/Button';
import { ErrorSummary, type FormProblem } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { readFragment } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { RecordReceipt } from '../../record/components/RecordReceipt';
import record from '../../record/components/Record.module.css';
import { toReceiptFile } from '../../record/lib/receipt-file';
import { CommentReceipt } from '../../record/operations';
import type { OwnCommentData } from '../operations';
import { Answer, AnchorLine, CommentDate, Suggestion } from './display';
import { problemMessage } from './problems';
import styles from './Comment.module.css';
import own from './OwnComment.module.css';

export type OwnStatus = 'PENDING' | 'PUBLISHED' | 'REJECTED' | 'WITHDRAWN' | 'HIDDEN';

export const statusOf = (c: OwnCommentData): OwnStatus => (c.withdrawnAt ? 'WITHDRAWN' : c.state === 'PUBLISHED' && c.hidden ? 'HIDDEN' : c.state);

interface Actions {
  /** Saves an edit; resolves to the error, if any. */
  edit: (body: string, suggestion: string | null | undefined) => Promise<{ error?: CombinedError; comment?: OwnCommentData | null }>;
  withdraw: () => Promise<{ error?: CombinedError }>;
}

/** One of the person's own comments: its status, where it was made, its text and answer, and (while the period is open) edit and withdraw. */
export function OwnCommentView({ comment, actions, headingLevel = 2 }: { comment: OwnCommentData; actions: Actions; headingLevel?: 2 | 3 }) {
  const t = useT();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const status = statusOf(comment);
  const open = comment.period.status === 'OPEN';
  const changeable = open && status !== 'WITHDRAWN';
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const editButton = useRef<HTMLButtonElement>(null);

  return (
    <article aria-labelledby={titleId} className={own.item}>
      <H id={titleId} className={own.title}>
        {comment.parentId ? t('comments.mine.reply') : null}
        {comment.parentId ? ' · ' : null}
        <Link to={`/comment-periods/${comment.period.id}`}>
          <FormattedMessage id="comments.mine.in" values={{ title: <bdi>{comment.period.title}</bdi> }} />
        </Link>
      </H>
      <dl className={own.facts}>
        <div>
          <dt>{t('comments.status.label')}</dt>
          <dd>
            <strong className={[own.status, own[`s_${status}`]].join(' ')}>{t(`comments.status.${status}`)}</strong>
            {status === 'PENDING' ? <span className={own.statusHint}> {t('comments.status.pendingHint')}</span> : null}
            {status === 'REJECTED' ? <span className={own.statusHint}> {t('comments.status.rejectedHint')}</span> : null}
          </dd>
        </div>
        {comment.trackingNumber ? (
          <div>
            <dt>{t('comments.guest.tracking')}</dt>
            <dd className={own.tracking}>{comment.trackingNumber}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('comments.guest.submitted')}</dt>
          <dd>
            <CommentDate iso={comment.createdAt} timeZone={comment.period.timeZone} />
            {comment.editCount > 0 ? (
              <>
                {' '}
                <span className={styles.tag}>{t('comments.comment.edited')}</span>
              </>
            ) : null}
          </dd>
        </div>
      </dl>
      {comment.parentId ? null : <AnchorLine anchor={comment.anchor} language={comment.language} />}
      {editing ? (
        <EditForm
          comment={comment}
          save={async (body, suggestion) => {
            const result = await actions.edit(body, suggestion);
            if (!result.error) {
              setEditing(false);
              setNotice(result.comment?.state === 'PENDING' ? t('comments.edit.savedHeld') : t('comments.edit.saved'));
              requestAnimationFrame(() => editButton.current?.focus());
            }
            return result.error;
          }}
          cancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      ) : (
        <>
          <Suggestion text={comment.suggestion} language={comment.language} />
          <div className={styles.body} dir="auto" lang={comment.language}>
            {comment.body.split(/\n{2,}/).map((para, i) => (
              <p key={i} className={own.para}>
                {para}
              </p>
            ))}
          </div>
        </>
      )}
      <Answer answer={comment.answer} />
      {comment.recordReceipt ? (
        <details className={record.disclosure}>
          <summary>{t('record.receipt.show')}</summary>
          <RecordReceipt file={toReceiptFile(readFragment(CommentReceipt, comment.recordReceipt))} headingLevel={headingLevel === 2 ? 3 : 4} />
        </details>
      ) : null}
      <p role="status" className={styles.done}>
        {notice}
      </p>
      {withdrawError ? (
        <p role="alert" className={own.error}>
          {withdrawError}
        </p>
      ) : null}
      {changeable && !editing ? (
        <div className={styles.actions}>
          <button ref={editButton} type="button" className={[own.action].join(' ')} onClick={() => (setEditing(true), setNotice(null))}>
            {t('comments.edit.open')}
          </button>
          <WithdrawButton
            withdraw={async () => {
              const result = await actions.withdraw();
              if (result.error) setWithdrawError(problemMessage(result.error, t).message);
              else setNotice(t('comments.withdraw.done'));
            }}
          />
        </div>
      ) : null}
      {!open && status !== 'WITHDRAWN' ? <p className={own.statusHint}>{t('comments.mine.periodClosed')}</p> : null}
    </article>
  );
}

function EditForm({ comment, save, cancel }: { comment: OwnCommentData; save: (body: string, suggestion: string | null | undefined) => Promise<CombinedError | undefined>; cancel: () => void }) {
  const t = useT();
  const bodyId = useId();
  const suggestionId = useId();
  const [body, setBody] = useState(comment.body);
  const [suggestion, setSuggestion] = useState(comment.suggestion ?? '');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const topLevel = !comment.parentId;

  const submit = async () => {
    setGeneral(null);
    const found: FormProblem[] = [];
    if (!body.trim()) found.push({ fieldId: bodyId, message: t('comments.edit.bodyRequired') });
    else if (body.length > 20000) found.push({ fieldId: bodyId, message: t('comments.edit.bodyTooLong') });
    setProblems(found);
    if (found.length) return;
    setSaving(true);
    const nextSuggestion = topLevel ? (suggestion.trim() ? suggestion : comment.suggestion ? null : undefined) : undefined;
    const error = await save(body, nextSuggestion);
    setSaving(false);
    if (error) {
      const problem = problemMessage(error, t);
      if (problem.field === 'body') setProblems([{ fieldId: bodyId, message: problem.message }]);
      else if (problem.field === 'suggestion') setProblems([{ fieldId: suggestionId, message: problem.message }]);
      else setGeneral(problem.message);
    }
  };
  const errorFor = (id: string) => problems.find((p) => p.fieldId === id)?.message ?? null;

  return (
    <form
      noValidate
      className={own.form}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <fieldset className={own.fieldset}>
        <legend className={own.legend}>{t('comments.edit.legend')}</legend>
        <ErrorSummary problems={problems} general={general} />
        <Field id={bodyId} label={t('comments.edit.body')} error={errorFor(bodyId)}>
          <textarea ref={first} rows={6} value={body} onChange={(e) => setBody(e.target.value)} dir="auto" lang={comment.language} />
        </Field>
        {topLevel ? (
          <Field id={suggestionId} label={t('comments.edit.suggestion')} hint={t('comments.edit.suggestionHint')} error={errorFor(suggestionId)}>
            <textarea rows={3} value={suggestion} onChange={(e) => setSuggestion(e.target.value)} dir="auto" lang={comment.language} />
          </Field>
        ) : null}
        <div className={styles.actions}>
          <Button type="submit" disabled={saving}>
            {t('comments.edit.save')}
          </Button>
          <Button variant="quiet" onClick={cancel}>
            {t('comments.edit.cancel')}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}

/** Withdraw, confirmed in a modal dialog (React Aria: focus kept inside, Escape closes, focus returns). */
function WithdrawButton({ withdraw }: { withdraw: () => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button type="button" className={[own.action, own.danger].join(' ')} onClick={() => setOpen(true)}>
        {t('comments.withdraw.open')}
      </button>
      <ModalOverlay isOpen={open} onOpenChange={setOpen} isDismissable className={own.overlay}>
        <Modal className={own.modal}>
          <Dialog role="alertdialog" className={own.dialog}>
            {({ close }) => (
              <>
                <Heading slot="title" className={own.dialogTitle}>
                  {t('comments.withdraw.title')}
                </Heading>
                <p>{t('comments.withdraw.body')}</p>
                <div className={styles.actions}>
                  <Button
                    variant="warning"
                    disabled={busy}
                    onClick={async () => {
                      setBusy(true);
                      await withdraw();
                      setBusy(false);
                      close();
                    }}
                  >
                    {t('comments.withdraw.confirm')}
                  </Button>
                  <Button variant="secondary" autoFocus onClick={close}>
                    {t('comments.withdraw.cancel')}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}
