import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, Public, SignedIn } from '@intersessional/access';
import { ConnectionArgs, BY_CREATION, type RequestContext, notFound, toConnection, toPageRequest } from '@intersessional/graphql';
import { UserLoader, UserModel, toUserModel } from '@intersessional/identity';
import { toWorkstreamModel } from '../workstream/workstream.mapper';
import { WorkstreamModel } from '../workstream/workstream.model';
import { WorkstreamLoaders } from '../workstreams.loaders';
import { MembershipRepository } from './membership.repository';
import { MembershipService } from './membership.service';
import { membershipCursor, toMembershipModel } from './membership.mapper';
import {
  AddMemberInput,
  JoinWorkstreamInput,
  MembershipConnection,
  MembershipIdArgs,
  MembershipModel,
  SetMemberRoleArgs,
  WorkstreamRefArgs,
} from './membership.model';

/** Membership mutations. Facilitator-only ones are `@SignedIn` here and checked by WorkstreamPolicy. */
@Resolver(() => MembershipModel)
export class MembershipResolver {
  constructor(
    private readonly service: MembershipService,
    private readonly memberships: MembershipRepository,
    private readonly users: UserLoader,
    private readonly loaders: WorkstreamLoaders,
  ) {}

  @SignedIn()
  @Query(() => MembershipConnection, { description: 'Your memberships and pending requests, newest first.' })
  async myMemberships(@Args() args: ConnectionArgs, @CurrentActor() actor: Actor) {
    const page = toPageRequest(args, BY_CREATION);
    const [rows, total] = await Promise.all([
      this.memberships.pageOfUser(actor.userId, page),
      this.memberships.countOfUser(actor.userId),
    ]);
    return toConnection(rows, page, total, membershipCursor, toMembershipModel);
  }

  @SignedIn()
  @Mutation(() => MembershipModel, { description: 'Joins at once where membership is open; otherwise asks a facilitator.' })
  async joinWorkstream(@Args('input') input: JoinWorkstreamInput, @CurrentActor() actor: Actor) {
    return toMembershipModel(await this.service.join(actor, input.workstreamId, input.role));
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Leaves a workstream or withdraws a pending request.' })
  async leaveWorkstream(@Args() { workstreamId }: WorkstreamRefArgs, @CurrentActor() actor: Actor) {
    await this.service.leave(actor, workstreamId);
    return true;
  }

  @SignedIn()
  @Mutation(() => MembershipModel, { description: 'Adds a person with any role (facilitators, Secretariat).' })
  async addMember(@Args('input') input: AddMemberInput, @CurrentActor() actor: Actor) {
    return toMembershipModel(await this.service.add(actor, input.workstreamId, input.userId, input.role));
  }

  @SignedIn()
  @Mutation(() => MembershipModel, { description: 'Approves a request to join (facilitators, Secretariat).' })
  async approveMembership(@Args() { membershipId }: MembershipIdArgs, @CurrentActor() actor: Actor) {
    return toMembershipModel(await this.service.approve(actor, membershipId));
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Declines a request to join (facilitators, Secretariat).' })
  async declineMembership(@Args() { membershipId }: MembershipIdArgs, @CurrentActor() actor: Actor) {
    await this.service.decline(actor, membershipId);
    return true;
  }

  @SignedIn()
  @Mutation(() => MembershipModel, { description: 'Changes a member’s role; the last facilitator cannot be demoted.' })
  async setMemberRole(@Args() { membershipId, role }: SetMemberRoleArgs, @CurrentActor() actor: Actor) {
    return toMembershipModel(await this.service.setRole(actor, membershipId, role));
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Removes a member (facilitators, Secretariat).' })
  async removeMember(@Args() { membershipId }: MembershipIdArgs, @CurrentActor() actor: Actor) {
    await this.service.remove(actor, membershipId);
    return true;
  }

  @Public()
  @ResolveField(() => UserModel)
  async user(@Parent() membership: MembershipModel, @Context() ctx: RequestContext) {
    const user = await this.users.byId(ctx.loaders).load(membership.userId);
    if (!user) throw notFound('User', membership.userId);
    return toUserModel(user);
  }

  @Public()
  @ResolveField(() => WorkstreamModel)
  async workstream(@Parent() membership: MembershipModel, @Context() ctx: RequestContext) {
    const workstream = await this.loaders.byId(ctx.loaders).load(membership.workstreamId);
    if (!workstream) throw notFound('Workstream', membership.workstreamId);
    return toWorkstreamModel(workstream);
  }
}
