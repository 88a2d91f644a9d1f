import { type JsonValue, parseEntry } from '@intersessional/record';
import type { EntryRow } from '@intersessional/record-store';
import { type CommentEntity, CommentState } from '../comment/comment.entity';
import { isPublic } from '../comment/comment.repository';
import { isListed } from '../comment/disclosure';
import { bylineOf, reasonOf, responseOf, textOf } from './record-entries';

export type RecordAudience = 'public' | 'facilitators';

export interface OpenedPart {
  salt: string;
  value: JsonValue;
}

/** Kinds whose latest entry about a comment is the one today's rows open (an answer's response, a moderator's reason). */
export const RESPONSE_KINDS = ['comment.answered', 'comment.suggestion_applied'] as const;
export const REASON_KINDS = ['comment.hidden', 'comment.rejected'] as const;

export interface LatestEntries {
  /** Per comment: the index of its latest answer (or applied suggestion) entry. */
  response: Map<string, number>;
  /** Per comment: the index of its latest hide or reject decision. */
  reason: Map<string, number>;
}

/**
 * Which sealed parts of an entry about `comment` the audience may read, with their values as today's
 * rows give them. The rules are the disclosure rules the rest of the product follows (disclosure.ts,
 * export-rows.ts):
 *
 * - `text` of the comment's current revision: when the comment is public (published, consented, not
 *   hidden, not withdrawn); facilitators always. Earlier revisions stay sealed (their text is not
 *   public), so do hidden, withdrawn, pending and rejected texts.
 * - `byline`: when the comment is listed (published and consented; hidden and withdrawn ones stay
 *   listed); facilitators always.
 * - `response` of the latest answer: when the comment is listed; facilitators always. Earlier answers
 *   were replaced and are not kept, so they stay sealed.
 * - `reason` of the latest hide or rejection, while it stands: facilitators only (the product never
 *   shows moderation reasons to the public). Reasons for unhiding and keeping stay sealed.
 *
 * The value is rebuilt from the row, never read from the record: a row changed behind the
 * application's back no longer opens its commitment, and the check names the entry.
 */
export function openingsOf(row: EntryRow, comment: CommentEntity, audience: RecordAudience, latest: LatestEntries): Record<string, OpenedPart> {
  const all = audience === 'facilitators';
  const opened: Record<string, OpenedPart> = {};
  const open = (name: string, value: JsonValue) => {
    const salt = row.sealedSalts[name];
    if (salt) opened[name] = { salt, value };
  };
  switch (row.kind) {
    case 'comment.submitted':
    case 'comment.edited':
      if ((all || isPublic(comment)) && parseEntry(row.entry)?.revision === comment.revision) open('text', textOf(comment));
      if (all || isListed(comment)) open('byline', bylineOf(comment));
      break;
    case 'comment.answered':
    case 'comment.suggestion_applied':
      if ((all || isListed(comment)) && latest.response.get(comment.id) === row.index && comment.response !== null) open('response', responseOf(comment));
      break;
    case 'comment.hidden':
    case 'comment.rejected': {
      const stands = row.kind === 'comment.hidden' ? comment.hiddenAt !== null : comment.state === CommentState.REJECTED;
      if (all && stands && latest.reason.get(comment.id) === row.index && comment.hiddenReason !== null) open('reason', reasonOf(comment.hiddenReason));
      break;
    }
  }
  return opened;
}
