import { Module } from '@nestjs/common';
import { AuditModule } from '@intersessional/audit';
import { WorkstreamsModule } from '@intersessional/workstreams';
import { DocumentExportController } from './document-export.controller';
import { DocumentPolicy } from './document.policy';
import { DocumentRepository } from './document.repository';
import { DocumentResolver, WorkstreamDocumentsResolver } from './document.resolver';
import { DocumentService } from './document.service';
import { DocumentEvents } from './storage/document-events';
import { DocumentStore } from './storage/document-store';
import { UpdateLogRepository } from './storage/update-log.repository';

@Module({
  imports: [AuditModule, WorkstreamsModule],
  controllers: [DocumentExportController],
  providers: [
    DocumentRepository,
    UpdateLogRepository,
    DocumentStore,
    DocumentEvents,
    DocumentPolicy,
    DocumentService,
    DocumentResolver,
    WorkstreamDocumentsResolver,
  ],
  exports: [DocumentService, DocumentStore, DocumentEvents, DocumentPolicy, UpdateLogRepository, DocumentRepository],
})
export class DocumentsModule {}
