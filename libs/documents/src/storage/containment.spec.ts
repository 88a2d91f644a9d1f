import * as Y from 'yjs';
import { heldBy } from './containment';

/** A doc with one writer, whose every change is recorded as its own update (as the log stores them). */
function writer(clientID: number) {
  const doc = new Y.Doc({ gc: true });
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates, text: doc.getText('t') };
}

const replica = (...updates: Uint8Array[]) => {
  const doc = new Y.Doc({ gc: true });
  updates.forEach((update) => Y.applyUpdate(doc, update));
  return doc;
};

describe('heldBy: whether a document already holds an update', () => {
  it('holds the insertions it has applied, and not one it has not', () => {
    const a = writer(1);
    a.text.insert(0, 'abc');
    a.text.insert(3, 'def');
    const doc = replica(a.updates[0]);
    const held = heldBy(doc);
    expect(held(a.updates[0])).toBe(true);
    expect(held(a.updates[1])).toBe(false);
  });

  it('does not count a deletion it has not applied, though it holds every insertion', () => {
    const a = writer(1);
    a.text.insert(0, 'abcdef');
    a.text.delete(1, 3); // a deletion-only update: no insertion a state vector would show
    const withoutDelete = replica(a.updates[0]);
    expect(heldBy(withoutDelete)(a.updates[1])).toBe(false);
    expect(heldBy(replica(...a.updates))(a.updates[1])).toBe(true);
  });

  it('needs the whole deleted range, across separately deleted neighbours', () => {
    const a = writer(1);
    a.text.insert(0, 'abcdefgh');
    a.text.delete(2, 1); // c
    a.text.delete(2, 1); // d, next to c
    const b = writer(2);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    b.updates.length = 0; // keep b's own deletion only, not the copy of a it started from
    b.text.delete(1, 3); // b, e, f in one range with the earlier deletions between them
    const all = replica(...a.updates, ...b.updates);
    expect(heldBy(all)(b.updates[0])).toBe(true);
    const partly = replica(a.updates[0], a.updates[1], b.updates[0]);
    expect(heldBy(partly)(a.updates[2])).toBe(false);
  });

  it('does not count an update waiting for a missing predecessor (pending) as held', () => {
    const a = writer(1);
    a.text.insert(0, 'first');
    a.text.insert(5, ' second');
    const doc = replica(a.updates[1]); // parked: its origin is in updates[0]
    expect(heldBy(doc)(a.updates[1])).toBe(false);
  });

  it('holds what garbage collection replaced (deleted content kept as GC ranges)', () => {
    const a = writer(1);
    a.text.insert(0, 'gone soon');
    a.text.delete(0, 9);
    const doc = replica(...a.updates); // gc: the deleted items are GC structs now
    const held = heldBy(doc);
    expect(a.updates.every(held)).toBe(true);
  });

  it('holds a merged update of many, and a snapshot of itself', () => {
    const a = writer(1);
    for (let i = 0; i < 50; i += 1) a.text.insert(i, 'x');
    const doc = replica(...a.updates);
    expect(heldBy(doc)(Y.mergeUpdates(a.updates))).toBe(true);
    expect(heldBy(doc)(Y.encodeStateAsUpdate(doc))).toBe(true);
    expect(heldBy(replica(...a.updates.slice(0, 49)))(Y.mergeUpdates(a.updates))).toBe(false);
  });
});
