import * as Y from 'yjs';

/** The structs of one decoded update, findable by id. */
export class DecodedStructs {
  private readonly byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();

  constructor(readonly structs: Array<Y.Item | Y.GC | Y.Skip>) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  /** The struct covering `id`, if this update holds it. */
  find(id: Y.ID): Y.Item | Y.GC | Y.Skip | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid] as Y.Item | Y.GC | Y.Skip;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }
}

/** Where a referenced item was found: among decoded structs, or already integrated at a known level. */
type Found = { item: Y.Item } | { level: number };

/**
 * Works out, without applying an update, how deeply it would nest shared types in a document.
 *
 * An item of a decoded (v1) update names its parent either directly (a root type's name, or the id of
 * the item holding the parent type) or not at all, when it has an origin: then it shares its origin's
 * parent. Those ids point into the same update, into updates accepted but not yet applied (the room
 * stores before it applies), into the document, or into the document's pending structs (items still
 * waiting for what they refer to). Anything not found anywhere counts as a root, so a level found is a
 * lower bound until the missing piece arrives; that is why every check judges the items still waiting
 * (accepted or pending) again, together with the new update: a chain sent child-first is caught by the
 * update that completes it. Walks are iterative and stop after `limit` levels: hostile chains are tens
 * of thousands deep.
 */
export class NestingGuard {
  /** Updates accepted here and not yet applied to the document, in arrival order. */
  private readonly accepted = new Set<DecodedStructs>();

  constructor(
    private readonly doc: Y.Doc,
    readonly limit: number,
  ) {}

  /**
   * Whether `structs` keeps every shared type within the limit. If so, they are remembered as accepted
   * (so updates that build on them before they are applied are judged with them) until `release`.
   */
  admit(structs: DecodedStructs): boolean {
    const pending = this.pendingStructs();
    const levels = new Map<Y.Item, number>();
    const judged = [structs, ...this.accepted];
    if (this.doc.store.pendingStructs) judged.push(pending() as DecodedStructs);
    for (const candidate of judged) {
      for (const struct of candidate.structs) {
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentType && this.levelOf(structs, struct, levels, pending) > this.limit) return false;
      }
    }
    this.accepted.add(structs);
    return true;
  }

  /** The update is applied to the document (or was never stored): the document now answers for it. */
  release(structs: DecodedStructs): void {
    this.accepted.delete(structs);
  }

  /** The level of the type an item holds (1 for a child of a root type), or limit + 1 once it is deeper. */
  private levelOf(
    update: DecodedStructs,
    item: Y.Item,
    levels: Map<Y.Item, number>,
    pending: () => DecodedStructs | null,
  ): number {
    const chain: Array<{ item: Y.Item; step: 0 | 1 }> = [];
    const visiting = new Set<Y.Item>();
    let steps = 0;
    let found: Found = { item };
    let base = 0;
    while ('item' in found) {
      const known = levels.get(found.item);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (visiting.has(found.item)) break; // a cycle can never be integrated: count it as a root
      visiting.add(found.item);
      const current: Y.Item = found.item;
      const parent: Y.AbstractType<unknown> | Y.ID | string | null = current.parent;
      if (typeof parent === 'string') {
        chain.push({ item: current, step: 1 });
        break;
      }
      if (parent instanceof Y.ID) {
        chain.push({ item: current, step: 1 });
        if (++steps > this.limit) return this.limit + 1;
        found = this.resolve(parent, update, pending);
      } else {
        chain.push({ item: current, step: 0 }); // same parent as its neighbour
        const neighbour: Y.ID | null = current.origin ?? current.rightOrigin;
        found = neighbour ? this.resolve(neighbour, update, pending) : { level: 0 };
      }
    }
    if ('level' in found) base = found.level;
    let level = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i] as (typeof chain)[number];
      level += link.step;
      levels.set(link.item, level);
    }
    return Math.min(level, this.limit + 1);
  }

  /** Finds the item `id` points at: in the update, in accepted updates, in the document, or pending. */
  private resolve(id: Y.ID, update: DecodedStructs, pending: () => DecodedStructs | null): Found {
    for (const candidate of [update, ...this.accepted]) {
      const struct = candidate.find(id);
      if (struct) return struct instanceof Y.Item ? { item: struct } : { level: 0 };
    }
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct: Y.Item | Y.GC = Y.getItem(this.doc.store, id);
      return { level: struct instanceof Y.Item ? this.integratedLevel(struct) : 0 };
    }
    const waiting = pending()?.find(id);
    if (waiting instanceof Y.Item) return { item: waiting };
    return { level: 0 }; // missing (or garbage-collected): Yjs keeps it pending until it arrives
  }

  /** The level of an item already in the document, counting the types above it (at most limit + 1). */
  private integratedLevel(item: Y.Item): number {
    let level = 1;
    let parent = item.parent;
    while (parent instanceof Y.AbstractType && parent._item && level <= this.limit) {
      level++;
      parent = parent._item.parent;
    }
    return level;
  }

  /** The document's pending structs, decoded once per check and only if something is not found elsewhere. */
  private pendingStructs(): () => DecodedStructs | null {
    let decoded: DecodedStructs | null | undefined;
    return () => {
      if (decoded === undefined) {
        const pending = this.doc.store.pendingStructs;
        decoded = pending ? new DecodedStructs(Y.decodeUpdateV2(pending.update).structs) : null; // Yjs keeps them in v2
      }
      return decoded;
    };
  }
}
