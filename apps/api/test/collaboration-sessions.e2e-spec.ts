import * as Y from 'yjs';
import { SessionDirectory } from '@intersessional/identity';
import { Given, PASSWORD, type TestUser, freshIp } from './support/given';
import { collaborationToken, paragraph } from './support/editors';
import { MESSAGE_SYNC, type RawClient, openRaw, refusal, updateFrame } from './support/raw-collab';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait';

/** Longer than a few re-check rounds (every 2 s), with room for a busy machine. */
const ROUNDS = 15_000;
const SESSION_ENDED = { code: 4401, reason: 'session ended' };

describe('a collaboration token belongs to its session: when the session ends, so do its sockets', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  const raws: RawClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    ws = await given.workstream('BPF'); // joining needs the facilitator's approval
  });
  afterEach(() => raws.splice(0).forEach((r) => r.socket.terminate()));
  afterAll(() => t.close());

  const newDocument = async () =>
    (
      await ws.facilitator.client.ok<{ createDocument: { id: string } }>(`mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`, {
        input: { workstreamId: ws.id, title: 'Sessions', kind: 'DRAFT_OUTPUT', markdown: 'Opening' },
      })
    ).createDocument.id;

  const member = async () => {
    const user = await given.user();
    await given.member(ws.id, user, ws.facilitator);
    return user;
  };

  /** The same person signed in a second time (another browser): a second session. */
  const signInAgain = async (user: TestUser): Promise<TestUser> => {
    const result = await t.client.request<{ signIn: { accessToken: string; refreshToken: string } }>(
      `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }`,
      { input: { email: user.email, password: PASSWORD } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
    const { accessToken, refreshToken } = result.data.signIn;
    return { ...user, token: accessToken, refreshToken, client: t.client.as(accessToken) };
  };

  const sessionOf = (user: TestUser): string => (JSON.parse(Buffer.from(user.token.split('.')[1], 'base64url').toString()) as { sid: string }).sid;

  /** A raw socket with a token of `user`'s session, served its first frame. */
  const open = async (user: TestUser, documentId: string, token?: string) => {
    const client = await openRaw(t.url, documentId, { token: token ?? (await collaborationToken(user, documentId)).token });
    raws.push(client);
    await waitFor(() => client.received.length > 0 || client.closedWith() !== null, 'the socket to be served');
    return client;
  };

  /**
   * Shows that `client` is still served after what closed others: the server sends it an edit made
   * after those closes (a round closes every refused socket at once, before anything else is sent).
   */
  const stillServed = async (client: RawClient, documentId: string) => {
    const writer = await open(ws.facilitator, documentId);
    const before = client.count(MESSAGE_SYNC, 2);
    const doc = new Y.Doc();
    const start = Y.encodeStateVector(doc);
    doc.getXmlFragment('default').push([paragraph('Still here?')]);
    writer.socket.send(updateFrame(Y.encodeStateAsUpdate(doc, start)));
    await waitFor(() => client.count(MESSAGE_SYNC, 2) > before || client.closedWith() !== null, 'the next edit to arrive', ROUNDS);
    expect(client.closedWith()).toBeNull();
  };

  it('signing out closes the sockets of that session (4401 "session ended") and its token no longer connects; other sessions keep theirs', async () => {
    const id = await newDocument();
    const laptop = await member();
    const phone = await signInAgain(laptop);
    const { token } = await collaborationToken(laptop, id);
    const onLaptop = await open(laptop, id, token);
    const onPhone = await open(phone, id);

    await laptop.client.ok(`mutation { signOut }`);
    await waitFor(() => onLaptop.closedWith() !== null, 'the signed-out socket to close', ROUNDS);
    expect(onLaptop.closedWith()).toEqual(SESSION_ENDED);
    expect(await refusal(t.url, id, token)).toEqual(SESSION_ENDED);
    await stillServed(onPhone, id);
  });

  it('a password change ends the other sessions’ sockets and tokens; the session that changed it keeps its socket', async () => {
    const id = await newDocument();
    const here = await member();
    const elsewhere = await signInAgain(here);
    const { token } = await collaborationToken(elsewhere, id);
    const mine = await open(here, id);
    const theirs = await open(elsewhere, id, token);

    await here.client.ok(`mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`, {
      input: { currentPassword: PASSWORD, newPassword: 'another-long-passphrase-for-tests-77' },
    });
    await waitFor(() => theirs.closedWith() !== null, 'the other session’s socket to close', ROUNDS);
    expect(theirs.closedWith()).toEqual(SESSION_ENDED);
    expect(await refusal(t.url, id, token)).toEqual(SESSION_ENDED);
    await stillServed(mine, id);
  });

  it('a disabled account’s sockets close (4401 "account disabled") and its tokens no longer connect', async () => {
    const id = await newDocument();
    const user = await member();
    const { token } = await collaborationToken(user, id);
    const client = await open(user, id, token);
    const root = await given.secretariat();
    await root.client.ok(`mutation($id: ID!) { disableAccount(userId: $id) { id } }`, { id: user.id });
    await waitFor(() => client.closedWith() !== null, 'the disabled account’s socket to close', ROUNDS);
    expect(client.closedWith()).toEqual({ code: 4401, reason: 'account disabled' });
    expect(await refusal(t.url, id, token)).toEqual({ code: 4401, reason: 'account disabled' });
  });

  it('a revoked or expired session ends its sockets and tokens', async () => {
    const id = await newDocument();
    const revoked = await member();
    const expired = await member();
    const tokens = { revoked: (await collaborationToken(revoked, id)).token, expired: (await collaborationToken(expired, id)).token };
    const clients = { revoked: await open(revoked, id, tokens.revoked), expired: await open(expired, id, tokens.expired) };
    // as refresh-token reuse or an operator would end them
    await t.dataSource.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'refresh_token_reuse' WHERE id = $1`, [sessionOf(revoked)]);
    await t.dataSource.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [sessionOf(expired)]);
    await waitFor(() => clients.revoked.closedWith() !== null && clients.expired.closedWith() !== null, 'both sockets to close', ROUNDS);
    expect(clients.revoked.closedWith()).toEqual(SESSION_ENDED);
    expect(clients.expired.closedWith()).toEqual(SESSION_ENDED);
    expect(await refusal(t.url, id, tokens.revoked)).toEqual(SESSION_ENDED);
    expect(await refusal(t.url, id, tokens.expired)).toEqual(SESSION_ENDED);
  });

  it('a lead expert approved a moment ago who connects while a re-check round is running is not closed by that round', async () => {
    const id = await newDocument();
    const present = await open(ws.facilitator, id); // an open connection, so re-check rounds run
    const expert = await given.user();
    const membership = await given.member(ws.id, expert, ws.facilitator);
    await ws.facilitator.client.ok(`mutation($id: ID!) { setMemberRole(membershipId: $id, role: LEAD_EXPERT) { id } }`, { id: membership });

    // Hold the next round between its query and its verdicts, as a slow database (or PGlite's single
    // connection, busy with other work) would, and let the expert connect in between.
    const directory = t.app.get(SessionDirectory);
    const statusOf = directory.statusOf.bind(directory);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    let calls = 0;
    directory.statusOf = async (sessionIds, now) => {
      calls += 1;
      if (held) return statusOf(sessionIds, now);
      held = true;
      const answer = await statusOf(sessionIds, now); // answered before the expert connected
      await gate;
      return answer;
    };
    try {
      await waitFor(() => held, 'a re-check round to start', ROUNDS);
      const newcomer = await open(expert, id);
      expect(newcomer.closedWith()).toBeNull();
      const callsBefore = calls;
      release();
      await waitFor(() => calls > callsBefore, 'the held round to finish and the next to start', ROUNDS);
      await stillServed(newcomer, id);
      expect(present.closedWith()).toBeNull();
    } finally {
      directory.statusOf = statusOf;
      release();
    }
  });
  it('while nothing changes, a round reads one counter and judges no socket again; a change made directly in SQL is still noticed', async () => {
    const id = await newDocument();
    const user = await member();
    const client = await open(user, id);
    const statements = t.queries.statements;
    const isEpochRead = (sql: string) => sql.includes('collab_access_epoch');
    t.queries.recordStatements = true;
    try {
      // rounds after the connect may still judge what the set-up changed (a round and the one after it)
      await waitFor(() => statements.filter(isEpochRead).length >= 3, 'three rounds', ROUNDS);
      statements.length = 0;
      await waitFor(() => statements.filter(isEpochRead).length >= 3, 'three more rounds', ROUNDS);
      const first = statements.findIndex(isEpochRead);
      const last = statements.findLastIndex(isEpochRead);
      const between = statements.slice(first + 1, last);
      expect(between.filter((sql) => sql.includes('auth_sessions') || sql.includes('memberships'))).toEqual([]);
    } finally {
      t.queries.recordStatements = false;
      statements.length = 0;
    }
    // as an operator in psql would: no service call tells anyone
    await t.dataSource.query(`UPDATE users SET status = 'DISABLED' WHERE id = $1`, [user.id]);
    await waitFor(() => client.closedWith() !== null, 'the socket to close', ROUNDS);
    expect(client.closedWith()).toEqual({ code: 4401, reason: 'account disabled' });
  });
});
