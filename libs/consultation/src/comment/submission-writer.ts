import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { ConsultationEvents } from '../consultation.events';
import { ConsultationNotifier } from '../consultation.notifier';
import { GuestReceipts } from '../guest/guest-receipts';
import { ModerationRules } from '../moderation/moderation-rules';
import type { CommentPeriodEntity } from '../period/comment-period.entity';
import { ConsultationRecord } from '../record/consultation-record';
import { PeriodScheduler } from '../period/period-scheduler';
import { type CommentEntity, CommentState } from './comment.entity';
import { CommentRepository, type NewComment } from './comment.repository';

/** A top-level comment ready to be written: checked, anchored, its commenter known. */
export interface PendingComment {
  period: CommentPeriodEntity;
  /** The row but its moderation state, which the rules decide as it is written. */
  comment: Omit<NewComment, 'state' | 'heldReason'>;
  paragraphs: readonly number[];
  /** Links in the body and in the suggestion, for the moderation rules. */
  links: readonly string[];
}

/** What was written: the comment with the guest's tracking number (null for accounts), or null when it yielded to an earlier twin with the same client key. */
export type Written = { comment: CommentEntity; trackingNumber: string | null } | null;

interface Waiting {
  pending: PendingComment;
  resolve: (written: Written) => void;
  reject: (error: unknown) => void;
}

/** At most this many submissions share a transaction (a bound on its statements' size, not a wait). */
const MAX_BATCH = 64;

/**
 * Group commit for new comments. A submission that finds its period's writer idle is written at once,
 * alone; those that arrive while a write is under way wait for it and are then written together, in
 * one transaction with one statement per step (the moderation rules' query, the rows, their paragraph
 * index, the facilitators' notices, the record's entries) instead of one transaction each. No fixed
 * wait: under load the batch is simply what arrived during the last commit. Each period has its own
 * writer: its record is one log whose appends are serialised anyway (RecordRepository.claimIndexes),
 * and other periods do not wait on it.
 *
 * Ours because it is the write path itself: the steps are the consultation's, in its transaction.
 * If a batch fails, each of its submissions is written again alone, so one bad submission fails only
 * its own request. Inside a caller's transaction a submission is written there, alone, at once.
 */
@Injectable()
export class SubmissionWriter {
  private readonly queues = new Map<string, Waiting[]>();

  constructor(
    private readonly db: Database,
    private readonly comments: CommentRepository,
    private readonly rules: ModerationRules,
    private readonly notifier: ConsultationNotifier,
    private readonly events: ConsultationEvents,
    private readonly receipts: GuestReceipts,
    private readonly publicRecord: ConsultationRecord,
    private readonly scheduler: PeriodScheduler,
  ) {}

  /** Submissions of the period waiting for the write under way to end (the next batch). */
  queued(periodId: string): number {
    return this.queues.get(periodId)?.length ?? 0;
  }

  async write(pending: PendingComment): Promise<Written> {
    if (this.db.inTransaction) return (await this.writeTogether([pending]))[0];
    return new Promise<Written>((resolve, reject) => {
      const queue = this.queues.get(pending.period.id);
      if (queue) {
        queue.push({ pending, resolve, reject });
        return;
      }
      this.queues.set(pending.period.id, [{ pending, resolve, reject }]);
      void this.drain(pending.period.id);
    });
  }

  /** Writes the period's queue batch by batch until it is empty, then forgets it. */
  private async drain(periodId: string): Promise<void> {
    const queue = this.queues.get(periodId);
    if (!queue) return;
    while (queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        const written = await this.db.transaction(() => this.writeTogether(batch.map((w) => w.pending)));
        batch.forEach((waiting, i) => waiting.resolve(written[i]));
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else for (const waiting of batch) await this.alone(waiting);
      }
    }
    this.queues.delete(periodId);
  }

  private async alone(waiting: Waiting): Promise<void> {
    try {
      waiting.resolve((await this.db.transaction(() => this.writeTogether([waiting.pending])))[0]);
    } catch (error) {
      waiting.reject(error);
    }
  }

  /** The steps of a submission, each once for the whole batch, in the caller's transaction. */
  private async writeTogether(batch: readonly PendingComment[]): Promise<Written[]> {
    for (const period of new Map(batch.map((p) => [p.period.id, p.period])).values()) await this.scheduler.catchUp(period);
    const held = await this.rules.holdReasons(
      batch.map(({ period, comment, links }) => ({ period, authorId: comment.authorId, guestEmail: comment.guestEmail, links, fingerprint: comment.fingerprint })),
    );
    const saved = await this.comments.insertMany(
      batch.map(({ comment, paragraphs }, i) => ({ comment: { ...comment, state: held[i] ? CommentState.PENDING : CommentState.PUBLISHED, heldReason: held[i] }, paragraphs })),
    );
    const written = batch.flatMap(({ period }, i) => {
      const comment = saved[i];
      return comment ? [{ period, comment }] : [];
    });
    await this.notifier.commentsSubmitted(written);
    const trackingNumbers = new Map<string, string>();
    for (const { period, comment } of written) {
      this.events.emit({ type: 'comment.submitted', period, comment });
      if (!comment.authorId) trackingNumbers.set(comment.id, await this.receipts.issue(period, comment));
    }
    await this.publicRecord.commentsSubmitted(written.map((w) => w.comment));
    return saved.map((comment) => comment && { comment, trackingNumber: trackingNumbers.get(comment.id) ?? null });
  }
}
