import { Clock } from '@intersessional/database';
import { Given, PASSWORD, freshIp } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id email region } } }`;
const SIGN_IN = `mutation($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { accessToken refreshToken user { id } }
}`;
const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }`;
const ME = `{ me { id displayName email gender region country stakeholderGroup } }`;

describe('identity', () => {
  let t: TestApp;
  let given: Given;
  const countUsers = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM users`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
  });
  afterAll(() => t.close());

  const register = (input: Record<string, unknown>, ip = freshIp()) =>
    t.client.request<{ register: { accessToken: string; refreshToken: string; user: { id: string; email: string; region: string } } }>(
      REGISTER,
      { input: { email: 'ana@example.org', password: PASSWORD, displayName: 'Ana', ...input } },
      { 'x-forwarded-for': ip },
    );

  describe('registration', () => {
    it('creates the account, signs in, derives the UN region and shows the person their own e-mail', async () => {
      const result = await register({ email: '  Ana.Silva@Example.ORG ', country: 'br', stakeholderGroup: 'ACADEMIA' });
      expect(result.errors).toBeUndefined();
      expect(result.data?.register.user).toMatchObject({ email: 'ana.silva@example.org', region: 'GRULAC' });
      const me = await t.client.as(result.data?.register.accessToken).ok<{ me: { country: string } }>(ME);
      expect(me.me).toMatchObject({ country: 'BR', stakeholderGroup: 'ACADEMIA', email: 'ana.silva@example.org' });
    });

    it.each([
      ['email', { email: 'not-an-email' }],
      ['password', { password: 'short' }],
      ['password', { password: 'password123456' }],
      ['displayName', { displayName: '' }],
      ['country', { country: 'XX' }],
      ['preferredLanguage', { preferredLanguage: 'not a language!' }],
      ['stakeholderGroup', { stakeholderGroup: 'ALIENS' }],
    ])('refuses a bad %s with BAD_USER_INPUT and writes nothing', async (field, input) => {
      const before = await countUsers();
      const result = await register({ email: `bad-${field}@example.org`, ...input });
      const error = result.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      if (field !== 'stakeholderGroup') expect(error?.extensions?.field).toBe(field);
      expect(await countUsers()).toBe(before);
    });

    it('refuses a second account with the same e-mail (any case) with CONFLICT on email', async () => {
      await register({ email: 'dup@example.org' });
      const before = await countUsers();
      const result = await register({ email: 'DUP@example.org' });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
      expect(await countUsers()).toBe(before);
    });

    it('rate-limits registrations per e-mail, from any address (a room behind one address: venue-limits spec)', async () => {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 11; i += 1) {
        const result = await register({ email: 'flood@example.org' });
        codes.push(result.errors?.[0]?.extensions?.code);
      }
      expect(codes).toEqual([undefined, ...Array(9).fill('CONFLICT'), 'RATE_LIMITED']);
    });
  });

  describe('sign-in', () => {
    it('gives the same error for an unknown e-mail and a wrong password', async () => {
      const user = await given.user();
      const unknown = await t.client.fails(SIGN_IN, { email: 'nobody@example.org', password: PASSWORD });
      const wrong = await t.client.fails(SIGN_IN, { email: user.email, password: 'wrong-password-123' });
      expect(unknown.extensions?.code).toBe('INVALID_CREDENTIALS');
      expect(wrong.message).toBe(unknown.message);
      expect(wrong.extensions?.code).toBe(unknown.extensions?.code);
    });

    it('signs in with the right password, whatever the e-mail case', async () => {
      const user = await given.user();
      const data = await t.client.ok<{ signIn: { user: { id: string } } }>(SIGN_IN, { email: user.email.toUpperCase(), password: PASSWORD });
      expect(data.signIn.user.id).toBe(user.id);
    });

    it('refuses an invalid or forged access token with UNAUTHENTICATED, even on public queries', async () => {
      const forged = await t.client.as('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad').fails(ME);
      expect(forged.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('sessions', () => {
    it('rotates the refresh token on every use', async () => {
      const user = await given.user();
      const first = await t.client.ok<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { token: user.refreshToken });
      expect(first.refreshSession.refreshToken).not.toBe(user.refreshToken);
      const second = await t.client.ok<{ refreshSession: { refreshToken: string } }>(REFRESH, { token: first.refreshSession.refreshToken });
      expect(second.refreshSession.refreshToken).not.toBe(first.refreshSession.refreshToken);
      const me = await t.client.as(first.refreshSession.accessToken).ok<{ me: { id: string } }>(ME);
      expect(me.me.id).toBe(user.id);
    });

    it('revokes the whole chain when a spent refresh token is used again', async () => {
      const user = await given.user();
      const rotated = await t.client.ok<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { token: user.refreshToken });
      // past the grace window for tabs refreshing at once (sessions.e2e-spec.ts)
      const clock = t.app.get(Clock);
      clock.travelTo(new Date(Date.now() + (t.config.REFRESH_REUSE_GRACE_SECONDS + 1) * 1000));
      const reuse = await t.client.fails(REFRESH, { token: user.refreshToken }).finally(() => clock.travelTo(new Date()));
      expect(reuse.extensions?.code).toBe('UNAUTHENTICATED');
      // the thief's and the owner's newer tokens are dead too
      expect((await t.client.fails(REFRESH, { token: rotated.refreshSession.refreshToken })).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.as(rotated.refreshSession.accessToken).fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE actor_id = $1 AND action = 'session.refresh_reuse_detected'`, [user.id]);
      expect(audit).toHaveLength(1);
    });

    it('gives two concurrent refreshes with the same token the same pair (tabs; see sessions.e2e-spec.ts)', async () => {
      const user = await given.user();
      const results = await Promise.all([t.client.request(REFRESH, { token: user.refreshToken }), t.client.request(REFRESH, { token: user.refreshToken })]);
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
      expect(results[0]?.data).toEqual(results[1]?.data);
    });

    it('refuses an unknown refresh token', async () => {
      expect((await t.client.fails(REFRESH, { token: 'made-up' })).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('ends the session at once on sign-out', async () => {
      const user = await given.user();
      await user.client.ok(`mutation { signOut }`);
      expect((await user.client.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.fails(REFRESH, { token: user.refreshToken })).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('ends the other sessions, not this one, when the password changes', async () => {
      const user = await given.user();
      const other = await t.client.ok<{ signIn: { accessToken: string } }>(SIGN_IN, { email: user.email, password: PASSWORD });
      const CHANGE = `mutation($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) }`;
      const wrong = await user.client.fails(CHANGE, { c: 'not-my-password', n: 'a-brand-new-passphrase-77' });
      expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
      const weak = await user.client.fails(CHANGE, { c: PASSWORD, n: 'abc' });
      expect(weak.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      await user.client.ok(CHANGE, { c: PASSWORD, n: 'a-brand-new-passphrase-77' });
      expect((await user.client.ok<{ me: { id: string } }>(ME)).me.id).toBe(user.id);
      expect((await t.client.as(other.signIn.accessToken).fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.fails(SIGN_IN, { email: user.email, password: PASSWORD })).extensions?.code).toBe('INVALID_CREDENTIALS');
      await t.client.ok(SIGN_IN, { email: user.email, password: 'a-brand-new-passphrase-77' });
    });
  });

  describe('disabled accounts', () => {
    const DISABLE = `mutation($id: ID!) { disableAccount(userId: $id, reason: "Code of Conduct breach") { id status disabledReason } }`;

    it('ends every session at once and refuses sign-in; enabling lets the person back in', async () => {
      const root = await given.secretariat();
      const user = await given.user();
      const disabled = await root.client.ok<{ disableAccount: { status: string; disabledReason: string } }>(DISABLE, { id: user.id });
      expect(disabled.disableAccount).toMatchObject({ status: 'DISABLED', disabledReason: 'Code of Conduct breach' });
      expect((await user.client.fails(ME)).extensions?.code).toMatch(/UNAUTHENTICATED|ACCOUNT_DISABLED/);
      expect((await t.client.fails(REFRESH, { token: user.refreshToken })).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.fails(SIGN_IN, { email: user.email, password: PASSWORD })).extensions?.code).toBe('ACCOUNT_DISABLED');
      await root.client.ok(`mutation($id: ID!) { enableAccount(userId: $id) { id } }`, { id: user.id });
      await t.client.ok(SIGN_IN, { email: user.email, password: PASSWORD });
    });

    it('is for the Secretariat only', async () => {
      const user = await given.user();
      const mag = await given.user({ platformRole: 'MAG_MEMBER' });
      expect((await user.client.fails(DISABLE, { id: mag.id })).extensions?.code).toBe('FORBIDDEN');
      expect((await mag.client.fails(DISABLE, { id: user.id })).extensions?.code).toBe('FORBIDDEN');
      expect((await t.client.fails(DISABLE, { id: user.id })).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('never leaves the platform without an active Secretariat', async () => {
      const root = await given.secretariat();
      const demote = await root.client.fails(`mutation($id: ID!) { setPlatformRole(userId: $id, role: USER) { id } }`, { id: root.id });
      expect(demote.extensions?.code).toBe('LAST_SECRETARIAT');
      const self = await root.client.fails(DISABLE, { id: root.id });
      expect(self.extensions?.code).toBe('CONFLICT');
    });

    it('answers NOT_FOUND for an unknown account and BAD_USER_INPUT for a malformed id', async () => {
      const root = await given.secretariat();
      expect((await root.client.fails(DISABLE, { id: '00000000-0000-4000-8000-000000000000' })).extensions?.code).toBe('NOT_FOUND');
      expect((await root.client.fails(DISABLE, { id: 'nope' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    });
  });

  describe('profiles and privacy', () => {
    const PROFILE = `query($id: ID!) { user(id: $id) { displayName email gender region } }`;

    it('shows gender only to the person, e-mail to the person and the Secretariat', async () => {
      const person = await given.user({ gender: 'NON_BINARY', country: 'DE' });
      const stranger = await given.user();
      const root = await given.secretariat();
      const own = await person.client.ok<{ user: Record<string, unknown> }>(PROFILE, { id: person.id });
      expect(own.user).toMatchObject({ gender: 'NON_BINARY', email: person.email, region: 'WEOG' });
      const seen = await stranger.client.ok<{ user: Record<string, unknown> }>(PROFILE, { id: person.id });
      expect(seen.user).toMatchObject({ gender: null, email: null });
      const anonymous = await t.client.ok<{ user: Record<string, unknown> }>(PROFILE, { id: person.id });
      expect(anonymous.user).toMatchObject({ gender: null, email: null });
      const admin = await root.client.ok<{ user: Record<string, unknown> }>(PROFILE, { id: person.id });
      expect(admin.user).toMatchObject({ gender: null, email: person.email });
    });

    it('updates the profile, re-deriving the region, and keeps gender out of the audit log', async () => {
      const person = await given.user({ country: 'KE', gender: 'WOMAN' });
      const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { country region stakeholderGroup gender } }`;
      const updated = await person.client.ok<{ updateProfile: Record<string, unknown> }>(UPDATE, {
        input: { country: 'PL', stakeholderGroup: 'GOVERNMENT', gender: 'PREFER_NOT_TO_SAY' },
      });
      expect(updated.updateProfile).toEqual({ country: 'PL', region: 'EASTERN_EUROPEAN', stakeholderGroup: 'GOVERNMENT', gender: 'PREFER_NOT_TO_SAY' });
      const igo = await person.client.ok<{ updateProfile: Record<string, unknown> }>(UPDATE, { input: { stakeholderGroup: 'INTERGOVERNMENTAL_ORGANISATION' } });
      expect(igo.updateProfile.region).toBe('INTERGOVERNMENTAL');
      const [event] = await t.dataSource.query(
        `SELECT summary::text AS s FROM audit_events WHERE entity_id = $1 AND action = 'user.profile_updated' ORDER BY id LIMIT 1`,
        [person.id],
      );
      expect(event.s).not.toMatch(/WOMAN|PREFER_NOT_TO_SAY/);
      expect(JSON.parse(event.s)).toMatchObject({ genderChanged: true, after: { country: 'PL' } });
      const bad = await person.client.fails(UPDATE, { input: { country: 'ZZ' } });
      expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'country' });
    });

    it('lists and searches accounts for the Secretariat only, with pagination', async () => {
      const root = await given.secretariat();
      await given.user({ displayName: 'Zelda Searchable' });
      const LIST = `query($q: String, $after: String) { users(first: 1, after: $after, filter: { search: $q }) { totalCount edges { cursor node { displayName } } pageInfo { hasNextPage endCursor } } }`;
      const found = await root.client.ok<{ users: { totalCount: number; edges: { node: { displayName: string } }[] } }>(LIST, { q: 'zelda' });
      expect(found.users.totalCount).toBe(1);
      expect(found.users.edges[0]?.node.displayName).toBe('Zelda Searchable');
      const user = await given.user();
      expect((await user.client.fails(LIST, {})).extensions?.code).toBe('FORBIDDEN');
    });
  });
});
