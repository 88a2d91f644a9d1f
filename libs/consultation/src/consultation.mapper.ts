import { createHash } from 'node:crypto';
import type { StakeholderGroup } from '@intersessional/identity';
import type { CommentEntity } from './comment/comment.entity';
import type { CommentModel } from './comment/comment.model';
import type { CommentPeriodEntity, PeriodStatus } from './period/comment-period.entity';
import type { CommentPeriodModel } from './period/comment-period.model';
import { utcOffset } from './period/period-status';

export const toPeriodModel = (p: CommentPeriodEntity, status: PeriodStatus): CommentPeriodModel => ({
  id: p.id,
  kind: p.kind,
  workstreamId: p.workstreamId,
  documentId: p.documentId,
  versionId: p.versionId,
  title: p.title,
  instructions: p.instructions,
  guidingQuestions: p.guidingQuestions,
  timeZone: p.timeZone,
  closesAtUtcOffset: utcOffset(p.timeZone, p.closesAt),
  opensAt: p.opensAt,
  inclusionCutoffAt: p.inclusionCutoffAt,
  closesAt: p.closesAt,
  participation: p.participation,
  moderation: p.moderation,
  status,
  synthesisPublishedAt: p.synthesisPublishedAt,
  synthesisNote: p.synthesisNote,
  createdAt: p.createdAt,
});

/** The same key as COMMENTER_KEY_SQL computes in the database. */
export const commenterKey = (c: Pick<CommentEntity, 'authorId' | 'periodId' | 'guestEmail'>): string =>
  c.authorId ?? `guest-${createHash('md5').update(`${c.periodId}${(c.guestEmail ?? '').toLowerCase()}`).digest('hex')}`;

export const toCommentModel = (c: CommentEntity): CommentModel => ({
  id: c.id,
  periodId: c.periodId,
  parentId: c.parentId,
  anchor: c.anchorKind
    ? {
        kind: c.anchorKind,
        startParagraph: c.startParagraph,
        endParagraph: c.endParagraph,
        startBlockId: c.startBlockId,
        startOffset: c.startOffset,
        endBlockId: c.endBlockId,
        endOffset: c.endOffset,
        quote: c.quoteExact === null ? null : { exact: c.quoteExact, prefix: c.quotePrefix ?? '', suffix: c.quoteSuffix ?? '' },
      }
    : null,
  body: c.body,
  bodyFormat: c.bodyFormat,
  language: c.language,
  commenter: {
    key: commenterKey(c),
    name: c.commenterName,
    organisation: c.organisation,
    stakeholderGroup: c.stakeholderGroup as StakeholderGroup,
    country: c.country,
    region: c.region,
    countryPublic: c.countryPublic,
    periodId: c.periodId,
    speakingFor: c.speakingFor,
    guest: c.authorId === null,
    userId: c.authorId,
  },
  official: c.official,
  suggestion: c.suggestion,
  suggestionAppliedAt: c.suggestionAppliedAt,
  links: c.links,
  state: c.state,
  consentToPublish: c.consentToPublish,
  late: c.afterCutoff,
  hidden: c.hiddenAt !== null,
  withdrawnAt: c.withdrawnAt,
  answer:
    c.disposition && c.response && c.disposedAt
      ? { disposition: c.disposition, response: c.response, addressedVersionId: c.addressedVersionId, answeredAt: c.disposedAt }
      : null,
  editCount: c.revision - 1,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
