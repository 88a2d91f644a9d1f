import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { Loading } from '../../../design/Loading';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { SignInLink } from '../../account/SignInLink';
import { MARK_ALL_READ, MARK_READ, NOTIFICATIONS, type NotificationItem, UNREAD_COUNT } from '../operations';
import styles from '../components/Notifications.module.css';

/** A link inside the app stays in the app; anything else is an ordinary link. */
const isAppPath = (link: string) => link.startsWith('/') && !link.startsWith('//');

/**
 * `/notifications`: what happened to the person's comments, memberships and periods, newest first;
 * unread ones marked, each read on opening its link or with "Mark as read"; new ones arrive live (the
 * header's subscription invalidates this list in the cache).
 */
export function NotificationsPage() {
  const t = useT();
  const intl = useIntl();
  const navigate = useNavigate();
  const session = useSession();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [pages, setPages] = useState<(string | null)[]>([null]);
  usePageTitle(t('notifications.title'));
  const [{ data: count }] = useQuery({ query: UNREAD_COUNT, pause: !session });
  const [, markRead] = useMutation(MARK_READ);
  const [{ fetching: markingAll }, markAll] = useMutation(MARK_ALL_READ);

  if (!session) {
    return (
      <>
        <h1>{t('notifications.title')}</h1>
        <p>
          <SignInLink>{t('notifications.signIn')}</SignInLink>
        </p>
      </>
    );
  }
  const unread = count?.unreadNotificationCount ?? 0;
  const open = async (item: NotificationItem) => {
    if (!item.readAt) await markRead({ ids: [item.id] });
    if (item.link && isAppPath(item.link)) void navigate(item.link);
    else if (item.link) window.location.assign(item.link);
  };

  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <div className={styles.toolbar}>
        <p>{t('notifications.unread', { count: unread })}</p>
        <Button variant="secondary" disabled={!unread || markingAll} onClick={() => void markAll({})}>
          {t('notifications.markAll')}
        </Button>
        <label>
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              setPages([null]);
            }}
          />{' '}
          {t('notifications.unreadOnly')}
        </label>
      </div>
      <ol className={styles.list} aria-label={t('notifications.list')}>
        {pages.map((after, i) => (
          <NotificationPage key={`${unreadOnly}-${after ?? 'first'}`} after={after} unreadOnly={unreadOnly} last={i === pages.length - 1} onMore={(cursor) => setPages((p) => [...p, cursor])} onOpen={open} onRead={(id) => void markRead({ ids: [id] })} formatDate={(iso) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' })} />
        ))}
      </ol>
    </>
  );
}

interface PageProps {
  after: string | null;
  unreadOnly: boolean;
  last: boolean;
  onMore: (cursor: string) => void;
  onOpen: (item: NotificationItem) => Promise<void>;
  onRead: (id: string) => void;
  formatDate: (iso: string) => string;
}

/** One page of 30 (the first, or the one after a cursor); the last page offers the next. */
function NotificationPage({ after, unreadOnly, last, onMore, onOpen, onRead, formatDate }: PageProps) {
  const t = useT();
  const [{ data, fetching, error }, retry] = useQuery({ query: NOTIFICATIONS, variables: { after, unreadOnly }, requestPolicy: 'cache-and-network' });
  const connection = data?.notifications;
  if (!connection) {
    if (error && !fetching) {
      return (
        <li role="alert">
          {t('notifications.loadFailed')}{' '}
          <Button variant="quiet" onClick={() => retry({ requestPolicy: 'network-only' })}>
            {t('notifications.retry')}
          </Button>
        </li>
      );
    }
    return (
      <li>
        <Loading />
      </li>
    );
  }
  return (
    <>
      {after === null && connection.totalCount === 0 ? <li>{unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</li> : null}
      {connection.edges.map(({ node }) => (
        <li key={node.id} className={[styles.item, node.readAt ? '' : styles.unread].join(' ')} data-notification-id={node.id}>
          {/* the API writes notifications in English for now (its notifiers): marked so, a screen reader reads them as English */}
          <h2 className={styles.title} dir="auto" lang="en">
            {node.link ? (
              <Link
                to={isAppPath(node.link) ? node.link : '#'}
                onClick={(event) => {
                  event.preventDefault();
                  void onOpen(node);
                }}
              >
                {node.title}
              </Link>
            ) : (
              node.title
            )}
          </h2>
          <p className={styles.body} dir="auto" lang="en">
            {node.body}
          </p>
          <p className={styles.meta}>
            {node.readAt ? null : <span className={styles.tag}>{t('notifications.new')}</span>}
            <time dateTime={node.createdAt}>{formatDate(node.createdAt)}</time>
            {node.readAt ? null : (
              <Button variant="quiet" onClick={() => onRead(node.id)}>
                {t('notifications.markRead')}
                <span className="visually-hidden">: {node.title}</span>
              </Button>
            )}
          </p>
        </li>
      ))}
      {last && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
        <li>
          <Button variant="secondary" onClick={() => onMore(connection.pageInfo.endCursor as string)}>
            {t('notifications.more')}
          </Button>
        </li>
      ) : null}
    </>
  );
}
