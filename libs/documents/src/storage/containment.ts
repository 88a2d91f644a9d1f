import * as Y from 'yjs';

type DeleteRange = { clock: number; len: number };

/** The index of the range in `ranges` (sorted, as a struct store's delete set is) that holds `clock`, or -1. */
function rangeHolding(ranges: readonly DeleteRange[], clock: number): number {
  let [low, high] = [0, ranges.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid];
    if (clock < range.clock) high = mid - 1;
    else if (clock >= range.clock + range.len) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** Whether [clock, clock + len) is deleted throughout, by consecutive ranges. */
function covered(ranges: readonly DeleteRange[] | undefined, clock: number, len: number): boolean {
  if (!ranges) return false;
  const end = clock + len;
  let at = rangeHolding(ranges, clock);
  if (at < 0) return false;
  let reached = ranges[at].clock + ranges[at].len;
  while (reached < end) {
    at += 1;
    if (at >= ranges.length || ranges[at].clock !== reached) return false;
    reached += ranges[at].len;
  }
  return true;
}

/**
 * A test of whether `doc` already holds everything an update does: each of its insertions (by client
 * and clock, as Yjs identifies them) and each of its deletions. A snapshot encoded from `doc` at the
 * same moment then holds that update too, so its log row may be folded away. Updates still waiting in
 * the doc for a missing predecessor (pending) do not count as held. Use the test synchronously: it
 * reads the doc's state once, when made. Written by hand: Yjs answers this for one id (isDeleted) and
 * for a state vector, not for an update.
 */
export function heldBy(doc: Y.Doc): (update: Uint8Array) => boolean {
  const deleted = Y.createDeleteSetFromStructStore(doc.store).clients;
  const state = new Map<number, number>();
  const stateOf = (client: number) => {
    let clock = state.get(client);
    if (clock === undefined) state.set(client, (clock = Y.getState(doc.store, client)));
    return clock;
  };
  return (update) => {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (!(struct instanceof Y.Item || struct instanceof Y.GC)) continue; // a Skip: a gap, nothing inserted
      if (struct.id.clock + struct.length > stateOf(struct.id.client)) return false;
    }
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) if (!covered(deleted.get(client), range.clock, range.len)) return false;
    }
    return true;
  };
}
