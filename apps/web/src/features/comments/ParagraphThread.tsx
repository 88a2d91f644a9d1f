import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  observeWindowOffset,
  observeWindowRect,
  useVirtualizer,
  type VirtualizerOptions,
  windowScroll,
} from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useClient, useQuery, useSubscription } from 'urql';
import { useSession } from '../account/session/use-session';
import { Button } from '../../design/Button';
import { readFragment } from '../../graphql/graphql';
import { useT } from '../../i18n/t';
import { ThreadItem } from './components/ThreadItem';
import { COMMENT_ADDED, PARAGRAPH_COMMENTS, THREAD_PERIOD, ThreadComment, type ThreadCommentData } from './operations';
import styles from './components/Comment.module.css';

/**
 * The comments on one paragraph (or, with blockId null, on the whole document) of a comment period:
 * paginated, replies on demand, new comments arriving live, virtualised for long threads.
 * Contract between the comment page (features/consultation, which mounts it lazily) and this feature.
 */
export interface ParagraphThreadProps {
  periodId: string;
  /** The paragraph's block id; null for comments on the whole document. */
  blockId: string | null;
  /** The paragraph's number as shown on the page (for headings and announcements); null for the whole document. */
  paragraphNumber: number | null;
}

const FIRST_PAGE = 20;
const NEXT_PAGE = 100;

export function ParagraphThread({ periodId, blockId, paragraphNumber }: ParagraphThreadProps) {
  // the API pages comments by paragraph number (0: the whole document)
  const paragraph = blockId === null ? 0 : (paragraphNumber ?? 0);
  return <Thread key={`${periodId}:${paragraph}`} periodId={periodId} paragraph={paragraph} />;
}

interface Loaded {
  items: ThreadCommentData[];
  endCursor: string | null;
  hasNext: boolean;
  total: number;
}

/** Whether a top-level comment is on this paragraph (0: on the whole document). */
const isOn = (comment: ThreadCommentData, paragraph: number): boolean => {
  const anchor = comment.anchor;
  if (!anchor || comment.parentId) return false;
  if (paragraph === 0) return anchor.kind === 'DOCUMENT';
  if (anchor.kind === 'DOCUMENT' || anchor.startParagraph === null) return false;
  return anchor.startParagraph <= paragraph && paragraph <= (anchor.endParagraph ?? anchor.startParagraph);
};

function Thread({ periodId, paragraph }: { periodId: string; paragraph: number }) {
  const t = useT();
  const client = useClient();
  const session = useSession();
  const headingId = useId();
  const hintId = useId();
  const [period] = useQuery({ query: THREAD_PERIOD, variables: { id: periodId } });
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [fresh, setFresh] = useState(0);
  const [liveReplies, setLiveReplies] = useState<Record<string, ThreadCommentData[]>>({});
  const pendingFocus = useRef<number | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setFailed(false);
      const result = await client
        .query(PARAGRAPH_COMMENTS, { id: periodId, paragraph, first: after ? NEXT_PAGE : FIRST_PAGE, after }, { requestPolicy: 'network-only' })
        .toPromise();
      setLoading(false);
      const page = result.data?.commentPeriod.paragraphComments;
      if (!page) {
        setFailed(true);
        return;
      }
      const items = page.edges.map((e) => readFragment(ThreadComment, e.node));
      setLoaded((prev) => {
        const known = new Set(prev?.items.map((c) => c.id));
        return {
          items: [...(prev?.items ?? []), ...items.filter((c) => !known.has(c.id))],
          endCursor: page.pageInfo.endCursor ?? prev?.endCursor ?? null,
          hasNext: page.pageInfo.hasNextPage,
          total: page.totalCount,
        };
      });
    },
    [client, periodId, paragraph],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  // New public comments and replies of the period, live. Several may arrive between two renders, so the
  // subscription accumulates them and an effect takes each once.
  const [live] = useSubscription({ query: COMMENT_ADDED, variables: { id: periodId } }, (previous: ThreadCommentData[] = [], data) => [
    ...previous,
    readFragment(ThreadComment, data.commentAdded),
  ]);
  const taken = useRef(0);
  useEffect(() => {
    const arrived = live.data ?? [];
    if (!loaded || arrived.length <= taken.current) return;
    const batch = arrived.slice(taken.current);
    taken.current = arrived.length;
    let added = 0;
    const known = new Set(loaded.items.map((c) => c.id));
    const appended: ThreadCommentData[] = [];
    const replies: Record<string, ThreadCommentData[]> = {};
    for (const comment of batch) {
      if (comment.parentId) {
        if (known.has(comment.parentId)) (replies[comment.parentId] ??= []).push(comment);
      } else if (isOn(comment, paragraph) && !known.has(comment.id)) {
        known.add(comment.id);
        added += 1;
        // the list is oldest first: a new comment belongs at its end, shown once the end is loaded
        if (!loaded.hasNext) appended.push(comment);
      }
    }
    if (added) {
      setLoaded((prev) => (prev ? { ...prev, items: [...prev.items, ...appended], total: prev.total + added } : prev));
      setFresh((n) => n + added);
    }
    if (Object.keys(replies).length) {
      setLiveReplies((prev) => {
        const next = { ...prev };
        for (const [parent, list] of Object.entries(replies)) next[parent] = [...(next[parent] ?? []), ...list];
        return next;
      });
    }
  }, [live.data, loaded, paragraph]);

  // The list scrolls with the page, or with the panel it is mounted in (the comment page may show the
  // thread in a scrolling side panel): the nearest scrolling ancestor is the virtualiser's viewport, and
  // the list's offset inside it is its margin.
  const listRef = useRef<HTMLDivElement>(null);
  /** undefined until found (the first layout), then the scrolling panel, or null for the page itself. */
  const [scroller, setScroller] = useState<HTMLElement | null | undefined>(undefined);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => setScroller(scrollParent(listRef.current)), []);
  useLayoutEffect(() => {
    const measure = () => {
      const list = listRef.current;
      if (!list) return;
      const top = scroller ? list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop : list.getBoundingClientRect().top + window.scrollY;
      setMargin((m) => (Math.abs(m - top) > 1 ? top : m));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller ?? document.body);
    return () => observer.disconnect();
  });

  const items = loaded?.items ?? [];
  const viewport = (
    scroller
      ? { getScrollElement: () => scroller, observeElementRect, observeElementOffset, scrollToFn: elementScroll }
      : { getScrollElement: () => window, observeElementRect: observeWindowRect, observeElementOffset: observeWindowOffset, scrollToFn: windowScroll }
  ) as unknown as Pick<VirtualizerOptions<Element, HTMLElement>, 'getScrollElement' | 'observeElementRect' | 'observeElementOffset' | 'scrollToFn'>;
  const virtualizer = useVirtualizer<Element, HTMLElement>({
    ...viewport,
    count: items.length,
    estimateSize: () => 240,
    overscan: 5,
    scrollMargin: margin,
    getItemKey: (index) => items[index]?.id ?? index,
    // Attached once its viewport is known, at the viewport's current position: the virtualiser writes its
    // offset back when it attaches, and from 0 (its default) that sent the reader who had just opened a
    // paragraph's thread back to the top of the page.
    enabled: scroller !== undefined,
    initialOffset: () => (scroller ? scroller.scrollTop : window.scrollY),
  });

  // Feed keyboard pattern: Page Down / Page Up move focus to the next / previous comment, rendering it first.
  const focusIndex = useCallback(
    (index: number) => {
      if (index < 0 || index >= items.length) return;
      pendingFocus.current = index;
      virtualizer.scrollToIndex(index, { align: 'start' });
      requestAnimationFrame(() => {
        const target = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
        if (target) {
          target.focus({ preventScroll: true });
          pendingFocus.current = null;
        }
      });
    },
    [items.length, virtualizer],
  );
  const virtualItems = virtualizer.getVirtualItems();
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const target = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (target) {
      target.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  }, [virtualItems]);
  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'PageDown') {
      event.preventDefault();
      focusIndex(index + 1);
    } else if (event.key === 'PageUp') {
      event.preventDefault();
      focusIndex(index - 1);
    }
  };

  const status = period.data?.commentPeriod.status;
  const canReply: 'yes' | 'sign-in' | 'no' = status === 'OPEN' ? (session ? 'yes' : 'sign-in') : 'no';
  const total = loaded?.total ?? 0;

  const showMore = async () => {
    const from = items.length;
    setFresh(0);
    await load(loaded?.endCursor ?? null);
    // focus moves to the first comment just loaded, so a keyboard or screen-reader user carries on reading there
    pendingFocus.current = from;
    virtualizer.scrollToIndex(from, { align: 'start' });
  };

  return (
    <section className={styles.thread} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.threadHeading}>
        {paragraph === 0 ? t('comments.thread.labelDocument') : t('comments.thread.label', { number: paragraph })}
      </h2>
      <p className={styles.count}>{loaded ? t('comments.thread.count', { count: total }) : null}</p>
      <p role="status" aria-live="polite" aria-atomic="true" className="visually-hidden">
        {fresh > 0 ? (loaded?.hasNext ? t('comments.thread.newComments', { count: fresh }) : t('comments.thread.newCommentsBelow', { count: fresh })) : ''}
      </p>
      {!loaded && loading ? <p role="status">{t('shell.loading')}</p> : null}
      {failed ? (
        <div role="alert" className={styles.problem}>
          <p>{t('comments.thread.loadFailed')}</p>
          <Button variant="secondary" onClick={() => void load(loaded?.endCursor ?? null)}>
            {t('comments.thread.retry')}
          </Button>
        </div>
      ) : null}
      {loaded && total === 0 ? <p>{t('comments.thread.empty')}</p> : null}
      {items.length > 1 ? (
        <p id={hintId} className={styles.hint}>
          {t('comments.thread.keyboardHint')}
        </p>
      ) : null}
      <div
        ref={listRef}
        // a feed is a list of articles: an empty one (no comment yet, or before the first page) is not one
        role={items.length ? 'feed' : undefined}
        aria-labelledby={items.length ? headingId : undefined}
        aria-describedby={items.length > 1 ? hintId : undefined}
        aria-busy={loading}
        className={styles.feed}
        style={{ blockSize: virtualizer.getTotalSize() }}
      >
        {virtualItems.map((row) => {
          const comment = items[row.index];
          if (!comment) return null;
          return (
            <ThreadItem
              key={row.key}
              ref={virtualizer.measureElement}
              comment={comment}
              index={row.index}
              setSize={Math.max(total, items.length)}
              liveReplies={liveReplies[comment.id] ?? []}
              canReply={canReply}
              onKeyDown={onKeyDown(row.index)}
              style={{ transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)` }}
            />
          );
        })}
      </div>
      {loaded?.hasNext ? (
        <div className={styles.more}>
          <p className={styles.count}>{t('comments.thread.shownOf', { shown: items.length, total })}</p>
          <Button variant="secondary" disabled={loading} onClick={() => void showMore()}>
            {t('comments.thread.showMore')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** The nearest ancestor that scrolls vertically; null when the page itself scrolls. */
function scrollParent(element: HTMLElement | null): HTMLElement | null {
  for (let node = element?.parentElement; node && node !== document.body && node !== document.documentElement; node = node.parentElement) {
    if (/(auto|scroll|overlay)/.test(getComputedStyle(node).overflowY)) return node;
  }
  return null;
}
