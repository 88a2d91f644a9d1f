import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@intersessional/events';
import { type NotificationEntity } from './notification.entity';
import { type NotificationEvent, toNotificationEvent } from './notification.mapper';

/** One topic per person: a subscriber only ever receives their own notifications. */
export const notificationTopic = (userId: string): string => `notifications:${userId}`;

/** New notifications, live, on every instance (through the EventBus). */
@Injectable()
export class NotificationFeed {
  private readonly logger = new Logger('NotificationFeed');

  constructor(private readonly events: EventBus) {}

  /** Call only after the rows are committed. */
  publish(rows: readonly NotificationEntity[]): void {
    for (const row of rows) {
      this.events
        .publish(notificationTopic(row.userId), toNotificationEvent(row))
        .catch((error: unknown) => this.logger.warn(`could not publish notification ${row.id}: ${String(error)}`));
    }
  }

  subscribe(userId: string): AsyncIterableIterator<NotificationEvent> {
    return this.events.subscribe<NotificationEvent>(notificationTopic(userId));
  }
}
