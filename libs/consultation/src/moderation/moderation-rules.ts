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
 * edits all go through `holdReason` (or `holdReasons` for a batch; both end in `reasonFor`), so no path
 * can publish what another would hold.
 */
@Injectable()
export class ModerationRules {
  constructor(private readonly comments: CommentRepository) {}

  /** Why the text waits for a moderator, or null to publish it (or keep it published). */
  async holdReason(subject: ModerationSubject): Promise<string | null> {
    const { period, authorId, guestEmail, fingerprint, commentId } = subject;
    const repeated = (await this.comments.countSameText(period.id, fingerprint, authorId, guestEmail, commentId ?? null)) > 0;
    return reasonFor(subject, repeated);
  }

  /**
   * The reasons for new texts written together (a batch of submissions), in order, with one query. A
   * text repeats one already stored, or one earlier in the same batch from the same commenter.
   */
  async holdReasons(subjects: readonly ModerationSubject[]): Promise<(string | null)[]> {
    const stored = await this.comments.countSameTexts(subjects.map((s) => ({ periodId: s.period.id, fingerprint: s.fingerprint, authorId: s.authorId, guestEmail: s.guestEmail })));
    const seen = new Set<string>();
    return subjects.map((subject, i) => {
      const key = `${subject.period.id} ${subject.fingerprint} ${subject.authorId ?? ''} ${subject.guestEmail?.toLowerCase() ?? ''}`;
      const repeated = stored[i] > 0 || seen.has(key);
      seen.add(key);
      return reasonFor(subject, repeated);
    });
  }
}

function reasonFor(subject: ModerationSubject, repeated: boolean): string | null {
  if (repeated) return HOLD_TEXT.REPEATED_TEXT;
  if (subject.links.length > MAX_LINKS_UNHELD) return HOLD_TEXT.LINKS;
  if (!subject.authorId) return HOLD_TEXT.GUEST;
  if (subject.period.moderation === ModerationMode.PRE_MODERATION) return HOLD_TEXT.PRE_MODERATION;
  return null;
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
