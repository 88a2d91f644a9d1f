import { type Transporter, createTransport } from 'nodemailer';
import { type MailTransport, type OutgoingMail } from './mail-transport';

/**
 * Sends through an SMTP server given as a URL (`smtp://user:pass@host:587`, `smtps://…:465`); nodemailer
 * options may be added as query parameters (`?pool=true`, `?ignoreTLS=true`). Timeouts are short so a
 * stalled server fails the attempt (and the outbox retries) instead of holding the worker for minutes.
 */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: mail.from,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
    });
  }

  close(): void {
    this.transporter.close();
  }
}
