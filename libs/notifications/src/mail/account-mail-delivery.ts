import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AccountMailbox } from '@intersessional/identity';
import { NotificationService } from '../notification.service';

/**
 * Plugs the outbox into identity's `AccountMailbox` (identity cannot depend on notifications): password
 * reset and e-mail verification messages are queued in identity's transaction like any other mail.
 */
@Injectable()
export class AccountMailDelivery implements OnModuleInit {
  constructor(
    private readonly mailbox: AccountMailbox,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    this.mailbox.deliverVia((mail) => this.notifications.email(mail.to, mail.subject, mail.text, mail.link));
  }
}
