import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { registerEnumType } from '@nestjs/graphql';
import type { Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Clock, Database } from '@intersessional/database';
import { badInput, conflict, notFound } from '@intersessional/graphql';
import { type CommentEntity, CommentState } from '../comment/comment.entity';
import { CommentRepository } from '../comment/comment.repository';
import { CommentService } from '../comment/comment.service';
import { ConsultationEvents } from '../consultation.events';
import { ConsultationNotifier } from '../consultation.notifier';
import { ConsultationPolicy } from '../consultation.policy';
import type { CommentPeriodEntity } from '../period/comment-period.entity';
import { CommentPeriodService } from '../period/comment-period.service';
import { ConsultationRecord } from '../record/consultation-record';
import type { ModerationKind } from '../record/record-entries';
import { FlagRepository } from './flag.repository';

/** The IGF Code of Conduct's grounds for reporting a comment. */
export enum FlagReason {
  HARASSMENT = 'HARASSMENT',
  HATE_SPEECH = 'HATE_SPEECH',
  PERSONAL_ATTACK = 'PERSONAL_ATTACK',
  SPAM = 'SPAM',
  OFF_TOPIC = 'OFF_TOPIC',
  PRIVACY = 'PRIVACY',
  OTHER = 'OTHER',
}
registerEnumType(FlagReason, { name: 'FlagReason', description: 'Code of Conduct grounds for reporting a comment.' });

/**
 * Flags from anyone signed in; hiding, unhiding, keeping (dismissing the reports) and the pre-moderation
 * queue for facilitators. Hidden comments stay in the record (and in exports, marked) but never reach the
 * public.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly comments: CommentRepository,
    private readonly commentService: CommentService,
    private readonly flags: FlagRepository,
    private readonly periods: CommentPeriodService,
    private readonly policy: ConsultationPolicy,
    private readonly audit: AuditService,
    private readonly events: ConsultationEvents,
    private readonly notifier: ConsultationNotifier,
    private readonly publicRecord: ConsultationRecord,
  ) {}

  async flag(actor: Actor, commentId: string, reason: FlagReason, note: string | null): Promise<CommentEntity> {
    const comment = await this.commentService.visible(actor, commentId);
    if (comment.authorId === actor.userId) throw badInput('commentId', 'you cannot report your own comment');
    await this.db.transaction(async () => {
      if (!(await this.flags.insert({ commentId: comment.id, userId: actor.userId, reason, note: note?.trim() || null }))) {
        throw conflict('You already reported this comment.');
      }
    });
    return comment;
  }

  hide(actor: Actor, commentId: string, reason: string): Promise<CommentEntity> {
    return this.moderate(actor, commentId, 'comment.hidden', reason, (c, now) => {
      if (c.hiddenAt) throw conflict('The comment is already hidden.');
      return { hiddenAt: now, hiddenReason: reason };
    });
  }

  unhide(actor: Actor, commentId: string, reason: string): Promise<CommentEntity> {
    return this.moderate(actor, commentId, 'comment.unhidden', reason, (c) => {
      if (!c.hiddenAt) throw conflict('The comment is not hidden.');
      return { hiddenAt: null, hiddenReason: null };
    });
  }

  /** From the queue to the public. */
  approve(actor: Actor, commentId: string): Promise<CommentEntity> {
    return this.moderate(actor, commentId, 'comment.approved', null, (c) => {
      if (c.state !== CommentState.PENDING) throw conflict(`The comment is ${c.state.toLowerCase()}, not waiting for moderation.`);
      return { state: CommentState.PUBLISHED };
    });
  }

  /** Kept in the record as rejected; it needs no answer. */
  reject(actor: Actor, commentId: string, reason: string): Promise<CommentEntity> {
    return this.moderate(actor, commentId, 'comment.rejected', reason, (c) => {
      if (c.state !== CommentState.PENDING) throw conflict(`The comment is ${c.state.toLowerCase()}, not waiting for moderation.`);
      return { state: CommentState.REJECTED, hiddenReason: reason };
    });
  }

  /**
   * The reports were unfounded: the comment stays public and leaves the "reported" view. Its open
   * reports are dismissed, not deleted (who, when, why stay in the record); a later report brings it
   * back. The reason is optional.
   */
  keep(actor: Actor, commentId: string, reason: string | null): Promise<CommentEntity> {
    return this.asFacilitator(actor, commentId, reason, async (comment, period) => {
      if (comment.hiddenAt) throw conflict('The comment is hidden; make it public again instead.');
      const dismissed = await this.flags.dismissOpen(comment.id, { by: actor.userId, at: this.clock.now(), reason });
      if (dismissed === 0) throw conflict('The comment has no open reports.');
      await this.audit.record(actor, {
        action: 'comment.kept',
        entityType: 'comment',
        entityId: comment.id,
        workstreamId: period.workstreamId,
        summary: { dismissedReports: dismissed, reason },
      });
      await this.publicRecord.moderated('comment.kept', comment, reason, { dismissedReports: dismissed });
      return comment;
    });
  }

  private moderate(
    actor: Actor,
    commentId: string,
    action: ModerationKind,
    reason: string | null,
    change: (c: CommentEntity, now: Date) => Partial<CommentEntity>,
  ): Promise<CommentEntity> {
    return this.asFacilitator(actor, commentId, reason, async (comment, period) => {
      const after = await this.comments.update(comment.id, change(comment, this.clock.now()));
      await this.audit.record(actor, {
        action,
        entityType: 'comment',
        entityId: comment.id,
        workstreamId: period.workstreamId,
        summary: { before: { state: comment.state, hidden: comment.hiddenAt !== null }, after: { state: after.state, hidden: after.hiddenAt !== null }, reason },
      });
      if (action === 'comment.approved') {
        const parent = after.parentId ? await this.comments.findById(after.parentId) : null;
        if (parent) await this.notifier.replied(period, parent, after);
        this.events.emit({ type: 'comment.published', period, comment: after });
      }
      await this.publicRecord.moderated(action, after, reason);
      return after;
    });
  }

  /** In one transaction, with the comment locked; NOT_FOUND for an unknown comment and for anyone who does not facilitate its period. */
  private async asFacilitator<T>(
    actor: Actor,
    commentId: string,
    reason: string | null,
    work: (comment: CommentEntity, period: CommentPeriodEntity) => Promise<T>,
  ): Promise<T> {
    if (reason !== null && !reason.trim()) throw badInput('reason', 'give the reason (it is kept in the record)');
    return this.db.transaction(async () => {
      const comment = isUUID(commentId) ? await this.comments.lock(commentId) : null;
      if (!comment) throw notFound('Comment', commentId);
      const period = await this.periods.get(comment.periodId);
      if (!(await this.policy.canFacilitate(actor, period.workstreamId))) throw notFound('Comment', commentId);
      return work(comment, period);
    });
  }
}
