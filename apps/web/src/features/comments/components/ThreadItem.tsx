import { type CSSProperties, forwardRef, type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useClient, useMutation } from 'urql';
import { useSession } from '../../account/session/use-session';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { readFragment } from '../../../graphql/graphql';
import { useLocale } from '../../../i18n/I18nProvider';
import { newClientKey } from '../../../graphql/client-key';
import { useT } from '../../../i18n/t';
import { REPLIES, REPLY, ThreadComment, type ThreadCommentData } from '../operations';
import { problemMessage } from './problems';
import { ReportControl } from './ReportControl';
import { Answer, AnchorLine, CommentDate, groupId, Suggestion } from './display';
import styles from './Comment.module.css';


/** Byline, date, passage, suggestion, body and answer of one comment or reply. */
function CommentContent({ comment, nameId, reply }: { comment: ThreadCommentData; nameId: string; reply?: boolean }) {
  const t = useT();
  const c = comment.commenter;
  return (
    <>
      <header className={styles.byline}>
        <p className={styles.author}>
          <span id={nameId} className={styles.name}>
            {c.name}
          </span>
          {c.guest ? <span className={styles.tag}>{t('comments.comment.guest')}</span> : null}
          {comment.official ? <span className={[styles.tag, styles.official].join(' ')}>{t('comments.comment.official')}</span> : null}
        </p>
        <p className={styles.meta}>
          {[c.organisation ? (c.speakingFor === 'ORGANISATION' ? t('comments.comment.speakingForOrganisation', { organisation: c.organisation }) : c.organisation) : null, t(groupId(c.stakeholderGroup))]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <p className={styles.meta}>
          <CommentDate iso={comment.createdAt} />
          {comment.editCount > 0 ? <span className={styles.tag}>{t('comments.comment.edited')}</span> : null}
          {comment.late ? <span className={styles.tag}>{t('comments.comment.late')}</span> : null}
        </p>
      </header>
      {reply ? null : <AnchorLine anchor={comment.anchor} language={comment.language} />}
      <Suggestion text={comment.suggestion} language={comment.language} />
      <div className={styles.body} dir="auto" lang={comment.language} dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      <Answer answer={comment.answer} />
    </>
  );
}

interface ThreadItemProps {
  comment: ThreadCommentData;
  index: number;
  setSize: number;
  /** Replies that arrived live for this comment. */
  liveReplies: ThreadCommentData[];
  canReply: 'yes' | 'sign-in' | 'no';
  style: CSSProperties;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/** One comment of the feed: a focusable article that knows its place in the whole list. */
export const ThreadItem = forwardRef<HTMLElement, ThreadItemProps>(function ThreadItem({ comment, index, setSize, liveReplies, canReply, style, onKeyDown }, ref) {
  const nameId = useId();
  return (
    <article ref={ref} data-index={index} aria-posinset={index + 1} aria-setsize={setSize} aria-labelledby={nameId} tabIndex={0} className={styles.item} style={style} onKeyDown={onKeyDown}>
      <div className={styles.card}>
        <CommentContent comment={comment} nameId={nameId} />
        <Replies comment={comment} liveReplies={liveReplies} canReply={canReply} />
      </div>
    </article>
  );
});

/** "Show 3 replies": a disclosure that loads the replies when first opened. */
function Replies({ comment, liveReplies, canReply }: { comment: ThreadCommentData; liveReplies: ThreadCommentData[]; canReply: 'yes' | 'sign-in' | 'no' }) {
  const t = useT();
  const client = useClient();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<{ items: ThreadCommentData[]; endCursor: string | null; hasNext: boolean } | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [own, setOwn] = useState<ThreadCommentData[]>([]);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setFailed(false);
      const result = await client.query(REPLIES, { id: comment.id, first: 50, after }, { requestPolicy: 'network-only' }).toPromise();
      setLoading(false);
      const page = result.data?.comment.replies;
      if (!page) {
        setFailed(true);
        return;
      }
      const items = page.edges.map((e) => readFragment(ThreadComment, e.node));
      setLoaded((prev) => ({ items: [...(prev?.items ?? []), ...items], endCursor: page.pageInfo.endCursor ?? null, hasNext: page.pageInfo.hasNextPage }));
    },
    [client, comment.id],
  );

  useEffect(() => {
    if (open && !loaded && !loading) void load(null);
  }, [open, loaded, loading, load]);

  const seen = new Set<string>();
  const replies = [...(loaded?.items ?? []), ...own, ...liveReplies].filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  const count = Math.max(comment.replyCount, seen.size);

  return (
    <div className={styles.replies}>
      <div className={styles.actions}>
        {count > 0 ? (
          <button type="button" className={styles.disclosure} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            <span aria-hidden="true" className={[styles.chevron, open ? styles.chevronOpen : 'mirror-rtl'].join(' ')}>
              ›
            </span>
            {open ? t('comments.replies.hide', { count }) : t('comments.replies.show', { count })}
          </button>
        ) : null}
        {canReply !== 'no' ? <ReplyForm comment={comment} canReply={canReply} onReplied={(r) => (setOwn((o) => [...o, r]), setOpen(true))} /> : null}
        <ReportControl comment={comment} />
      </div>
      <div id={panelId} hidden={!open}>
        {open ? (
          <>
            {loading && !loaded ? <p role="status">{t('comments.replies.loading')}</p> : null}
            {failed ? (
              <p role="alert">
                {t('comments.thread.loadFailed')}{' '}
                <Button variant="secondary" onClick={() => void load(loaded?.endCursor ?? null)}>
                  {t('comments.thread.retry')}
                </Button>
              </p>
            ) : null}
            <ol className={styles.replyList} aria-label={t('comments.replies.label', { name: comment.commenter.name })}>
              {replies.map((reply) => (
                <ReplyItem key={reply.id} reply={reply} />
              ))}
            </ol>
            {loaded?.hasNext ? (
              <Button variant="secondary" disabled={loading} onClick={() => void load(loaded.endCursor)}>
                {t('comments.replies.more')}
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}

function ReplyItem({ reply }: { reply: ThreadCommentData }) {
  const nameId = useId();
  return (
    <li>
      <article aria-labelledby={nameId} className={styles.reply}>
        <CommentContent comment={reply} nameId={nameId} reply />
        <ReportControl comment={reply} className={styles.actions} />
      </article>
    </li>
  );
}

function ReplyForm({ comment, canReply, onReplied }: { comment: ThreadCommentData; canReply: 'yes' | 'sign-in'; onReplied: (reply: ThreadCommentData) => void }) {
  const t = useT();
  const location = useLocation();
  const { locale } = useLocale();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [consent, setConsent] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const clientKey = useRef(newClientKey());
  const [{ fetching }, reply] = useMutation(REPLY);
  const bodyId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (open) textarea.current?.focus();
  }, [open]);

  if (canReply === 'sign-in' || !session) {
    return (
      <Link className={styles.actionLink} to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>
        {t('comments.reply.signIn')}
      </Link>
    );
  }
  if (!open) {
    return (
      <>
        <Button variant="secondary" onClick={() => (setOpen(true), setDone(null))}>
          {t('comments.reply.open')}
        </Button>
        {done ? (
          <p role="status" className={styles.done}>
            {done}
          </p>
        ) : null}
      </>
    );
  }
  const submit = async () => {
    setGeneral(null);
    if (!body.trim()) {
      setError(t('comments.reply.bodyRequired'));
      return;
    }
    setError(null);
    const result = await reply({
      input: { commentId: comment.id, body, language: locale, speakingFor: 'PERSONAL', consentToPublish: consent, clientKey: clientKey.current },
    });
    if (result.error || !result.data) {
      const problem = problemMessage(result.error, t);
      if (problem.field === 'body') setError(problem.message);
      else setGeneral(problem.message);
      return;
    }
    const made = result.data.replyToComment;
    clientKey.current = newClientKey();
    setBody('');
    setOpen(false);
    setDone(made.state === 'PUBLISHED' ? t('comments.reply.sent') : t('comments.reply.held'));
    if (made.state === 'PUBLISHED') onReplied(readFragment(ThreadComment, made));
  };
  return (
    <form
      className={styles.replyForm}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary problems={error ? [{ fieldId: bodyId, message: error }] : []} general={general} />
      <Field id={bodyId} label={t('comments.reply.body')} hint={t('comments.reply.bodyHint')} error={error}>
        <textarea ref={textarea} rows={4} value={body} onChange={(e) => setBody(e.target.value)} dir="auto" lang={locale} maxLength={20000} />
      </Field>
      <label className={styles.checkbox}>
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        {t('comments.reply.consent')}
      </label>
      <div className={styles.actions}>
        <Button type="submit" disabled={fetching}>
          {t('comments.reply.send')}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t('comments.reply.cancel')}
        </Button>
      </div>
    </form>
  );
}
