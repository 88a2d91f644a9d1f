import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { yDocToHtml, yDocToMarkdown, yDocToText } from '@intersessional/document-schema';
import { badInput } from '@intersessional/graphql';
import type { DocumentEntity } from './document.entity';
import { DocumentService } from './document.service';
import { DocumentStore } from './storage/document-store';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Format = 'markdown' | 'html' | 'text';

const FORMATS: Record<Format, { type: string; extension: string }> = {
  markdown: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
  text: { type: 'text/plain; charset=utf-8', extension: 'txt' },
};

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function attachment(title: string, extension: string): string {
  const ascii = title.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\/]/g, '').trim() || 'document';
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${title}.${extension}`)}`;
}

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
      .setHeader('Content-Disposition', attachment(document.title, FORMATS[chosen].extension))
      .setHeader('Content-Language', document.language)
      .send(body);
  }

  private page(document: DocumentEntity, body: string): string {
    const lang = escapeHtml(document.language);
    return `<!doctype html>\n<html lang="${lang}">\n<head><meta charset="utf-8"><title>${escapeHtml(document.title)}</title></head>\n<body>\n<main>\n<h1>${escapeHtml(document.title)}</h1>\n${body}\n</main>\n</body>\n</html>\n`;
  }
}
