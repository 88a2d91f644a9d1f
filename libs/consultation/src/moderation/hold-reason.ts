/** More links than this in one comment (body and suggested wording together) holds it for a moderator. */
export const MAX_LINKS_UNHELD = 3;

/** Why a text waits for a moderator, as a stable code for clients (the stored reason is English prose). */
export enum HoldReason {
  REPEATED_TEXT = 'REPEATED_TEXT',
  LINKS = 'LINKS',
  GUEST = 'GUEST',
  PRE_MODERATION = 'PRE_MODERATION',
  /** A reason stored by an earlier version of these rules. */
  OTHER = 'OTHER',
}

/** The reason stored with a held comment (it is in the record and in the facilitators' CSV). */
export const HOLD_TEXT: Record<Exclude<HoldReason, HoldReason.OTHER>, string> = {
  [HoldReason.REPEATED_TEXT]: 'the same text was already submitted by this commenter',
  [HoldReason.LINKS]: `more than ${MAX_LINKS_UNHELD} links`,
  [HoldReason.GUEST]: 'guest comment',
  [HoldReason.PRE_MODERATION]: 'pre-moderated period',
};
const CODE_OF_TEXT = new Map(Object.entries(HOLD_TEXT).map(([code, text]) => [text, code as HoldReason]));

/** The code of a stored hold reason; null when the comment is not held for a reason. */
export function holdReasonCode(stored: string | null): HoldReason | null {
  return stored === null ? null : (CODE_OF_TEXT.get(stored) ?? HoldReason.OTHER);
}
