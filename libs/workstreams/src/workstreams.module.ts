import { Module } from '@nestjs/common';
import { AuditModule } from '@intersessional/audit';
import { IdentityModule } from '@intersessional/identity';
import { NotificationsModule } from '@intersessional/notifications';
import { ComplianceResolver } from './compliance/compliance.resolver';
import { ComplianceService } from './compliance/compliance.service';
import { FilingRepository } from './compliance/filing.repository';
import { MembershipNotifier } from './membership/membership.notifier';
import { MembershipRepository } from './membership/membership.repository';
import { MembershipResolver } from './membership/membership.resolver';
import { MembershipService } from './membership/membership.service';
import { WorkstreamMembersResolver } from './membership/workstream-members.resolver';
import { WorkstreamPolicy } from './membership/workstream.policy';
import { ParticipationResolver } from './participation/participation.resolver';
import { ParticipationService } from './participation/participation.service';
import { WorkstreamAuditResolver } from './workstream/workstream-audit.resolver';
import { WorkstreamLifecycleService } from './workstream/workstream-lifecycle.service';
import { WorkstreamMutationsResolver } from './workstream/workstream-mutations.resolver';
import { WorkstreamRepository } from './workstream/workstream.repository';
import { WorkstreamResolver } from './workstream/workstream.resolver';
import { WorkstreamService } from './workstream/workstream.service';
import { WorkstreamLoaders } from './workstreams.loaders';

@Module({
  imports: [AuditModule, IdentityModule, NotificationsModule],
  providers: [
    WorkstreamRepository,
    MembershipRepository,
    FilingRepository,
    WorkstreamPolicy,
    WorkstreamLoaders,
    WorkstreamService,
    WorkstreamLifecycleService,
    MembershipService,
    MembershipNotifier,
    ComplianceService,
    ParticipationService,
    WorkstreamResolver,
    WorkstreamMutationsResolver,
    WorkstreamAuditResolver,
    MembershipResolver,
    WorkstreamMembersResolver,
    ComplianceResolver,
    ParticipationResolver,
  ],
  exports: [WorkstreamPolicy, WorkstreamLoaders, WorkstreamRepository, MembershipRepository, WorkstreamService, WorkstreamLifecycleService, MembershipService, ComplianceService],
})
export class WorkstreamsModule {}
