import { Clock } from '@intersessional/database';
import { MailOutbox } from '@intersessional/notifications';
import { freshIp, Given, PASSWORD, type TestUser } from './support/given';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait';

const WEB_URL = 'https://intersessional.example.org';
const NEW_PASSWORD = 'a-fresh-passphrase-for-2026';
const REQUEST_RESET = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation($token: String!, $password: String!) { resetPassword(input: { token: $token, newPassword: $password }) }`;
const REQUEST_VERIFICATION = `mutation { requestEmailVerification }`;
const VERIFY = `mutation($token: String!) { verifyEmail(token: $token) { id emailVerified } }`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { accessToken user { id } } }`;
const REFRESH = `mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken } }`;
const ME = `{ me { id emailVerified } }`;
const ADDRESS_CEILING = 12;

/** The text of a message as its reader sees it (quoted-printable soft breaks and escapes undone). */
const readable = (raw: string) =>
  Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`).replace(/%(?![0-9A-F]{2})/g, '%25'), 'utf8').toString('utf8');

describe('password reset and e-mail verification by single-use links', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let given: Given;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // no background polling: the outbox is flushed by the specs (a commit still wakes it at once)
    t = await startTestApp({ SMTP_URL: smtp.url, WEB_URL, MAIL_POLL_INTERVAL_MS: '600000', ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR: String(ADDRESS_CEILING) });
    given = new Given(t);
  }, 180_000);
  afterEach(() => t.app.get(Clock).travelTo(new Date()));
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const send = (query: string, variables: Record<string, unknown> = {}, ip = freshIp(), token?: string) =>
    t.client.as(token).request<Record<string, unknown>>(query, variables, { 'x-forwarded-for': ip });
  const mailsTo = (address: string, subject: RegExp) => smtp.received.filter((m) => m.to.includes(address) && subject.test(m.subject ?? ''));
  /** The secret of the newest `page` link e-mailed to `address` (waits for the outbox). */
  const linkTo = async (address: string, page: 'reset-password' | 'verify-email', count = 1) => {
    await t.app.get(MailOutbox).flush();
    const subject = page === 'reset-password' ? /password/i : /e-mail address/i;
    await waitFor(() => mailsTo(address, subject).length >= count, `${count} ${page} e-mail(s) to ${address}`);
    const text = readable(mailsTo(address, subject).at(-1)?.raw ?? '');
    const token = new RegExp(`${WEB_URL}/${page}#([A-Za-z0-9_-]{43})`).exec(text)?.[1];
    if (!token) throw new Error(`no ${page} link in:\n${text}`);
    return token;
  };

  describe('password reset', () => {
    it('answers the same for an unknown address, and e-mails a link only to an account', async () => {
      const user = await given.user();
      const known = await send(REQUEST_RESET, { email: user.email.toUpperCase() });
      const unknown = await send(REQUEST_RESET, { email: 'nobody-here@example.org' });
      expect(known.data).toEqual({ requestPasswordReset: true });
      expect({ status: unknown.status, data: unknown.data, errors: unknown.errors }).toEqual({ status: known.status, data: known.data, errors: known.errors });
      await linkTo(user.email, 'reset-password');
      expect(smtp.received.some((m) => m.to.includes('nobody-here@example.org'))).toBe(false);
      const stored = (await t.dataSource.query(`SELECT count(*) AS n FROM account_links WHERE purpose = 'PASSWORD_RESET' AND user_id = $1`, [user.id])) as { n: string }[];
      expect(Number(stored[0]?.n)).toBe(1);
    });

    it('sets the new password with the link, once; ends every session; the old password stops working', async () => {
      const user = await given.user();
      const other = await t.client.ok<{ signIn: { accessToken: string } }>(SIGN_IN, { email: user.email, password: PASSWORD });
      await send(REQUEST_RESET, { email: user.email });
      const token = await linkTo(user.email, 'reset-password');
      // only a hash is stored: the secret is nowhere in the database
      const rows = (await t.dataSource.query(`SELECT encode(token_hash, 'hex') AS h FROM account_links WHERE user_id = $1`, [user.id])) as { h: string }[];
      expect(rows.some((r) => r.h.includes(Buffer.from(token).toString('hex')))).toBe(false);

      expect((await send(RESET, { token, password: NEW_PASSWORD })).data).toEqual({ resetPassword: true });
      // every session ended: access tokens and refresh tokens alike
      expect((await user.client.fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.as(other.signIn.accessToken).fails(ME)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.fails(REFRESH, { token: user.refreshToken })).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.fails(SIGN_IN, { email: user.email, password: PASSWORD })).extensions?.code).toBe('INVALID_CREDENTIALS');
      const signedIn = await t.client.ok<{ signIn: { accessToken: string } }>(SIGN_IN, { email: user.email, password: NEW_PASSWORD });
      // the link proved the address is the person's
      expect(await t.client.as(signedIn.signIn.accessToken).ok(ME)).toEqual({ me: { id: user.id, emailVerified: true } });

      const again = await send(RESET, { token, password: 'yet-another-passphrase-77' });
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'LINK_USED', field: 'token' });
      const audit = (await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'user.password_reset'`, [user.id])) as unknown[];
      expect(audit).toHaveLength(1);
      // the sent message keeps no usable link
      const sent = (await t.dataSource.query(`SELECT text_body FROM mail_outbox WHERE to_address = $1 AND text_body LIKE '%reset-password%'`, [user.email])) as { text_body: string }[];
      expect(sent[0]?.text_body).toContain(`${WEB_URL}/reset-password#[secret removed]`);
    });

    it('refuses an expired link (after 1 hour), an unknown one, and keeps the link when the new password is too weak', async () => {
      const user = await given.user();
      await send(REQUEST_RESET, { email: user.email });
      const token = await linkTo(user.email, 'reset-password');
      const weak = await send(RESET, { token, password: 'password123' });
      expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      const unknown = await send(RESET, { token: 'A'.repeat(43), password: NEW_PASSWORD });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'LINK_INVALID', field: 'token' });
      const garbled = await send(RESET, { token: 'not a token', password: NEW_PASSWORD });
      expect(garbled.errors?.[0]?.extensions).toMatchObject({ code: 'LINK_INVALID', field: 'token' });

      t.app.get(Clock).travelTo(new Date(Date.now() + 61 * 60 * 1000));
      const late = await send(RESET, { token, password: NEW_PASSWORD });
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'LINK_EXPIRED', field: 'token' });
      t.app.get(Clock).travelTo(new Date());
      expect((await t.client.ok<{ signIn: { user: { id: string } } }>(SIGN_IN, { email: user.email, password: PASSWORD })).signIn.user.id).toBe(user.id);
    });

    it('a newer link spends the older ones', async () => {
      const user = await given.user();
      await send(REQUEST_RESET, { email: user.email });
      const first = await linkTo(user.email, 'reset-password', 1);
      await send(REQUEST_RESET, { email: user.email });
      const second = await linkTo(user.email, 'reset-password', 2);
      expect(second).not.toBe(first);
      await send(RESET, { token: second, password: NEW_PASSWORD });
      expect((await send(RESET, { token: first, password: 'yet-another-passphrase-77' })).errors?.[0]?.extensions?.code).toBe('LINK_USED');
    });

    it('is rate-limited per address asked for (known or not, the same) and per client address', async () => {
      const user = await given.user();
      for (const email of [user.email, 'unknown-flood@example.org']) {
        const codes: (string | undefined)[] = [];
        for (let i = 0; i < 6; i += 1) codes.push((await send(REQUEST_RESET, { email })).errors?.[0]?.extensions?.code as string | undefined);
        expect(codes).toEqual([undefined, undefined, undefined, undefined, undefined, 'RATE_LIMITED']);
      }
      const ip = freshIp();
      const codes: (string | undefined)[] = [];
      for (let i = 0; i <= ADDRESS_CEILING; i += 1) codes.push((await send(REQUEST_RESET, { email: `room-${i}@example.org` }, ip)).errors?.[0]?.extensions?.code as string | undefined);
      expect(codes.at(-1)).toBe('RATE_LIMITED');
      expect(codes.slice(0, -1).every((c) => c === undefined)).toBe(true);
    });
  });

  describe('e-mail verification', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await given.user();
    });

    it('e-mails a link at registration; opening it (signed out) verifies the address, once', async () => {
      expect(await user.client.ok(ME)).toEqual({ me: { id: user.id, emailVerified: false } });
      const token = await linkTo(user.email, 'verify-email');
      const verified = await send(VERIFY, { token });
      // anonymous: the answer does not show the account's own fields
      expect(verified.data).toEqual({ verifyEmail: { id: user.id, emailVerified: null } });
      expect(await user.client.ok(ME)).toEqual({ me: { id: user.id, emailVerified: true } });
      expect((await send(VERIFY, { token })).errors?.[0]?.extensions).toMatchObject({ code: 'LINK_USED', field: 'token' });
      // nothing more to send
      expect(await user.client.ok(REQUEST_VERIFICATION)).toEqual({ requestEmailVerification: false });
    });

    it('shows the status to the person and the Secretariat only', async () => {
      const stranger = await given.user();
      const root = await given.secretariat();
      const query = `query($id: ID!) { user(id: $id) { emailVerified } }`;
      expect(await stranger.client.ok(query, { id: user.id })).toEqual({ user: { emailVerified: null } });
      expect(await root.client.ok(query, { id: user.id })).toEqual({ user: { emailVerified: true } });
    });

    it('sends a new link on request; links expire after 48 hours; the request is rate-limited per account', async () => {
      const person = await given.user();
      await linkTo(person.email, 'verify-email', 1);
      expect((await send(REQUEST_VERIFICATION, {}, freshIp(), person.token)).data).toEqual({ requestEmailVerification: true });
      const token = await linkTo(person.email, 'verify-email', 2);
      t.app.get(Clock).travelTo(new Date(Date.now() + 49 * 60 * 60 * 1000));
      expect((await send(VERIFY, { token })).errors?.[0]?.extensions).toMatchObject({ code: 'LINK_EXPIRED', field: 'token' });
      t.app.get(Clock).travelTo(new Date());
      expect((await send(VERIFY, { token: 'B'.repeat(43) })).errors?.[0]?.extensions).toMatchObject({ code: 'LINK_INVALID', field: 'token' });
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 5; i += 1) codes.push((await send(REQUEST_VERIFICATION, {}, freshIp(), person.token)).errors?.[0]?.extensions?.code as string | undefined);
      expect(codes).toEqual([undefined, undefined, undefined, undefined, 'RATE_LIMITED']);
      expect((await t.client.fails(REQUEST_VERIFICATION)).extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
