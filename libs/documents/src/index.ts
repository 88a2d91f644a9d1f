import { DocumentEntity } from './document.entity';
import { Documents1732406700000 } from './migrations/1732406700000-documents';
import { DocumentContributions1732406800000 } from './migrations/1732406800000-document-contributions';
import { DocumentVersions1732406900000 } from './migrations/1732406900000-document-versions';

export * from './document.entity';
export * from './document.policy';
export * from './document.repository';
export * from './document.service';
export * from './document-visibility-checks';
export * from './documents.module';
export * from './storage/compactor';
export * from './storage/document-events';
export * from './storage/document-store';
export * from './storage/live-documents';
export * from './storage/update-log.repository';
export * from './versions/version.service';

export const documentEntities = [DocumentEntity];
export const documentMigrations = [Documents1732406700000, DocumentContributions1732406800000, DocumentVersions1732406900000];
export * from './filing/annual-report-filing.service';
export * from './document.model';
export * from './document.mapper';
