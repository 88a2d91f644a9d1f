import { Given, PASSWORD, freshIp } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const SIGN_IN = `mutation($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { accessToken user { id } }
}`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) }`;

describe('sign-in limits: nobody can lock someone else out', () => {
  let t: TestApp;
  let given: Given;

  beforeAll(async () => {
    // a short slow-down cap keeps the spec quick; its schedule is specified in auth-limits.spec.ts
    t = await startTestApp({ SIGN_IN_SLOWDOWN_MAX_MS: '50' });
    given = new Given(t);
  });
  afterAll(() => t.close());

  /** Signs in from `ip` (read from X-Forwarded-For: the test app trusts its proxy) and gives the error code, if any. */
  const signIn = async (email: string, password: string, ip: string) => {
    const result = await t.client.request<{ signIn: { user: { id: string } } }>(SIGN_IN, { email, password }, { 'x-forwarded-for': ip });
    return { code: result.errors?.[0]?.extensions?.code, error: result.errors?.[0], userId: result.data?.signIn.user.id };
  };

  it("a stranger guessing someone's password locks only their own address out; the owner signs in from theirs", async () => {
    const victim = await given.user();
    const attacker = freshIp();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 12; i += 1) codes.push((await signIn(victim.email, `wrong-${i}-password`, attacker)).code);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('INVALID_CREDENTIALS'));
    expect(codes.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);

    const owner = await signIn(victim.email, PASSWORD, freshIp());
    expect(owner.code).toBeUndefined();
    expect(owner.userId).toBe(victim.id);

    // the attacker stays locked out for that account, even with the right password
    const limited = await signIn(victim.email, PASSWORD, attacker);
    expect(limited.error?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(Number(limited.error?.extensions?.retryAfterSeconds)).toBeGreaterThan(14 * 60);
  });

  it('reads the address the proxy saw, so a client cannot dodge the lockout by writing X-Forwarded-For itself', async () => {
    const victim = await given.user();
    const attacker = freshIp();
    const codes: (string | undefined)[] = [];
    // the test app stands behind one trusted proxy, which appends the address it saw to what the client sent
    for (let i = 0; i < 11; i += 1) codes.push((await signIn(victim.email, `wrong-${i}-password`, `${freshIp()}, ${attacker}`)).code);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('INVALID_CREDENTIALS'));
    expect(codes[10]).toBe('RATE_LIMITED');
  });

  it('wrong passwords for one account from many addresses slow it down but never lock it', async () => {
    const victim = await given.user();
    for (let i = 0; i < 15; i += 1) {
      expect((await signIn(victim.email, `wrong-${i}-password`, freshIp())).code).toBe('INVALID_CREDENTIALS');
    }
    expect((await signIn(victim.email, PASSWORD, freshIp())).userId).toBe(victim.id);
  });

  it('the owner who mistypes a few times and then gets it right starts again with a full budget', async () => {
    const user = await given.user();
    const ip = freshIp();
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 9; i += 1) expect((await signIn(user.email, `typo-${i}-password`, ip)).code).toBe('INVALID_CREDENTIALS');
      expect((await signIn(user.email, PASSWORD, ip)).userId).toBe(user.id);
    }
  });

  it('limits one address trying many accounts after 100 failures; its successful sign-ins (a shared venue address) do not count', async () => {
    const user = await given.user();
    const venue = freshIp();
    for (let i = 0; i < 20; i += 1) expect((await signIn(user.email, PASSWORD, venue)).code).toBeUndefined();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 101; i += 1) codes.push((await signIn(`nobody-${i}@example.org`, 'wrong-password-123', venue)).code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(100);
    expect(codes[100]).toBe('RATE_LIMITED');
    expect((await signIn(user.email, PASSWORD, venue)).code).toBe('RATE_LIMITED');
    expect((await signIn(user.email, PASSWORD, freshIp())).userId).toBe(user.id);
  }, 180_000);

  it('limits guesses of the current password through changePassword, keeping the session', async () => {
    const user = await given.user();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 11; i += 1) {
      const result = await user.client.request(CHANGE, { c: `not-my-password-${i}`, n: 'a-brand-new-passphrase-77' });
      codes.push(result.errors?.[0]?.extensions?.code);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('BAD_USER_INPUT'));
    expect(codes[10]).toBe('RATE_LIMITED');
    expect((await user.client.ok<{ me: { id: string } }>(`{ me { id } }`)).me.id).toBe(user.id);
  });
});
