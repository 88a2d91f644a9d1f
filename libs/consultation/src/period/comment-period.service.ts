import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Clock, Database, type PageRequest } from '@intersessional/database';
import { DocumentPolicy, DocumentRepository, VersionService } from '@intersessional/documents';
import { badInput, conflict, invalidTransition, notFound } from '@intersessional/graphql';
import { WorkstreamRepository } from '@intersessional/workstreams';
import { CommentRepository } from '../comment/comment.repository';
import { periodClosed, periodNotOpen, unansweredComments } from '../consultation.errors';
import { ConsultationNotifier } from '../consultation.notifier';
import { ConsultationPolicy } from '../consultation.policy';
import { type CommentPeriodEntity, ModerationMode, Participation, PeriodKind, PeriodStatus } from './comment-period.entity';
import { CommentPeriodRepository } from './comment-period.repository';
import { isTimeZone, statusAt } from './period-status';
import { PublicDocumentRule } from './public-document-rule';
import { ConsultationRecord } from '../record/consultation-record';

export interface PeriodSettings {
  title: string;
  instructions?: string;
  guidingQuestions?: string[];
  timeZone: string;
  opensAt: Date;
  inclusionCutoffAt?: Date | null;
  closesAt: Date;
  participation?: Participation;
  moderation?: ModerationMode;
}

export interface NewDocumentPeriod extends PeriodSettings {
  documentId: string;
  /** An existing frozen version of the document… */
  versionId?: string;
  /** …or a label to freeze the live draft as a new version now. */
  freezeVersionLabel?: string;
  /** Schedule at once (otherwise it stays a draft the facilitators can still change). */
  schedule?: boolean;
  clientKey?: string | null;
}

export interface NewCall extends PeriodSettings {
  workstreamId: string;
  schedule?: boolean;
  clientKey?: string | null;
}

/** Comment periods and calls for contributions: create, schedule, change, extend, close early, publish. */
@Injectable()
export class CommentPeriodService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly periods: CommentPeriodRepository,
    private readonly comments: CommentRepository,
    private readonly documents: DocumentRepository,
    private readonly documentPolicy: DocumentPolicy,
    private readonly versions: VersionService,
    private readonly workstreams: WorkstreamRepository,
    private readonly policy: ConsultationPolicy,
    private readonly audit: AuditService,
    private readonly notifier: ConsultationNotifier,
    private readonly publicDocument: PublicDocumentRule,
    private readonly publicRecord: ConsultationRecord,
  ) {}

  status(period: CommentPeriodEntity): PeriodStatus {
    return statusAt(period, this.clock.now());
  }

  async get(id: string): Promise<CommentPeriodEntity> {
    const period = isUUID(id) ? await this.periods.findById(id) : null;
    if (!period) throw notFound('CommentPeriod', id);
    return period;
  }

  /**
   * A period is public once scheduled (the announcement is public); drafts are for the workstream's
   * facilitators only. A period on a members-only document stays members-only.
   */
  async readable(actor: Actor | null, id: string): Promise<CommentPeriodEntity> {
    const period = await this.get(id);
    if (!(await this.canRead(actor, period))) throw notFound('CommentPeriod', id);
    return period;
  }

  /**
   * A page of a workstream's (or one document's) periods as `actor` may see them, and their total under
   * the same rule as `canRead`: drafts for facilitators only, periods on members-only documents for members.
   */
  async readablePage(actor: Actor | null, workstreamId: string, documentId: string | undefined, page: PageRequest): Promise<{ rows: CommentPeriodEntity[]; total: number }> {
    const [includeDrafts, includeMembersOnlyDocuments] = await Promise.all([this.policy.canFacilitate(actor, workstreamId), this.policy.isMember(actor, workstreamId)]);
    const scope = { documentId, includeDrafts, includeMembersOnlyDocuments };
    const [rows, total] = await Promise.all([this.periods.page(workstreamId, page, scope), this.periods.count(workstreamId, scope)]);
    return { rows, total };
  }

  async canRead(actor: Actor | null, period: CommentPeriodEntity): Promise<boolean> {
    if (!period.scheduledAt && !(await this.policy.canFacilitate(actor, period.workstreamId))) return false;
    if (period.documentId) {
      const document = await this.documents.findById(period.documentId);
      if (!document || !(await this.documentPolicy.canRead(actor, document))) return false;
    }
    return true;
  }

  async createOnDocument(actor: Actor, input: NewDocumentPeriod): Promise<CommentPeriodEntity> {
    return this.db.transaction(async () => {
      const first = await this.createdBefore(actor, input.clientKey, (p) => p.documentId === input.documentId && p.title === input.title.trim());
      if (first) return first;
      const document = isUUID(input.documentId) ? await this.documents.findById(input.documentId) : null;
      if (!document) throw notFound('Document', input.documentId);
      await this.documentPolicy.assertCanRead(actor, document);
      await this.policy.assertCanFacilitate(actor, document.workstreamId);
      if (input.schedule) this.publicDocument.assertSchedulable(document);
      let versionId = input.versionId;
      if (versionId && input.freezeVersionLabel) throw badInput('versionId', 'give a version or a label to freeze one, not both');
      if (versionId) {
        const version = await this.versions.readable(actor, versionId);
        if (version.documentId !== document.id) throw badInput('versionId', 'must be a version of this document');
      } else if (input.freezeVersionLabel) {
        versionId = (await this.versions.freeze(actor, document.id, input.freezeVersionLabel)).id;
      } else {
        throw badInput('versionId', 'choose the frozen version to comment on, or give freezeVersionLabel to freeze the draft now');
      }
      return this.insert(actor, { ...input, kind: PeriodKind.DOCUMENT, workstreamId: document.workstreamId, documentId: document.id, versionId });
    });
  }

  async createCall(actor: Actor, input: NewCall): Promise<CommentPeriodEntity> {
    return this.db.transaction(async () => {
      const first = await this.createdBefore(actor, input.clientKey, (p) => p.workstreamId === input.workstreamId && p.documentId === null && p.title === input.title.trim());
      if (first) return first;
      if (!isUUID(input.workstreamId) || !(await this.workstreams.findById(input.workstreamId))) throw notFound('Workstream', input.workstreamId);
      await this.policy.assertCanFacilitate(actor, input.workstreamId);
      return this.insert(actor, { ...input, kind: PeriodKind.CALL_FOR_CONTRIBUTIONS, documentId: null, versionId: null });
    });
  }

  /**
   * The period this person already created with `clientKey` (a double-click, a retry), or null; the
   * same key for a different period is CONFLICT. Call first in the creating transaction.
   */
  private async createdBefore(actor: Actor, clientKey: string | null | undefined, same: (first: CommentPeriodEntity) => boolean): Promise<CommentPeriodEntity | null> {
    if (!clientKey) return null;
    await this.periods.lockClientKey(actor.userId, clientKey);
    const first = await this.periods.findByClientKey(actor.userId, clientKey);
    if (first && !same(first)) {
      throw conflict('This client key was already used for a different period; make a new key for each new period.', { field: 'clientKey', periodId: first.id });
    }
    return first;
  }

  private async insert(
    actor: Actor,
    input: PeriodSettings & { kind: PeriodKind; workstreamId: string; documentId: string | null; versionId: string | null; schedule?: boolean; clientKey?: string | null },
  ): Promise<CommentPeriodEntity> {
    const settings = this.validated(input);
    const period = await this.periods.insert({
      ...settings,
      kind: input.kind,
      workstreamId: input.workstreamId,
      documentId: input.documentId,
      versionId: input.versionId,
      scheduledAt: input.schedule ? this.scheduleTime(settings.closesAt) : null,
      createdBy: actor.userId,
      clientKey: input.clientKey ?? null,
    });
    await this.record(actor, period, 'comment_period.created', { after: this.snapshot(period) });
    if (period.scheduledAt) await this.publicRecord.periodAnnounced('period.scheduled', period);
    return period;
  }

  /** Title, instructions, questions, times and rules can change until the period opens. */
  async update(actor: Actor, id: string, changes: Partial<PeriodSettings>): Promise<CommentPeriodEntity> {
    return this.db.transaction(async () => {
      const before = await this.lockForFacilitator(actor, id);
      const status = this.status(before);
      if (status !== PeriodStatus.DRAFT && status !== PeriodStatus.SCHEDULED) {
        throw invalidTransition(`The period is ${status.toLowerCase()}: only its closing time can change (extendCommentPeriod).`, status, 'UPDATE');
      }
      const merged = this.validated({ ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) });
      const after = await this.periods.update(id, merged);
      await this.record(actor, after, 'comment_period.updated', { before: this.snapshot(before), after: this.snapshot(after) });
      if (after.scheduledAt) await this.publicRecord.periodAnnounced('period.updated', after);
      return after;
    });
  }

  /** Changes and, if asked, schedules, in one transaction: a refused schedule (e.g. DOCUMENT_NOT_PUBLIC) keeps nothing. */
  async updateAndSchedule(actor: Actor, id: string, changes: Partial<PeriodSettings>, schedule: boolean): Promise<CommentPeriodEntity> {
    return this.db.transaction(async () => {
      const updated = await this.update(actor, id, changes);
      return schedule && !updated.scheduledAt ? this.schedule(actor, id) : updated;
    });
  }

  /** Draft → scheduled: from now on it opens and closes by itself at its times. */
  async schedule(actor: Actor, id: string): Promise<CommentPeriodEntity> {
    return this.db.transaction(async () => {
      const before = await this.lockForFacilitator(actor, id);
      if (before.scheduledAt) throw invalidTransition('The period is already scheduled.', this.status(before), 'SCHEDULE');
      if (before.documentId) {
        const document = await this.documents.findById(before.documentId);
        if (document) this.publicDocument.assertSchedulable(document);
      }
      const after = await this.periods.update(id, { scheduledAt: this.scheduleTime(before.closesAt) });
      await this.record(actor, after, 'comment_period.scheduled', { before: this.snapshot(before), after: this.snapshot(after) });
      await this.publicRecord.periodAnnounced('period.scheduled', after);
      return after;
    });
  }

  /** Later closing time, while scheduled or open; everyone who commented is told (returned for the notifier). */
  async extend(actor: Actor, id: string, closesAt: Date, reason: string | null): Promise<CommentPeriodEntity> {
    return this.db.transaction(async () => {
      const before = await this.lockForFacilitator(actor, id);
      const status = this.status(before);
      if (status !== PeriodStatus.OPEN && status !== PeriodStatus.SCHEDULED) {
        throw invalidTransition(`The period is ${status.toLowerCase()}; only a scheduled or open period can be extended.`, status, 'EXTEND');
      }
      if (closesAt <= before.closesAt) throw badInput('closesAt', `must be later than the current closing time ${before.closesAt.toISOString()}`);
      const after = await this.periods.update(id, { closesAt });
      await this.record(actor, after, 'comment_period.extended', { before: this.snapshot(before), after: this.snapshot(after), reason });
      await this.notifier.periodExtended(after, reason);
      await this.publicRecord.periodExtended(before, after, reason);
      return after;
    });
  }

  async closeEarly(actor: Actor, id: string, reason: string | null): Promise<CommentPeriodEntity> {
    return this.db.transaction(async () => {
      const before = await this.lockForFacilitator(actor, id);
      const status = this.status(before);
      if (status !== PeriodStatus.OPEN) throw invalidTransition(`The period is ${status.toLowerCase()}; only an open period can be closed early.`, status, 'CLOSE');
      const now = this.clock.now();
      const cutoff = before.inclusionCutoffAt && before.inclusionCutoffAt > now ? now : before.inclusionCutoffAt;
      const after = await this.periods.update(id, { closesAt: now, inclusionCutoffAt: cutoff });
      await this.record(actor, after, 'comment_period.closed_early', { before: this.snapshot(before), after: this.snapshot(after), reason });
      await this.publicRecord.periodClosedEarly(after, reason);
      return after;
    });
  }

  /**
   * Closed → synthesis published. Every comment needs an answer first, unless the facilitator says
   * why not (the reason is published with the synthesis and kept in the audit log).
   */
  async publishSynthesis(actor: Actor, id: string, reason: string | null): Promise<CommentPeriodEntity> {
    return this.db.transaction(async () => {
      const before = await this.lockForFacilitator(actor, id);
      const status = this.status(before);
      if (status !== PeriodStatus.CLOSED) throw invalidTransition(`The period is ${status.toLowerCase()}; publish the synthesis once it is closed.`, status, 'PUBLISH_SYNTHESIS');
      const unanswered = await this.comments.count(id, { publicOnly: false, unanswered: true });
      if (unanswered > 0 && !reason?.trim()) throw unansweredComments(unanswered);
      const after = await this.periods.update(id, { synthesisPublishedAt: this.clock.now(), synthesisNote: unanswered > 0 ? reason?.trim() ?? null : null });
      await this.record(actor, after, 'comment_period.synthesis_published', { before: this.snapshot(before), after: this.snapshot(after), unanswered, reason });
      await this.publicRecord.synthesisPublished(after, unanswered);
      return after;
    });
  }

  private async lockForFacilitator(actor: Actor, id: string): Promise<CommentPeriodEntity> {
    const period = isUUID(id) ? await this.periods.lock(id) : null;
    if (!period || !(await this.canRead(actor, period))) throw notFound('CommentPeriod', id);
    await this.policy.assertCanFacilitate(actor, period.workstreamId);
    return period;
  }

  private scheduleTime(closesAt: Date): Date {
    const now = this.clock.now();
    if (closesAt <= now) throw badInput('closesAt', 'is in the past: a period must close after it is scheduled');
    return now;
  }

  private validated(input: PeriodSettings): Required<PeriodSettings> {
    const title = input.title.trim();
    if (!title) throw badInput('title', 'must not be empty');
    if (!isTimeZone(input.timeZone)) throw badInput('timeZone', 'must be an IANA time zone such as Europe/Zurich or America/Sao_Paulo');
    if (input.closesAt <= input.opensAt) throw badInput('closesAt', 'must be after opensAt');
    const cutoff = input.inclusionCutoffAt ?? null;
    if (cutoff && (cutoff <= input.opensAt || cutoff > input.closesAt)) throw badInput('inclusionCutoffAt', 'must be after opensAt and no later than closesAt');
    const questions = (input.guidingQuestions ?? []).map((q) => q.trim()).filter(Boolean);
    return {
      title,
      instructions: input.instructions?.trim() ?? '',
      guidingQuestions: questions,
      timeZone: input.timeZone,
      opensAt: input.opensAt,
      inclusionCutoffAt: cutoff,
      closesAt: input.closesAt,
      participation: input.participation ?? Participation.REGISTERED,
      moderation: input.moderation ?? ModerationMode.PUBLISH_AT_ONCE,
    };
  }

  private snapshot(p: CommentPeriodEntity) {
    return {
      title: p.title,
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt.toISOString(),
      inclusionCutoffAt: p.inclusionCutoffAt?.toISOString() ?? null,
      timeZone: p.timeZone,
      participation: p.participation,
      moderation: p.moderation,
      scheduled: p.scheduledAt !== null,
      synthesisPublished: p.synthesisPublishedAt !== null,
    };
  }

  private record(actor: Actor, period: CommentPeriodEntity, action: string, summary: Record<string, unknown>) {
    return this.audit.record(actor, { action, entityType: 'comment_period', entityId: period.id, workstreamId: period.workstreamId, summary });
  }

  /** Guards a write to a period that must be open now (comments, replies, edits). */
  assertOpen(period: CommentPeriodEntity): void {
    const status = this.status(period);
    if (status === PeriodStatus.OPEN) return;
    if (status === PeriodStatus.CLOSED || status === PeriodStatus.SYNTHESIS_PUBLISHED) throw periodClosed(period.closesAt);
    throw periodNotOpen(period.scheduledAt ? period.opensAt : null);
  }
}
