import { CommentEntity, CommentFlagEntity, CommentRevisionEntity } from './comment/comment.entity';
import { Consultation1732409000000 } from './migrations/1732409000000-consultation';
import { CommentDisclosure1732412000000 } from './migrations/1732412000000-comment-disclosure';
import { SubmissionReceipts1732413000000 } from './migrations/1732413000000-submission-receipts';
import { FlagDismissal1732416000000 } from './migrations/1732416000000-flag-dismissal';
import { GuestReceiptEntity } from './guest/guest-receipt.entity';
import { CommentPeriodEntity } from './period/comment-period.entity';

export * from './comment/comment.entity';
export * from './comment/comment.service';
export { LiveAnchors } from './comment/live-anchors';
export { SubmissionWriter } from './comment/submission-writer';
export * from './consultation.errors';
export * from './consultation.events';
export * from './consultation.module';
export * from './period/comment-period.entity';
export * from './period/comment-period.service';
export * from './period/period-scheduler';

export const consultationEntities = [CommentPeriodEntity, CommentEntity, CommentRevisionEntity, CommentFlagEntity, GuestReceiptEntity];
export const consultationMigrations = [Consultation1732409000000, CommentDisclosure1732412000000, SubmissionReceipts1732413000000, FlagDismissal1732416000000];
