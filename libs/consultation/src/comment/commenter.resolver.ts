import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import type { RequestContext } from '@intersessional/graphql';
import { ConsultationLoaders } from '../consultation.loaders';
import { CommenterModel } from './comment.model';

/** Country and region follow the disclosure policy (comment/disclosure.ts): public only when the commenter chose it. */
@Resolver(() => CommenterModel)
export class CommenterResolver {
  constructor(private readonly loaders: ConsultationLoaders) {}

  /** Policy: everyone when the commenter showed it; otherwise the commenter and the period's facilitators. */
  @Public()
  @ResolveField(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2; null unless the commenter chose to show it (facilitators and the commenter always see it).' })
  async country(@Parent() commenter: CommenterModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext): Promise<string | null> {
    return (await this.mayShow(commenter, actor, ctx)) ? commenter.country : null;
  }

  /** Policy: as the country. */
  @Public()
  @ResolveField(() => String, { nullable: true, description: 'UN regional group; shown as the country is.' })
  async region(@Parent() commenter: CommenterModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext): Promise<string | null> {
    return (await this.mayShow(commenter, actor, ctx)) ? commenter.region : null;
  }

  private async mayShow(commenter: CommenterModel, actor: Actor | null, ctx: RequestContext): Promise<boolean> {
    if (commenter.countryPublic) return true;
    if (!actor) return false;
    if (commenter.userId === actor.userId) return true;
    const period = await this.loaders.period(ctx.loaders).load(commenter.periodId);
    return period ? this.loaders.canFacilitate(ctx.loaders, actor).load(period.workstreamId) : false;
  }
}
