import { Injectable } from '@nestjs/common';
import { type Actor, isSecretariat } from '@intersessional/access';
import { forbidden } from '@intersessional/graphql';
import { WorkstreamPolicy, WorkstreamRole } from '@intersessional/workstreams';

/** Facilitators and lead experts run their workstream's comment periods (lead experts hold the pen). */
const FACILITATORS: ReadonlySet<WorkstreamRole> = new Set([WorkstreamRole.FACILITATOR, WorkstreamRole.LEAD_EXPERT]);

@Injectable()
export class ConsultationPolicy {
  constructor(private readonly workstreams: WorkstreamPolicy) {}

  async canFacilitate(actor: Actor | null, workstreamId: string): Promise<boolean> {
    if (!actor) return false;
    if (isSecretariat(actor)) return true;
    const membership = await this.workstreams.activeMembership(actor, workstreamId);
    return membership !== null && FACILITATORS.has(membership.role);
  }

  async assertCanFacilitate(actor: Actor, workstreamId: string): Promise<void> {
    if (!(await this.canFacilitate(actor, workstreamId))) {
      throw forbidden('Only the facilitators and lead experts of this workstream, or the Secretariat, can do this.');
    }
  }

  /**
   * Both answers for one workstream from one membership read (what a request's loaders ask, so a page
   * that needs both costs one query).
   */
  async accessTo(actor: Actor | null, workstreamId: string): Promise<{ facilitates: boolean; member: boolean }> {
    if (!actor) return { facilitates: false, member: false };
    if (isSecretariat(actor)) return { facilitates: true, member: true };
    const membership = await this.workstreams.activeMembership(actor, workstreamId);
    return { facilitates: membership !== null && FACILITATORS.has(membership.role), member: membership !== null };
  }

  /** Members (any role, observers too) see members-only details such as the live-draft projection. */
  async isMember(actor: Actor | null, workstreamId: string): Promise<boolean> {
    if (!actor) return false;
    return isSecretariat(actor) || (await this.workstreams.activeMembership(actor, workstreamId)) !== null;
  }
}
