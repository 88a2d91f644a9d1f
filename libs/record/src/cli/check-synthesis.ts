import { entryAt, type Problems } from './problems';
import { bylineValue, type RecordView } from './record-view';

interface Cell {
  category?: unknown;
  comments?: unknown;
  suppressed?: unknown;
}

interface Figures {
  totalComments?: unknown;
  byStakeholderGroup?: Cell[];
  byRegion?: Cell[];
  byGender?: Cell[];
  byDisposition?: { disposition?: unknown; count?: unknown }[];
}

export interface SynthesisReport {
  published: number;
  /** What could not be checked against the record, said in the report rather than passed over. */
  notes: string[];
}

const tally = (keys: string[]): Map<string, number> => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

/**
 * The figures each `synthesis.published` entry carries, recomputed from the entries before it.
 * The record states, for every comment, whether it is a reply, its state, whether it was withdrawn,
 * and its latest disposition, so `totalComments`, `byDisposition` and `unanswered` are recomputed
 * exactly (counted as the synthesis counts: top-level, not rejected, not withdrawn; without a
 * disposition, HIDDEN if hidden, else UNANSWERED). Stakeholder groups come from the
 * opened bylines: checked exactly when every counted comment's byline is open, else as a lower bound.
 * `totalCommenters`, regions and genders rest on what the record does not hold (who is who, a region
 * not shown, gender), so only the breakdowns' sums are checked against the total.
 */
export function checkSynthesis(view: RecordView, problems: Problems): SynthesisReport {
  const notes: string[] = [];
  for (const { ref, entry, counted, incomplete } of view.syntheses) {
    const at = entryAt(ref.index, ref.kind);
    const raw = (typeof entry.figures === 'object' && entry.figures !== null ? entry.figures : {}) as Record<string, unknown>;
    // a figure of the wrong shape is compared as missing, never thrown on
    const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]).filter((v) => typeof v === 'object' && v !== null) : []);
    const figures: Figures = {
      totalComments: raw.totalComments,
      byStakeholderGroup: list(raw.byStakeholderGroup),
      byRegion: list(raw.byRegion),
      byGender: list(raw.byGender),
      byDisposition: list(raw.byDisposition),
    };
    if (incomplete) {
      notes.push(`${at}: the record starts after some comments were made, so its counts cannot be recomputed`);
      continue;
    }
    if (figures.totalComments !== counted.length) problems.add(at, `publishes ${String(figures.totalComments)} comments, the record counts ${counted.length}`);
    // without a disposition: HIDDEN when a moderator hid it (it needs no answer), else UNANSWERED
    const dispositions = tally(counted.map((c) => c.answer?.disposition || (c.hidden ? 'HIDDEN' : 'UNANSWERED')));
    const unanswered = dispositions.get('UNANSWERED') ?? 0;
    if (entry.unanswered !== unanswered) problems.add(at, `publishes ${String(entry.unanswered)} comments unanswered, the record counts ${unanswered}`);
    const published = new Map((figures.byDisposition ?? []).map((d) => [String(d.disposition), Number(d.count)]));
    for (const key of new Set([...dispositions.keys(), ...published.keys()])) {
      if ((published.get(key) ?? 0) !== (dispositions.get(key) ?? 0)) problems.add(at, `publishes ${published.get(key) ?? 0} comments ${key}, the record counts ${dispositions.get(key) ?? 0}`);
    }
    const bylines = counted.map((c) => (c.byline?.valid ? bylineValue(c)?.stakeholderGroup : undefined));
    const exact = bylines.every((g) => g !== undefined);
    const groups = tally(bylines.filter((g): g is string => g !== undefined));
    for (const cell of figures.byStakeholderGroup ?? []) {
      if (cell.suppressed === true || typeof cell.comments !== 'number') continue;
      const recorded = groups.get(String(cell.category)) ?? 0;
      if (exact ? cell.comments !== recorded : cell.comments < recorded) {
        problems.add(at, `publishes ${cell.comments} comments from ${String(cell.category)}, the record's bylines show ${exact ? '' : 'at least '}${recorded}`);
      }
    }
    if (!exact) notes.push(`${at}: ${bylines.filter((g) => g === undefined).length} counted comments have sealed bylines; stakeholder groups checked as lower bounds`);
    for (const name of ['byStakeholderGroup', 'byRegion', 'byGender'] as const) {
      const cells = figures[name] ?? [];
      const sum = cells.reduce((s, c) => s + (typeof c.comments === 'number' ? c.comments : 0), 0);
      const suppressed = cells.some((c) => c.suppressed === true);
      if (suppressed ? sum > counted.length : sum !== counted.length) problems.add(at, `${name} adds up to ${sum} comments, the record counts ${counted.length}`);
    }
  }
  if (view.syntheses.length > 0) notes.push('totalCommenters, byRegion and byGender are not in the record (no identities, no gender, regions only where shown): only their sums are checked');
  return { published: view.syntheses.length, notes };
}
