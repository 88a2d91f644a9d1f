/** One message as a transport sends it. */
export interface OutgoingMail {
  /** The outbox row; transports may use it as Message-ID material or in logs. */
  id: string;
  from: string;
  to: { address: string; name: string | null };
  subject: string;
  text: string;
  html: string | null;
}

/**
 * How mail leaves the system. `send` resolves once the message is accepted for delivery and rejects
 * when it was not (the outbox then retries it).
 */
export interface MailTransport {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
