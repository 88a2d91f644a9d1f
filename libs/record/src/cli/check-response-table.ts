import { WITHHELD } from './check-comments-csv';
import { entryAt, type Problems } from './problems';
import { bylineValue, paragraphsOf, type RecordView, type RecordedComment, responseValue, textValue } from './record-view';
import { escapeHtml, htmlTextContent, markdownCell, type TableFormat, type TableRow, wordsOf } from './response-table';

/** export.controller.ts DISPOSITION_LABEL. */
const LABELS: Record<string, string> = {
  ACCEPTED: 'Accepted',
  PARTLY_ACCEPTED: 'Partly accepted',
  NOT_ACCEPTED: 'Not accepted',
  NOTED: 'Noted',
  OUT_OF_SCOPE: 'Out of scope',
};
const NO_ANSWER = 'No answer yet';

/** What the table shows of a comment, as the record holds it, in the table's own format. */
interface Expected {
  readonly comment: RecordedComment;
  readonly commenter: string;
  /** null when the record keeps the text sealed, or its opening fails: the row's text cannot match. */
  readonly text: string | null;
  readonly paragraphs: string | null;
}

function expectedOf(c: RecordedComment, format: TableFormat): Expected {
  const byline = bylineValue(c);
  const commenter = [byline?.name, byline?.organisation, byline?.stakeholderGroup?.replace(/_/g, ' ').toLowerCase()].filter(Boolean).join(', ');
  const value = textValue(c);
  const withheld = c.withdrawn ? WITHHELD[0] : c.hidden ? WITHHELD[1] : null;
  const body = withheld ?? (value && c.text?.valid ? value.body ?? '' : null);
  if (body === null) return { comment: c, commenter: format === 'html' ? commenter : markdownCell(commenter), text: null, paragraphs: null };
  const quote = !withheld && !body.startsWith('[') ? value?.anchor?.quote ?? '' : '';
  const suggestion = withheld ? '' : value?.suggestion ?? '';
  const paragraphs = withheld ? null : paragraphsOf(value ?? {});
  if (format === 'html') return { comment: c, commenter, text: wordsOf(`${quote} ${body} ${suggestion ? `Suggested wording: ${suggestion}` : ''}`), paragraphs };
  const md = `${quote ? `> “${markdownCell(quote)}” — ` : ''}${markdownCell(body)}${suggestion ? ` Suggested wording: “${markdownCell(suggestion)}”` : ''}`;
  return { comment: c, commenter: markdownCell(commenter), text: md.trim(), paragraphs: paragraphs === null ? null : markdownCell(paragraphs) };
}

/** The row's cells in the form `expectedOf` gives. */
function shown(row: TableRow, format: TableFormat): { commenter: string; text: string; paragraphs: string; response: string } {
  if (format === 'markdown') return { ...row, text: row.comment };
  return { commenter: htmlTextContent(row.commenter).trim(), text: wordsOf(htmlTextContent(row.comment)), paragraphs: htmlTextContent(row.paragraphs).trim(), response: row.response };
}

function answerShown(c: RecordedComment, format: TableFormat): string | null {
  if (!c.answer) return NO_ANSWER;
  const response = responseValue(c);
  if (response === null || !c.answer.response?.valid) return null;
  const label = format === 'html' ? escapeHtml(LABELS[c.answer.disposition] ?? c.answer.disposition) : LABELS[c.answer.disposition] ?? c.answer.disposition;
  return format === 'html' ? `${label}: <span dir="auto">${escapeHtml(response)}</span>` : `${label}: ${markdownCell(response)}`;
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Every row of the comment–response table is matched to a listed top-level comment of the record by
 * its commenter and text (the table has no ids); its answer must be the comment's latest committed
 * answer, or "No answer yet" when the record has none. A row whose text matches no comment is matched
 * by commenter alone, in order, so the problem names the entry its text should have opened.
 */
export function checkResponseTable(rows: readonly TableRow[], format: TableFormat, view: RecordView, problems: Problems): { rows: number; answers: number } {
  const candidates = [...view.comments.values()].filter((c) => c.parent === null && c.byline && c.submitted).map((c) => expectedOf(c, format));
  const used = new Set<RecordedComment>();
  // candidates by what a row shows, in record order: a table of 10,000 rows is matched in one pass
  const byText = group(candidates, (e) => `${e.commenter}\u0000${e.text}`);
  const byCommenter = group(candidates, (e) => e.commenter);
  const take = (list: Expected[] | undefined): Expected | undefined => {
    while (list?.length && used.has(list[0].comment)) list.shift();
    const match = list?.shift();
    if (match) used.add(match.comment);
    return match;
  };
  const shownRows = rows.map((row) => shown(row, format));
  const matches = shownRows.map((s) => take(byText.get(`${s.commenter}\u0000${s.text}`)));
  let answers = 0;
  shownRows.forEach((s, n) => {
    const where = `response table row ${rows[n].number || n + 1}`;
    if (!s.response.startsWith(NO_ANSWER)) answers += 1;
    let match = matches[n];
    if (!match) {
      match = take(byCommenter.get(s.commenter));
      if (!match) return problems.add(where, 'refers to no comment in the record (no listed comment has its commenter and text)');
      const ref = match.comment.textEntry ?? match.comment.submitted;
      problems.add(ref ? entryAt(ref.index, ref.kind) : where, `${where}: its comment text does not match the text committed to`);
    }
    const c = match.comment;
    if (match.paragraphs !== null && match.text !== null && s.paragraphs !== match.paragraphs) {
      const ref = c.textEntry ?? c.submitted;
      problems.add(ref ? entryAt(ref.index, ref.kind) : where, `${where} gives paragraphs ${JSON.stringify(s.paragraphs)}, the record ${JSON.stringify(match.paragraphs)}`);
    }
    const expected = answerShown(c, format);
    if (expected === s.response) return;
    const ref = c.answer?.ref ?? c.latest;
    const at = entryAt(ref.index, ref.kind);
    if (!c.answer) problems.add(at, `${where} shows an answer to comment ${c.id}, which the record has not answered`);
    else if (expected === null) problems.add(at, `${where}: its answer does not match the committed response (or the archive does not open it)`);
    else problems.add(at, `${where} shows the answer ${JSON.stringify(s.response)}, the record ${JSON.stringify(expected)}`);
  });
  for (const e of candidates) {
    if (!used.has(e.comment) && e.comment.submitted) problems.add(entryAt(e.comment.submitted.index, e.comment.submitted.kind), `comment ${e.comment.id} is listed in the record but missing from the comment–response table`);
  }
  return { rows: rows.length, answers };
}
