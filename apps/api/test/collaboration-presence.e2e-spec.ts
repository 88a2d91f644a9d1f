import { Given, type TestUser } from './support/given';
import { type Editor, openEditor } from './support/editors';
import { type RawClient, awarenessFrame, openRaw } from './support/raw-collab';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait';

interface Shown {
  user?: { name?: string; color?: string };
  cursor?: unknown;
}

describe('presence (cursors and names) on /collab cannot lie and does not drop cursors', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let amina: TestUser;
  let mallory: TestUser;
  const editors: Editor[] = [];
  const raws: RawClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN', facilitator: await given.user({ displayName: 'Facilitator Fatou' }) });
    amina = await given.user({ displayName: 'Amina Diallo' });
    mallory = await given.user({ displayName: 'Mallory' });
    await given.member(ws.id, amina);
    await given.member(ws.id, mallory);
  });
  afterEach(() => {
    editors.splice(0).forEach((e) => e.close());
    raws.splice(0).forEach((r) => r.socket.terminate());
  });
  afterAll(() => t.close());

  const newDocument = async () =>
    (
      await amina.client.ok<{ createDocument: { id: string } }>(`mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`, {
        input: { workstreamId: ws.id, title: 'Presence', kind: 'DRAFT_OUTPUT', markdown: 'Opening' },
      })
    ).createDocument.id;

  const editor = async (user: TestUser, documentId: string) => {
    const e = await openEditor(t.url, user, documentId);
    editors.push(e);
    return e;
  };
  const raw = async (user: TestUser, documentId: string) => {
    const r = await openRaw(t.url, documentId, user);
    raws.push(r);
    return r;
  };
  const shownBy = (watcher: Editor, clientId: number) => watcher.provider.awareness.getStates().get(clientId) as Shown | undefined;

  it("shows the account's name and colour, whatever the client claims, and keeps the client's cursor", async () => {
    const id = await newDocument();
    const watcher = await editor(ws.facilitator, id);
    const typist = await editor(amina, id);
    typist.provider.awareness.setLocalState({ user: { name: 'Secretariat (official)', color: '#000000' }, cursor: { anchor: 3, head: 7 } });
    await waitFor(() => shownBy(watcher, typist.doc.clientID)?.cursor !== undefined, "the typist's cursor");
    const shown = shownBy(watcher, typist.doc.clientID);
    expect(shown?.cursor).toEqual({ anchor: 3, head: 7 });
    expect(shown?.user?.name).toBe('Amina Diallo');
    expect(shown?.user?.color).toMatch(/^#[0-9a-f]{6}$/);

    // the same person has the same colour in another tab; another person is told apart by name
    const secondTab = await editor(amina, id);
    secondTab.provider.awareness.setLocalState({ cursor: { anchor: 1, head: 1 } });
    await waitFor(() => shownBy(watcher, secondTab.doc.clientID) !== undefined, "the second tab's cursor");
    expect(shownBy(watcher, secondTab.doc.clientID)?.user).toEqual(shown?.user);
    watcher.provider.awareness.setLocalState({ cursor: null, user: { name: 'Amina Diallo' } });
    await waitFor(() => shownBy(typist, watcher.doc.clientID) !== undefined, "the watcher's presence");
    expect(shownBy(typist, watcher.doc.clientID)?.user?.name).toBe('Facilitator Fatou');
  });

  it("never lets a connection set, replace or remove another client's presence", async () => {
    const id = await newDocument();
    const watcher = await editor(ws.facilitator, id);
    const victim = await editor(amina, id);
    victim.provider.awareness.setLocalState({ cursor: 'real' });
    await waitFor(() => shownBy(watcher, victim.doc.clientID)?.cursor === 'real', "the victim's cursor");
    const victimId = victim.doc.clientID;

    const attacker = await raw(mallory, id);
    // its first message tries to take the victim's id (held by a live connection): ignored
    attacker.socket.send(awarenessFrame([{ clientId: victimId, clock: 1000, state: { cursor: 'fake', user: { name: 'Amina Diallo' } } }]));
    // it announces an id of its own; from then on, states for any other id are ignored
    attacker.socket.send(awarenessFrame([{ clientId: 9001, clock: 1, state: { cursor: 'own', user: { name: 'Secretariat (official)' } } }]));
    attacker.socket.send(awarenessFrame([{ clientId: victimId, clock: 2000, state: { cursor: 'fake again' } }]));
    attacker.socket.send(awarenessFrame([{ clientId: victimId, clock: 3000, state: null }]));
    attacker.socket.send(awarenessFrame([{ clientId: 424242, clock: 1, state: { cursor: 'a second id' } }]));
    // frames of one socket are handled in order: once this shows, everything before it was judged
    attacker.socket.send(awarenessFrame([{ clientId: 9001, clock: 2, state: { cursor: 'last' } }]));
    await waitFor(() => shownBy(watcher, 9001)?.cursor === 'last', "the attacker's last frame");

    expect(shownBy(watcher, 9001)?.user?.name).toBe('Mallory');
    expect(shownBy(watcher, victimId)).toEqual({ cursor: 'real', user: expect.objectContaining({ name: 'Amina Diallo' }) });
    expect(shownBy(watcher, 424242)).toBeUndefined();
    expect(attacker.closedWith()).toBeNull();
  });

  it('keeps the newest state per client id within the throttle interval: a cursor move is not lost to an echo of others', async () => {
    const id = await newDocument();
    const watcher = await editor(ws.facilitator, id);
    watcher.provider.awareness.setLocalState({ cursor: 'watching' });
    const typist = await raw(amina, id);
    await waitFor(() => typist.received.length >= 2, 'the typist to be served');
    const watcherId = watcher.doc.clientID;
    const watcherClock = watcher.provider.awareness.meta.get(watcherId)?.clock ?? 0;
    // a cursor move, the next one, and, within the same 100 ms, the client re-sending what it heard of
    // others (y-websocket clients echo every change they receive): the second move must still arrive
    typist.socket.send(awarenessFrame([{ clientId: 5150, clock: 1, state: { cursor: 1 } }]));
    typist.socket.send(awarenessFrame([{ clientId: 5150, clock: 2, state: { cursor: 2 } }]));
    typist.socket.send(awarenessFrame([{ clientId: watcherId, clock: watcherClock, state: { cursor: 'watching' } }]));
    await waitFor(() => shownBy(watcher, 5150)?.cursor === 2, 'the second cursor move');
  });
});
