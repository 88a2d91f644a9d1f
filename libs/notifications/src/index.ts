import { MailMessageEntity } from './mail/mail-message.entity';
import { Notifications1732408000000 } from './migrations/1732408000000-notifications';
import { NotificationEntity } from './notification.entity';

export * from './mail/mail-message.entity';
export * from './mail/mail-outbox';
export * from './mail/mail-transport';
export * from './notification-feed';
export * from './notification-kind';
export * from './notification.model';
export * from './notification.service';
export * from './notifications.module';
export * from './retention';

export const notificationEntities = [NotificationEntity, MailMessageEntity];
export const notificationMigrations = [Notifications1732408000000];
