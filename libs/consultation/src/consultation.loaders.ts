import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Actor } from '@intersessional/access';
import type { Projection, StoredRange } from '@intersessional/document-schema';
import { type Loaders, byKeys, groupByKeys } from '@intersessional/graphql';
import type { CommentEntity, CommentRevisionEntity } from './comment/comment.entity';
import { Anchoring } from './comment/anchoring';
import { CommentRepository } from './comment/comment.repository';
import { LiveAnchors } from './comment/live-anchors';
import { ConsultationPolicy } from './consultation.policy';
import { FlagRepository } from './moderation/flag.repository';
import type { CommentPeriodEntity } from './period/comment-period.entity';
import { CommentPeriodRepository } from './period/comment-period.repository';

/** Per-request loaders, so a page of comments costs a fixed number of queries. */
@Injectable()
export class ConsultationLoaders {
  constructor(
    private readonly periods: CommentPeriodRepository,
    private readonly comments: CommentRepository,
    private readonly policy: ConsultationPolicy,
    private readonly anchoring: Anchoring,
    private readonly liveAnchors: LiveAnchors,
    private readonly flagRows: FlagRepository,
  ) {}

  period(loaders: Loaders): DataLoader<string, CommentPeriodEntity | null> {
    return loaders.get('consultation.period', () => new DataLoader(async (ids: readonly string[]) => byKeys(ids, await this.periods.findByIds(ids), (p) => p.id)));
  }

  comment(loaders: Loaders): DataLoader<string, CommentEntity | null> {
    return loaders.get('consultation.comment', () => new DataLoader(async (ids: readonly string[]) => byKeys(ids, await this.comments.findByIds(ids), (c) => c.id)));
  }

  /** A page of comments already read: their fields (live anchor, moderation…) need not read them again. */
  primeComments(loaders: Loaders, rows: readonly CommentEntity[]): void {
    const loader = this.comment(loaders);
    for (const row of rows) loader.prime(row.id, row);
  }

  /** What the viewer may do in a workstream: one membership read per workstream per request. */
  access(loaders: Loaders, actor: Actor | null): DataLoader<string, { facilitates: boolean; member: boolean }> {
    return loaders.get(`consultation.access:${actor?.userId ?? '-'}`, () =>
      new DataLoader(async (workstreamIds: readonly string[]) => Promise.all(workstreamIds.map((id) => this.policy.accessTo(actor, id)))),
    );
  }

  /** Whether the viewer facilitates a workstream's consultations (asked once per workstream per request). */
  canFacilitate(loaders: Loaders, actor: Actor | null): { load(workstreamId: string): Promise<boolean> } {
    const access = this.access(loaders, actor);
    return { load: async (workstreamId) => (await access.load(workstreamId)).facilitates };
  }

  isMember(loaders: Loaders, actor: Actor | null): { load(workstreamId: string): Promise<boolean> } {
    const access = this.access(loaders, actor);
    return { load: async (workstreamId) => (await access.load(workstreamId)).member };
  }

  revisions(loaders: Loaders): DataLoader<string, CommentRevisionEntity[]> {
    return loaders.get('consultation.revisions', () =>
      new DataLoader(async (ids: readonly string[]) => groupByKeys(ids, await this.comments.revisionsOf(ids), (r) => r.commentId)),
    );
  }

  /** Flag counts per reason of many comments in one query. */
  flags(loaders: Loaders): DataLoader<string, { reason: string; count: number }[]> {
    return loaders.get('consultation.flags', () =>
      new DataLoader(async (ids: readonly string[]) => {
        const summaries = await this.flagRows.summaries(ids);
        return ids.map((id) => summaries.get(id) ?? []);
      }),
    );
  }

  /** Public comment counts per paragraph of a period, asked once per request whichever fields need them. */
  paragraphCounts(loaders: Loaders): DataLoader<string, Map<number, number>> {
    return loaders.get('consultation.paragraphCounts', () =>
      new DataLoader(async (periodIds: readonly string[]) => Promise.all(periodIds.map((id) => this.comments.countsByParagraph(id, true)))),
    );
  }

  /** Public reply counts of many comments in one query. */
  replyCount(loaders: Loaders, publicOnly: boolean): DataLoader<string, number> {
    return loaders.get(`consultation.replyCount:${publicOnly}`, () =>
      new DataLoader(async (ids: readonly string[]) => {
        const counts = await this.comments.replyCounts(ids, publicOnly);
        return ids.map((id) => counts.get(id) ?? 0);
      }),
    );
  }

  /**
   * Where comments' passages are in today's draft, for a viewer who is a member of the period's
   * workstream (null for anyone else): one batch per request page, projected together (one catch-up of
   * the draft, one index, cached projections; see LiveAnchors). The checks run once per batch, not once
   * per comment: a board of 50 asks for 50 of these.
   */
  liveAnchor(loaders: Loaders, actor: Actor | null): DataLoader<string, Projection | null> {
    return loaders.get(`consultation.liveAnchor:${actor?.userId ?? '-'}`, () =>
      new DataLoader(async (ids: readonly string[]) => {
        const byDocument = new Map<string, { id: string; range: StoredRange }[]>();
        const comments = await this.comment(loaders).loadMany(ids);
        const periodIds = [...new Set(comments.flatMap((c) => (c instanceof Error || !c ? [] : [c.periodId])))];
        const periods = new Map((await this.period(loaders).loadMany(periodIds)).flatMap((p) => (p instanceof Error || !p ? [] : [[p.id, p] as const])));
        const workstreamIds = [...new Set([...periods.values()].map((p) => p.workstreamId))];
        const access = await this.access(loaders, actor).loadMany(workstreamIds);
        const members = new Set(workstreamIds.filter((_, i) => { const a = access[i]; return !(a instanceof Error) && a.member; }));
        await Promise.all(
          comments.map(async (comment, i) => {
            if (!comment || comment instanceof Error) return;
            const period = periods.get(comment.periodId);
            if (!period?.documentId || !members.has(period.workstreamId)) return;
            const range = await this.anchoring.rangeOf(comment, period.versionId);
            if (!range) return;
            const list = byDocument.get(period.documentId) ?? [];
            list.push({ id: ids[i], range });
            byDocument.set(period.documentId, list);
          }),
        );
        const projections = new Map<string, Projection>();
        for (const [documentId, items] of byDocument) {
          const projected = await this.liveAnchors.project(documentId, items);
          items.forEach((item, i) => projections.set(item.id, projected[i]));
        }
        return ids.map((id) => projections.get(id) ?? null);
      }),
    );
  }
}
