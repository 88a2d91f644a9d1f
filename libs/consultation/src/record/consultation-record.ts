import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JsonValue } from '@intersessional/record';
import { RecordService } from '@intersessional/record-store';
import type { CommentEntity } from '../comment/comment.entity';
import type { CommentPeriodEntity } from '../period/comment-period.entity';
import type { PeriodEvent } from '../period/comment-period.repository';
import { SynthesisService } from '../synthesis/synthesis.service';
import { type ModerationKind, answered, commentEdited, commentSubmitted, commentWithdrawn, moderated, periodFields, suggestionApplied } from './record-entries';

/**
 * The consultation's side of the record: one call per event, made last inside the transaction that
 * makes the change, so the change and its entry commit together or not at all. Each period is one
 * log, its id the period's.
 */
@Injectable()
export class ConsultationRecord {
  constructor(
    private readonly record: RecordService,
    private readonly synthesis: SynthesisService,
  ) {}

  /** A period made public with its times and rules (scheduled), or changed while scheduled (updated). */
  async periodAnnounced(kind: 'period.scheduled' | 'period.updated', period: CommentPeriodEntity): Promise<void> {
    await this.record.append(period.id, { kind, fields: periodFields(period) });
  }

  /** The scheduler's timed events: opened, and closed (under a head of its own at once). */
  async periodTimed(period: CommentPeriodEntity, event: PeriodEvent): Promise<void> {
    if (event === 'OPENED') await this.record.append(period.id, { kind: 'period.opened', fields: { opensAt: period.opensAt.toISOString() } });
    if (event === 'CLOSED') await this.record.append(period.id, { kind: 'period.closed', fields: { closesAt: period.closesAt.toISOString() }, signAtOnce: true });
  }

  async periodExtended(before: CommentPeriodEntity, after: CommentPeriodEntity, reason: string | null): Promise<void> {
    await this.record.append(after.id, { kind: 'period.extended', fields: { previousClosesAt: before.closesAt.toISOString(), closesAt: after.closesAt.toISOString(), reason } });
  }

  async periodClosedEarly(period: CommentPeriodEntity, reason: string | null): Promise<void> {
    await this.record.append(period.id, {
      kind: 'period.closed_early',
      fields: { closesAt: period.closesAt.toISOString(), inclusionCutoffAt: period.inclusionCutoffAt?.toISOString() ?? null, reason },
    });
  }

  /** With the figures the synthesis publishes at that moment, under a head of its own at once. */
  async synthesisPublished(period: CommentPeriodEntity, unanswered: number): Promise<void> {
    const f = await this.synthesis.figures(period.id);
    const cells = (list: typeof f.byStakeholderGroup): JsonValue =>
      list.map((c) => ({ category: c.category, commenters: c.commenters, comments: c.comments, suppressed: c.suppressed, display: c.display }));
    const figures: JsonValue = {
      totalComments: f.totalComments,
      totalCommenters: f.totalCommenters,
      byStakeholderGroup: cells(f.byStakeholderGroup),
      byRegion: cells(f.byRegion),
      byGender: cells(f.byGender),
      byDisposition: f.byDisposition.map((d) => ({ disposition: d.disposition, count: d.count })),
    };
    await this.record.append(period.id, { kind: 'synthesis.published', fields: { note: period.synthesisNote, unanswered, figures }, signAtOnce: true });
  }

  async commentSubmitted(comment: CommentEntity): Promise<void> {
    await this.commentsSubmitted([comment]);
  }

  /** Comments written together (a batch of submissions): one append per period, in their order. */
  async commentsSubmitted(comments: readonly CommentEntity[]): Promise<void> {
    const byPeriod = new Map<string, CommentEntity[]>();
    for (const comment of comments) byPeriod.set(comment.periodId, [...(byPeriod.get(comment.periodId) ?? []), comment]);
    for (const [periodId, list] of byPeriod) await this.record.appendMany(periodId, list.map(commentSubmitted));
  }

  async commentEdited(comment: CommentEntity): Promise<void> {
    await this.record.append(comment.periodId, commentEdited(comment));
  }

  async commentWithdrawn(comment: CommentEntity): Promise<void> {
    await this.record.append(comment.periodId, commentWithdrawn(comment));
  }

  async moderated(kind: ModerationKind, comment: CommentEntity, reason: string | null, fields: { [name: string]: JsonValue } = {}): Promise<void> {
    await this.record.append(comment.periodId, moderated(kind, comment, reason, fields));
  }

  async answered(comment: CommentEntity): Promise<void> {
    await this.record.append(comment.periodId, answered(comment));
  }

  /** `update`: the Yjs update the suggestion became (null if the draft did not change). */
  async suggestionApplied(comment: CommentEntity, documentId: string, update: Uint8Array | null): Promise<void> {
    const hash = update ? createHash('sha256').update(update).digest('hex') : null;
    await this.record.append(comment.periodId, suggestionApplied(comment, documentId, hash));
  }
}
