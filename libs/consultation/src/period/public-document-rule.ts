import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@intersessional/database';
import { type DocumentEntity, DocumentVisibility, DocumentVisibilityChecks } from '@intersessional/documents';
import { documentNotPublic, documentUnderPublicComment } from '../consultation.errors';
import { CommentPeriodRepository } from './comment-period.repository';

/**
 * A comment period is public once scheduled, so its document must be public: scheduling one on a
 * members-only document is refused (DOCUMENT_NOT_PUBLIC), and a document with a scheduled or open
 * period cannot be made members-only (DOCUMENT_UNDER_PUBLIC_COMMENT). A facilitator never sees OPEN
 * on a consultation the public cannot reach. Drafts may sit on members-only documents.
 */
@Injectable()
export class PublicDocumentRule implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly periods: CommentPeriodRepository,
    private readonly visibilityChecks: DocumentVisibilityChecks,
  ) {}

  onModuleInit(): void {
    this.visibilityChecks.add((document, visibility) => this.beforeVisibilityChange(document, visibility));
  }

  assertSchedulable(document: Pick<DocumentEntity, 'id' | 'visibility'>): void {
    if (document.visibility !== DocumentVisibility.PUBLIC) throw documentNotPublic(document.id);
  }

  private async beforeVisibilityChange(document: DocumentEntity, visibility: DocumentVisibility): Promise<void> {
    if (visibility === DocumentVisibility.PUBLIC) return;
    const active = await this.periods.findActiveOnDocument(document.id, this.clock.now());
    if (active) throw documentUnderPublicComment(active.id);
  }
}
