import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type * as Y from 'yjs';
import type { Actor } from '@intersessional/access';
import { DraftIndex } from '@intersessional/document-schema';
import { DocumentStore } from '@intersessional/documents';
import { type Loaders, byKeys, groupByKeys } from '@intersessional/graphql';
import type { CommentEntity, CommentRevisionEntity } from './comment/comment.entity';
import { CommentRepository } from './comment/comment.repository';
import { ConsultationPolicy } from './consultation.policy';
import { FlagRepository } from './moderation/flag.repository';
import type { CommentPeriodEntity } from './period/comment-period.entity';
import { CommentPeriodRepository } from './period/comment-period.repository';

export interface LiveDraft {
  doc: Y.Doc;
  index: DraftIndex;
}

/** Per-request loaders, so a page of comments costs a fixed number of queries. */
@Injectable()
export class ConsultationLoaders {
  constructor(
    private readonly periods: CommentPeriodRepository,
    private readonly comments: CommentRepository,
    private readonly policy: ConsultationPolicy,
    private readonly store: DocumentStore,
    private readonly flagRows: FlagRepository,
  ) {}

  period(loaders: Loaders): DataLoader<string, CommentPeriodEntity | null> {
    return loaders.get('consultation.period', () => new DataLoader(async (ids: readonly string[]) => byKeys(ids, await this.periods.findByIds(ids), (p) => p.id)));
  }

  comment(loaders: Loaders): DataLoader<string, CommentEntity | null> {
    return loaders.get('consultation.comment', () => new DataLoader(async (ids: readonly string[]) => byKeys(ids, await this.comments.findByIds(ids), (c) => c.id)));
  }

  /** Whether the viewer facilitates a workstream's consultations (asked once per workstream per request). */
  canFacilitate(loaders: Loaders, actor: Actor | null): DataLoader<string, boolean> {
    return loaders.get(`consultation.canFacilitate:${actor?.userId ?? '-'}`, () =>
      new DataLoader(async (workstreamIds: readonly string[]) => Promise.all(workstreamIds.map((id) => this.policy.canFacilitate(actor, id)))),
    );
  }

  isMember(loaders: Loaders, actor: Actor | null): DataLoader<string, boolean> {
    return loaders.get(`consultation.isMember:${actor?.userId ?? '-'}`, () =>
      new DataLoader(async (workstreamIds: readonly string[]) => Promise.all(workstreamIds.map((id) => this.policy.isMember(actor, id)))),
    );
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

  /** Today's draft, loaded once per request however many comments are projected onto it. */
  liveDraft(loaders: Loaders): DataLoader<string, LiveDraft> {
    return loaders.get('consultation.liveDraft', () =>
      new DataLoader(async (documentIds: readonly string[]) =>
        Promise.all(
          documentIds.map(async (id) => {
            const doc = await this.store.load(id);
            return { doc, index: DraftIndex.of(doc) };
          }),
        ),
      ),
    );
  }
}
