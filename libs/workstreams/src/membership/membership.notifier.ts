import { Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { PeopleDirectory } from '@intersessional/identity';
import { NotificationKind, NotificationService } from '@intersessional/notifications';
import { type WorkstreamEntity } from '../workstream/workstream.entity';
import { type MembershipEntity, WorkstreamRole } from './membership.entity';
import { MembershipRepository } from './membership.repository';

const ROLE_NAMES: Record<WorkstreamRole, string> = {
  [WorkstreamRole.FACILITATOR]: 'facilitator',
  [WorkstreamRole.LEAD_EXPERT]: 'lead expert',
  [WorkstreamRole.MEMBER]: 'member',
  [WorkstreamRole.OBSERVER]: 'observer',
};
const article = (role: WorkstreamRole) => (/^[aeiou]/.test(ROLE_NAMES[role]) ? 'an' : 'a');
const asRole = (role: WorkstreamRole) => `${article(role)} ${ROLE_NAMES[role]}`;

const workstreamLink = (w: WorkstreamEntity) => `/workstreams/${w.slug}`;
const membersLink = (w: WorkstreamEntity) => `/workstreams/${w.slug}/members`;
const dataOf = (w: WorkstreamEntity, m: MembershipEntity) => ({ workstreamId: w.id, membershipId: m.id, userId: m.userId });

/**
 * Who is told what about memberships, in the app and by e-mail, written in the caller's transaction
 * (so a notice exists exactly when the change does): the facilitators of a request to join, the person
 * of every change someone else makes to their membership (approval, decline, role, being added or
 * removed). Nobody is told of what they did themselves.
 */
@Injectable()
export class MembershipNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly memberships: MembershipRepository,
    private readonly people: PeopleDirectory,
  ) {}

  async requested(workstream: WorkstreamEntity, request: MembershipEntity): Promise<void> {
    const facilitators = (await this.memberships.activeWithRoles(workstream.id, [WorkstreamRole.FACILITATOR])).filter((id) => id !== request.userId);
    if (!facilitators.length) return;
    const name = (await this.people.profileOf(request.userId))?.displayName ?? 'Someone';
    await this.notifications.notify(
      facilitators.map((userId) => ({
        userId,
        kind: NotificationKind.MEMBERSHIP_REQUESTED,
        title: `${name} asks to join ${workstream.name}`,
        body: `${name} asks to join ${workstream.name} as ${asRole(request.role)}. Approve or decline the request on the members page.`,
        link: membersLink(workstream),
        data: dataOf(workstream, request),
        email: true,
      })),
    );
  }

  async approved(actor: Actor, workstream: WorkstreamEntity, membership: MembershipEntity): Promise<void> {
    await this.toMember(actor, workstream, membership, NotificationKind.MEMBERSHIP_APPROVED, `Welcome to ${workstream.name}`,
      `Your request to join ${workstream.name} was approved: you are ${asRole(membership.role)}.`);
  }

  async declined(actor: Actor, workstream: WorkstreamEntity, request: MembershipEntity): Promise<void> {
    await this.toMember(actor, workstream, request, NotificationKind.MEMBERSHIP_DECLINED, `Your request to join ${workstream.name} was declined`,
      `The facilitators of ${workstream.name} declined your request to join. You can still follow its public work.`);
  }

  async roleChanged(actor: Actor, workstream: WorkstreamEntity, before: MembershipEntity, after: MembershipEntity): Promise<void> {
    await this.toMember(actor, workstream, after, NotificationKind.MEMBERSHIP_ROLE_CHANGED, `Your role in ${workstream.name} changed`,
      `You are now ${asRole(after.role)} of ${workstream.name} (before: ${ROLE_NAMES[before.role]}).`);
  }

  async added(actor: Actor, workstream: WorkstreamEntity, membership: MembershipEntity): Promise<void> {
    await this.toMember(actor, workstream, membership, NotificationKind.MEMBERSHIP_ADDED, `You were added to ${workstream.name}`,
      `The facilitators of ${workstream.name} added you as ${asRole(membership.role)}.`);
  }

  async removed(actor: Actor, workstream: WorkstreamEntity, membership: MembershipEntity): Promise<void> {
    await this.toMember(actor, workstream, membership, NotificationKind.MEMBERSHIP_REMOVED, `You were removed from ${workstream.name}`,
      `The facilitators of ${workstream.name} removed you from its members.`);
  }

  private async toMember(actor: Actor, workstream: WorkstreamEntity, membership: MembershipEntity, kind: NotificationKind, title: string, body: string) {
    if (membership.userId === actor.userId) return;
    await this.notifications.notify([
      { userId: membership.userId, kind, title, body, link: workstreamLink(workstream), data: dataOf(workstream, membership), email: true },
    ]);
  }
}
