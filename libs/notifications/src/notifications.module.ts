import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { EventsModule } from '@intersessional/events';
import { IdentityModule } from '@intersessional/identity';
import { AccountMailDelivery } from './mail/account-mail-delivery';
import { LogTransport } from './mail/log-transport';
import { MailOutbox } from './mail/mail-outbox';
import { MailOutboxRepository } from './mail/mail-outbox.repository';
import { MAIL_TRANSPORT, type MailTransport } from './mail/mail-transport';
import { SmtpTransport } from './mail/smtp-transport';
import { NotificationFeed } from './notification-feed';
import { NotificationRepository } from './notification.repository';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { NotificationRetention } from './retention';

@Module({
  imports: [IdentityModule, EventsModule],
  providers: [
    NotificationRepository,
    MailOutboxRepository,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport => (config.SMTP_URL ? new SmtpTransport(config.SMTP_URL) : new LogTransport()),
    },
    MailOutbox,
    NotificationFeed,
    NotificationService,
    NotificationResolver,
    NotificationRetention,
    AccountMailDelivery,
  ],
  exports: [NotificationService, MailOutbox, NotificationRetention],
})
export class NotificationsModule {}
