import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { LINK_SECRET_SQL, REMOVED } from './link-secret';
import { MailStatus } from './mail-message.entity';

export interface NewMail {
  toAddress: string;
  toName: string | null;
  subject: string;
  textBody: string;
  htmlBody: string | null;
}

export interface ClaimedMail extends NewMail {
  id: string;
  attempts: number;
}

@Injectable()
export class MailOutboxRepository {
  constructor(private readonly db: Database) {}

  /** Queues mail in the caller's transaction, in one statement; returns the ids in order. */
  async enqueue(mails: readonly NewMail[]): Promise<string[]> {
    if (!mails.length) return [];
    const ids = mails.map(() => randomUUID());
    await this.db.manager.query(
      `INSERT INTO mail_outbox (id, to_address, to_name, subject, text_body, html_body)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        ids,
        mails.map((m) => m.toAddress),
        mails.map((m) => m.toName),
        mails.map((m) => m.subject),
        mails.map((m) => m.textBody),
        mails.map((m) => m.htmlBody),
      ],
    );
    return ids;
  }

  /**
   * Claims up to `limit` due messages for one delivery attempt each. Several instances may poll at
   * once: SKIP LOCKED gives each its own rows, and the claim commits at once (counting the attempt and
   * moving `next_attempt_at` past a lease), so no transaction stays open while mail is sent. A worker
   * that dies mid-send leaves its rows to be claimed again when the lease ends: delivery is at least once.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedMail[]> {
    // TypeORM answers an UPDATE with [rows, affected count]
    const [rows]: [{ id: string; to_address: string; to_name: string | null; subject: string; text_body: string; html_body: string | null; attempts: number }[], number] =
      await this.db.manager.query(
        `UPDATE mail_outbox m
            SET attempts = m.attempts + 1, next_attempt_at = now() + $2::float8 * interval '1 millisecond'
          WHERE m.id IN (
            SELECT id FROM mail_outbox
             WHERE status = 'PENDING' AND next_attempt_at <= now()
             ORDER BY next_attempt_at
             LIMIT $1
               FOR UPDATE SKIP LOCKED)
        RETURNING m.id, m.to_address, m.to_name, m.subject, m.text_body, m.html_body, m.attempts`,
        [limit, leaseMs],
      );
    return rows.map((r) => ({
      id: r.id,
      toAddress: r.to_address,
      toName: r.to_name,
      subject: r.subject,
      textBody: r.text_body,
      htmlBody: r.html_body,
      attempts: Number(r.attempts),
    }));
  }

  /** Delivered: the row stays (for the record, until retention) without the secrets of private links. */
  async markSent(id: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE mail_outbox SET status = $2, sent_at = now(), last_error = NULL, text_body = regexp_replace(text_body, $3, $4, 'g') WHERE id = $1`,
      [id, MailStatus.SENT, LINK_SECRET_SQL, `\\1${REMOVED}`],
    );
  }

  /** Records a failed attempt: retried after `retryInMs`, or given up (FAILED) when it is null. */
  async markAttemptFailed(id: string, error: string, retryInMs: number | null): Promise<void> {
    await this.db.manager.query(
      retryInMs === null
        ? `UPDATE mail_outbox SET status = 'FAILED', last_error = $2 WHERE id = $1`
        : `UPDATE mail_outbox SET last_error = $2, next_attempt_at = now() + $3::float8 * interval '1 millisecond' WHERE id = $1`,
      retryInMs === null ? [id, error] : [id, error, retryInMs],
    );
  }
}
