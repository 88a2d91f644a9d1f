import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { escapeHtml, yDocToHtml, yDocToMarkdown, yDocToText } from '@intersessional/document-schema';
import { attachmentDisposition, badInput } from '@intersessional/graphql';
import type { DocumentEntity } from './document.entity';
import { DocumentService } from './document.service';
import { DocumentStore } from './storage/document-store';


type Format = 'markdown' | 'html' | 'text';

const FORMATS: Record<Format, { type: string; extension: string }> = {
  markdown: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
  text: { type: 'text/plain; charset=utf-8', extension: 'txt' },
};

@Controller('documents')
export class DocumentExportController {
  constructor(
    private readonly documents: DocumentService,
    private readonly store: DocumentStore,
  ) {}

  /**
   * GET /documents/:id/export?format=markdown|html|text (text has paragraph numbers).
   * Policy: public documents for anyone; members-only ones with a member's bearer token (else 404).
   */
  @Public()
  @Get(':id/export')
  async export(@Param('id') id: string, @Query('format') format: string | undefined, @OptionalActor() actor: Actor | null, @Res() res: Response) {
    const chosen = (format ?? 'markdown') as Format;
    if (!FORMATS[chosen]) throw badInput('format', 'must be markdown, html or text');
    const document = await this.documents.readable(actor, id);
    const doc = await this.store.load(document.id);
    const body = chosen === 'markdown' ? yDocToMarkdown(doc) : chosen === 'html' ? this.page(document, yDocToHtml(doc)) : yDocToText(doc, { numbered: true });
    res
      .status(200)
      .type(FORMATS[chosen].type)
      .setHeader('Content-Disposition', attachmentDisposition(document.title, FORMATS[chosen].extension, 'document'))
      .setHeader('Content-Language', document.language)
      .send(body);
  }

  private page(document: DocumentEntity, body: string): string {
    const lang = escapeHtml(document.language);
    return `<!doctype html>\n<html lang="${lang}">\n<head><meta charset="utf-8"><title>${escapeHtml(document.title)}</title></head>\n<body>\n<main>\n<h1>${escapeHtml(document.title)}</h1>\n${body}\n</main>\n</body>\n</html>\n`;
  }
}
