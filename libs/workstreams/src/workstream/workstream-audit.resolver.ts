import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { AuditEventConnection, AuditService, toAuditEventModel } from '@intersessional/audit';
import { ConnectionArgs, toConnection, toPageRequest, unauthenticated } from '@intersessional/graphql';
import { WorkstreamPolicy } from '../membership/workstream.policy';
import { WorkstreamModel } from './workstream.model';

@Resolver(() => WorkstreamModel)
export class WorkstreamAuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly policy: WorkstreamPolicy,
  ) {}

  /** Policy: facilitators of this workstream and the Secretariat (checked here). */
  @Public()
  @ResolveField(() => AuditEventConnection, { description: "This workstream's audit log, newest first (facilitators, Secretariat)." })
  async auditLog(@Parent() workstream: WorkstreamModel, @Args() args: ConnectionArgs, @OptionalActor() actor: Actor | null) {
    if (!actor) throw unauthenticated();
    await this.policy.assertCanManage(actor, workstream.id);
    const page = toPageRequest(args, ['serial']);
    const { rows, total } = await this.audit.list({ workstreamId: workstream.id }, page);
    return toConnection(rows, page, total, (row) => [Number(row.id)], toAuditEventModel);
  }
}
