import { Injectable } from '@nestjs/common';
import { type CommentEntity, CommentState } from '../comment/comment.entity';
import { CommentRepository } from '../comment/comment.repository';
import { type CommentPeriodEntity, ModerationMode } from '../period/comment-period.entity';
import { HOLD_TEXT, MAX_LINKS_UNHELD } from './hold-reason';


/** What the rules look at: the text as it will be stored, who wrote it and where. */
export interface ModerationSubject {
  period: Pick<CommentPeriodEntity, 'id' | 'moderation'>;
  authorId: string | null;
  guestEmail: string | null;
  /** Links in the body and in the suggested wording. */
  links: readonly string[];
  fingerprint: string;
  /** On an edit: the comment itself, so its own earlier text is not "repeated text". */
  commentId?: string;
}

/**
 * The one set of rules that decides whether a text waits for a moderator: new comments, replies and
 * edits all go through `holdReason`, so no path can publish what another would hold.
 */
@Injectable()
export class ModerationRules {
  constructor(private readonly comments: CommentRepository) {}

  /** Why the text waits for a moderator, or null to publish it (or keep it published). */
  async holdReason(subject: ModerationSubject): Promise<string | null> {
    const { period, authorId, guestEmail, links, fingerprint, commentId } = subject;
    if (await this.comments.countSameText(period.id, fingerprint, authorId, guestEmail, commentId ?? null)) return HOLD_TEXT.REPEATED_TEXT;
    if (links.length > MAX_LINKS_UNHELD) return HOLD_TEXT.LINKS;
    if (!authorId) return HOLD_TEXT.GUEST;
    if (period.moderation === ModerationMode.PRE_MODERATION) return HOLD_TEXT.PRE_MODERATION;
    return null;
  }
}

/**
 * What an edit does to the comment's state: an edit that trips a rule takes a published comment back
 * to the queue (no longer public; its author still sees it, as PENDING with the reason). A comment
 * already waiting stays waiting (with the newest reason); an edit never publishes or un-rejects.
 */
export function stateAfterEdit(comment: Pick<CommentEntity, 'state' | 'heldReason'>, held: string | null): Pick<CommentEntity, 'state' | 'heldReason'> {
  if (!held || comment.state === CommentState.REJECTED) return { state: comment.state, heldReason: comment.heldReason };
  return { state: CommentState.PENDING, heldReason: held };
}
