import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { BY_CREATION, type RequestContext, forbidden, toConnection, toPageRequest } from '@intersessional/graphql';
import { WorkstreamModel } from '../workstream/workstream.model';
import { WorkstreamLoaders } from '../workstreams.loaders';
import { MembershipStatus } from './membership.entity';
import { membershipCursor, toMembershipModel } from './membership.mapper';
import { MembersArgs, MembershipConnection } from './membership.model';
import { MembershipRepository } from './membership.repository';
import { WorkstreamPolicy } from './workstream.policy';

@Resolver(() => WorkstreamModel)
export class WorkstreamMembersResolver {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly loaders: WorkstreamLoaders,
    private readonly policy: WorkstreamPolicy,
  ) {}

  /**
   * Public for active members; pending requests only for facilitators and the Secretariat.
   * The first page is batched across workstreams; later pages query one workstream.
   */
  @Public()
  @ResolveField(() => MembershipConnection, { description: 'Members, earliest first.' })
  async members(
    @Parent() workstream: WorkstreamModel,
    @Args() args: MembersArgs,
    @OptionalActor() actor: Actor | null,
    @Context() ctx: RequestContext,
  ) {
    const page = toPageRequest(args, BY_CREATION);
    const query = { status: args.status ?? MembershipStatus.ACTIVE, role: args.role };
    if (query.status === MembershipStatus.PENDING && !(await this.policy.canManage(actor, workstream.id))) {
      throw forbidden('Only facilitators and the Secretariat see pending requests.');
    }
    const total = await this.loaders.memberCount(ctx.loaders, query).load(workstream.id);
    const rows =
      page.cursor || page.backward
        ? await this.memberships.page(workstream.id, query, page)
        : await this.loaders.firstMembers(ctx.loaders, query, page.limit + 1).load(workstream.id);
    return toConnection(rows, page, total, membershipCursor, toMembershipModel);
  }
}
