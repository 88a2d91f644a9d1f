import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { Given, type TestUser } from './support/given';
import { MESSAGE_SYNC, type RawClient, kindOf, openRaw, syncStep1Frame, updateFrame } from './support/raw-collab';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor, waitForAsync } from './support/wait';

/** The Yjs update a sync frame carries (step 2 or update). */
const updateOf = (frame: Uint8Array): Uint8Array => {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
};

/** Sync frames of one step (1: step 2, 2: update) a raw client received. */
const syncFrames = (client: RawClient, step: number): Uint8Array[] =>
  client.received.filter((frame) => {
    const kind = kindOf(frame);
    return kind.type === MESSAGE_SYNC && kind.step === step;
  });

/** One-character edits of a fresh client, each as the update a stock client would send. */
const typing = (text: string): Uint8Array[] => {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const paragraph = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  paragraph.insert(0, [run]);
  doc.getXmlFragment('default').push([paragraph]);
  for (const [i, char] of [...text].entries()) run.insert(i, char);
  return updates;
};

describe('group commit and merged frames on the sync server', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let member: TestUser;
  let reader: TestUser;
  const open: RawClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(ws.id, member);
    reader = await given.user();
    await given.addMember(ws.id, reader, ws.facilitator, 'OBSERVER');
  });
  afterEach(() => open.splice(0).forEach((client) => client.socket.close()));
  afterAll(() => t.close());

  const raw = async (user: TestUser, documentId: string) => {
    const client = await openRaw(t.url, documentId, user);
    open.push(client);
    return client;
  };
  const stored = async (documentId: string) =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS rows, count(DISTINCT xmin::text)::int AS commits FROM document_updates WHERE document_id = $1`, [
        documentId,
      ])
    )[0] as { rows: number; commits: number };

  it('stores a burst from two writers in fewer commits than updates, every update its own row, and readers get fewer, merged frames that end in the same text', async () => {
    const id = await given.document(ws, { markdown: 'Opening.' });
    const first = await raw(member, id);
    const second = await raw(ws.facilitator, id);
    const watcher = await raw(reader, id);
    const before = await stored(id);
    const a = typing('Capacity building works best when it is demand-driven and locally owned.');
    const b = typing('Norms are implemented unevenly across regions, and data is scarce.');
    // each burst leaves in one go, as a fast typist's frames do over one connection
    for (const update of a) first.socket.send(updateFrame(update));
    for (const update of b) second.socket.send(updateFrame(update));

    const total = a.length + b.length;
    await waitForAsync(async () => (await stored(id)).rows === before.rows + total, `${total} stored rows`);
    const after = await stored(id);
    expect(after.commits - before.commits).toBeLessThan(total / 4);

    const expected = new Y.Doc();
    [...a, ...b].forEach((update) => Y.applyUpdate(expected, update));
    const seen = new Y.Doc();
    const render = (doc: Y.Doc) => doc.getXmlFragment('default').toString();
    await waitFor(() => {
      for (const frame of syncFrames(watcher, 2).splice(0)) Y.applyUpdate(seen, updateOf(frame));
      return render(seen) === render(expected);
    }, "the reader to hold both writers' text");
    expect(syncFrames(watcher, 2).length).toBeLessThan(total / 4);
  });

  it('does not send a writer its own burst back when nothing else was in it', async () => {
    const id = await given.document(ws, { markdown: 'Opening.' });
    const writer = await raw(member, id);
    const watcher = await raw(reader, id);
    const before = await stored(id);
    const burst = typing('A sentence typed alone.');
    for (const update of burst) writer.socket.send(updateFrame(update));
    await waitForAsync(async () => (await stored(id)).rows === before.rows + burst.length, 'the burst stored');
    await waitFor(() => syncFrames(watcher, 2).length > 0, 'the reader to get it');
    expect(syncFrames(writer, 2)).toHaveLength(0);
  });

  it('gives every joiner with nothing the whole current document, also right after an edit', async () => {
    const id = await given.document(ws, { markdown: 'Opening.' });
    const writer = await raw(member, id);
    const stateOf = async () => {
      const joiner = await raw(reader, id);
      joiner.socket.send(syncStep1Frame());
      await waitFor(() => syncFrames(joiner, 1).length === 1, 'sync step 2');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, updateOf(syncFrames(joiner, 1)[0]));
      return doc.getXmlFragment('default').toString();
    };
    const [one, two] = await Promise.all([stateOf(), stateOf()]);
    expect(two).toBe(one);
    expect(one).toContain('Opening.');

    const before = await stored(id);
    const edit = typing('Added after the first joiners.');
    for (const update of edit) writer.socket.send(updateFrame(update));
    await waitForAsync(async () => (await stored(id)).rows === before.rows + edit.length, 'the edit stored');
    expect(writer.closedWith()).toBeNull();
    await waitForAsync(async () => (await stateOf()).includes('Added after the first joiners.'), 'a new joiner to get the edit');
  });
});
