import { Logger } from '@nestjs/common';
import { type MailTransport, type OutgoingMail } from './mail-transport';

/**
 * Private links (a guest's link to their comment) carry their secret in the URL fragment; the log
 * shows such links without it.
 */
const LINK_SECRET = /(\S)#[A-Za-z0-9_-]{16,}/g;

/** Without SMTP_URL (development): each message is written to the log and counts as sent. */
export class LogTransport implements MailTransport {
  readonly name = 'log';
  private readonly logger = new Logger('Mail');

  async send(mail: OutgoingMail): Promise<void> {
    const to = mail.to.name ? `${mail.to.name} <${mail.to.address}>` : mail.to.address;
    this.logger.log(`mail not sent (SMTP_URL is unset) to ${to}: ${mail.subject}\n\n${mail.text.replace(LINK_SECRET, '$1#[secret removed]')}`);
  }

  close(): void {}
}
