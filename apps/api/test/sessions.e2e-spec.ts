import { Clock } from '@intersessional/database';
import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';
import { describeOnPostgres } from './support/backends';

const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken user { id } } }`;
const ME = `{ me { id } }`;
const GRACE_SECONDS = 20;

interface Pair {
  accessToken: string;
  refreshToken: string;
}

describe('sessions: several tabs refreshing one refresh token', () => {
  let t: TestApp;
  let given: Given;

  beforeAll(async () => {
    t = await startTestApp({ REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) });
    given = new Given(t);
  });
  afterEach(() => t.app.get(Clock).travelTo(new Date()));
  afterAll(() => t.close());

  const refreshAt = (instance: TestApp, token: string) => instance.client.request<{ refreshSession: Pair }>(REFRESH, { token });
  const pairsOf = (results: Awaited<ReturnType<typeof refreshAt>>[]) => {
    for (const result of results) expect(result.errors).toBeUndefined();
    return results.map((r) => r.data?.refreshSession as Pair);
  };
  const reuseRecords = async (user: TestUser) =>
    (await t.dataSource.query(`SELECT id FROM audit_events WHERE actor_id = $1 AND action = 'session.refresh_reuse_detected'`, [user.id])).length;

  it('five simultaneous refreshes with one token all get the same new pair, and that pair works', async () => {
    const user = await given.user();
    const pairs = pairsOf(await Promise.all(Array.from({ length: 5 }, () => refreshAt(t, user.refreshToken))));
    expect(new Set(pairs.map((p) => p.refreshToken)).size).toBe(1);
    expect(new Set(pairs.map((p) => p.accessToken)).size).toBe(1);
    const [pair] = pairs as [Pair];
    expect(pair.refreshToken).not.toBe(user.refreshToken);

    expect((await t.client.as(pair.accessToken).ok<{ me: { id: string } }>(ME)).me.id).toBe(user.id);
    const next = await t.client.ok<{ refreshSession: Pair }>(REFRESH, { token: pair.refreshToken });
    expect(next.refreshSession.refreshToken).not.toBe(pair.refreshToken);
    expect(await reuseRecords(user)).toBe(0);
    // one new token was stored, not five
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id WHERE s.user_id = $1`,
      [user.id],
    );
    expect(row.n).toBe(3);
  });

  it('a second tab refreshing a little later, within the grace window, gets the same pair', async () => {
    const user = await given.user();
    const first = pairsOf([await refreshAt(t, user.refreshToken)]);
    t.app.get(Clock).travelTo(new Date(Date.now() + (GRACE_SECONDS - 5) * 1000));
    const second = pairsOf([await refreshAt(t, user.refreshToken)]);
    expect(second).toEqual(first);
    expect(await reuseRecords(user)).toBe(0);
  });

  it('a reuse after the grace window revokes the whole chain', async () => {
    const user = await given.user();
    const [pair] = pairsOf([await refreshAt(t, user.refreshToken)]) as [Pair];
    t.app.get(Clock).travelTo(new Date(Date.now() + (GRACE_SECONDS + 1) * 1000));

    const reuse = await refreshAt(t, user.refreshToken);
    expect(reuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await refreshAt(t, pair.refreshToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.client.as(pair.accessToken).fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
    expect(await reuseRecords(user)).toBe(1);
    const [session] = await t.dataSource.query(`SELECT revoked_reason FROM auth_sessions WHERE user_id = $1`, [user.id]);
    expect(session.revoked_reason).toBe('refresh_token_reuse');
  });

  it('stores no usable token: the spent row holds only a sealed successor', async () => {
    const user = await given.user();
    const [pair] = pairsOf([await refreshAt(t, user.refreshToken)]) as [Pair];
    const rows: { token_hash: string; sealed: string | null }[] = await t.dataSource.query(
      `SELECT r.token_hash, encode(r.successor_sealed, 'escape') AS sealed FROM refresh_tokens r
       JOIN auth_sessions s ON s.id = r.session_id WHERE s.user_id = $1`,
      [user.id],
    );
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(pair.refreshToken);
    expect(stored).not.toContain(pair.accessToken);
    expect(stored).not.toContain(user.refreshToken);
    expect(rows.filter((r) => r.sealed !== null)).toHaveLength(1);
  });

  describeOnPostgres('two instances sharing the database', () => {
    let two: TestApp;
    beforeAll(async () => {
      two = await startTestApp({ REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) }, { peerOf: t });
    });
    afterAll(() => two.close());

    it('simultaneous refreshes on both instances all get the same pair, and it works on either', async () => {
      const user = await given.user();
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => refreshAt(i % 2 ? two : t, user.refreshToken)));
      const pairs = pairsOf(results);
      expect(new Set(pairs.map((p) => `${p.accessToken} ${p.refreshToken}`)).size).toBe(1);
      const [pair] = pairs as [Pair];
      expect((await two.client.as(pair.accessToken).ok<{ me: { id: string } }>(ME)).me.id).toBe(user.id);
      await t.client.ok(REFRESH, { token: pair.refreshToken });
      expect(await reuseRecords(user)).toBe(0);
    });
  });
});
