import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, Database } from '@intersessional/database';
import { ConsultationEvents } from '../consultation.events';
import { ConsultationNotifier } from '../consultation.notifier';
import { ConsultationRecord } from '../record/consultation-record';
import type { CommentPeriodEntity } from './comment-period.entity';
import { CommentPeriodRepository, type DueEvent } from './comment-period.repository';

/** How often due events are looked for; they fire at most this late. */
const TICK_MS = 5000;

/**
 * Fires each period's timed events (opened, closing in 48 hours, closed) once: at start-up for whatever
 * fell due while no server ran, then every few seconds. The event row is inserted with ON CONFLICT DO
 * NOTHING in the same transaction as the notices, so several instances never fire one twice, and a
 * crash before commit leaves it to fire on the next tick. The period's state never waits for this: it
 * is computed from the times on every read.
 */
@Injectable()
export class PeriodScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PeriodScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  /** Open periods whose due events a submission's transaction has seen fired (see `catchUp`). */
  private readonly openedRecorded = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly periods: CommentPeriodRepository,
    private readonly events: ConsultationEvents,
    private readonly notifier: ConsultationNotifier,
    private readonly publicRecord: ConsultationRecord,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  /** Fires everything due now; resolves when done (tests call it instead of waiting for the timer). */
  tick(): Promise<void> {
    this.running = this.running.then(() => this.fireDue()).catch((error: unknown) => this.logger.warn(`could not fire period events: ${String(error)}`));
    return this.running;
  }

  /**
   * Fires what is due for one period now, in the caller's transaction, before the caller records
   * anything about it: a comment that arrives in the seconds between the opening time and the next
   * tick comes after "opened" in the period's record, never before it.
   */
  async catchUp(period: CommentPeriodEntity): Promise<void> {
    // once per open period and process: after a commit that saw it opened, "opened" is in the record
    // for good, so the submission path pays this query once, not per batch
    if (this.openedRecorded.has(period.id)) return;
    const now = this.clock.now();
    for (const due of await this.periods.dueEvents(now, period.id)) await this.fire(due);
    if (period.opensAt <= now) this.db.afterCommit(() => this.openedRecorded.add(period.id));
  }

  private async fireDue(): Promise<void> {
    for (const due of await this.periods.dueEvents(this.clock.now())) await this.db.transaction(() => this.fire(due));
  }

  private async fire(due: DueEvent): Promise<void> {
    if (!(await this.periods.claimEvent(due))) return;
    const period = await this.periods.findById(due.periodId);
    if (!period) return;
    await this.notifier.periodTimed(period, due.event);
    this.events.emit({ type: 'period.timed', period, event: due.event });
    await this.publicRecord.periodTimed(period, due.event);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
