import { Module } from '@nestjs/common';
import { AuditModule } from '@intersessional/audit';
import { IdentityModule } from '@intersessional/identity';
import { WorkstreamsModule } from '@intersessional/workstreams';
import { DocumentExportController } from './document-export.controller';
import { DocumentPolicy } from './document.policy';
import { DocumentRepository } from './document.repository';
import { DocumentContributorsResolver, DocumentFieldsResolver, DocumentResolver, WorkstreamDocumentsResolver } from './document.resolver';
import { DocumentVisibilityChecks } from './document-visibility-checks';
import { DocumentService } from './document.service';
import { AnnualReportFilingResolver } from './filing/annual-report-filing.resolver';
import { AnnualReportFilingService } from './filing/annual-report-filing.service';
import { Compactor } from './storage/compactor';
import { DocumentEvents } from './storage/document-events';
import { DocumentStore } from './storage/document-store';
import { LiveDocuments } from './storage/live-documents';
import { UpdateLogRepository } from './storage/update-log.repository';
import { VersionRepository } from './versions/version.repository';
import { DocumentVersionsResolver, VersionResolver } from './versions/version.resolver';
import { VersionService } from './versions/version.service';

@Module({
  imports: [AuditModule, IdentityModule, WorkstreamsModule],
  controllers: [DocumentExportController],
  providers: [
    DocumentRepository,
    UpdateLogRepository,
    DocumentStore,
    LiveDocuments,
    DocumentEvents,
    Compactor,
    DocumentPolicy,
    DocumentService,
    DocumentVisibilityChecks,
    DocumentResolver,
    WorkstreamDocumentsResolver,
    DocumentFieldsResolver,
    DocumentContributorsResolver,
    VersionRepository,
    VersionService,
    VersionResolver,
    DocumentVersionsResolver,
    AnnualReportFilingService,
    AnnualReportFilingResolver,
  ],
  exports: [DocumentVisibilityChecks, VersionService, Compactor, DocumentService, DocumentStore, LiveDocuments, DocumentEvents, DocumentPolicy, UpdateLogRepository, DocumentRepository],
})
export class DocumentsModule {}
