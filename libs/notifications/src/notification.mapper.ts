import { type NotificationEntity } from './notification.entity';
import { type NotificationKind } from './notification-kind';
import { type NotificationModel } from './notification.model';

/** What `notificationAdded` subscribers receive through the event bus (JSON: dates as ISO strings). */
export interface NotificationEvent {
  id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, string>;
  createdAt: string;
}

export function toNotificationModel(entity: NotificationEntity): NotificationModel {
  return {
    id: entity.id,
    kind: entity.kind,
    title: entity.title,
    body: entity.body,
    link: entity.link,
    data: entity.data,
    createdAt: entity.createdAt,
    readAt: entity.readAt,
  };
}

export function toNotificationEvent(entity: NotificationEntity): NotificationEvent {
  return {
    id: entity.id,
    userId: entity.userId,
    kind: entity.kind,
    title: entity.title,
    body: entity.body,
    link: entity.link,
    data: entity.data,
    createdAt: entity.createdAt.toISOString(),
  };
}

/** A new notification, as published right after it was stored: unread. */
export function fromNotificationEvent(event: NotificationEvent): NotificationModel {
  return {
    id: event.id,
    kind: event.kind,
    title: event.title,
    body: event.body,
    link: event.link,
    data: event.data,
    createdAt: new Date(event.createdAt),
    readAt: null,
  };
}
