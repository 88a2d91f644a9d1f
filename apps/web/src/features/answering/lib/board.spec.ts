import { describe, expect, it } from '@jest/globals';
import { groupForBoard, placement, rowsOf } from './board';

let n = 0;
const comment = (over: { paragraph?: number | null; live?: { status: string; startParagraph: number | null } | null; answered?: boolean; hidden?: boolean; at?: string; kind?: string } = {}) => {
  n += 1;
  return {
    id: `c${String(n).padStart(3, '0')}`,
    createdAt: over.at ?? `2026-11-${String(10 + (n % 15)).padStart(2, '0')}T10:00:00Z`,
    anchor: over.kind === 'none' ? null : { kind: over.kind ?? 'RANGE', startParagraph: over.paragraph ?? 3 },
    liveAnchor: over.live === undefined ? { status: 'EXACT', startParagraph: over.paragraph ?? 3 } : over.live,
    answer: over.answered ? { disposition: 'NOTED' } : null,
    hidden: over.hidden ?? false,
  };
};

describe('the answer board order', () => {
  it('places a comment where its passage stands today, not where it was commented on', () => {
    expect(placement(comment({ paragraph: 3, live: { status: 'MOVED', startParagraph: 5 } }))).toEqual({ kind: 'paragraph', number: 5 });
    expect(placement(comment({ paragraph: 3, live: { status: 'CHANGED', startParagraph: 2 } }))).toEqual({ kind: 'paragraph', number: 2 });
  });

  it('puts orphaned passages in their own group, and whole-document comments in theirs', () => {
    expect(placement(comment({ live: { status: 'ORPHANED', startParagraph: null } }))).toEqual({ kind: 'orphaned' });
    expect(placement(comment({ kind: 'DOCUMENT', paragraph: null, live: { status: 'EXACT', startParagraph: null } }))).toEqual({ kind: 'document' });
    expect(placement(comment({ kind: 'none', live: null }))).toEqual({ kind: 'document' });
  });

  it('falls back to the paragraph commented on when no live anchor was given', () => {
    expect(placement(comment({ paragraph: 7, live: null }))).toEqual({ kind: 'paragraph', number: 7 });
  });

  it('orders groups: the whole document, paragraphs by number, orphaned last', () => {
    const groups = groupForBoard([
      comment({ live: { status: 'ORPHANED', startParagraph: null } }),
      comment({ paragraph: 12, live: { status: 'MOVED', startParagraph: 12 } }),
      comment({ kind: 'DOCUMENT', paragraph: null, live: { status: 'EXACT', startParagraph: null } }),
      comment({ paragraph: 2 }),
      comment({ paragraph: 12 }),
    ]);
    expect(groups.map((g) => (g.key.kind === 'paragraph' ? g.key.number : g.key.kind))).toEqual(['document', 2, 12, 'orphaned']);
    expect(groups[2].comments).toHaveLength(2);
  });

  it('lists the unanswered first inside a group, then the oldest first, and counts them', () => {
    const old = comment({ paragraph: 4, at: '2026-11-01T09:00:00Z', answered: true });
    const newer = comment({ paragraph: 4, at: '2026-11-03T09:00:00Z' });
    const oldest = comment({ paragraph: 4, at: '2026-11-02T09:00:00Z' });
    const [group] = groupForBoard([old, newer, oldest]);
    expect(group.comments.map((c) => c.id)).toEqual([oldest.id, newer.id, old.id]);
    expect(group.unanswered).toBe(2);
  });

  it('shows only the unanswered when asked, and drops groups left empty', () => {
    const groups = groupForBoard([comment({ paragraph: 1, answered: true }), comment({ paragraph: 2 })], { unansweredOnly: true });
    expect(groups).toHaveLength(1);
    expect(groups[0].key).toEqual({ kind: 'paragraph', number: 2 });
  });

  it('counts a hidden comment as needing no answer, as the synthesis does: after those still to answer, out of "only the unanswered"', () => {
    const hidden = comment({ paragraph: 6, at: '2026-11-01T09:00:00Z', hidden: true });
    const open = comment({ paragraph: 6, at: '2026-11-02T09:00:00Z' });
    const [group] = groupForBoard([hidden, open]);
    expect(group.comments.map((c) => c.id)).toEqual([open.id, hidden.id]);
    expect(group.unanswered).toBe(1);
    expect(groupForBoard([hidden], { unansweredOnly: true })).toEqual([]);
  });

  it('flattens groups into rows, a heading before its comments', () => {
    const rows = rowsOf(groupForBoard([comment({ paragraph: 1 }), comment({ paragraph: 1 }), comment({ paragraph: 2 })]));
    expect(rows.map((r) => r.type)).toEqual(['group', 'comment', 'comment', 'group', 'comment']);
  });

  it('groups 2,000 comments over 400 paragraphs and loses none', () => {
    const many = Array.from({ length: 2000 }, (_, i) => comment({ paragraph: 1 + (i % 400), answered: i % 3 === 0 }));
    const groups = groupForBoard(many);
    expect(groups).toHaveLength(400);
    expect(groups.reduce((s, g) => s + g.comments.length, 0)).toBe(2000);
  });
});
