import { Injectable } from '@nestjs/common';
import { Database, type PageRequest, fetchPage } from '@intersessional/database';
import { CommentPeriodEntity } from './comment-period.entity';

export type NewPeriod = Omit<CommentPeriodEntity, 'id' | 'createdAt' | 'updatedAt' | 'synthesisPublishedAt' | 'synthesisNote'>;

export interface DueEvent {
  periodId: string;
  event: PeriodEvent;
  dueAt: Date;
}

export interface PeriodScope {
  documentId?: string;
  /** Drafts are for the facilitators only. */
  includeDrafts: boolean;
  /** Periods on members-only documents are for members only (as the documents themselves). */
  includeMembersOnlyDocuments: boolean;
}

export type PeriodEvent = 'OPENED' | 'CLOSING_SOON' | 'CLOSED';

/** How long before closing the "closing soon" notice goes out. */
export const CLOSING_SOON_MS = 48 * 3600 * 1000;

@Injectable()
export class CommentPeriodRepository {
  constructor(private readonly db: Database) {}

  findById(id: string): Promise<CommentPeriodEntity | null> {
    return this.db.manager.findOneBy(CommentPeriodEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<CommentPeriodEntity[]> {
    return this.db.manager.createQueryBuilder(CommentPeriodEntity, 'p').where('p.id = ANY(:ids)', { ids: [...ids] }).getMany();
  }

  lock(id: string): Promise<CommentPeriodEntity | null> {
    return this.db.manager.createQueryBuilder(CommentPeriodEntity, 'p').where('p.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /**
   * Waits for any twin request with the same client key (another click, another instance) to finish,
   * so the lookup that follows sees its period; the unique index on (created_by, client_key) backs it.
   */
  async lockClientKey(userId: string, clientKey: string): Promise<void> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtext('comment_period.client_key:' || $1 || ':' || $2))`, [userId, clientKey]);
  }

  findByClientKey(userId: string, clientKey: string): Promise<CommentPeriodEntity | null> {
    return this.db.manager.findOneBy(CommentPeriodEntity, { createdBy: userId, clientKey });
  }

  insert(period: NewPeriod): Promise<CommentPeriodEntity> {
    return this.db.manager.save(this.db.manager.create(CommentPeriodEntity, { ...period, synthesisPublishedAt: null, synthesisNote: null }));
  }

  async update(id: string, changes: Partial<CommentPeriodEntity>): Promise<CommentPeriodEntity> {
    await this.db.manager.update(CommentPeriodEntity, { id }, changes);
    return this.db.manager.findOneByOrFail(CommentPeriodEntity, { id });
  }

  /** A scheduled period on the document that has not closed yet (the public is, or will be, invited to comment). */
  findActiveOnDocument(documentId: string, now: Date): Promise<CommentPeriodEntity | null> {
    return this.db.manager
      .createQueryBuilder(CommentPeriodEntity, 'p')
      .where('p.document_id = :documentId AND p.scheduled_at IS NOT NULL AND p.synthesis_published_at IS NULL AND p.closes_at > :now', { documentId, now })
      .orderBy('p.created_at', 'ASC')
      .getOne();
  }

  private ofWorkstream(workstreamId: string, scope: PeriodScope) {
    const qb = this.db.manager.createQueryBuilder(CommentPeriodEntity, 'p').where('p.workstream_id = :workstreamId', { workstreamId });
    if (scope.documentId) qb.andWhere('p.document_id = :documentId', { documentId: scope.documentId });
    if (!scope.includeDrafts) qb.andWhere('p.scheduled_at IS NOT NULL');
    // the documents context owns the table; reading its visibility here keeps page and count under one rule
    if (!scope.includeMembersOnlyDocuments) {
      qb.andWhere(`(p.document_id IS NULL OR EXISTS (SELECT 1 FROM documents d WHERE d.id = p.document_id AND d.visibility = 'PUBLIC'))`);
    }
    return qb;
  }

  page(workstreamId: string, page: PageRequest, scope: PeriodScope): Promise<CommentPeriodEntity[]> {
    return fetchPage(this.ofWorkstream(workstreamId, scope), page, { columns: ['p.created_at', 'p.id'], direction: 'DESC' });
  }

  count(workstreamId: string, scope: PeriodScope): Promise<number> {
    return this.ofWorkstream(workstreamId, scope).getCount();
  }

  /**
   * Timed events that are due and not yet recorded, for scheduled periods whose synthesis is not
   * published. Keyed by due time, so an extension gives "closing soon" and "closed" new keys. With
   * `periodId`, that period's only.
   */
  async dueEvents(now: Date, periodId: string | null = null): Promise<DueEvent[]> {
    const rows: { period_id: string; event: PeriodEvent; due_at: Date }[] = await this.db.manager.query(
      `WITH due AS (
         SELECT id, 'OPENED' AS event, opens_at AS due_at FROM comment_periods
          WHERE scheduled_at IS NOT NULL AND synthesis_published_at IS NULL AND opens_at <= $1 AND closes_at > $1
         UNION ALL
         SELECT id, 'CLOSING_SOON', closes_at - $2 * interval '1 millisecond' FROM comment_periods
          WHERE scheduled_at IS NOT NULL AND synthesis_published_at IS NULL
            AND closes_at - $2 * interval '1 millisecond' <= $1 AND closes_at > $1 AND closes_at - $2 * interval '1 millisecond' > opens_at
         UNION ALL
         SELECT id, 'CLOSED', closes_at FROM comment_periods
          WHERE scheduled_at IS NOT NULL AND synthesis_published_at IS NULL AND closes_at <= $1
       )
       SELECT d.id AS period_id, d.event, d.due_at FROM due d
        WHERE ($3::uuid IS NULL OR d.id = $3)
          AND NOT EXISTS (SELECT 1 FROM comment_period_events e WHERE e.period_id = d.id AND e.event = d.event AND e.due_at = d.due_at)
        ORDER BY d.due_at
        LIMIT 100`,
      [now, CLOSING_SOON_MS, periodId],
    );
    return rows.map((r) => ({ periodId: r.period_id, event: r.event, dueAt: new Date(r.due_at) }));
  }

  /** Records that an event fired; false if another instance (or an earlier run) already did. */
  async claimEvent(event: DueEvent): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO comment_period_events (period_id, event, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING period_id`,
      [event.periodId, event.event, event.dueAt],
    );
    return rows.length === 1;
  }

  firedEvents(periodId: string): Promise<{ event: PeriodEvent; due_at: Date; fired_at: Date }[]> {
    return this.db.manager.query(`SELECT event, due_at, fired_at FROM comment_period_events WHERE period_id = $1 ORDER BY fired_at, event`, [periodId]);
  }
}
