import { type CSSProperties, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { NotFound } from '../../../app/NotFound';
import { Button } from '../../../design/Button';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { graphql } from '../../../graphql/graphql';
import { useLocale } from '../../../i18n/I18nProvider';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { RecordHead } from '../../record/components/RecordHead';
import { DOCUMENT_LANGUAGE_QUERY, ME_QUERY, type Paragraph, PERIOD_QUERY, type SubmittedComment } from '../api';
import { CommentForm } from '../components/CommentForm';
import { PeriodSummary } from '../components/PeriodSummary';
import { Receipt } from '../components/Receipt';
import { useCommentDraft } from '../lib/draft';
import { BLOCK_ATTRIBUTE, type Passage, passageFromRange } from '../lib/passage';
import styles from './CommentPeriodPage.module.css';

// the comments feature (threads, live updates, virtualised lists) loads only when a thread is opened
const ParagraphThread = lazy(async () => ({ default: (await import('../../comments/ParagraphThread')).ParagraphThread }));

const COMMENT_ANCHOR = graphql(`
  query CommentPeriodLinkedComment($id: ID!) {
    comment(id: $id) {
      id
      anchor {
        kind
        startParagraph
      }
    }
  }
`);

/** A thread key: a paragraph number, or 0 for the whole document. */
type ThreadKey = number;

export function CommentPeriodPage() {
  const { periodId = '' } = useParams();
  const t = useT();
  const intl = useIntl();
  const { locale } = useLocale();
  const location = useLocation();
  const session = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: PERIOD_QUERY, variables: { id: periodId } });
  const period = data?.commentPeriod;
  const [{ data: docData }] = useQuery({ query: DOCUMENT_LANGUAGE_QUERY, variables: { id: period?.documentId ?? '' }, pause: !period?.documentId });
  const [{ data: meData }] = useQuery({ query: ME_QUERY, pause: !session });
  const docLanguage = docData?.document.language;
  usePageTitle(period?.title ?? t('consultation.title'));

  const { draft, update, clear } = useCommentDraft(periodId, locale);
  const [receipt, setReceipt] = useState<{ comment: SubmittedComment; email: string | null } | null>(null);
  const [open, setOpen] = useState<Set<ThreadKey>>(() => new Set());
  const formHeading = useRef<HTMLHeadingElement>(null);
  const receiptHeading = useRef<HTMLHeadingElement>(null);
  const article = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<{ passage: Passage; top: number; start: number } | null>(null);

  const blocks = useMemo(() => new Map((period?.paragraphs ?? []).filter((p) => p.blockId).map((p) => [p.blockId as string, { number: p.number, text: p.text }])), [period?.paragraphs]);

  // a text selection in the draft offers "Comment on this passage" beside it
  useEffect(() => {
    const onChange = () => {
      const root = article.current;
      const selection = document.getSelection();
      if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
        if (!document.activeElement?.closest('[data-selection-button]')) setPending(null);
        return;
      }
      const range = selection.getRangeAt(0);
      const passage = passageFromRange(root, range, blocks);
      if (!passage) return setPending(null);
      const box = range.getBoundingClientRect();
      const frame = root.getBoundingClientRect();
      const rtl = getComputedStyle(root).direction === 'rtl';
      setPending({ passage, top: box.bottom - frame.top + 8, start: Math.max(0, rtl ? frame.right - box.right : box.left - frame.left) });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [blocks]);

  const toForm = useCallback(() => {
    setReceipt(null);
    requestAnimationFrame(() => {
      formHeading.current?.scrollIntoView({ block: 'start' });
      formHeading.current?.focus({ preventScroll: true });
    });
  }, []);

  const commentOnPassage = () => {
    if (!pending) return;
    update({ target: 'SELECTION', passage: pending.passage });
    document.getSelection()?.removeAllRanges();
    setPending(null);
    toForm();
  };

  const toggle = useCallback((key: ThreadKey, force?: boolean) => {
    setOpen((current) => {
      const next = new Set(current);
      if (force ?? !next.has(key)) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  // e-mail links point at #comment-<id>: open the thread that holds it
  const linked = /^#comment-([0-9a-f-]{36})$/i.exec(location.hash)?.[1];
  const [{ data: linkedData }] = useQuery({ query: COMMENT_ANCHOR, variables: { id: linked ?? '' }, pause: !linked });
  useEffect(() => {
    const anchor = linkedData?.comment.anchor;
    if (!linkedData) return;
    const key = anchor && anchor.kind !== 'DOCUMENT' ? (anchor.startParagraph ?? 0) : 0;
    toggle(key, true);
    requestAnimationFrame(() => document.getElementById(`thread-${key}`)?.scrollIntoView({ block: 'start' }));
  }, [linkedData, toggle]);

  if (!period) {
    if (fetching || !error) return <Loading />;
    const code = errorCode(error);
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <NotFound />;
    return (
      <section>
        <h1>{t('consultation.title')}</h1>
        <p role="alert">{t('consultation.loadError')}</p>
        <Button variant="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          {t('consultation.retry')}
        </Button>
      </section>
    );
  }

  const onSubmitted = (comment: SubmittedComment, email: string | null) => {
    setReceipt({ comment, email });
    clear();
    refetch({ requestPolicy: 'network-only' });
    requestAnimationFrame(() => receiptHeading.current?.focus());
  };

  const isOpen = period.status === 'OPEN';
  const published = period.status === 'SYNTHESIS_PUBLISHED';
  const paragraphs = period.paragraphs;
  const responses = `/comment-periods/${encodeURIComponent(period.id)}/responses`;

  const thread = (key: ThreadKey) =>
    open.has(key) ? (
      <div id={`thread-${key}`} className={styles.thread}>
        <Suspense fallback={<Loading />}>
          <ParagraphThread periodId={period.id} blockId={key === 0 ? null : (paragraphs.find((p) => p.number === key)?.blockId ?? null)} paragraphNumber={key === 0 ? null : key} />
        </Suspense>
      </div>
    ) : null;

  const countButton = (p: Paragraph) =>
    p.commentCount > 0 && p.number > 0 ? (
      <button
        type="button"
        className={styles.count}
        aria-expanded={open.has(p.number)}
        aria-controls={open.has(p.number) ? `thread-${p.number}` : undefined}
        aria-label={t('consultation.paragraph.comments', { count: p.commentCount, number: p.number })}
        onClick={() => toggle(p.number)}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className={styles.bubble}>
          <path d="M2 2h12v9H6l-4 3z" fill="currentColor" />
        </svg>
        {intl.formatNumber(p.commentCount)}
      </button>
    ) : null;

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.kicker}>{t('consultation.kicker')}</p>
        <h1 dir="auto">{period.title}</h1>
        <PeriodSummary period={period} />
        {period.viewerCanFacilitate ? (
          <ul className={styles.facilitate}>
            <li>
              <Link to={`/comment-periods/${period.id}/answers`}>{t('consultation.answerBoard')}</Link>
            </li>
            <li>
              <Link to={`/comment-periods/${period.id}/moderation`}>{t('consultation.moderation')}</Link>
            </li>
            <li>
              <Link to={`/comment-periods/${period.id}/manage`}>{t('consultation.manage')}</Link>
            </li>
          </ul>
        ) : null}
        {period.instructions ? (
          <p dir="auto" className={styles.instructions}>
            {period.instructions}
          </p>
        ) : null}
        {period.guidingQuestions.length ? (
          <section aria-labelledby="guiding-questions" className={styles.questions}>
            <h2 id="guiding-questions">{t('consultation.questions')}</h2>
            <ol>
              {period.guidingQuestions.map((question) => (
                // the list keeps the page's direction (its numbers stay inside the margin); each question is isolated in its own
                <li key={question}>
                  <bdi>{question}</bdi>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {published ? (
          <div className={styles.published} role="note">
            <h2>{t('consultation.synthesis.title')}</h2>
            <p>{t('consultation.synthesis.body')}</p>
            <p className={styles.actions}>
              <a href={`${responses}?format=html`} className={styles.download}>
                {t('consultation.synthesis.table')}
              </a>
              <a href={`${responses}?format=markdown`}>{t('consultation.synthesis.markdown')}</a>
            </p>
          </div>
        ) : null}
        <div className={styles.start}>
          {isOpen ? (
            <Button onClick={toForm} data-bench="comment-ready">
              {t('consultation.start')}
            </Button>
          ) : null}
          {/* (a closed period has nothing to start: its first control tells the page-load benchmark it is ready) */}
          <Button
            variant="secondary"
            aria-expanded={open.has(0)}
            aria-controls={open.has(0) ? 'thread-0' : undefined}
            onClick={() => toggle(0)}
            data-bench={isOpen ? undefined : 'comment-ready'}
          >
            {t('consultation.documentComments', { count: period.documentCommentCount })}
          </Button>
        </div>
        {isOpen ? <p className={styles.hint}>{t('consultation.selectHint')}</p> : null}
        {thread(0)}
      </header>

      <section aria-labelledby="draft-title" className={styles.draftSection}>
        <h2 id="draft-title" className="visually-hidden">
          {t('consultation.draft')}
        </h2>
        <div ref={article} className={styles.draft} lang={docLanguage ?? undefined}>
          {paragraphs.map((p, index) => {
            const heading = p.type === 'heading';
            const key = p.blockId ?? `i-${index}`;
            return (
              <div key={key} id={p.blockId ?? undefined} className={heading ? styles.headingRow : styles.row}>
                <span className={styles.number} aria-hidden={heading || undefined}>
                  {heading ? null : (
                    <>
                      <span className="visually-hidden">{t('consultation.paragraph.label')} </span>
                      {intl.formatNumber(p.number)}
                    </>
                  )}
                </span>
                {heading ? (
                  <h3 className={styles.heading} dir="auto">
                    <span {...{ [BLOCK_ATTRIBUTE]: p.blockId ?? '' }}>{p.text}</span>
                  </h3>
                ) : (
                  <p className={styles.text} dir="auto">
                    <span {...{ [BLOCK_ATTRIBUTE]: p.blockId ?? '' }}>{p.text}</span>
                  </p>
                )}
                <span className={styles.margin}>{countButton(p)}</span>
                {heading ? null : thread(p.number)}
              </div>
            );
          })}
          {pending && isOpen ? (
            <div className={styles.selectionButton} style={{ '--selection-top': `${pending.top}px`, '--selection-start': `${pending.start}px` } as CSSProperties} data-selection-button="">
              <Button onMouseDown={(event) => event.preventDefault()} onClick={commentOnPassage}>
                {t('consultation.commentOnPassage')}
              </Button>
            </div>
          ) : null}
        </div>
      </section>

      {isOpen ? (
        <div className={styles.formSection}>
          {receipt ? (
            <Receipt ref={receiptHeading} comment={receipt.comment} email={receipt.email} moderation={period.moderation} onAnother={toForm} />
          ) : (
            <CommentForm
              ref={formHeading}
              period={period}
              paragraphs={paragraphs}
              session={session}
              profile={meData?.me ?? null}
              draft={draft}
              update={update}
              onSubmitted={onSubmitted}
            />
          )}
        </div>
      ) : (
        <p className={styles.closedNote}>{period.status === 'SCHEDULED' ? t('consultation.notOpenYet') : t('consultation.closedNote')}</p>
      )}
      <RecordHead periodId={period.id} published={published} after={receipt?.comment.id} />
    </div>
  );
}
