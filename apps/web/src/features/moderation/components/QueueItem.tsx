import { type FormEvent, forwardRef, type KeyboardEvent, useId, useRef, useState } from 'react';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import type { MessageId } from '../../../i18n/t';
import { useT } from '../../../i18n/t';
import { AnchorLine, CommentDate, groupId, Suggestion } from '../../comments/components/display';
import type { QueueComment, View } from '../operations';
import styles from './Moderation.module.css';

/** What a facilitator can do with a comment in each view; the key is its keyboard shortcut. */
export type Action = 'approve' | 'reject' | 'keep' | 'hide' | 'unhide';
const ACTIONS: Record<View, Action[]> = { waiting: ['approve', 'reject'], reported: ['keep', 'hide'], hidden: ['unhide'] };
const SHORTCUT: Record<Action, string> = { approve: 'a', reject: 'r', keep: 'k', hide: 'h', unhide: 'u' };
/** Actions that ask for a reason, which the record keeps. */
const ASKS_REASON: ReadonlySet<Action> = new Set(['reject', 'keep', 'hide', 'unhide']);
/** Of those, the ones that may go without: keeping a comment (the reports were unfounded) needs no explaining. */
const REASON_OPTIONAL: ReadonlySet<Action> = new Set(['keep']);
/** Actions that leave the comment public. */
const PUBLIC_AFTER: ReadonlySet<Action> = new Set(['approve', 'keep', 'unhide']);

interface QueueItemProps {
  comment: QueueComment;
  view: View;
  index: number;
  count: number;
  busy: boolean;
  onAct: (action: Action, reason: string | null) => Promise<string | null>;
  onMove: (step: 1 | -1) => void;
}

/**
 * One comment in the queue: who, why it is here (held, reported, hidden), where, what it says; the
 * actions as buttons and as one-key shortcuts while the comment has focus (A approve, R reject, K keep,
 * H hide, U unhide; a reason is asked for where the record keeps one, optional for keeping), Page Down /
 * Page Up to move.
 */
export const QueueItem = forwardRef<HTMLElement, QueueItemProps>(function QueueItem({ comment, view, index, count, busy, onAct, onMove }, ref) {
  const t = useT();
  const nameId = useId();
  const whyId = useId();
  const reasonId = useId();
  const [asking, setAsking] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const c = comment.commenter;
  const m = comment.moderation;

  const start = (action: Action) => {
    setProblem(null);
    if (!ASKS_REASON.has(action)) return void act(action, null);
    setAsking(action);
    requestAnimationFrame(() => reasonRef.current?.focus());
  };
  const act = async (action: Action, given: string | null) => {
    const failed = await onAct(action, given);
    if (failed) setProblem(failed);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!asking) return;
    const given = reason.trim();
    if (!given && !REASON_OPTIONAL.has(asking)) return setProblem(t('moderation.reasonMissing'));
    void act(asking, given || null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      return onMove(event.key === 'PageDown' ? 1 : -1);
    }
    const action = ACTIONS[view].find((a) => SHORTCUT[a] === event.key.toLowerCase());
    if (action && !busy) {
      event.preventDefault();
      start(action);
    }
  };

  return (
    <article ref={ref} tabIndex={0} data-comment-id={comment.id} data-index={index} aria-labelledby={nameId} aria-describedby={whyId} aria-posinset={index + 1} aria-setsize={count} className={styles.item} onKeyDown={onKeyDown}>
      <header>
        <p className={styles.byline}>
          <span id={nameId} className={styles.name} dir="auto">
            {c.name}
          </span>
          {c.guest ? <span className={styles.tag}>{t('moderation.guest')}</span> : null}
        </p>
        <p className={styles.meta}>
          {[c.organisation, t(groupId(c.stakeholderGroup))].filter(Boolean).join(' · ')} · <CommentDate iso={comment.createdAt} />
        </p>
      </header>
      <div id={whyId} className={styles.why}>
        {m?.heldReasonCode && view === 'waiting' ? <p>{t(`moderation.held.${m.heldReasonCode}` as MessageId)}</p> : null}
        {m?.flags.length ? (
          <p>
            {t('moderation.reported', { count: m.flags.reduce((n, f) => n + f.count, 0) })}{' '}
            {m.flags.map((f) => t('moderation.flag', { reason: t(`moderation.flagReason.${f.reason}` as MessageId), count: f.count })).join(', ')}
          </p>
        ) : null}
        {view === 'hidden' && m?.hiddenReason ? <p dir="auto">{t('moderation.hiddenBecause', { reason: m.hiddenReason })}</p> : null}
      </div>
      <AnchorLine anchor={comment.anchor} language={comment.language} />
      <Suggestion text={comment.suggestion} language={comment.language} />
      <div className={styles.body} dir="auto" lang={comment.language} dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      {comment.links.length ? (
        <details className={styles.links}>
          <summary>{t('moderation.links', { count: comment.links.length })}</summary>
          <ul>
            {comment.links.map((link) => (
              <li key={link} dir="ltr">
                {link}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {problem && !asking ? (
        <p role="alert" className={styles.problem}>
          {problem}
        </p>
      ) : null}
      {asking ? (
        <form className={styles.reasonForm} onSubmit={submit} noValidate>
          <Field label={t(`moderation.reasonFor.${asking}` as MessageId)} hint={t(asking === 'keep' ? 'moderation.keepHint' : 'moderation.reasonHint')} error={problem} id={reasonId}>
            <textarea ref={reasonRef} rows={2} dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className={styles.actions}>
            <Button type="submit" variant={PUBLIC_AFTER.has(asking) ? 'primary' : 'warning'} disabled={busy}>
              {t(`moderation.confirm.${asking}` as MessageId)}
            </Button>
            <Button variant="quiet" onClick={() => setAsking(null)}>
              {t('moderation.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className={styles.actions}>
          {ACTIONS[view].map((action) => (
            <Button key={action} variant={PUBLIC_AFTER.has(action) ? 'primary' : 'secondary'} disabled={busy} aria-keyshortcuts={SHORTCUT[action].toUpperCase()} onClick={() => start(action)}>
              {t(`moderation.action.${action}` as MessageId)}
            </Button>
          ))}
        </div>
      )}
    </article>
  );
});
