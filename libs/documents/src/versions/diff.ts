import { registerEnumType } from '@nestjs/graphql';
import type { NumberedParagraph } from '@intersessional/document-schema';

export enum BlockChange {
  UNCHANGED = 'UNCHANGED',
  CHANGED = 'CHANGED',
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
}

registerEnumType(BlockChange, { name: 'BlockChange' });

export interface BlockDiff {
  blockId: string | null;
  change: BlockChange;
  fromNumber: number | null;
  toNumber: number | null;
  fromText: string | null;
  toText: string | null;
}

/**
 * Block-level comparison of two versions, matched by block id (ids survive edits, so a moved or edited
 * paragraph is recognised). In the order of the newer version; removed blocks follow the block that
 * preceded them in the older one.
 */
export function diffBlocks(from: NumberedParagraph[], to: NumberedParagraph[]): BlockDiff[] {
  const key = (p: NumberedParagraph, i: number, side: string) => p.blockId ?? `${side}:${i}`;
  const toKeys = new Set(to.map((p, i) => key(p, i, 'to')));
  const fromByKey = new Map(from.map((p, i) => [key(p, i, 'from'), p] as const));
  const result: BlockDiff[] = to.map((p, i) => {
    const old = fromByKey.get(key(p, i, 'to'));
    if (!old) return { blockId: p.blockId, change: BlockChange.ADDED, fromNumber: null, toNumber: p.number || null, fromText: null, toText: p.text };
    return {
      blockId: p.blockId,
      change: old.text === p.text ? BlockChange.UNCHANGED : BlockChange.CHANGED,
      fromNumber: old.number || null,
      toNumber: p.number || null,
      fromText: old.text,
      toText: p.text,
    };
  });
  from.forEach((p, i) => {
    if (toKeys.has(key(p, i, 'from'))) return;
    const removed: BlockDiff = { blockId: p.blockId, change: BlockChange.REMOVED, fromNumber: p.number || null, toNumber: null, fromText: p.text, toText: null };
    const previous = i > 0 ? key(from[i - 1] as NumberedParagraph, i - 1, 'from') : null;
    const at = previous === null ? -1 : result.findIndex((r) => r.blockId === previous || (r.change === BlockChange.REMOVED && r.blockId === previous));
    result.splice(at + 1, 0, removed);
  });
  return result;
}
