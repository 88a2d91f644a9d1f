import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Clock, Database } from '@intersessional/database';
import { DraftIndex, encodeRelativePosition, projectRange, relativePosition, replaceBetween } from '@intersessional/document-schema';
import { DocumentRepository, DocumentStore, VersionService, isEditableStatus } from '@intersessional/documents';
import { badInput, conflict, notFound } from '@intersessional/graphql';
import { Anchoring } from '../comment/anchoring';
import { type CommentEntity, CommentState, Disposition } from '../comment/comment.entity';
import { CommentRepository } from '../comment/comment.repository';
import { anchorChanged, anchorOrphaned } from '../consultation.errors';
import { ConsultationEvents } from '../consultation.events';
import { ConsultationNotifier } from '../consultation.notifier';
import { ConsultationPolicy } from '../consultation.policy';
import type { CommentPeriodEntity } from '../period/comment-period.entity';
import { CommentPeriodService } from '../period/comment-period.service';
import { ConsultationRecord } from '../record/consultation-record';

export interface Answer {
  disposition: Disposition;
  response: string;
  /** The version of the document that addressed the comment. */
  addressedVersionId?: string | null;
}

/** Facilitators answer every comment, and fold suggestions into the live draft. */
@Injectable()
export class AnswerService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly comments: CommentRepository,
    private readonly periods: CommentPeriodService,
    private readonly policy: ConsultationPolicy,
    private readonly documents: DocumentRepository,
    private readonly store: DocumentStore,
    private readonly versions: VersionService,
    private readonly anchoring: Anchoring,
    private readonly audit: AuditService,
    private readonly events: ConsultationEvents,
    private readonly notifier: ConsultationNotifier,
    private readonly publicRecord: ConsultationRecord,
  ) {}

  async answer(actor: Actor, commentId: string, answer: Answer): Promise<CommentEntity> {
    if (!answer.response.trim()) throw badInput('response', 'say what was done with the comment (it is published)');
    return this.db.transaction(async () => {
      const { comment, period } = await this.lockForFacilitator(actor, commentId);
      if (answer.addressedVersionId) {
        const version = await this.versions.readable(actor, answer.addressedVersionId);
        if (version.documentId !== period.documentId) throw badInput('addressedVersionId', 'must be a version of the document under comment');
      }
      const after = await this.comments.update(comment.id, {
        disposition: answer.disposition,
        response: answer.response.trim(),
        addressedVersionId: answer.addressedVersionId ?? null,
        disposedBy: actor.userId,
        disposedAt: this.clock.now(),
      });
      await this.record(actor, period, comment, 'comment.answered', { before: comment.disposition, after: answer.disposition });
      await this.notifier.answered(period, after);
      this.events.emit({ type: 'comment.answered', period, comment: after });
      await this.publicRecord.answered(after);
      return after;
    });
  }

  /**
   * Applies a suggestion to the live draft as one Yjs transaction through the document log (connected
   * editors see it live) and records the disposition. If the passage was edited since, the facilitator
   * must confirm (`confirmChanged`); a deleted passage cannot take it.
   */
  async applySuggestion(actor: Actor, commentId: string, options: { confirmChanged: boolean; response?: string | null }): Promise<CommentEntity> {
    return this.db.transaction(async () => {
      const { comment, period } = await this.lockForFacilitator(actor, commentId);
      if (!comment.suggestion) throw badInput('commentId', 'this comment proposes no wording');
      if (comment.suggestionAppliedAt) throw conflict('The suggestion was already applied.', { appliedAt: comment.suggestionAppliedAt.toISOString() });
      if (comment.withdrawnAt || comment.state === CommentState.REJECTED) throw conflict('The comment was withdrawn or rejected.');
      const range = await this.anchoring.rangeOf(comment, period.versionId);
      if (!range || !period.documentId) throw badInput('commentId', 'the comment is not anchored to a passage');
      const document = await this.documents.lock(period.documentId);
      if (!document) throw notFound('Document', period.documentId);
      if (!isEditableStatus(document.status)) throw conflict(`The document is ${document.status.toLowerCase()}; it cannot be edited.`, { status: document.status });
      const suggestion = comment.suggestion;
      let replaced = '';
      // the comment's own passage is the new wording from now on (the quote keeps what was commented on)
      let newWording: Pick<CommentEntity, 'relStart' | 'relEnd'> | null = null;
      const update = await this.store.edit(document.id, actor.userId, (doc) => {
        const index = DraftIndex.of(doc);
        const projection = projectRange(index, range);
        if (projection.status === 'ORPHANED' || !projection.from || !projection.to) throw anchorOrphaned();
        if (projection.status === 'CHANGED' && !options.confirmChanged) throw anchorChanged(projection.text ?? '');
        replaced = projection.text ?? '';
        replaceBetween(doc, index.blocks, projection.from, projection.to, suggestion, 'suggestion');
        if (suggestion) {
          const after = DraftIndex.of(doc);
          const { block, offset } = projection.from;
          newWording = {
            relStart: Buffer.from(encodeRelativePosition(relativePosition(after.blocks, { block, offset }, 0))),
            relEnd: Buffer.from(encodeRelativePosition(relativePosition(after.blocks, { block, offset: offset + suggestion.length }, -1))),
          };
        }
      });
      const now = this.clock.now();
      const after = await this.comments.update(comment.id, {
        ...(newWording ?? {}),
        suggestionAppliedAt: now,
        disposition: comment.disposition ?? Disposition.ACCEPTED,
        response: comment.response ?? (options.response?.trim() || 'The suggested wording was applied to the draft.'),
        disposedBy: comment.disposedBy ?? actor.userId,
        disposedAt: comment.disposedAt ?? now,
      });
      await this.record(actor, period, comment, 'comment.suggestion_applied', { replaced, with: suggestion, confirmedChange: options.confirmChanged });
      await this.notifier.suggestionApplied(period, after);
      this.events.emit({ type: 'suggestion.applied', period, comment: after });
      await this.publicRecord.suggestionApplied(after, document.id, update);
      return after;
    });
  }

  private async lockForFacilitator(actor: Actor, commentId: string): Promise<{ comment: CommentEntity; period: CommentPeriodEntity }> {
    const comment = isUUID(commentId) ? await this.comments.lock(commentId) : null;
    if (!comment) throw notFound('Comment', commentId);
    const period = await this.periods.get(comment.periodId);
    if (!(await this.policy.canFacilitate(actor, period.workstreamId))) throw notFound('Comment', commentId);
    if (comment.parentId) throw badInput('commentId', 'replies are part of a thread; answer the comment itself');
    return { comment, period };
  }

  private record(actor: Actor, period: CommentPeriodEntity, comment: CommentEntity, action: string, summary: Record<string, unknown>) {
    return this.audit.record(actor, { action, entityType: 'comment', entityId: comment.id, workstreamId: period.workstreamId, summary });
  }
}
