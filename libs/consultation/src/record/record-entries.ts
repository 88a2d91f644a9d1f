import type { JsonValue } from '@intersessional/record';
import type { EntryDraft } from '@intersessional/record-store';
import { type CommentEntity } from '../comment/comment.entity';
import { publicPlace } from '../comment/disclosure';
import type { CommentPeriodEntity } from '../period/comment-period.entity';

/**
 * What each event of a comment period puts in the period's record (entry format v1; the catalogue of
 * kinds and fields is in libs/record/README.md). Public fields are ids, states, dispositions and
 * times; what may have to leave public view later is sealed: a comment's `text` and `byline`, an
 * answer's `response`, a moderator's `reason`. The same functions give the sealed values back from
 * today's rows when a receipt or the archive opens them, so a row edited behind the application's
 * back no longer opens its commitment.
 */

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** A comment's sealed text at its current revision. */
export const textOf = (c: CommentEntity): JsonValue => ({
  revision: c.revision,
  body: c.body,
  bodyFormat: c.bodyFormat,
  language: c.language,
  suggestion: c.suggestion,
  anchor: c.anchorKind ? { kind: c.anchorKind, startParagraph: c.startParagraph, endParagraph: c.endParagraph, quote: c.quoteExact } : null,
});

/** Who speaks, as the public is shown it when the comment is listed (disclosure.ts: country and region only if chosen; never gender or e-mail). */
export const bylineOf = (c: CommentEntity): JsonValue => ({
  name: c.commenterName,
  organisation: c.organisation,
  stakeholderGroup: c.stakeholderGroup,
  speakingFor: c.speakingFor,
  guest: c.authorId === null,
  ...publicPlace(c),
});

export const responseOf = (c: CommentEntity): JsonValue => ({ response: c.response });

export const reasonOf = (reason: string): JsonValue => ({ reason });

export const periodFields = (p: CommentPeriodEntity): { [name: string]: JsonValue } => ({
  periodKind: p.kind,
  workstream: p.workstreamId,
  document: p.documentId,
  version: p.versionId,
  title: p.title,
  instructions: p.instructions,
  guidingQuestions: p.guidingQuestions,
  timeZone: p.timeZone,
  opensAt: p.opensAt.toISOString(),
  inclusionCutoffAt: iso(p.inclusionCutoffAt),
  closesAt: p.closesAt.toISOString(),
  participation: p.participation,
  moderation: p.moderation,
});

export const commentSubmitted = (c: CommentEntity): EntryDraft => ({
  kind: 'comment.submitted',
  subject: c.id,
  fields: { comment: c.id, parent: c.parentId, official: c.official, late: c.afterCutoff, state: c.state, revision: c.revision },
  sealed: { text: textOf(c), byline: bylineOf(c) },
});

export const commentEdited = (c: CommentEntity): EntryDraft => ({
  kind: 'comment.edited',
  subject: c.id,
  fields: { comment: c.id, revision: c.revision, state: c.state },
  sealed: { text: textOf(c) },
});

export const commentWithdrawn = (c: CommentEntity): EntryDraft => ({ kind: 'comment.withdrawn', subject: c.id, fields: { comment: c.id } });

/** Moderation decisions, named as the audit log names them. */
export type ModerationKind = 'comment.approved' | 'comment.rejected' | 'comment.hidden' | 'comment.unhidden' | 'comment.kept';

export const moderated = (kind: ModerationKind, c: CommentEntity, reason: string | null, fields: { [name: string]: JsonValue } = {}): EntryDraft => ({
  kind,
  subject: c.id,
  fields: { ...fields, comment: c.id, state: c.state, hidden: c.hiddenAt !== null },
  ...(reason === null ? {} : { sealed: { reason: reasonOf(reason) } }),
});

export const answered = (c: CommentEntity): EntryDraft => ({
  kind: 'comment.answered',
  subject: c.id,
  fields: { comment: c.id, disposition: c.disposition, addressedVersion: c.addressedVersionId },
  sealed: { response: responseOf(c) },
});

/** `update`: SHA-256 (hex) of the Yjs update that put the suggestion into the live draft — the version it produced is the draft before it plus that update. */
export const suggestionApplied = (c: CommentEntity, documentId: string, update: string | null): EntryDraft => ({
  kind: 'comment.suggestion_applied',
  subject: c.id,
  fields: { comment: c.id, document: documentId, update, disposition: c.disposition },
  sealed: { response: responseOf(c) },
});
