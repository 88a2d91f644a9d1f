import { type CommentEntity, CommentState } from '../comment/comment.entity';
import { isPublic } from '../comment/comment.repository';
import { isListed, publicPlace } from '../comment/disclosure';

export type Audience = 'facilitators' | 'public';

/** Whether a comment appears in an export for `audience` at all. */
export function included(c: CommentEntity, audience: Audience): boolean {
  if (audience === 'facilitators') return true;
  // the public sees what is published and consented; hidden and withdrawn ones appear marked, without their text
  return isListed(c);
}

export function status(c: CommentEntity): string {
  if (c.withdrawnAt) return 'withdrawn';
  if (c.hiddenAt) return 'hidden';
  if (c.state === CommentState.PENDING) return 'awaiting moderation';
  if (c.state === CommentState.REJECTED) return 'rejected';
  return 'published';
}

/** The text the audience may read: hidden or withdrawn content never reaches the public. */
export function visibleText(c: CommentEntity, audience: Audience): { body: string; suggestion: string } {
  if (audience === 'public' && !isPublic(c)) return { body: c.withdrawnAt ? '[withdrawn by the commenter]' : '[hidden by the moderators]', suggestion: '' };
  return { body: c.body, suggestion: c.suggestion ?? '' };
}

export const paragraphs = (c: CommentEntity): string =>
  c.anchorKind === null ? '' : c.startParagraph === null ? 'document' : c.startParagraph === c.endParagraph ? String(c.startParagraph) : `${c.startParagraph}–${c.endParagraph}`;

export interface CsvRow {
  id: string;
  reply_to: string;
  created_at: string;
  paragraphs: string;
  anchor: string;
  quote: string;
  commenter: string;
  organisation: string;
  stakeholder_group: string;
  country: string;
  region: string;
  speaking_for: string;
  guest: string;
  official: string;
  language: string;
  body: string;
  suggestion: string;
  status: string;
  moderation_reason: string;
  late: string;
  edits: number;
  disposition: string;
  response: string;
  suggestion_applied: string;
}

export const CSV_COLUMNS: (keyof CsvRow)[] = [
  'id', 'reply_to', 'created_at', 'paragraphs', 'anchor', 'quote', 'commenter', 'organisation', 'stakeholder_group', 'country', 'region',
  'speaking_for', 'guest', 'official', 'language', 'body', 'suggestion', 'status', 'moderation_reason', 'late', 'edits', 'disposition', 'response', 'suggestion_applied',
];

export function toRow(c: CommentEntity, audience: Audience): CsvRow {
  const text = visibleText(c, audience);
  const shown = audience === 'facilitators' || isPublic(c);
  const place = audience === 'facilitators' ? { country: c.country, region: c.region } : publicPlace(c);
  return {
    id: c.id,
    reply_to: c.parentId ?? '',
    created_at: c.createdAt.toISOString(),
    paragraphs: paragraphs(c),
    anchor: c.anchorKind ?? '',
    quote: shown ? c.quoteExact ?? '' : '',
    commenter: c.commenterName,
    organisation: c.organisation ?? '',
    stakeholder_group: c.stakeholderGroup,
    country: place.country ?? '',
    region: place.region ?? '',
    speaking_for: c.speakingFor,
    guest: c.authorId ? 'no' : 'yes',
    official: c.official ? 'yes' : 'no',
    language: c.language,
    body: text.body,
    suggestion: text.suggestion,
    status: status(c),
    moderation_reason: audience === 'facilitators' ? c.hiddenReason ?? c.heldReason ?? '' : '',
    late: c.afterCutoff ? 'yes' : 'no',
    edits: c.revision - 1,
    disposition: c.disposition ?? '',
    response: c.response ?? '',
    suggestion_applied: c.suggestionAppliedAt?.toISOString() ?? '',
  };
}

/** Spreadsheets run cells starting with = + - @ as formulas: such cells get a leading apostrophe. */
export const defuse = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
