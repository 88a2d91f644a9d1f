import { AuditEventEntity } from './audit-event.entity';
import { AuditEventModel } from './audit-event.model';

export function toAuditEventModel(entity: AuditEventEntity): AuditEventModel {
  return {
    id: String(entity.id),
    occurredAt: entity.occurredAt,
    actorId: entity.actorId,
    action: entity.action,
    entityType: entity.entityType,
    entityId: entity.entityId,
    workstreamId: entity.workstreamId,
    summary: entity.summary,
    requestId: entity.requestId,
  };
}
