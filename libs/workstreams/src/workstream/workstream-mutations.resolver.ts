import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, PlatformRole, PlatformRoles, SignedIn } from '@intersessional/access';
import { LifecycleAction } from './lifecycle';
import { WorkstreamLifecycleService } from './workstream-lifecycle.service';
import {
  CreateWorkstreamInput,
  LifecycleArgs,
  ProposeDynamicCoalitionInput,
  RenewArgs,
  UpdateWorkstreamInput,
  WorkstreamIdArgs,
} from './workstream.inputs';
import { toWorkstreamModel } from './workstream.mapper';
import { WorkstreamModel } from './workstream.model';
import { WorkstreamService } from './workstream.service';

const reasons = (reason?: string) => (reason ? [reason] : []);

@Resolver(() => WorkstreamModel)
export class WorkstreamMutationsResolver {
  constructor(
    private readonly service: WorkstreamService,
    private readonly lifecycle: WorkstreamLifecycleService,
  ) {}

  @PlatformRoles(PlatformRole.SECRETARIAT, PlatformRole.MAG_MEMBER)
  @Mutation(() => WorkstreamModel, { description: 'Creates a BPF or PN for an IGF cycle (Secretariat, MAG).' })
  async createWorkstream(@Args('input') input: CreateWorkstreamInput, @CurrentActor() actor: Actor) {
    return toWorkstreamModel(await this.service.create(actor, input));
  }

  @SignedIn()
  @Mutation(() => WorkstreamModel, { description: 'Proposes a Dynamic Coalition; you become its coordinator.' })
  async proposeDynamicCoalition(@Args('input') input: ProposeDynamicCoalitionInput, @CurrentActor() actor: Actor) {
    return toWorkstreamModel(await this.service.propose(actor, input));
  }

  /** Policy: facilitators of the workstream or the Secretariat (checked in the service). */
  @SignedIn()
  @Mutation(() => WorkstreamModel, { description: 'Edits details (facilitators, Secretariat).' })
  async updateWorkstream(@Args('input') input: UpdateWorkstreamInput, @CurrentActor() actor: Actor) {
    return toWorkstreamModel(await this.service.update(actor, input));
  }

  @PlatformRoles(PlatformRole.SECRETARIAT, PlatformRole.MAG_MEMBER)
  @Mutation(() => WorkstreamModel, { description: 'Ends a BPF or PN without renewal.' })
  async concludeWorkstream(@Args() { id, reason }: LifecycleArgs, @CurrentActor() actor: Actor) {
    return this.move(actor, id, LifecycleAction.CONCLUDE, reasons(reason));
  }

  @PlatformRoles(PlatformRole.SECRETARIAT, PlatformRole.MAG_MEMBER)
  @Mutation(() => WorkstreamModel, { description: 'Starts the next cycle of a BPF or PN, keeping its history and members.' })
  async renewWorkstream(@Args() { id, cycleYear }: RenewArgs, @CurrentActor() actor: Actor) {
    return toWorkstreamModel(await this.lifecycle.transition(actor, id, { action: LifecycleAction.RENEW, cycleYear }));
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Mutation(() => WorkstreamModel)
  async recogniseDynamicCoalition(@Args() { id }: WorkstreamIdArgs, @CurrentActor() actor: Actor) {
    return this.move(actor, id, LifecycleAction.RECOGNISE);
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Mutation(() => WorkstreamModel)
  async declineDynamicCoalition(@Args() { id, reason }: LifecycleArgs, @CurrentActor() actor: Actor) {
    return this.move(actor, id, LifecycleAction.DECLINE, reasons(reason));
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Mutation(() => WorkstreamModel)
  async deactivateDynamicCoalition(@Args() { id, reason }: LifecycleArgs, @CurrentActor() actor: Actor) {
    return this.move(actor, id, LifecycleAction.DEACTIVATE, reasons(reason));
  }

  @PlatformRoles(PlatformRole.SECRETARIAT)
  @Mutation(() => WorkstreamModel)
  async reactivateDynamicCoalition(@Args() { id }: WorkstreamIdArgs, @CurrentActor() actor: Actor) {
    return this.move(actor, id, LifecycleAction.REACTIVATE);
  }

  private async move(actor: Actor, id: string, action: LifecycleAction, why: string[] = []) {
    return toWorkstreamModel(await this.lifecycle.transition(actor, id, { action, reasons: why }));
  }
}
