import { useCallback, useEffect, useRef, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { Link, useParams, useSearchParams } from 'react-router';
import { type UseQueryState, useMutation, useQuery } from 'urql';
import type { ResultOf } from '../../../graphql/graphql';
import { usePageTitle } from '../../../app/page-title';
import { NotFound } from '../../../app/NotFound';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { SignInLink } from '../../account/SignInLink';
import { type Action, QueueItem } from '../components/QueueItem';
import { APPROVE, HIDE, KEEP, MODERATION_PERIOD, QUEUE, REJECT, UNHIDE, type View, VIEWS } from '../operations';
import styles from '../components/Moderation.module.css';

const ORDER: View[] = ['waiting', 'reported', 'hidden'];
const isView = (v: string | null): v is View => v !== null && (ORDER as string[]).includes(v);

/**
 * `/comment-periods/<id>/moderation`: comments waiting for approval (with why each is held), reported
 * comments (with the reasons people gave) and hidden ones; approve, reject, keep (the reports were
 * unfounded), hide and unhide, with a reason where the record keeps one. The view is in the address
 * (?view=reported), so a link or a reload keeps it. Keyboard-fast: one key per action on the focused
 * comment, focus moving on to the next comment when one leaves the list.
 */
export function ModerationPage() {
  const t = useT();
  const { periodId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const requested = params.get('view');
  const view: View = isView(requested) ? requested : 'waiting';
  const [{ data, error, fetching }] = useQuery({ query: MODERATION_PERIOD, variables: { id: periodId }, pause: !session });
  const period = data?.commentPeriod;
  const allowed = Boolean(period?.viewerCanFacilitate);
  const queues = {
    waiting: useQuery({ query: QUEUE, variables: { id: periodId, ...VIEWS.waiting }, pause: !allowed, requestPolicy: 'cache-and-network' }),
    reported: useQuery({ query: QUEUE, variables: { id: periodId, ...VIEWS.reported }, pause: !allowed, requestPolicy: 'cache-and-network' }),
    hidden: useQuery({ query: QUEUE, variables: { id: periodId, ...VIEWS.hidden }, pause: !allowed, requestPolicy: 'cache-and-network' }),
  };
  usePageTitle(period ? t('moderation.title', { title: period.title }) : t('moderation.titleShort'));

  if (!session) {
    return (
      <>
        <h1>{t('moderation.titleShort')}</h1>
        <p>
          <SignInLink>{t('moderation.signIn')}</SignInLink>
        </p>
      </>
    );
  }
  if (!period) {
    if (errorCode(error) === 'NOT_FOUND') return <NotFound />;
    return fetching || !error ? <Loading /> : <p role="alert">{t('moderation.loadFailed')}</p>;
  }
  if (!allowed) {
    return (
      <>
        <h1 dir="auto">{t('moderation.titleShort')}</h1>
        <p>{t('moderation.notFacilitator')}</p>
      </>
    );
  }
  const refresh = () => ORDER.forEach((v) => queues[v][1]({ requestPolicy: 'network-only' }));
  const count = (v: View) => queues[v][0].data?.commentPeriod.comments.totalCount;

  return (
    <>
      <p>
        <Link to={`/comment-periods/${period.id}`}>{t('moderation.back', { title: period.title })}</Link>
      </p>
      <h1 dir="auto">{t('moderation.title', { title: period.title })}</h1>
      <p className={styles.rules}>{t(`moderation.mode.${period.moderation === 'PRE_MODERATION' ? 'pre' : 'post'}`)}</p>
      <Tabs selectedKey={view} onSelectionChange={(key) => setParams({ view: String(key) }, { replace: true })}>
        <TabList aria-label={t('moderation.views')} className={styles.tabs}>
          {ORDER.map((v) => (
            <Tab key={v} id={v} className={styles.tab}>
              {t(`moderation.view.${v}`, { count: count(v) ?? 0 })}
            </Tab>
          ))}
        </TabList>
        {ORDER.map((v) => (
          <TabPanel key={v} id={v} className={styles.panel}>
            <Queue view={v} result={queues[v][0]} onChanged={refresh} />
          </TabPanel>
        ))}
      </Tabs>
    </>
  );
}

interface QueueProps {
  view: View;
  result: UseQueryState<ResultOf<typeof QUEUE>>;
  onChanged: () => void;
}

function Queue({ view, result, onChanged }: QueueProps) {
  const t = useT();
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const [, approve] = useMutation(APPROVE);
  const [, reject] = useMutation(REJECT);
  const [, keep] = useMutation(KEEP);
  const [, hide] = useMutation(HIDE);
  const [, unhide] = useMutation(UNHIDE);
  const listRef = useRef<HTMLDivElement>(null);
  /** After an action: the comment to focus once the list is read again (the next one, else the previous). */
  const nextFocus = useRef<string | null>(null);
  const connection = result.data?.commentPeriod.comments;
  const comments = connection?.edges.map((e) => e.node) ?? [];

  useEffect(() => {
    const id = nextFocus.current;
    if (!id) return;
    const target = listRef.current?.querySelector<HTMLElement>(`article[data-comment-id="${id}"]`);
    if (target) {
      target.focus();
      nextFocus.current = null;
    }
  });

  const focusAt = useCallback((index: number) => listRef.current?.querySelectorAll<HTMLElement>('article[data-comment-id]')[index]?.focus(), []);

  const run = (action: Action, id: string, reason: string | null) => {
    switch (action) {
      case 'approve':
        return approve({ id });
      case 'reject':
        return reject({ id, reason: reason ?? '' });
      case 'keep':
        return keep({ id, reason });
      case 'hide':
        return hide({ id, reason: reason ?? '' });
      case 'unhide':
        return unhide({ id, reason: reason ?? '' });
    }
  };

  const act = async (index: number, action: Action, reason: string | null): Promise<string | null> => {
    const comment = comments[index];
    if (!comment) return null;
    setBusy(true);
    const result = await run(action, comment.id, reason);
    setBusy(false);
    if (result.error) return t('moderation.failed', { code: errorCode(result.error) ?? 'NETWORK' });
    nextFocus.current = (comments[index + 1] ?? comments[index - 1])?.id ?? null;
    setAnnouncement(t(`moderation.done.${action}`, { name: comment.commenter.name }));
    onChanged();
    return null;
  };

  if (!connection) return result.error ? <p role="alert">{t('moderation.loadFailed')}</p> : <Loading />;
  return (
    <>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      {comments.length === 0 ? <p>{t(`moderation.empty.${view}`)}</p> : <p className={styles.hint}>{t(`moderation.keys.${view}`)}</p>}
      {connection.totalCount > comments.length ? <p>{t('moderation.more', { shown: comments.length, total: connection.totalCount })}</p> : null}
      <div ref={listRef} className={styles.list}>
        {comments.map((comment, i) => (
          <QueueItem key={comment.id} comment={comment} view={view} index={i} count={comments.length} busy={busy} onAct={(action, reason) => act(i, action, reason)} onMove={(step) => focusAt(i + step)} />
        ))}
      </div>
    </>
  );
}
