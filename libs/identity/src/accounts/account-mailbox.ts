import { Injectable } from '@nestjs/common';

/** An e-mail about a person's own account, queued in the caller's transaction. */
export interface AccountMail {
  to: { address: string; name: string };
  subject: string;
  text: string;
  /** A web-app path (made absolute with WEB_URL), its secret in the fragment. */
  link: string;
}

export type AccountMailSender = (mail: AccountMail) => Promise<unknown>;

/**
 * Identity's way out to the e-mail outbox, which belongs to notifications (a context that depends on
 * identity, never the reverse). Notifications plugs its outbox in at start-up (`deliverVia`); identity
 * calls `send` inside its own transaction, so the link and its e-mail commit together or not at all.
 */
@Injectable()
export class AccountMailbox {
  private sender: AccountMailSender | null = null;

  deliverVia(sender: AccountMailSender): void {
    this.sender = sender;
  }

  async send(mail: AccountMail): Promise<void> {
    if (!this.sender) throw new Error('no e-mail delivery for account mail: NotificationsModule is not loaded');
    await this.sender(mail);
  }
}
