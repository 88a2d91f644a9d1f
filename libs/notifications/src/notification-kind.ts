import { registerEnumType } from '@nestjs/graphql';

/**
 * What a notification is about. Clients pick an icon and wording by kind; `data` carries the ids.
 * New kinds are added here (no database constraint lists them, so adding one needs no migration).
 */
export enum NotificationKind {
  COMMENT_REPLY = 'COMMENT_REPLY',
  COMMENT_ANSWERED = 'COMMENT_ANSWERED',
  NEW_COMMENT = 'NEW_COMMENT',
  COMMENT_HIDDEN = 'COMMENT_HIDDEN',
  SUGGESTION_APPLIED = 'SUGGESTION_APPLIED',
  PERIOD_OPENED = 'PERIOD_OPENED',
  PERIOD_CLOSING_SOON = 'PERIOD_CLOSING_SOON',
  PERIOD_EXTENDED = 'PERIOD_EXTENDED',
  PERIOD_CLOSED = 'PERIOD_CLOSED',
  /** To facilitators: someone asks to join their workstream. */
  MEMBERSHIP_REQUESTED = 'MEMBERSHIP_REQUESTED',
  /** To the person: their request to join was approved. */
  MEMBERSHIP_APPROVED = 'MEMBERSHIP_APPROVED',
  /** To the person: their request to join was declined. */
  MEMBERSHIP_DECLINED = 'MEMBERSHIP_DECLINED',
  /** To the person: a facilitator changed their role. */
  MEMBERSHIP_ROLE_CHANGED = 'MEMBERSHIP_ROLE_CHANGED',
  /** To the person: a facilitator added them to a workstream. */
  MEMBERSHIP_ADDED = 'MEMBERSHIP_ADDED',
  /** To the person: a facilitator removed them from a workstream. */
  MEMBERSHIP_REMOVED = 'MEMBERSHIP_REMOVED',
  OTHER = 'OTHER',
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about; its `data` holds the ids of the things concerned.',
});
