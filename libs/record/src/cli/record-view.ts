import type { JsonValue, RecordEntry } from '../index';
import type { CheckedEntry, OpenedPart } from './check-archive';

/** Where a fact about a comment comes from: the entry to name when it does not hold. */
export interface EntryRef {
  readonly index: number;
  readonly kind: string;
}

/** A comment as the record tells it: public fields from its entries, sealed parts where the archive opens them. */
export interface RecordedComment {
  readonly id: string;
  /** Its `comment.submitted` entry (absent when the comment predates the record). */
  submitted?: EntryRef;
  parent: string | null;
  official: boolean;
  late: boolean;
  state: string;
  hidden: boolean;
  withdrawn: boolean;
  revision: number;
  /** The entry committing to its current text: its submission or latest edit. */
  textEntry?: EntryRef;
  text?: OpenedPart;
  byline?: OpenedPart;
  answer?: { ref: EntryRef; disposition: string; response?: OpenedPart };
  latest: EntryRef;
}

/** The comments counted when a synthesis was published, as the record stood at that entry. */
export interface SynthesisSnapshot {
  readonly ref: EntryRef;
  readonly entry: RecordEntry;
  readonly counted: RecordedComment[];
  /** Comments with entries before this one but no submission in the record (it started mid-way). */
  readonly incomplete: boolean;
}

export interface RecordView {
  readonly comments: Map<string, RecordedComment>;
  readonly syntheses: SynthesisSnapshot[];
}

const str = (value: JsonValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

/** Counted by the synthesis: top-level, not rejected, not withdrawn (synthesis.repository.ts's COUNTED_ROWS). */
const isCounted = (c: RecordedComment): boolean => c.parent === null && c.state !== 'REJECTED' && !c.withdrawn;

export function viewOf(checked: readonly CheckedEntry[]): RecordView {
  const comments = new Map<string, RecordedComment>();
  const syntheses: SynthesisSnapshot[] = [];
  // a log that does not start with the period being scheduled started after comments were made
  let midway = checked[0]?.entry?.kind !== 'period.scheduled';
  for (const { index, entry, openings } of checked) {
    if (!entry) continue;
    const ref = { index, kind: entry.kind };
    if (entry.kind === 'synthesis.published') {
      const counted = [...comments.values()].filter(isCounted).map((c) => ({ ...c }));
      syntheses.push({ ref, entry, counted, incomplete: midway });
      continue;
    }
    const id = str(entry.comment);
    if (!entry.kind.startsWith('comment.') || !id) continue;
    let c = comments.get(id);
    if (!c) {
      if (entry.kind !== 'comment.submitted') midway = true;
      c = { id, parent: null, official: false, late: false, state: 'PUBLISHED', hidden: false, withdrawn: false, revision: 1, latest: ref };
      comments.set(id, c);
    }
    c.latest = ref;
    if (typeof entry.state === 'string') c.state = entry.state;
    if (typeof entry.hidden === 'boolean') c.hidden = entry.hidden;
    if (entry.kind === 'comment.submitted') {
      c.submitted = ref;
      c.parent = str(entry.parent) ?? null;
      c.official = entry.official === true;
      c.late = entry.late === true;
      c.byline = openings.get('byline');
    }
    switch (entry.kind) {
      // a submission commits to the first text as an edit commits to a later one
      case 'comment.submitted':
      case 'comment.edited':
        c.revision = typeof entry.revision === 'number' ? entry.revision : c.revision;
        c.textEntry = ref;
        c.text = openings.get('text');
        break;
      case 'comment.withdrawn':
        c.withdrawn = true;
        break;
      case 'comment.answered':
      case 'comment.suggestion_applied':
        c.answer = { ref, disposition: str(entry.disposition) ?? '', response: openings.get('response') };
        break;
    }
  }
  return { comments, syntheses };
}

/** The public text fields of a comment's opened `text`, with the shapes of libs/consultation's textOf. */
export interface TextValue {
  revision?: number;
  body?: string;
  bodyFormat?: string;
  language?: string;
  suggestion?: string | null;
  anchor?: { kind?: string; startParagraph?: number | null; endParagraph?: number | null; quote?: string | null } | null;
}

export interface BylineValue {
  name?: string;
  organisation?: string | null;
  stakeholderGroup?: string;
  speakingFor?: string;
  guest?: boolean;
  country?: string | null;
  region?: string | null;
}

export const textValue = (c: RecordedComment): TextValue | null => (c.text && typeof c.text.value === 'object' ? (c.text.value as TextValue) : null);
export const bylineValue = (c: RecordedComment): BylineValue | null => (c.byline && typeof c.byline.value === 'object' ? (c.byline.value as BylineValue) : null);
export const responseValue = (c: RecordedComment): string | null => {
  const value = c.answer?.response?.value as { response?: unknown } | null | undefined;
  return typeof value?.response === 'string' ? value.response : null;
};

/** How the exports name a comment's paragraphs (export-rows.ts `paragraphs`). */
export function paragraphsOf(text: TextValue): string {
  const a = text.anchor;
  if (!a) return '';
  if (a.startParagraph === null || a.startParagraph === undefined) return 'document';
  return a.startParagraph === a.endParagraph ? String(a.startParagraph) : `${a.startParagraph}–${a.endParagraph}`;
}

/** The export's status column for a comment (export-rows.ts `status`). */
export function statusOf(c: RecordedComment): string {
  if (c.withdrawn) return 'withdrawn';
  if (c.hidden) return 'hidden';
  if (c.state === 'PENDING') return 'awaiting moderation';
  if (c.state === 'REJECTED') return 'rejected';
  return 'published';
}
