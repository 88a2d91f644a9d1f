import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { Database, type PageRequest, fetchPage } from '@intersessional/database';
import { CycleOutcome, WorkstreamKind, WorkstreamStatus } from './workstream-kind';
import { WorkstreamCycleEntity, WorkstreamEntity } from './workstream.entity';

export interface WorkstreamQuery {
  kind?: WorkstreamKind;
  status?: WorkstreamStatus;
  topic?: string;
  search?: string;
  cycleYear?: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class WorkstreamRepository {
  constructor(private readonly db: Database) {}

  findById(id: string): Promise<WorkstreamEntity | null> {
    return this.db.manager.findOneBy(WorkstreamEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<WorkstreamEntity[]> {
    return ids.length ? this.db.manager.findBy(WorkstreamEntity, { id: In([...ids]) }) : Promise.resolve([]);
  }

  findBySlug(slug: string): Promise<WorkstreamEntity | null> {
    return this.db.manager.findOneBy(WorkstreamEntity, { slug });
  }

  /** Locks the workstream row: membership and lifecycle changes to one workstream happen one at a time. */
  lock(id: string): Promise<WorkstreamEntity | null> {
    return this.db.manager
      .createQueryBuilder(WorkstreamEntity, 'w')
      .where('w.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  insert(workstream: Partial<WorkstreamEntity>): Promise<WorkstreamEntity> {
    return this.db.manager.save(this.db.manager.create(WorkstreamEntity, workstream));
  }

  async update(id: string, changes: Partial<WorkstreamEntity>): Promise<WorkstreamEntity> {
    await this.db.manager.update(WorkstreamEntity, { id }, changes);
    return this.db.manager.findOneByOrFail(WorkstreamEntity, { id });
  }

  listByKindAndStatus(kind: WorkstreamKind, statuses: WorkstreamStatus[]): Promise<WorkstreamEntity[]> {
    return this.db.manager.find(WorkstreamEntity, {
      where: { kind, status: In(statuses) },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  private filtered(query: WorkstreamQuery) {
    const qb = this.db.manager.createQueryBuilder(WorkstreamEntity, 'w');
    if (query.kind) qb.andWhere('w.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('w.status = :status', { status: query.status });
    if (query.cycleYear) qb.andWhere('w.cycle_year = :cycleYear', { cycleYear: query.cycleYear });
    if (query.topic) {
      qb.andWhere('EXISTS (SELECT 1 FROM unnest(w.topics) t WHERE lower(t) = lower(:topic))', { topic: query.topic });
    }
    if (query.search) {
      qb.andWhere("(w.name ILIKE :q OR w.summary ILIKE :q OR array_to_string(w.topics, ' ') ILIKE :q)", {
        q: `%${escapeLike(query.search)}%`,
      });
    }
    return qb;
  }

  /** Alphabetical by name, then id. Cursor: [lower(name), id]. */
  page(query: WorkstreamQuery, page: PageRequest): Promise<WorkstreamEntity[]> {
    return fetchPage(this.filtered(query), page, { columns: ['lower(w.name)', 'w.id'], direction: 'ASC' });
  }

  count(query: WorkstreamQuery): Promise<number> {
    return this.filtered(query).getCount();
  }

  cyclesOf(workstreamIds: readonly string[]): Promise<WorkstreamCycleEntity[]> {
    return this.db.manager.find(WorkstreamCycleEntity, {
      where: { workstreamId: In([...workstreamIds]) },
      order: { year: 'ASC' },
    });
  }

  async startCycle(workstreamId: string, year: number): Promise<void> {
    await this.db.manager.insert(WorkstreamCycleEntity, { workstreamId, year });
  }

  async endCurrentCycle(workstreamId: string, outcome: CycleOutcome): Promise<void> {
    await this.db.manager.update(
      WorkstreamCycleEntity,
      { workstreamId, endedAt: IsNull() },
      { endedAt: new Date(), outcome },
    );
  }

  async cycleExists(workstreamId: string, year: number): Promise<boolean> {
    return (await this.db.manager.countBy(WorkstreamCycleEntity, { workstreamId, year })) > 0;
  }
}
