import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, Database } from '@intersessional/database';

/** Sent mail is kept this long (for support questions: "did it go out?"), then deleted. */
export const SENT_MAIL_DAYS = 30;
/** Notifications already read are kept this long, then deleted; unread ones are kept. */
export const READ_NOTIFICATION_DAYS = 365;
const EVERY_MS = 3600_000;
/** Rows deleted per statement, so a first run on a large backlog never holds long locks. */
const BATCH = 5000;

/** Deletes sent mail and old read notifications, hourly, in bounded batches. */
@Injectable()
export class NotificationRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationRetention');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune().catch((error: unknown) => this.logger.warn(`pruning failed: ${String(error)}`)), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns how many mails and notifications were deleted. */
  async prune(): Promise<{ mails: number; notifications: number }> {
    const now = this.clock.now().getTime();
    const mails = await this.deleteAll(
      `DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'SENT' AND sent_at < $1 LIMIT ${BATCH})`,
      new Date(now - SENT_MAIL_DAYS * 86_400_000),
    );
    const notifications = await this.deleteAll(
      `DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE read_at IS NOT NULL AND read_at < $1 LIMIT ${BATCH})`,
      new Date(now - READ_NOTIFICATION_DAYS * 86_400_000),
    );
    return { mails, notifications };
  }

  private async deleteAll(sql: string, before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const result: unknown = await this.db.manager.query(sql, [before]);
      // node-postgres through TypeORM returns [rows, affected] for DELETE
      const affected = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
      total += affected;
      if (affected < BATCH) return total;
    }
  }
}
