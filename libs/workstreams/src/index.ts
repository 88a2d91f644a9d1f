import { DcFilingEntity } from './compliance/dc-filing.entity';
import { MembershipEntity } from './membership/membership.entity';
import { Workstreams1732406600000 } from './migrations/1732406600000-workstreams';
import { DcFilingDocument1732407000000 } from './migrations/1732407000000-dc-filing-document';
import { WorkstreamCycleEntity, WorkstreamEntity } from './workstream/workstream.entity';

export * from './compliance/compliance';
export * from './compliance/compliance.model';
export * from './compliance/compliance.mapper';
export * from './compliance/compliance.service';
export * from './membership/membership.service';
export * from './workstream/lifecycle';
export * from './workstream/workstream-lifecycle.service';
export * from './workstream/workstream.service';
export * from './compliance/dc-filing.entity';
export * from './membership/membership.entity';
export * from './membership/workstream.policy';
export * from './workstream/workstream-kind';
export * from './workstream/workstream.model';
export * from './workstreams.errors';
export * from './workstreams.loaders';
export * from './workstreams.module';

export const workstreamEntities = [WorkstreamEntity, WorkstreamCycleEntity, MembershipEntity, DcFilingEntity];
export const workstreamMigrations = [Workstreams1732406600000, DcFilingDocument1732407000000];
export * from './workstream/workstream.repository';
export * from './participation/suppression';
export * from './participation/participation.model';
export * from './membership/membership.repository';
