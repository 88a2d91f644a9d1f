import { AuditEventEntity } from './audit-event.entity';
import { AuditEvents1732406400000 } from './migrations/1732406400000-audit-events';

export * from './audit-event.entity';
export * from './audit-event.mapper';
export * from './audit-event.model';
export * from './audit.module';
export * from './audit.repository';
export * from './audit.service';

export const auditEntities = [AuditEventEntity];
export const auditMigrations = [AuditEvents1732406400000];
