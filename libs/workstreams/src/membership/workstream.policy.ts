import { Injectable } from '@nestjs/common';
import { type Actor, PlatformRole, isSecretariat } from '@intersessional/access';
import { forbidden } from '@intersessional/graphql';
import { MembershipEntity, MembershipStatus, WorkstreamRole } from './membership.entity';
import { MembershipRepository } from './membership.repository';

/**
 * Who may do what inside a workstream. The Secretariat may act as a facilitator anywhere;
 * BPF/PN cycles are steered by the Secretariat and MAG members.
 */
@Injectable()
export class WorkstreamPolicy {
  constructor(private readonly memberships: MembershipRepository) {}

  async activeMembership(actor: Actor | null, workstreamId: string): Promise<MembershipEntity | null> {
    if (!actor) return null;
    const membership = await this.memberships.find(workstreamId, actor.userId);
    return membership?.status === MembershipStatus.ACTIVE ? membership : null;
  }

  /** Active roles of many people in many workstreams, in one query, keyed `${workstreamId}:${userId}`. */
  activeRolesIn(workstreamIds: readonly string[], userIds: readonly string[]): Promise<Map<string, WorkstreamRole>> {
    return this.memberships.activeRolesIn(workstreamIds, userIds);
  }

  async canManage(actor: Actor | null, workstreamId: string): Promise<boolean> {
    if (!actor) return false;
    if (isSecretariat(actor)) return true;
    return (await this.activeMembership(actor, workstreamId))?.role === WorkstreamRole.FACILITATOR;
  }

  /** Facilitator of this workstream, or Secretariat. */
  async assertCanManage(actor: Actor, workstreamId: string): Promise<void> {
    if (!(await this.canManage(actor, workstreamId))) {
      throw forbidden('Only the facilitators of this workstream or the Secretariat can do this.');
    }
  }

  /** Secretariat or MAG member: creates, concludes and renews BPFs and PNs. */
  assertCanSteerCycles(actor: Actor): void {
    if (actor.platformRole !== PlatformRole.SECRETARIAT && actor.platformRole !== PlatformRole.MAG_MEMBER) {
      throw forbidden('Only the Secretariat and MAG members can do this.');
    }
  }

  assertSecretariat(actor: Actor): void {
    if (!isSecretariat(actor)) throw forbidden('Only the IGF Secretariat can do this.');
  }
}
