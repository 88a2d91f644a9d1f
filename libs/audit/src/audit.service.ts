import { Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { Database, type PageRequest } from '@intersessional/database';
import { type AuditSummary } from './audit-event.entity';
import { type AuditQuery, AuditRepository } from './audit.repository';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  workstreamId?: string | null;
  summary: AuditSummary;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly events: AuditRepository,
  ) {}

  /**
   * Records a state change. Must run inside the transaction that makes the change, so the change
   * and its record commit together or not at all; calling it outside one is a programming error.
   */
  async record(actor: Pick<Actor, 'userId' | 'requestId'> | null, entry: AuditEntry): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`audit record "${entry.action}" outside a transaction`);
    await this.events.insert({
      actorId: actor?.userId ?? null,
      requestId: actor?.requestId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      workstreamId: entry.workstreamId ?? null,
      summary: entry.summary,
    });
  }

  async list(query: AuditQuery, page: PageRequest) {
    const [rows, total] = await Promise.all([this.events.page(query, page), this.events.count(query)]);
    return { rows, total };
  }
}
