import { entryAt, type Problems } from './problems';
import { bylineValue, type EntryRef, paragraphsOf, type RecordView, type RecordedComment, responseValue, statusOf, textValue } from './record-view';

/** Placeholders the public export shows instead of a text that left public view (export-rows.ts `visibleText`). */
export const WITHHELD = ['[withdrawn by the commenter]', '[hidden by the moderators]'];

/** The export prefixes cells a spreadsheet would run as a formula with an apostrophe (export-rows.ts `defuse`). */
const defuse = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const yesNo = (value: boolean | undefined): string => (value ? 'yes' : 'no');

/**
 * Every comment of the CSV export against the record: it has entries, and every field the record
 * commits to (text, byline, answer) or states (parent, official, late, state) is what the export shows.
 * Each difference names the entry that says otherwise.
 */
export function checkCommentsCsv(rows: readonly Record<string, string>[], view: RecordView, problems: Problems): number {
  const seen = new Set<string>();
  rows.forEach((row, n) => {
    const where = `CSV row ${n + 1} (comment ${row.id})`;
    const c = view.comments.get(row.id);
    if (!c?.submitted) {
      problems.add(where, c ? 'its submission is not in the record' : 'is not in the record');
      return;
    }
    seen.add(c.id);
    const differs = (ref: EntryRef | undefined, field: string, shown: string | undefined, recorded: string): void => {
      if (shown === undefined || shown === defuse(recorded)) return;
      problems.add(ref ? entryAt(ref.index, ref.kind) : where, `${where} shows ${field} ${JSON.stringify(shown)}, the record ${JSON.stringify(recorded)}`);
    };
    differs(c.submitted, 'reply_to', row.reply_to, c.parent ?? '');
    differs(c.submitted, 'official', row.official, yesNo(c.official));
    differs(c.submitted, 'late', row.late, yesNo(c.late));
    differs(c.latest, 'status', row.status, statusOf(c));
    differs(c.textEntry, 'edits', row.edits, String(c.revision - 1));
    checkText(row, c, where, problems, differs);
    checkByline(row, c, where, problems, differs);
    checkAnswer(row, c, where, problems, differs);
  });
  for (const c of view.comments.values()) {
    if (c.byline && c.submitted && !seen.has(c.id)) problems.add(entryAt(c.submitted.index, c.submitted.kind), `comment ${c.id} is listed in the record but missing from the CSV export`);
  }
  return rows.length;
}

type Differs = (ref: EntryRef | undefined, field: string, shown: string | undefined, recorded: string) => void;

function checkText(row: Record<string, string>, c: RecordedComment, where: string, problems: Problems, differs: Differs): void {
  if (WITHHELD.includes(row.body) && (c.hidden || c.withdrawn)) return;
  const ref = c.textEntry ?? c.submitted;
  const at = ref ? entryAt(ref.index, ref.kind) : where;
  const text = textValue(c);
  if (!text) return problems.add(at, `${where} shows a text the archive does not open, so it cannot be checked`);
  if (!c.text?.valid) return problems.add(at, `${where}: its text does not match its commitment`);
  differs(ref, 'body', row.body, text.body ?? '');
  differs(ref, 'suggestion', row.suggestion, text.suggestion ?? '');
  differs(ref, 'language', row.language, text.language ?? '');
  differs(ref, 'quote', row.quote, text.anchor?.quote ?? '');
  differs(ref, 'anchor', row.anchor, text.anchor?.kind ?? '');
  differs(ref, 'paragraphs', row.paragraphs, paragraphsOf(text));
}

function checkByline(row: Record<string, string>, c: RecordedComment, where: string, problems: Problems, differs: Differs): void {
  const ref = c.submitted;
  const byline = bylineValue(c);
  if (!byline) return problems.add(ref ? entryAt(ref.index, ref.kind) : where, `${where} names a commenter the archive does not open, so it cannot be checked`);
  if (!c.byline?.valid) return problems.add(ref ? entryAt(ref.index, ref.kind) : where, `${where}: its byline does not match its commitment`);
  differs(ref, 'commenter', row.commenter, byline.name ?? '');
  differs(ref, 'organisation', row.organisation, byline.organisation ?? '');
  differs(ref, 'stakeholder_group', row.stakeholder_group, byline.stakeholderGroup ?? '');
  differs(ref, 'speaking_for', row.speaking_for, byline.speakingFor ?? '');
  differs(ref, 'guest', row.guest, yesNo(byline.guest));
  differs(ref, 'country', row.country, byline.country ?? '');
  differs(ref, 'region', row.region, byline.region ?? '');
}

function checkAnswer(row: Record<string, string>, c: RecordedComment, where: string, problems: Problems, differs: Differs): void {
  if (!c.answer) {
    differs(c.latest, 'disposition', row.disposition, '');
    differs(c.latest, 'response', row.response, '');
    return;
  }
  const ref = c.answer.ref;
  differs(ref, 'disposition', row.disposition, c.answer.disposition);
  if (row.response === undefined) return;
  const response = responseValue(c);
  if (response === null) return problems.add(entryAt(ref.index, ref.kind), `${where} shows a response the archive does not open, so it cannot be checked`);
  if (!c.answer.response?.valid) return problems.add(entryAt(ref.index, ref.kind), `${where}: its response does not match its commitment`);
  differs(ref, 'response', row.response, response);
}
