import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { NotFound } from '../../../app/NotFound';
import { Button } from '../../../design/Button';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { SignInLink } from '../../account/SignInLink';
import { AnswerForm } from '../components/AnswerForm';
import { BoardItem, type OpenForm } from '../components/BoardItem';
import { HideForm } from '../components/HideForm';
import { SuggestionPreview } from '../components/SuggestionPreview';
import { useBoardComments } from '../components/use-board-comments';
import { type Group, groupForBoard, groupKeyString, needsAnswer, rowsOf } from '../lib/board';
import { usePhrasings } from '../lib/phrasings';
import { BOARD_CLUSTERS, BOARD_PERIOD, type BoardComment } from '../operations';
import styles from '../components/Board.module.css';

/**
 * `/comment-periods/<id>/answers`: the facilitators' answer board. Every comment placed where its
 * passage stands in today's draft, grouped by paragraph, the unanswered first; answer each with a
 * disposition and a public response, or apply its suggested wording after a preview. A virtualised
 * list (2,000 comments stay light) of paragraph headings and comment articles (not role="feed": a feed
 * owns articles only, and the headings are how a screen-reader user jumps between paragraphs); Page
 * Down / Page Up move between comments, as in a thread.
 */
export function AnswerBoardPage() {
  const t = useT();
  const { periodId = '' } = useParams();
  const session = useSession();
  const [{ data, error, fetching }] = useQuery({ query: BOARD_PERIOD, variables: { id: periodId }, pause: !session });
  const period = data?.commentPeriod;
  usePageTitle(period ? t('answering.title', { title: period.title }) : t('answering.titleShort'));
  const board = useBoardComments(periodId, Boolean(period?.viewerCanFacilitate));
  const { phrasings, save } = usePhrasings(session?.user.id ?? null);
  const [unansweredOnly, setUnansweredOnly] = useState(false);
  const [open, setOpen] = useState<{ id: string; form: OpenForm } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const [clusterData] = useQuery({ query: BOARD_CLUSTERS, variables: { id: periodId }, pause: !period?.viewerCanFacilitate });
  /** Each campaign member's cluster: its comment ids and how many are word for word the same. */
  const clusterOf = useMemo(() => {
    const map = new Map<string, { ids: readonly string[]; size: number; identical: number }>();
    for (const c of clusterData.data?.commentPeriod.synthesis?.clusters ?? []) if (c.size > 1) for (const id of c.commentIds) map.set(id, { ids: c.commentIds, size: c.size, identical: c.identical });
    return map;
  }, [clusterData.data]);
  const groups = useMemo(() => groupForBoard(board.comments, { unansweredOnly }), [board.comments, unansweredOnly]);
  const rows = useMemo(() => rowsOf(groups), [groups]);
  const answered = board.comments.filter((c) => !needsAnswer(c)).length;

  if (!session) {
    return (
      <>
        <h1>{t('answering.titleShort')}</h1>
        <p>
          <SignInLink>{t('answering.signIn')}</SignInLink>
        </p>
      </>
    );
  }
  if (!period) {
    if (errorCode(error) === 'NOT_FOUND') return <NotFound />;
    return fetching || !error ? <Loading /> : <p role="alert">{t('answering.loadFailed')}</p>;
  }
  if (!period.viewerCanFacilitate) {
    return (
      <>
        <h1 dir="auto">{t('answering.titleShort')}</h1>
        <p>{t('answering.notFacilitator')}</p>
        <p>
          <Link to={`/comment-periods/${period.id}`}>{t('answering.back', { title: period.title })}</Link>
        </p>
      </>
    );
  }

  const onAnswered = (comment: BoardComment, fields: Partial<BoardComment>) => {
    board.patch(comment.id, fields);
    setOpen(null);
    setAnnouncement(t('answering.saved', { name: comment.commenter.name }));
  };
  const onHidden = (comment: BoardComment, fields: Partial<BoardComment>) => {
    board.patch(comment.id, fields);
    setOpen(null);
    setAnnouncement(t('answering.hide.done', { name: comment.commenter.name }));
  };
  const onAnsweredMany = (answers: { id: string; answer: NonNullable<BoardComment['answer']> }[], complete: boolean) => {
    for (const { id, answer } of answers) board.patch(id, { answer });
    if (complete) setOpen(null);
    const single = answers.length === 1 ? board.comments.find((c) => c.id === answers[0]?.id) : undefined;
    setAnnouncement(single ? t('answering.saved', { name: single.commenter.name }) : t('answering.campaign.saved', { count: answers.length }));
  };
  /** A campaign's comments still unanswered, the one asked from first. */
  const unansweredOf = (comment: BoardComment) => {
    const cluster = clusterOf.get(comment.id);
    if (!cluster) return [comment.id];
    const answered = new Set(board.comments.filter((c) => !needsAnswer(c)).map((c) => c.id));
    return [comment.id, ...cluster.ids.filter((id) => id !== comment.id && !answered.has(id))];
  };

  return (
    <>
      <p>
        <Link to={`/comment-periods/${period.id}`}>{t('answering.back', { title: period.title })}</Link>
      </p>
      <h1 dir="auto">{t('answering.title', { title: period.title })}</h1>
      <p className={styles.summary} data-board-ready={!board.loading && board.total !== null ? 'true' : undefined}>
        {board.total === null ? t('shell.loading') : t('answering.progress', { answered, total: board.total })}
        {board.loading && board.total !== null ? ` ${t('answering.loadingMore', { loaded: board.comments.length, total: board.total })}` : ''}
      </p>
      {board.failed ? (
        <div role="alert" className={styles.warning}>
          <p>{t('answering.pageFailed')}</p>
          <Button variant="secondary" onClick={board.retry}>
            {t('answering.retry')}
          </Button>
        </div>
      ) : null}
      <label className={styles.check}>
        <input type="checkbox" checked={unansweredOnly} onChange={(e) => setUnansweredOnly(e.target.checked)} />
        <span>{t('answering.unansweredOnly')}</span>
      </label>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      {!board.loading && board.total === 0 ? <p>{t('answering.empty')}</p> : null}
      {rows.length ? (
        <Feed
          rows={rows}
          busy={board.loading}
          render={(comment, index, position, count, onKeyDown) => {
            const form = open?.id === comment.id ? open.form : null;
            const cluster = clusterOf.get(comment.id);
            const campaign = cluster ? { size: cluster.size, identical: cluster.identical, unanswered: needsAnswer(comment) ? unansweredOf(comment).length : 0 } : null;
            return (
              <BoardItem comment={comment} index={index} position={position} count={count} open={form} campaign={campaign} onOpen={(f) => setOpen({ id: comment.id, form: f })} onKeyDown={onKeyDown}>
                {form === 'answer' || form === 'campaign' ? (
                  <AnswerForm comment={comment} targets={form === 'campaign' ? unansweredOf(comment) : undefined} phrasings={phrasings} savePhrasing={save} onAnswered={onAnsweredMany} onCancel={() => setOpen(null)} />
                ) : form === 'apply' ? (
                  <SuggestionPreview comment={comment} onApplied={(fields) => onAnswered(comment, fields)} onCancel={() => setOpen(null)} />
                ) : form === 'hide' ? (
                  <HideForm comment={comment} onHidden={(fields) => onHidden(comment, fields)} onCancel={() => setOpen(null)} />
                ) : null}
              </BoardItem>
            );
          }}
        />
      ) : null}
    </>
  );
}

type Render = (comment: BoardComment, index: number, position: number, count: number, onKeyDown: (event: KeyboardEvent<HTMLElement>) => void) => React.ReactNode;

/** The virtualised list of group headings and comments, scrolled with the window. */
function Feed({ rows, busy, render }: { rows: ReturnType<typeof rowsOf<BoardComment>>; busy: boolean; render: Render }) {
  const t = useT();
  const hintId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  // where the list starts on the page (the heading and summary above it can change height)
  useLayoutEffect(() => {
    const measure = () => {
      const top = listRef.current ? listRef.current.getBoundingClientRect().top + window.scrollY : 0;
      setMargin((m) => (Math.abs(m - top) > 1 ? top : m));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => (rows[i]?.type === 'group' ? 56 : 260),
    overscan: 6,
    scrollMargin: margin,
    getItemKey: (i) => {
      const row = rows[i];
      return row ? (row.type === 'group' ? `g:${groupKeyString(row.group.key)}` : row.comment.id) : i;
    },
  });
  const commentRows = useMemo(() => rows.flatMap((row, i) => (row.type === 'comment' ? [i] : [])), [rows]);
  const positionOf = useMemo(() => new Map(commentRows.map((rowIndex, n) => [rowIndex, n + 1])), [commentRows]);

  const focusRow = useCallback(
    (rowIndex: number | undefined) => {
      if (rowIndex === undefined) return;
      pendingFocus.current = rowIndex;
      virtualizer.scrollToIndex(rowIndex, { align: 'start' });
    },
    [virtualizer],
  );
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const target = listRef.current?.querySelector<HTMLElement>(`article[data-index="${index}"]`);
    if (target) {
      target.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  }, [items]);
  const onKeyDown = (rowIndex: number) => (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    const n = (positionOf.get(rowIndex) ?? 1) - 1;
    if (event.key === 'PageDown') {
      event.preventDefault();
      focusRow(commentRows[n + 1]);
    } else if (event.key === 'PageUp') {
      event.preventDefault();
      focusRow(commentRows[n - 1]);
    }
  };

  return (
    <>
      <p id={hintId} className={styles.hint}>
        {t('answering.keyboardHint')}
      </p>
      <div ref={listRef} aria-busy={busy} aria-describedby={hintId} className={styles.feed} style={{ blockSize: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className={styles.row} style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}>
              {row.type === 'group' ? <GroupHeading group={row.group} /> : render(row.comment, item.index, positionOf.get(item.index) ?? 0, commentRows.length, onKeyDown(item.index))}
            </div>
          );
        })}
      </div>
    </>
  );
}

function GroupHeading({ group }: { group: Group<BoardComment> }) {
  const t = useT();
  const title =
    group.key.kind === 'document' ? t('answering.group.document') : group.key.kind === 'orphaned' ? t('answering.group.orphaned') : t('answering.group.paragraph', { number: group.key.number });
  return (
    <h2 className={styles.groupHeading}>
      {title} <span className={styles.groupCount}>{t('answering.group.count', { unanswered: group.unanswered, total: group.comments.length })}</span>
    </h2>
  );
}
