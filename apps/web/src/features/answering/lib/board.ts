/**
 * The answer board's order: every comment placed where its passage stands in today's draft (its live
 * anchor), grouped by paragraph; comments on the whole document first, passages no longer in the
 * draft (ORPHANED) last; inside a group those still to answer first, then the oldest first. Pure, so the
 * rules are specified by tests, not by the page.
 */

export interface Placeable {
  id: string;
  createdAt: string;
  anchor: { kind: string; startParagraph: number | null } | null;
  liveAnchor: { status: string; startParagraph: number | null } | null;
  answer: unknown;
  /** Hidden by a moderator: it needs no answer (as the synthesis counts it). */
  hidden?: boolean;
}

/** One meaning of "still to answer", the synthesis's: no answer, and not hidden. */
export const needsAnswer = (comment: Pick<Placeable, 'answer' | 'hidden'>): boolean => !comment.answer && !comment.hidden;

export type GroupKey = { kind: 'document' } | { kind: 'paragraph'; number: number } | { kind: 'orphaned' };

export interface Group<C> {
  key: GroupKey;
  comments: C[];
  unanswered: number;
}

export type Row<C> = { type: 'group'; group: Group<C> } | { type: 'comment'; comment: C; group: Group<C> };

/** Where a comment belongs on the board: its passage today (the place commented on, when no projection was given). */
export function placement(comment: Placeable): GroupKey {
  if (!comment.anchor || comment.anchor.kind === 'DOCUMENT') return { kind: 'document' };
  const live = comment.liveAnchor;
  if (live?.status === 'ORPHANED') return { kind: 'orphaned' };
  const number = live ? live.startParagraph : comment.anchor.startParagraph;
  return number ? { kind: 'paragraph', number } : { kind: 'document' };
}

const rank = (key: GroupKey) => (key.kind === 'document' ? -1 : key.kind === 'orphaned' ? Number.MAX_SAFE_INTEGER : key.number);
const keyOf = (key: GroupKey) => (key.kind === 'paragraph' ? `p${key.number}` : key.kind);

export function groupForBoard<C extends Placeable>(comments: readonly C[], { unansweredOnly = false } = {}): Group<C>[] {
  const groups = new Map<string, Group<C>>();
  for (const comment of comments) {
    if (unansweredOnly && !needsAnswer(comment)) continue;
    const key = placement(comment);
    const id = keyOf(key);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, comments: [], unanswered: 0 }));
    group.comments.push(comment);
    if (needsAnswer(comment)) group.unanswered += 1;
  }
  const sorted = [...groups.values()].sort((a, b) => rank(a.key) - rank(b.key));
  for (const group of sorted) {
    group.comments.sort((a, b) => Number(!needsAnswer(a)) - Number(!needsAnswer(b)) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
  return sorted;
}

/** The groups as one list of rows (a heading, then its comments), for a virtualised list. */
export function rowsOf<C>(groups: readonly Group<C>[]): Row<C>[] {
  const rows: Row<C>[] = [];
  for (const group of groups) {
    rows.push({ type: 'group', group });
    for (const comment of group.comments) rows.push({ type: 'comment', comment, group });
  }
  return rows;
}

export const groupKeyString = keyOf;
