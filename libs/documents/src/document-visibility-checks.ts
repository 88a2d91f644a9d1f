import { Injectable } from '@nestjs/common';
import type { DocumentEntity, DocumentVisibility } from './document.entity';

/** Throws (an AppError) to refuse a visibility change, e.g. while the document is under public comment. */
export type VisibilityCheck = (document: DocumentEntity, visibility: DocumentVisibility) => Promise<void>;

/**
 * Contexts above documents (consultation) depend on a document staying public; documents cannot
 * import them, so they register a check here and `DocumentService.update` runs every check, inside
 * its transaction, before a visibility change.
 */
@Injectable()
export class DocumentVisibilityChecks {
  private readonly checks: VisibilityCheck[] = [];

  add(check: VisibilityCheck): void {
    this.checks.push(check);
  }

  async run(document: DocumentEntity, visibility: DocumentVisibility): Promise<void> {
    for (const check of this.checks) await check(document, visibility);
  }
}
