import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { onSubscriptionsConnected } from '../../../graphql/client';
import { useT } from '../../../i18n/t';
import { NOTIFICATION_ADDED, UNREAD_COUNT } from '../operations';
import styles from './Notifications.module.css';

/**
 * The header's way to the notification centre for a signed-in person: a bell with the unread count,
 * kept live over graphql-ws (a new notification invalidates the count in the cache, see cache.ts, and
 * is announced to screen readers).
 */
export default function NotificationsLink() {
  const t = useT();
  const [{ data }, reexecute] = useQuery({ query: UNREAD_COUNT, requestPolicy: 'cache-and-network' });
  // what arrived before the subscription was live, or while the socket was down, is counted too
  useEffect(() => onSubscriptionsConnected(() => reexecute({ requestPolicy: 'network-only' })), [reexecute]);
  const [announcement, setAnnouncement] = useState('');
  useSubscription({ query: NOTIFICATION_ADDED }, (_previous: unknown, event) => {
    setAnnouncement(t('notifications.arrived', { title: event.notificationAdded.title }));
    return event;
  });
  const unread = data?.unreadNotificationCount ?? 0;
  return (
    <>
      <Link to="/notifications" className={styles.bell} data-unread={unread}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" focusable="false">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        <span className="visually-hidden">{unread ? t('notifications.linkUnread', { count: unread }) : t('notifications.link')}</span>
        {unread ? (
          <span className={styles.count} aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </Link>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}
