import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Public } from '@intersessional/access';
import type { RequestContext } from '@intersessional/graphql';
import { WorkstreamModel } from '../workstream/workstream.model';
import { ParticipationModel } from './participation.model';
import { type Participation, ParticipationService } from './participation.service';

@Resolver(() => WorkstreamModel)
export class ParticipationResolver {
  constructor(private readonly service: ParticipationService) {}

  @Public()
  @ResolveField(() => ParticipationModel, { description: 'Who takes part, as aggregates; small cells suppressed.' })
  participation(@Parent() workstream: WorkstreamModel, @Context() ctx: RequestContext) {
    return ctx.loaders
      .get('workstreams.participation', () => new DataLoader<string, Participation>((ids) => this.service.ofMany(ids)))
      .load(workstream.id);
  }
}
