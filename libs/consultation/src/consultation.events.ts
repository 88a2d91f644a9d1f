import { Injectable, Logger } from '@nestjs/common';
import { Database } from '@intersessional/database';
import type { CommentEntity } from './comment/comment.entity';
import type { CommentPeriodEntity } from './period/comment-period.entity';
import type { PeriodEvent } from './period/comment-period.repository';

export type ConsultationEvent =
  | { type: 'comment.submitted'; period: CommentPeriodEntity; comment: CommentEntity }
  | { type: 'comment.replied'; period: CommentPeriodEntity; parent: CommentEntity; reply: CommentEntity }
  | { type: 'comment.published'; period: CommentPeriodEntity; comment: CommentEntity }
  | { type: 'comment.answered'; period: CommentPeriodEntity; comment: CommentEntity }
  | { type: 'suggestion.applied'; period: CommentPeriodEntity; comment: CommentEntity }
  | { type: 'period.extended'; period: CommentPeriodEntity; reason: string | null }
  | { type: 'period.timed'; period: CommentPeriodEntity; event: PeriodEvent };

export type ConsultationListener = (event: ConsultationEvent) => void | Promise<void>;

/**
 * What happened in consultations, told to listeners (notifications, live subscriptions) only after the
 * transaction that made it commits: nobody is told about a comment that was rolled back.
 */
@Injectable()
export class ConsultationEvents {
  private readonly logger = new Logger('ConsultationEvents');
  private readonly listeners = new Set<ConsultationListener>();

  constructor(private readonly db: Database) {}

  listen(listener: ConsultationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ConsultationEvent): void {
    this.db.afterCommit(() => {
      for (const listener of this.listeners) {
        void Promise.resolve()
          .then(() => listener(event))
          .catch((error: unknown) => this.logger.error(`a listener failed on ${event.type}: ${String(error)}`));
      }
    });
  }
}
