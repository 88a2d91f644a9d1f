import { Module } from '@nestjs/common';
import { AuditModule } from '@intersessional/audit';
import { DocumentsModule } from '@intersessional/documents';
import { EventsModule } from '@intersessional/events';
import { IdentityModule } from '@intersessional/identity';
import { NotificationsModule } from '@intersessional/notifications';
import { RecordStoreModule } from '@intersessional/record-store';
import { WorkstreamsModule } from '@intersessional/workstreams';
import { AnswerService } from './answers/answer.service';
import { Anchoring } from './comment/anchoring';
import { LiveAnchors } from './comment/live-anchors';
import { CommentFeed, CommentFeedResolver } from './comment/comment-feed';
import { CommentRepository } from './comment/comment.repository';
import { CommentResolver } from './comment/comment.resolver';
import { CommenterResolver } from './comment/commenter.resolver';
import { CommentService } from './comment/comment.service';
import { SubmissionWriter } from './comment/submission-writer';
import { ConsultationEvents } from './consultation.events';
import { ConsultationNotifier } from './consultation.notifier';
import { ConsultationLoaders } from './consultation.loaders';
import { ConsultationPolicy } from './consultation.policy';
import { FlagRepository } from './moderation/flag.repository';
import { ModerationRules } from './moderation/moderation-rules';
import { ModerationResolver } from './moderation/moderation.resolver';
import { ModerationService } from './moderation/moderation.service';
import { CommentPeriodRepository } from './period/comment-period.repository';
import { CommentPeriodResolver, DocumentPeriodsResolver, WorkstreamPeriodsResolver } from './period/comment-period.resolver';
import { CommentPeriodService } from './period/comment-period.service';
import { PeriodScheduler } from './period/period-scheduler';
import { PublicDocumentRule } from './period/public-document-rule';
import { ExportController } from './export/export.controller';
import { ExportRepository } from './export/export.repository';
import { GuestCommentResolver } from './guest/guest-comment.resolver';
import { GuestCommentService } from './guest/guest-comment.service';
import { GuestReceiptRepository } from './guest/guest-receipt.repository';
import { GuestReceipts } from './guest/guest-receipts';
import { SynthesisRepository } from './synthesis/synthesis.repository';
import { SynthesisService } from './synthesis/synthesis.service';
import { CommentReceiptResolver } from './record/comment-receipt.resolver';
import { CommentReceipts } from './record/comment-receipts';
import { ConsultationRecord } from './record/consultation-record';
import { CommentPeriodRecordResolver, PeriodRecordResolver } from './record/period-record.resolver';
import { RecordArchive } from './record/record-archive';
import { RecordArchiveController } from './record/record-archive.controller';

@Module({
  imports: [AuditModule, IdentityModule, WorkstreamsModule, DocumentsModule, NotificationsModule, EventsModule, RecordStoreModule],
  controllers: [ExportController, RecordArchiveController],
  providers: [
    ConsultationPolicy,
    ConsultationEvents,
    ConsultationNotifier,
    ConsultationLoaders,
    CommentPeriodRepository,
    CommentPeriodService,
    CommentPeriodResolver,
    WorkstreamPeriodsResolver,
    DocumentPeriodsResolver,
    PeriodScheduler,
    PublicDocumentRule,
    Anchoring,
    LiveAnchors,
    CommentRepository,
    CommentService,
    SubmissionWriter,
    CommentResolver,
    CommenterResolver,
    CommentFeed,
    CommentFeedResolver,
    FlagRepository,
    ModerationService,
    ModerationResolver,
    ModerationRules,
    AnswerService,
    SynthesisRepository,
    SynthesisService,
    ExportRepository,
    GuestReceiptRepository,
    GuestReceipts,
    GuestCommentService,
    GuestCommentResolver,
    ConsultationRecord,
    CommentReceipts,
    RecordArchive,
    CommentPeriodRecordResolver,
    PeriodRecordResolver,
    CommentReceiptResolver,
  ],
  exports: [ConsultationEvents, CommentPeriodService, CommentService, PeriodScheduler],
})
export class ConsultationModule {}
