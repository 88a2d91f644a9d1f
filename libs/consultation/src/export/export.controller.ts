import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { escapeHtml } from '@intersessional/document-schema';
import { attachmentDisposition, badInput, inlineDisposition } from '@intersessional/graphql';
import { renderBodyHtml } from '../comment/comment-body';
import { htmlText, markdownCell, userTextAttributes } from '../user-text';
import type { CommentEntity } from '../comment/comment.entity';
import { ConsultationPolicy } from '../consultation.policy';
import { type CommentPeriodEntity, PeriodStatus } from '../period/comment-period.entity';
import { CommentPeriodService } from '../period/comment-period.service';
import { type Audience, CSV_COLUMNS, defuse, included, paragraphs, toRow, visibleText } from './export-rows';
import { ExportRepository } from './export.repository';

const DISPOSITION_LABEL: Record<string, string> = {
  ACCEPTED: 'Accepted',
  PARTLY_ACCEPTED: 'Partly accepted',
  NOT_ACCEPTED: 'Not accepted',
  NOTED: 'Noted',
  OUT_OF_SCOPE: 'Out of scope',
};

/**
 * Streamed exports of a period's comments: the rows are read in keyset batches and written with
 * backpressure, so memory stays flat for any number of comments.
 */
@Controller('comment-periods')
export class ExportController {
  constructor(
    private readonly periods: CommentPeriodService,
    private readonly policy: ConsultationPolicy,
    private readonly rows: ExportRepository,
  ) {}

  /**
   * GET /comment-periods/:id/comments?format=csv|json
   * Policy: facilitators get every comment with its status and moderation reason; everyone else the
   * published, consented ones, with hidden and withdrawn comments marked and their text withheld.
   */
  @Public()
  @Get(':id/comments')
  async comments(@Param('id') id: string, @Query('format') format: string | undefined, @OptionalActor() actor: Actor | null, @Res() res: Response) {
    const chosen = format ?? 'csv';
    if (chosen !== 'csv' && chosen !== 'json') throw badInput('format', 'must be csv or json');
    const period = await this.periods.readable(actor, id);
    const audience = await this.audience(actor, period);
    res.status(200).setHeader('Content-Disposition', attachmentDisposition(`${period.title} - comments`, chosen, 'comments'));
    const records = Readable.from(this.records(period.id, audience, false));
    if (chosen === 'csv') {
      res.type('text/csv; charset=utf-8');
      const csv = stringify({ header: true, columns: CSV_COLUMNS, bom: true, cast: { string: defuse } });
      await pipeline(records, new Transform({ objectMode: true, transform: (c: CommentEntity, _e, done) => done(null, toRow(c, audience)) }), csv, res);
    } else {
      res.type('application/json; charset=utf-8');
      let first = true;
      const json = new Transform({
        writableObjectMode: true,
        transform(c: CommentEntity, _e, done) {
          const prefix = first ? '[\n' : ',\n';
          first = false;
          done(null, prefix + JSON.stringify(toRow(c, audience)));
        },
        flush(done) {
          done(null, first ? '[]\n' : '\n]\n');
        },
      });
      await pipeline(records, json, res);
    }
  }

  /**
   * GET /comment-periods/:id/responses?format=markdown|html — the comment–response table to annex to
   * the final report. Policy: public once the synthesis is published; facilitators at any time.
   */
  @Public()
  @Get(':id/responses')
  async responses(@Param('id') id: string, @Query('format') format: string | undefined, @OptionalActor() actor: Actor | null, @Res() res: Response) {
    const chosen = format ?? 'markdown';
    if (chosen !== 'markdown' && chosen !== 'html') throw badInput('format', 'must be markdown or html');
    const period = await this.periods.readable(actor, id);
    const audience = await this.audience(actor, period);
    if (audience === 'public' && this.periods.status(period) !== PeriodStatus.SYNTHESIS_PUBLISHED) {
      throw badInput('id', 'the comment–response table is published with the synthesis');
    }
    // The HTML table opens in the browser (the period page's "Open the comment–response table"; saving
    // it keeps its file name); it is our markup with every user text escaped, and a sandbox with no
    // script, no request and no form makes that a guarantee. The Markdown copy is a download.
    const name = `${period.title} - responses`;
    res
      .status(200)
      .type(chosen === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8')
      .setHeader('Content-Disposition', chosen === 'html' ? inlineDisposition(name, 'html', 'responses') : attachmentDisposition(name, 'md', 'responses'));
    if (chosen === 'html') res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    const lines = chosen === 'html' ? this.html(period, audience) : this.markdown(period, audience);
    await pipeline(Readable.from(lines), res);
  }

  private async audience(actor: Actor | null, period: CommentPeriodEntity): Promise<Audience> {
    return (await this.policy.canFacilitate(actor, period.workstreamId)) ? 'facilitators' : 'public';
  }

  private async *records(periodId: string, audience: Audience, topLevelOnly: boolean): AsyncGenerator<CommentEntity> {
    for await (const batch of this.rows.comments(periodId, { topLevelOnly })) {
      for (const c of batch) if (included(c, audience)) yield c;
    }
  }

  private byline(c: CommentEntity): string {
    return [c.commenterName, c.organisation, c.stakeholderGroup.replace(/_/g, ' ').toLowerCase()].filter(Boolean).join(', ');
  }

  private label(c: CommentEntity): string {
    return c.disposition ? DISPOSITION_LABEL[c.disposition] ?? c.disposition : 'No answer yet';
  }

  /**
   * Every piece of user text (title, note, names, quotes, bodies, suggestions, responses) is escaped as
   * Markdown text: a commenter's Markdown, HTML or `javascript:` link shows as the characters typed.
   */
  private async *markdown(period: CommentPeriodEntity, audience: Audience): AsyncGenerator<string> {
    yield `# ${markdownCell(period.title)}: comments and responses\n\n`;
    if (period.synthesisNote) yield `Published with unanswered comments: ${markdownCell(period.synthesisNote)}\n\n`;
    yield '| # | Paragraph | Commenter | Comment | Response |\n|---|---|---|---|---|\n';
    let n = 0;
    for await (const c of this.records(period.id, audience, true)) {
      n += 1;
      const text = visibleText(c, audience);
      const quote = c.quoteExact && !text.body.startsWith('[') ? `> “${markdownCell(c.quoteExact)}” — ` : '';
      const suggestion = text.suggestion ? ` Suggested wording: “${markdownCell(text.suggestion)}”` : '';
      const answer = c.disposition ? `${this.label(c)}: ${markdownCell(c.response ?? '')}` : this.label(c);
      yield `| ${n} | ${markdownCell(paragraphs(c))} | ${markdownCell(this.byline(c))} | ${quote}${markdownCell(text.body)}${suggestion} | ${answer} |\n`;
    }
  }

  /** User text carries dir="auto" (and the comment's lang), so Arabic runs right to left in a left-to-right page. */
  private async *html(period: CommentPeriodEntity, audience: Audience): AsyncGenerator<string> {
    yield `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeHtml(period.title)}: comments and responses</title></head>\n<body>\n<main>\n`;
    yield `<h1><bdi>${escapeHtml(period.title)}</bdi>: comments and responses</h1>\n`;
    if (period.synthesisNote) yield `<p>Published with unanswered comments: ${htmlText('bdi', period.synthesisNote)}</p>\n`;
    yield '<table>\n<thead><tr><th>#</th><th>Paragraph</th><th>Commenter</th><th>Comment</th><th>Response</th></tr></thead>\n<tbody>\n';
    let n = 0;
    for await (const c of this.records(period.id, audience, true)) {
      n += 1;
      const text = visibleText(c, audience);
      const quote = c.quoteExact && !text.body.startsWith('[') ? htmlText('blockquote', c.quoteExact) : '';
      const suggestion = text.suggestion ? `<p>Suggested wording: <ins ${userTextAttributes(c.language)}>${escapeHtml(text.suggestion)}</ins></p>` : '';
      const answer = c.disposition ? `${escapeHtml(this.label(c))}: ${htmlText('span', c.response ?? '')}` : escapeHtml(this.label(c));
      yield `<tr><td>${n}</td><td>${escapeHtml(paragraphs(c))}</td><td dir="auto">${escapeHtml(this.byline(c))}</td><td>${quote}${renderBodyHtml(text.body, c.bodyFormat, c.language)}${suggestion}</td><td>${answer}</td></tr>\n`;
    }
    yield '</tbody>\n</table>\n</main>\n</body>\n</html>\n';
  }
}
