import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { MailOutbox } from '@intersessional/notifications';
import { Given, PASSWORD } from '../api/test/support/given';
import { type SmtpSink, startSmtpSink } from '../api/test/support/smtp-sink';
import type { TestApp } from '../api/test/support/test-app';
import { waitFor } from '../api/test/support/wait';
import { collectErrors, DESKTOP, expectNoAxeViolations, launchChromium, newContext, PHONE } from './support/browser';
import { startProduct } from './support/product';

const SHOTS = '/work/wt/shots';
/** Access tokens live 40 s; the web app refreshes 30 s before expiry, so a session needs its first refresh after 10 s. */
const ACCESS_TOKEN_TTL_SECONDS = 40;
const SESSION_KEY = 'intersessional.session';
const NEW_PASSWORD = 'tidal-lantern-orchard-1987';

/** The text of a message as its reader sees it (quoted-printable soft breaks and escapes undone). */
const readable = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

describe('accounts in the browser: register, sign in and out, reset a password, confirm an e-mail address, one refresh for all tabs', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let browser: Browser;
  let given: Given;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    smtp = await startSmtpSink();
    [t, browser] = await Promise.all([
      startProduct({ SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '600000', ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS), SIGN_IN_SLOWDOWN_MAX_MS: '0' }),
      launchChromium(),
    ]);
    given = new Given(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  /** The path (with its fragment) of the newest link to `page` e-mailed to `address`. */
  async function linkIn(address: string, page: 'reset-password' | 'verify-email'): Promise<string> {
    const matching = () => smtp.received.filter((m) => m.to.includes(address) && readable(m.raw).includes(`/${page}#`));
    await t.app.get(MailOutbox).flush();
    await waitFor(() => matching().length > 0, `a ${page} e-mail to ${address}`);
    const path = new RegExp(`(/${page}#[A-Za-z0-9_-]{43})`).exec(readable(matching().at(-1)?.raw ?? ''))?.[1];
    if (!path) throw new Error(`no ${page} link in the e-mail to ${address}`);
    return path;
  }

  /** Moves focus with Tab (and only Tab) until `target` has it. */
  async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }

  /** A browser profile already signed in as `email` (the session the sign-in page would store). */
  async function signedInContext(email: string, options: Parameters<typeof newContext>[1] = {}): Promise<BrowserContext> {
    const signIn = await t.client.ok<{ signIn: Record<string, unknown> }>(
      `mutation($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) {
        accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id displayName email platformRole preferredLanguage } } }`,
      { email, password: PASSWORD },
    );
    const context = await newContext(browser, options);
    await context.addInitScript(([key, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    }, [SESSION_KEY, JSON.stringify(signIn.signIn)] as const);
    return context;
  }

  it('registers with the keyboard alone, shows the name in the header, signs out, refuses a wrong password without saying which part, and signs in to `next`', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const email = `amara-${Date.now()}@example.org`;
    await page.goto(`${t.url}/register`);
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();

    // submitting the empty form lists what to do, each problem a link to its field
    const submit = page.getByRole('button', { name: 'Create account' });
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Enter your full name' }).waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Enter your full name',
      'Enter your e-mail address',
      'Enter a new password',
      'Select your stakeholder group',
      'Select your country',
    ]);
    await expectNoAxeViolations(page, 'the registration form with its errors');

    await summary.getByRole('link', { name: 'Enter your full name' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Full name').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Amara Okafor');
    await tabTo(page, page.getByLabel('E-mail address'));
    await page.keyboard.type(email);
    await tabTo(page, page.getByLabel('New password'));
    await page.keyboard.type('password123');
    await tabTo(page, page.getByRole('radio', { name: 'Government', exact: true }));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Civil society' }).isChecked()).toBe(true);
    await tabTo(page, page.getByLabel('Country'));
    await page.keyboard.type('Nigeria');
    expect(await page.getByLabel('Country').inputValue()).toBe('NG');
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    // the API's verdict on the password, beside the field
    await page.getByRole('alert').getByRole('link', { name: /too easy to guess/ }).waitFor();
    await tabTo(page, page.getByLabel('New password'), 80);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(NEW_PASSWORD);
    await tabTo(page, submit);
    await page.keyboard.press('Enter');

    const account = page.getByRole('banner').getByRole('button', { name: 'Amara Okafor' });
    await page.waitForURL(`${t.url}/`);
    await account.waitFor();
    const stored = (await t.dataSource.query(`SELECT country, stakeholder_group, preferred_language FROM users WHERE email = $1`, [email])) as unknown[];
    expect(stored).toEqual([{ country: 'NG', stakeholder_group: 'CIVIL_SOCIETY', preferred_language: 'en' }]);

    // the account menu, by keyboard
    await account.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Profile', 'My comments', 'Sign out']);
    await expectNoAxeViolations(page, 'the open account menu');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('menuitem', { name: 'Sign out' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBeNull();

    // a wrong password: one form-level error, the same for a wrong address
    await page.goto(`${t.url}/sign-in?next=${encodeURIComponent('/account')}`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('not-my-password-at-all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const wrong = page.getByRole('alert');
    await wrong.getByText('The e-mail address or password is not correct. Check them and try again.').waitFor();
    expect(await wrong.getByRole('link').count()).toBe(0);
    await expectNoAxeViolations(page, 'the sign-in form with a wrong password');

    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Amara Okafor');
    expect(await page.getByText('Not confirmed yet').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('never follows `next` off the site', async () => {
    const user = await given.user();
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.url}/sign-in?next=${encodeURIComponent('//evil.example.org/x')}`);
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${t.url}/`);
    await page.getByRole('banner').getByRole('button').waitFor();
    await context.close();
  });

  it('after sign-in, speaks the person’s preferred language unless another was chosen in this browser', async () => {
    const email = `elodie-${Date.now()}@example.org`;
    await t.client.ok(`mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`, {
      input: { email, password: PASSWORD, displayName: 'Élodie Martin', preferredLanguage: 'fr', country: 'FR', stakeholderGroup: 'ACADEMIA' },
    });
    const signIn = async (page: Page, [address, password, button]: [string, string, string]) => {
      await page.getByLabel(address, { exact: true }).fill(email);
      await page.getByLabel(password, { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByRole('banner').getByRole('button', { name: 'Élodie Martin' }).waitFor();
    };
    const fresh = await newContext(browser);
    const page = await fresh.newPage();
    await page.goto(`${t.url}/sign-in`);
    await signIn(page, ['E-mail address', 'Password', 'Sign in']);
    await page.getByRole('link', { name: 'Aller au contenu principal' }).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await fresh.close();

    const chosen = await newContext(browser);
    const other = await chosen.newPage();
    await other.goto(`${t.url}/sign-in`);
    await other.getByLabel('Language').selectOption('es');
    await other.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await signIn(other, ['Dirección de correo electrónico', 'Contraseña', 'Iniciar sesión']);
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('es');
    await chosen.close();
  });

  it('tells a person whose sign-ins are locked out to wait', async () => {
    const user = await given.user();
    // ten wrong passwords from this address (the API's lockout per address and e-mail)
    for (let i = 0; i < 10; i += 1) await t.client.fails(`mutation($e: String!) { signIn(input: { email: $e, password: "wrong-password-0" }) { accessToken } }`, { e: user.email });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.url}/sign-in`);
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText(/^Too many attempts\. Wait \d+ minutes? and try again\.$/).waitFor();
    await context.close();
  });

  it('resets a forgotten password from the e-mailed link, then signs in with it', async () => {
    const user = await given.user({ displayName: 'Lin Wei' });
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your e-mail' }).waitFor();

    const link = await linkIn(user.email, 'reset-password');
    await page.goto(`${t.url}${link}`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    // the secret leaves the address bar at once
    expect(new URL(page.url()).hash).toBe('');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password has been reset' }).waitFor();
    // the old session is over
    expect((await user.client.fails(`{ me { id } }`)).extensions?.code).toBe('UNAUTHENTICATED');

    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByRole('button', { name: 'Lin Wei' }).waitFor();

    // the link worked once
    await page.goto(`${t.url}${link}`);
    await page.getByLabel('New password').fill('another-fine-passphrase-55');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('confirms an e-mail address from the link sent at registration, and says so', async () => {
    const user = await given.user();
    const link = await linkIn(user.email, 'verify-email');
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.url}${link}`);
    await page.getByRole('heading', { level: 1, name: 'Your e-mail address is confirmed' }).waitFor();
    expect(await user.client.ok(`{ me { emailVerified } }`)).toEqual({ me: { emailVerified: true } });
    // opened again (a new load, as from the e-mail)
    await page.goto(`${t.url}/`);
    await page.goto(`${t.url}${link}`);
    await page.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
    await context.close();
  });

  it('refreshes an expiring session once for all open tabs, unnoticed; signing out in one tab signs out the other', async () => {
    const user = await given.user({ displayName: 'Sofía Duarte' });
    const context = await newContext(browser);
    const refreshes: string[] = [];
    context.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST' && (request.postData() ?? '').includes('refreshSession')) refreshes.push(request.url());
    });
    const first = await context.newPage();
    await first.goto(`${t.url}/sign-in`);
    await first.getByLabel('E-mail address').fill(user.email);
    await first.getByLabel('Password').fill(PASSWORD);
    await first.getByRole('button', { name: 'Sign in', exact: true }).click();
    const second = await context.newPage();
    await second.goto(`${t.url}/`);
    for (const page of [first, second]) await page.getByRole('banner').getByRole('button', { name: 'Sofía Duarte' }).waitFor();
    expect(refreshes).toEqual([]);

    // the access token reaches the refresh margin (a wait for the token's own clock, not a fixed sleep)
    await first.waitForFunction(
      (key) => {
        const session = JSON.parse(localStorage.getItem(key) ?? 'null') as { accessTokenExpiresAt: string } | null;
        return !!session && Date.parse(session.accessTokenExpiresAt) - 30_000 <= Date.now();
      },
      SESSION_KEY,
      { timeout: (ACCESS_TOKEN_TTL_SECONDS + 5) * 1000, polling: 200 },
    );
    // both tabs ask for the profile at once
    const openProfile = async (page: Page) => {
      await page.getByRole('banner').getByRole('button', { name: 'Sofía Duarte' }).click();
      await page.getByRole('menuitem', { name: 'Profile' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      expect(await page.getByLabel('Full name').inputValue()).toBe('Sofía Duarte');
    };
    await Promise.all([openProfile(first), openProfile(second)]);
    expect(refreshes).toHaveLength(1);
    const chain = (await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE r.used_at IS NOT NULL) AS used, count(*) AS issued, bool_or(s.revoked_at IS NOT NULL) AS revoked
         FROM refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id JOIN users u ON u.id = s.user_id WHERE u.email = $1`,
      [user.email],
    )) as { used: string; issued: string; revoked: boolean }[];
    // given.user's own session (never refreshed) and the browser's: one token spent, its successor issued, none revoked
    expect(chain[0]).toEqual({ used: '1', issued: '3', revoked: false });

    // signing out in the second tab signs out the first
    await second.getByRole('banner').getByRole('button', { name: 'Sofía Duarte' }).click();
    await second.getByRole('menuitem', { name: 'Sign out' }).click();
    await second.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    await first.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    expect(refreshes).toHaveLength(1);
    await context.close();
  });

  const EN = { form: 'Sign in', register: 'Create an account', forgot: 'Reset your password', reset: 'Choose a new password', invalid: 'This link is not valid', account: 'Your account' };
  const AR = { form: 'تسجيل الدخول', register: 'إنشاء حساب', forgot: 'إعادة تعيين كلمة المرور', reset: 'اختيار كلمة مرور جديدة', invalid: 'هذا الرابط غير صالح', account: 'حسابكم' };
  // English on both sizes, Arabic on a phone (where the right-to-left layout is tightest): the Arabic
  // desktop run cost CI most of a minute and never found what the phone run did not
  describe.each([
    ['en', 'en-GB', EN, 'desktop', DESKTOP],
    ['en', 'en-GB', EN, 'phone', PHONE],
    ['ar', 'ar-EG', AR, 'phone', PHONE],
  ] as const)('every account page in %s (%s): axe clean, screenshots', (lang, browserLocale, headings, size, device) => {
    it(`on a ${size}`, async () => {
      const user = await given.user({ displayName: lang === 'ar' ? 'ليلى حداد' : 'Leila Haddad' });
      const pages: [string, string, string][] = [
        ['sign-in', '/sign-in', headings.form],
        ['register', '/register', headings.register],
        ['forgot-password', '/forgot-password', headings.forgot],
        ['reset-password', `/reset-password#${'x'.repeat(43)}`, headings.reset],
        ['verify-email', '/verify-email', headings.invalid],
      ];
      const visitor = await newContext(browser, { ...device, locale: browserLocale });
      const page = await visitor.newPage();
      const errors = collectErrors(page);
      for (const [name, path, heading] of pages) {
        await page.goto(`${t.url}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        await expectNoAxeViolations(page, `${path} in ${lang} on a ${size}`);
        await page.screenshot({ path: `${SHOTS}/account-${name}-${lang}-${size}.png`, fullPage: true });
      }
      // the registration form with its errors
      await page.goto(`${t.url}/register`);
      await page.getByRole('button', { name: lang === 'ar' ? 'إنشاء الحساب' : 'Create account' }).click();
      await page.getByRole('alert').getByRole('link').first().waitFor();
      await expectNoAxeViolations(page, `the registration errors in ${lang} on a ${size}`);
      await page.screenshot({ path: `${SHOTS}/account-register-errors-${lang}-${size}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await visitor.close();

      const member = await signedInContext(user.email, { ...device, locale: browserLocale });
      const own = await member.newPage();
      await own.goto(`${t.url}/account`);
      await own.getByRole('heading', { level: 1, name: headings.account }).waitFor();
      await expectNoAxeViolations(own, `/account in ${lang} on a ${size}`);
      await own.screenshot({ path: `${SHOTS}/account-profile-${lang}-${size}.png`, fullPage: true });
      await own.getByRole('banner').getByRole('button', { name: lang === 'ar' ? 'ليلى حداد' : 'Leila Haddad' }).click();
      await own.getByRole('menu').waitFor();
      await expectNoAxeViolations(own, `the account menu in ${lang} on a ${size}`);
      await own.screenshot({ path: `${SHOTS}/account-menu-${lang}-${size}.png` });
      await member.close();
    });
  });
});
