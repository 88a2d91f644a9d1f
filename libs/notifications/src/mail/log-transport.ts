import { Logger } from '@nestjs/common';
import { withoutLinkSecrets } from './link-secret';
import { type MailTransport, type OutgoingMail } from './mail-transport';

/** Without SMTP_URL (development): each message is written to the log and counts as sent. */
export class LogTransport implements MailTransport {
  readonly name = 'log';
  private readonly logger = new Logger('Mail');

  async send(mail: OutgoingMail): Promise<void> {
    const to = mail.to.name ? `${mail.to.name} <${mail.to.address}>` : mail.to.address;
    this.logger.log(`mail not sent (SMTP_URL is unset) to ${to}: ${mail.subject}\n\n${withoutLinkSecrets(mail.text)}`);
  }

  close(): void {}
}
