import { Injectable } from '@nestjs/common';
import type { Actor } from '@intersessional/access';
import { Database } from '@intersessional/database';
import { badInput, conflict, notFound } from '@intersessional/graphql';
import { ComplianceService, type DcFilingEntity, DcFilingKind } from '@intersessional/workstreams';
import { DocumentKind, DocumentStatus, DocumentVisibility } from '../document.entity';
import { DocumentPolicy } from '../document.policy';
import { DocumentRepository } from '../document.repository';

/**
 * A Dynamic Coalition files its annual report by pointing at the report it wrote here. The filing is
 * a public compliance record, so the document must be a published, public annual report of that DC.
 */
@Injectable()
export class AnnualReportFilingService {
  constructor(
    private readonly db: Database,
    private readonly documents: DocumentRepository,
    private readonly policy: DocumentPolicy,
    private readonly compliance: ComplianceService,
  ) {}

  file(actor: Actor, documentId: string, year: number): Promise<DcFilingEntity> {
    return this.db.transaction(async () => {
      const document = await this.documents.findById(documentId);
      if (!document) throw notFound('Document', documentId);
      await this.policy.assertCanRead(actor, document);
      if (document.kind !== DocumentKind.ANNUAL_REPORT) {
        throw badInput('documentId', `must be a document of kind ANNUAL_REPORT (this one is ${document.kind})`);
      }
      if (document.status !== DocumentStatus.PUBLISHED || document.visibility !== DocumentVisibility.PUBLIC) {
        throw conflict('Publish the annual report (status PUBLISHED, visibility PUBLIC) before filing it.', {
          status: document.status,
          visibility: document.visibility,
        });
      }
      // the workstream checks (a DC, the actor manages it, not yet filed for the year) and the audit entry
      return this.compliance.file(actor, {
        workstreamId: document.workstreamId,
        kind: DcFilingKind.ANNUAL_REPORT,
        year,
        title: document.title,
        url: null,
        documentId: document.id,
      });
    });
  }
}
