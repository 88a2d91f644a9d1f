import { AppError } from '@intersessional/graphql';

/** Consultation's additions to the error catalogue (stable `extensions.code` values). */
export const ConsultationErrorCode = {
  /** Commenting outside the open window: the period is closed (or its synthesis published). */
  COMMENT_PERIOD_CLOSED: 'COMMENT_PERIOD_CLOSED',
  /** Commenting before the period opens (or on a draft period). */
  COMMENT_PERIOD_NOT_OPEN: 'COMMENT_PERIOD_NOT_OPEN',
  /** The text a suggestion replaces was edited since; confirm to apply it anyway. */
  ANCHOR_CHANGED: 'ANCHOR_CHANGED',
  /** The passage a suggestion replaces is gone from the draft. */
  ANCHOR_ORPHANED: 'ANCHOR_ORPHANED',
  /** The synthesis cannot be published while comments are unanswered, unless a reason is given. */
  UNANSWERED_COMMENTS: 'UNANSWERED_COMMENTS',
  /** A period can only be scheduled on a public document: otherwise the public could not see it. */
  DOCUMENT_NOT_PUBLIC: 'DOCUMENT_NOT_PUBLIC',
  /** The document cannot become members-only while a comment period on it is scheduled or open. */
  DOCUMENT_UNDER_PUBLIC_COMMENT: 'DOCUMENT_UNDER_PUBLIC_COMMENT',
} as const;

export const periodClosed = (closesAt: Date) =>
  new AppError(ConsultationErrorCode.COMMENT_PERIOD_CLOSED, `The comment period closed at ${closesAt.toISOString()}.`, { closesAt: closesAt.toISOString() });

export const periodNotOpen = (opensAt: Date | null) =>
  new AppError(
    ConsultationErrorCode.COMMENT_PERIOD_NOT_OPEN,
    opensAt ? `The comment period opens at ${opensAt.toISOString()}.` : 'The comment period is not scheduled yet.',
    opensAt ? { opensAt: opensAt.toISOString() } : {},
  );

export const anchorChanged = (current: string) =>
  new AppError(ConsultationErrorCode.ANCHOR_CHANGED, 'The passage was edited since the comment; confirm to apply the suggestion to today’s text.', { currentText: current });

export const anchorOrphaned = () =>
  new AppError(ConsultationErrorCode.ANCHOR_ORPHANED, 'The passage this suggestion replaces is no longer in the draft.');

export const unansweredComments = (count: number) =>
  new AppError(ConsultationErrorCode.UNANSWERED_COMMENTS, `${count} comment(s) have no answer yet; answer them or give a reason to publish anyway.`, { unanswered: count });

export const documentNotPublic = (documentId: string) =>
  new AppError(
    ConsultationErrorCode.DOCUMENT_NOT_PUBLIC,
    'The document is visible to workstream members only, so the public could not see this comment period. Make the document public first.',
    { documentId },
  );

export const documentUnderPublicComment = (periodId: string) =>
  new AppError(
    ConsultationErrorCode.DOCUMENT_UNDER_PUBLIC_COMMENT,
    'A comment period on this document is scheduled or open; close it (or return it to draft) before making the document members-only.',
    { periodId },
  );
