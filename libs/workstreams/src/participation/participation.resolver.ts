import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '@intersessional/access';
import { WorkstreamModel } from '../workstream/workstream.model';
import { ParticipationModel } from './participation.model';
import { ParticipationService } from './participation.service';

@Resolver(() => WorkstreamModel)
export class ParticipationResolver {
  constructor(private readonly service: ParticipationService) {}

  @Public()
  @ResolveField(() => ParticipationModel, { description: 'Who takes part, as aggregates; small cells suppressed.' })
  participation(@Parent() workstream: WorkstreamModel) {
    return this.service.of(workstream.id);
  }
}
