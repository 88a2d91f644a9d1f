import { Injectable } from '@nestjs/common';
import { Database, type PageRequest, fetchPage } from '@intersessional/database';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditQuery {
  workstreamId?: string;
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  since?: Date;
  until?: Date;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(event: Omit<AuditEventEntity, 'id' | 'occurredAt'>): Promise<void> {
    await this.db.manager.save(this.db.manager.create(AuditEventEntity, event));
  }

  private filtered(query: AuditQuery) {
    const qb = this.db.manager.createQueryBuilder(AuditEventEntity, 'e');
    if (query.workstreamId) qb.andWhere('e.workstream_id = :workstreamId', { workstreamId: query.workstreamId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('(e.action = :action OR e.action LIKE :prefix)', { action: query.action, prefix: `${query.action}.%` });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.since) qb.andWhere('e.occurred_at >= :since', { since: query.since });
    if (query.until) qb.andWhere('e.occurred_at < :until', { until: query.until });
    return qb;
  }

  page(query: AuditQuery, page: PageRequest): Promise<AuditEventEntity[]> {
    const cursor = page.cursor?.map(Number);
    return fetchPage(this.filtered(query), { ...page, cursor }, { columns: ['e.id'], direction: 'DESC' });
  }

  count(query: AuditQuery): Promise<number> {
    return this.filtered(query).getCount();
  }
}
