import { Injectable } from '@nestjs/common';
import { type Notice, NotificationKind, NotificationService } from '@intersessional/notifications';
import { MembershipRepository, WorkstreamRole } from '@intersessional/workstreams';
import type { CommentEntity } from './comment/comment.entity';
import { CommentRepository, isPublic } from './comment/comment.repository';
import type { CommentPeriodEntity } from './period/comment-period.entity';
import type { PeriodEvent } from './period/comment-period.repository';

const FACILITATORS = [WorkstreamRole.FACILITATOR, WorkstreamRole.LEAD_EXPERT];

const link = (period: CommentPeriodEntity, comment?: CommentEntity) => `/comment-periods/${period.id}${comment ? `#comment-${comment.id}` : ''}`;
const excerpt = (text: string, length = 140) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

const TIMED: Record<PeriodEvent, { kind: NotificationKind; title: (p: CommentPeriodEntity) => string; body: (p: CommentPeriodEntity) => string }> = {
  OPENED: {
    kind: NotificationKind.PERIOD_OPENED,
    title: (p) => `Open for comment: ${p.title}`,
    body: (p) => `Comments are welcome until ${p.closesAt.toISOString()} (UTC).`,
  },
  CLOSING_SOON: {
    kind: NotificationKind.PERIOD_CLOSING_SOON,
    title: (p) => `Closing in 48 hours: ${p.title}`,
    body: (p) => `The comment period closes at ${p.closesAt.toISOString()} (UTC).`,
  },
  CLOSED: {
    kind: NotificationKind.PERIOD_CLOSED,
    title: (p) => `Closed: ${p.title}`,
    body: () => 'The comment period is closed. The facilitators will answer every comment and publish a synthesis.',
  },
};

/**
 * Who is told what about a consultation, written in the caller's transaction (so a notice exists
 * exactly when the change does): commenters about replies, answers and applied suggestions;
 * facilitators about new comments (in the app only: periods draw hundreds); workstream members and
 * earlier commenters about a period opening, closing soon, extended and closed. Guests, who have no
 * account, get the e-mail.
 */
@Injectable()
export class ConsultationNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly memberships: MembershipRepository,
    private readonly comments: CommentRepository,
  ) {}

  async commentSubmitted(period: CommentPeriodEntity, comment: CommentEntity): Promise<void> {
    await this.commentsSubmitted([{ period, comment }]);
  }

  /**
   * New comments (a batch written together): each period's facilitators, except the author, hear of
   * each, with one read of the facilitators per workstream and one insert of the notices.
   */
  async commentsSubmitted(submitted: readonly { period: CommentPeriodEntity; comment: CommentEntity }[]): Promise<void> {
    const facilitatorsOf = new Map<string, Promise<string[]>>();
    const notices: Notice[] = [];
    for (const { period, comment } of submitted) {
      let facilitators = facilitatorsOf.get(period.workstreamId);
      if (!facilitators) facilitatorsOf.set(period.workstreamId, (facilitators = this.memberships.activeWithRoles(period.workstreamId, FACILITATORS)));
      const waiting = comment.state === 'PENDING' ? ' (awaiting moderation)' : '';
      for (const userId of await facilitators) {
        if (userId === comment.authorId) continue;
        notices.push({
          userId,
          kind: NotificationKind.NEW_COMMENT,
          title: `New comment${waiting} on ${period.title}`,
          body: `${comment.commenterName}: ${excerpt(comment.body)}`,
          link: link(period, comment),
          data: { periodId: period.id, commentId: comment.id },
        });
      }
    }
    await this.notifications.notify(notices);
  }

  /** A guest's receipt: what they sent, its tracking number and their private link (e-mail only). */
  async guestReceipt(period: CommentPeriodEntity, comment: CommentEntity, trackingNumber: string, privateLink: string): Promise<void> {
    if (!comment.guestEmail) return;
    const what = comment.parentId ? 'reply' : 'comment';
    const body = [
      `Thank you for your ${what} on "${period.title}". Its tracking number is ${trackingNumber}; quote it if you write to the facilitators.`,
      comment.state === 'PENDING' ? `A moderator reads guests' ${what}s before they are published.` : '',
      `With the private link below you can see your ${what}, change or withdraw it while the period is open, and read the facilitators' answer later. Keep the link to yourself: whoever has it can change your ${what}.`,
      `You wrote:\n\n${excerpt(comment.body, 500)}`,
    ].filter(Boolean).join('\n\n');
    await this.notifications.email({ address: comment.guestEmail, name: comment.commenterName }, `Your ${what} on ${period.title}: ${trackingNumber}`, body, privateLink);
  }

  /** A published comment edited into the queue: the facilitators must look at it again. */
  async editHeld(period: CommentPeriodEntity, comment: CommentEntity): Promise<void> {
    const facilitators = (await this.memberships.activeWithRoles(period.workstreamId, FACILITATORS)).filter((id) => id !== comment.authorId);
    await this.notifications.notify(
      facilitators.map((userId) => ({
        userId,
        kind: NotificationKind.NEW_COMMENT,
        title: `Edited comment awaiting moderation on ${period.title}`,
        body: `${comment.commenterName}: ${excerpt(comment.body)}`,
        link: link(period, comment),
        data: { periodId: period.id, commentId: comment.id },
      })),
    );
  }

  /** Only a public reply is announced: an unpublished or unconsented one must not reach the commenter by name. */
  async replied(period: CommentPeriodEntity, parent: CommentEntity, reply: CommentEntity): Promise<void> {
    if (parent.authorId === reply.authorId && parent.authorId !== null) return;
    if (!isPublic(reply)) return;
    await this.toAuthor(parent, {
      kind: NotificationKind.COMMENT_REPLY,
      title: reply.official ? `The facilitators replied to your comment on ${period.title}` : `${reply.commenterName} replied to your comment on ${period.title}`,
      body: excerpt(reply.body),
      link: link(period, parent),
      data: { periodId: period.id, commentId: parent.id, replyId: reply.id },
    });
  }

  async answered(period: CommentPeriodEntity, comment: CommentEntity): Promise<void> {
    await this.toAuthor(comment, {
      kind: NotificationKind.COMMENT_ANSWERED,
      title: `Your comment on ${period.title} was answered`,
      body: `${comment.disposition?.replace(/_/g, ' ').toLowerCase() ?? ''}: ${excerpt(comment.response ?? '')}`,
      link: link(period, comment),
      data: { periodId: period.id, commentId: comment.id },
    });
  }

  async suggestionApplied(period: CommentPeriodEntity, comment: CommentEntity): Promise<void> {
    await this.toAuthor(comment, {
      kind: NotificationKind.SUGGESTION_APPLIED,
      title: `Your suggested wording is in the draft of ${period.title}`,
      body: excerpt(comment.suggestion ?? ''),
      link: link(period, comment),
      data: { periodId: period.id, commentId: comment.id },
    });
  }

  async periodTimed(period: CommentPeriodEntity, event: PeriodEvent): Promise<void> {
    const text = TIMED[event];
    await this.toAudience(period, text.kind, text.title(period), text.body(period));
  }

  async periodExtended(period: CommentPeriodEntity, reason: string | null): Promise<void> {
    const body = `Comments are now welcome until ${period.closesAt.toISOString()} (UTC).${reason ? ` ${reason}` : ''}`;
    await this.toAudience(period, NotificationKind.PERIOD_EXTENDED, `Extended: ${period.title}`, body, true);
  }

  /** Workstream members and everyone who commented (guests by e-mail). */
  private async toAudience(period: CommentPeriodEntity, kind: NotificationKind, title: string, body: string, commentersOnly = false): Promise<void> {
    const members = commentersOnly ? [] : (await this.memberships.activeMembersOf([period.workstreamId])).map((m) => m.userId);
    const people = [...new Set([...members, ...(await this.comments.commenterIds(period.id))])];
    await this.notifications.notify(people.map((userId) => ({ userId, kind, title, body, link: link(period), data: { periodId: period.id }, email: true })));
    for (const guest of await this.comments.guestAddresses(period.id)) {
      await this.notifications.email({ address: guest.email, name: guest.name }, title, body);
    }
  }

  private async toAuthor(comment: CommentEntity, notice: Omit<Notice, 'userId'>): Promise<void> {
    if (comment.authorId) {
      await this.notifications.notify([{ ...notice, userId: comment.authorId, email: true }]);
    } else if (comment.guestEmail) {
      await this.notifications.email({ address: comment.guestEmail, name: comment.commenterName }, notice.title, notice.body);
    }
  }
}
