import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { type ClaimedMail, MailOutboxRepository } from './mail-outbox.repository';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import { retryDelayMs } from './retry-schedule';

/** Messages claimed per query. */
const BATCH = 10;
/** A claimed message is not claimed again before this, unless its attempt is recorded (see claimDue). */
const LEASE_MS = 15 * 60 * 1000;
/** How long shutdown keeps sending what is due. */
const SHUTDOWN_FLUSH_MS = 3000;

/**
 * Delivers the mail outbox. Every MAIL_POLL_INTERVAL_MS (and right after a transaction queued mail) it
 * claims the due messages and hands them to the transport one by one; a failed attempt is retried with
 * exponential backoff (MAIL_RETRY_BASE_MS doubling) until MAIL_MAX_ATTEMPTS, then the message is FAILED
 * with its last error. Several instances may run it at once (see MailOutboxRepository.claimDue).
 */
@Injectable()
export class MailOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('MailOutbox');
  private timer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  /** Passes run one after another; this is the last one queued. */
  private chain: Promise<unknown> = Promise.resolve();
  private busy = false;
  /** Passes stop claiming after this time (set at shutdown). */
  private deadline = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly outbox: MailOutboxRepository,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.transport.name === 'log' && this.config.NODE_ENV === 'production') {
      this.logger.warn('SMTP_URL is unset: e-mail is written to the log, not sent');
    }
    this.timer = setInterval(() => {
      if (!this.busy) this.runInBackground();
    }, this.config.MAIL_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  /** Sends every message that is due now (tests, shutdown). Resolves with the number of attempts made. */
  flush(): Promise<number> {
    const pass = this.chain.then(() => this.drain());
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  /** Starts a pass soon, without waiting for the next poll: called once queued mail is committed. */
  wake(): void {
    if (this.wakeTimer || this.stopped) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.runInBackground();
    }, 0);
    this.wakeTimer.unref();
  }

  private runInBackground(): void {
    if (this.stopped) return;
    this.flush().catch((error: unknown) => this.logger.error(`mail outbox pass failed: ${String(error)}`));
  }

  private async drain(): Promise<number> {
    this.busy = true;
    try {
      let attempts = 0;
      while (Date.now() < this.deadline) {
        const batch = await this.outbox.claimDue(BATCH, LEASE_MS);
        for (const mail of batch) {
          // past the shutdown deadline the rest keep their lease and are sent later (at least once)
          if (Date.now() >= this.deadline) break;
          await this.deliver(mail);
          attempts += 1;
        }
        if (batch.length < BATCH) break;
      }
      return attempts;
    } finally {
      this.busy = false;
    }
  }

  private async deliver(mail: ClaimedMail): Promise<void> {
    let failure: string | null = null;
    try {
      await this.transport.send({
        id: mail.id,
        from: this.config.MAIL_FROM,
        to: { address: mail.toAddress, name: mail.toName },
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
      });
    } catch (error) {
      failure = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || 'unknown error';
    }
    // a database error below propagates: the row keeps its lease and is sent again later
    if (failure === null) return this.outbox.markSent(mail.id);
    const retryIn = retryDelayMs(mail.attempts, this.config.MAIL_MAX_ATTEMPTS, this.config.MAIL_RETRY_BASE_MS);
    if (retryIn === null) this.logger.error(`gave up on mail ${mail.id} after ${mail.attempts} attempts: ${failure}`);
    else this.logger.warn(`mail ${mail.id} attempt ${mail.attempts} failed, retrying in ${retryIn} ms: ${failure}`);
    await this.outbox.markAttemptFailed(mail.id, failure, retryIn);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.timer = null;
    this.wakeTimer = null;
    this.stopped = true;
    this.deadline = Date.now() + SHUTDOWN_FLUSH_MS;
    await this.flush().catch((error: unknown) => this.logger.warn(`last mail pass failed: ${String(error)}`));
    this.transport.close();
  }
}
