import { MembershipEntity } from './membership.entity';
import { MembershipModel } from './membership.model';

export const toMembershipModel = (m: MembershipEntity): MembershipModel => ({
  id: m.id,
  role: m.role,
  status: m.status,
  createdAt: m.createdAt,
  workstreamId: m.workstreamId,
  userId: m.userId,
});

export const membershipCursor = (m: MembershipEntity) => [m.createdAt.toISOString(), m.id];
