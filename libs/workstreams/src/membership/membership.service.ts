import { Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { badInput, conflict, notFound } from '@intersessional/graphql';
import { PeopleDirectory } from '@intersessional/identity';
import { JoinPolicy, WorkstreamStatus } from '../workstream/workstream-kind';
import { WorkstreamEntity } from '../workstream/workstream.entity';
import { WorkstreamRepository } from '../workstream/workstream.repository';
import { lastFacilitator, workstreamNotOpen } from '../workstreams.errors';
import { MembershipEntity, MembershipStatus, WorkstreamRole } from './membership.entity';
import { MembershipNotifier } from './membership.notifier';
import { MembershipRepository } from './membership.repository';
import { WorkstreamPolicy } from './workstream.policy';

const CLOSED = new Set([WorkstreamStatus.CONCLUDED, WorkstreamStatus.DECLINED]);
const SELF_SERVICE_ROLES = new Set([WorkstreamRole.MEMBER, WorkstreamRole.OBSERVER]);

const snapshot = (m: MembershipEntity | null) => (m ? { userId: m.userId, role: m.role, status: m.status } : null);

/**
 * Joining, approval, roles and leaving. Every change locks the workstream row first, so two
 * facilitators demoting each other at once cannot leave it without one.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly db: Database,
    private readonly workstreams: WorkstreamRepository,
    private readonly memberships: MembershipRepository,
    private readonly people: PeopleDirectory,
    private readonly policy: WorkstreamPolicy,
    private readonly audit: AuditService,
    private readonly notifier: MembershipNotifier,
  ) {}

  /** Open workstreams (all DCs) admit at once; others record a request for a facilitator. */
  join(actor: Actor, workstreamId: string, role: WorkstreamRole = WorkstreamRole.MEMBER): Promise<MembershipEntity> {
    if (!SELF_SERVICE_ROLES.has(role)) throw badInput('role', 'must be MEMBER or OBSERVER; facilitators assign other roles');
    return this.db.transaction(async () => {
      const workstream = await this.lockOpen(workstreamId);
      const existing = await this.memberships.find(workstreamId, actor.userId);
      if (existing) {
        throw conflict(
          existing.status === MembershipStatus.PENDING ? 'Your request to join is already waiting for approval.' : 'You are already a member.',
          { status: existing.status },
        );
      }
      const status = workstream.joinPolicy === JoinPolicy.OPEN ? MembershipStatus.ACTIVE : MembershipStatus.PENDING;
      const membership = await this.memberships.insert({ workstreamId, userId: actor.userId, role, status });
      await this.record(actor, status === MembershipStatus.ACTIVE ? 'membership.joined' : 'membership.requested', membership, null);
      if (status === MembershipStatus.PENDING) await this.notifier.requested(workstream, membership);
      return membership;
    });
  }

  /** A facilitator adds someone directly, with any role (this is how lead experts are appointed). */
  add(actor: Actor, workstreamId: string, userId: string, role: WorkstreamRole): Promise<MembershipEntity> {
    return this.db.transaction(async () => {
      const workstream = await this.lockOpen(workstreamId);
      await this.policy.assertCanManage(actor, workstreamId);
      if (!(await this.people.exists(userId))) throw badInput('userId', 'is not a user');
      const existing = await this.memberships.find(workstreamId, userId);
      if (existing?.status === MembershipStatus.ACTIVE) throw conflict('This person is already a member.', { field: 'userId' });
      const membership = existing
        ? await this.memberships.update(existing.id, { role, status: MembershipStatus.ACTIVE })
        : await this.memberships.insert({ workstreamId, userId, role, status: MembershipStatus.ACTIVE });
      await this.record(actor, 'membership.added', membership, existing);
      await this.notifier.added(actor, workstream, membership);
      return membership;
    });
  }

  approve(actor: Actor, membershipId: string): Promise<MembershipEntity> {
    return this.decide(actor, membershipId, true) as Promise<MembershipEntity>;
  }

  async decline(actor: Actor, membershipId: string): Promise<void> {
    await this.decide(actor, membershipId, false);
  }

  setRole(actor: Actor, membershipId: string, role: WorkstreamRole): Promise<MembershipEntity> {
    return this.withMembership(membershipId, async (membership, workstream) => {
      await this.policy.assertCanManage(actor, membership.workstreamId);
      if (membership.status !== MembershipStatus.ACTIVE) throw conflict('Approve the request before changing the role.');
      if (membership.role === role) return membership;
      await this.assertKeepsFacilitator(membership);
      const after = await this.memberships.update(membership.id, { role });
      await this.record(actor, 'membership.role_changed', after, membership);
      await this.notifier.roleChanged(actor, workstream, membership, after);
      return after;
    });
  }

  async remove(actor: Actor, membershipId: string): Promise<void> {
    await this.withMembership(membershipId, async (membership, workstream) => {
      await this.policy.assertCanManage(actor, membership.workstreamId);
      await this.assertKeepsFacilitator(membership);
      await this.memberships.delete(membership.id);
      await this.record(actor, 'membership.removed', null, membership);
      // a withdrawn request is no membership lost
      if (membership.status === MembershipStatus.ACTIVE) await this.notifier.removed(actor, workstream, membership);
      else await this.notifier.declined(actor, workstream, membership);
    });
  }

  async leave(actor: Actor, workstreamId: string): Promise<void> {
    await this.db.transaction(async () => {
      if (!(await this.workstreams.lock(workstreamId))) throw notFound('Workstream', workstreamId);
      const membership = await this.memberships.find(workstreamId, actor.userId);
      if (!membership) throw notFound('Membership');
      await this.assertKeepsFacilitator(membership);
      await this.memberships.delete(membership.id);
      await this.record(actor, membership.status === MembershipStatus.PENDING ? 'membership.request_withdrawn' : 'membership.left', null, membership);
    });
  }

  private decide(actor: Actor, membershipId: string, approve: boolean): Promise<MembershipEntity | null> {
    return this.withMembership(membershipId, async (membership, workstream) => {
      await this.policy.assertCanManage(actor, membership.workstreamId);
      if (membership.status !== MembershipStatus.PENDING) throw conflict('This request was already decided.');
      if (!approve) {
        await this.memberships.delete(membership.id);
        await this.record(actor, 'membership.declined', null, membership);
        await this.notifier.declined(actor, workstream, membership);
        return null;
      }
      const after = await this.memberships.update(membership.id, { status: MembershipStatus.ACTIVE });
      await this.record(actor, 'membership.approved', after, membership);
      await this.notifier.approved(actor, workstream, after);
      return after;
    });
  }

  /** Loads a membership and locks its workstream, in one transaction around `work`. */
  private withMembership<T>(membershipId: string, work: (m: MembershipEntity, w: WorkstreamEntity) => Promise<T>): Promise<T> {
    return this.db.transaction(async () => {
      const found = await this.memberships.findById(membershipId);
      if (!found) throw notFound('Membership', membershipId);
      const workstream = await this.workstreams.lock(found.workstreamId);
      const membership = await this.memberships.findById(membershipId);
      if (!membership || !workstream) throw notFound('Membership', membershipId);
      return work(membership, workstream);
    });
  }

  private async lockOpen(workstreamId: string): Promise<WorkstreamEntity> {
    const workstream = await this.workstreams.lock(workstreamId);
    if (!workstream) throw notFound('Workstream', workstreamId);
    if (CLOSED.has(workstream.status)) throw workstreamNotOpen(workstream.status);
    return workstream;
  }

  private async assertKeepsFacilitator(membership: MembershipEntity): Promise<void> {
    if (membership.role !== WorkstreamRole.FACILITATOR || membership.status !== MembershipStatus.ACTIVE) return;
    if ((await this.memberships.countActive(membership.workstreamId, WorkstreamRole.FACILITATOR)) <= 1) {
      throw lastFacilitator();
    }
  }

  private async record(actor: Actor, action: string, after: MembershipEntity | null, before: MembershipEntity | null) {
    const subject = after ?? before;
    if (!subject) throw new Error(`audit of ${action} without a membership`);
    await this.audit.record(actor, {
      action,
      entityType: 'membership',
      entityId: subject.id,
      workstreamId: subject.workstreamId,
      summary: { before: snapshot(before), after: snapshot(after) },
    });
  }
}
