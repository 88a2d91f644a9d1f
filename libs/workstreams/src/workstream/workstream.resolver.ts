import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { ConnectionArgs, type RequestContext, badInput, notFound, toConnection, toPageRequest } from '@intersessional/graphql';
import { toMembershipModel } from '../membership/membership.mapper';
import { MembershipModel } from '../membership/membership.model';
import { WorkstreamLoaders } from '../workstreams.loaders';
import { WorkstreamFilter } from './workstream.inputs';
import { toCycleModel, toWorkstreamModel } from './workstream.mapper';
import { WorkstreamConnection, WorkstreamCycleModel, WorkstreamModel } from './workstream.model';
import { WorkstreamRepository } from './workstream.repository';


@Resolver(() => WorkstreamModel)
export class WorkstreamResolver {
  constructor(
    private readonly repository: WorkstreamRepository,
    private readonly loaders: WorkstreamLoaders,
  ) {}

  @Public()
  @Query(() => WorkstreamConnection, { description: 'BPFs, PNs and DCs, alphabetical; filter by kind, status, topic, text, cycle.' })
  async workstreams(@Args() args: ConnectionArgs, @Args('filter', { type: () => WorkstreamFilter, nullable: true }) filter?: WorkstreamFilter) {
    const page = toPageRequest(args, ['text', 'uuid']);
    const query = filter ?? {};
    const [rows, total] = await Promise.all([this.repository.page(query, page), this.repository.count(query)]);
    return toConnection(rows, page, total, (w) => [w.name.toLowerCase(), w.id], toWorkstreamModel);
  }

  @Public()
  @Query(() => WorkstreamModel, { description: 'One workstream by id or slug.' })
  async workstream(
    @Context() ctx: RequestContext,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('slug', { type: () => String, nullable: true }) slug?: string,
  ) {
    if (!id === !slug) throw badInput(id ? 'slug' : 'id', 'give exactly one of id and slug');
    const found = id
      ? isUUID(id) ? await this.loaders.byId(ctx.loaders).load(id) : null
      : await this.repository.findBySlug(slug ?? '');
    if (!found) throw notFound('Workstream', id ?? slug);
    return toWorkstreamModel(found);
  }

  @Public()
  @ResolveField(() => [WorkstreamCycleModel], { description: 'IGF cycles, oldest first (BPF and PN; empty for DCs).' })
  async cycles(@Parent() workstream: WorkstreamModel, @Context() ctx: RequestContext) {
    return (await this.loaders.cycles(ctx.loaders).load(workstream.id)).map(toCycleModel);
  }

  @Public()
  @ResolveField(() => MembershipModel, { nullable: true, description: 'Your membership or pending request; null if none or anonymous.' })
  async myMembership(@Parent() workstream: WorkstreamModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    if (!actor) return null;
    const membership = await this.loaders.membershipOf(ctx.loaders, actor.userId).load(workstream.id);
    return membership && toMembershipModel(membership);
  }
}
