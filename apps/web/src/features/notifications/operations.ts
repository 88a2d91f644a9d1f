import { graphql, type ResultOf } from '../../graphql/graphql';

export const UNREAD_COUNT = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const NOTIFICATIONS = graphql(`
  query NotificationsPage($after: String, $unreadOnly: Boolean) {
    notifications(first: 30, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          body
          link
          createdAt
          readAt
        }
      }
    }
  }
`);

export const NOTIFICATION_ADDED = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      kind
      title
      body
      link
      createdAt
      readAt
    }
  }
`);

export const MARK_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

export const MARK_ALL_READ = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

export type NotificationItem = ResultOf<typeof NOTIFICATIONS>['notifications']['edges'][number]['node'];
