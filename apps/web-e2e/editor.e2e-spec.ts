import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Given, PASSWORD, type TestUser, freshIp } from '../api/test/support/given';
import type { TestApp } from '../api/test/support/test-app';
import { waitForAsync } from '../api/test/support/wait';
import { DESKTOP, PHONE, collectErrors, expectNoAxeViolations, launchChromium, newContext } from './support/browser';
import { startProduct } from './support/product';

const SHOTS = '/work/wt/shots';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) {
  accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
  user { id displayName email platformRole preferredLanguage }
} }`;

interface Paragraph {
  number: number;
  blockId: string | null;
  text: string;
  type: string;
}

describe('the co-drafting editor', () => {
  let t: TestApp;
  let browser: Browser;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let amina: TestUser;
  let bruno: TestUser;
  let olga: TestUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
    given = new Given(t);
    ws = await given.workstream('PN', { joinPolicy: 'OPEN' });
    amina = await given.user({ displayName: 'Amina Diallo' });
    bruno = await given.user({ displayName: 'Bruno Costa' });
    olga = await given.user({ displayName: 'Olga Petrova' });
    await given.member(ws.id, amina);
    await given.member(ws.id, bruno);
    await given.addMember(ws.id, olga, ws.facilitator, 'OBSERVER');
  }, 180_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The access token of the last browser session made by `signedIn`. */
  let lastAccessToken = '';

  /** A browser profile signed in as `user` (the session store's localStorage entry, from a real signIn). */
  async function signedIn(user: TestUser, options: Parameters<typeof newContext>[1] = {}): Promise<BrowserContext> {
    const result = await t.client.request<{ signIn: Record<string, unknown> }>(SIGN_IN, { input: { email: user.email, password: PASSWORD } }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(`signIn failed: ${JSON.stringify(result.errors)}`);
    lastAccessToken = String(result.data.signIn.accessToken);
    const context = await newContext(browser, options);
    await context.addInitScript((session) => localStorage.setItem('intersessional.session', session), JSON.stringify(result.data.signIn));
    contexts.push(context);
    return context;
  }

  const newDocument = (markdown: string, visibility: 'PUBLIC' | 'MEMBERS' = 'MEMBERS') => given.document(ws, { markdown, visibility, title: 'Best practices on meaningful access' });

  const freeze = async (documentId: string, label: string): Promise<Paragraph[]> =>
    (
      await ws.facilitator.client.ok<{ freezeVersion: { paragraphs: Paragraph[] } }>(
        `mutation($id: ID!, $label: String!) { freezeVersion(documentId: $id, label: $label) { paragraphs { number blockId text type } } }`,
        { id: documentId, label },
      )
    ).freezeVersion.paragraphs;

  const exported = (documentId: string) =>
    fetch(`${t.url}/documents/${documentId}/export?format=markdown`, { headers: { authorization: `Bearer ${amina.token}` } }).then((r) => r.text());

  /** Everything ever stored for the document: its log's size and newest id, and its snapshot (compaction moves, never adds). */
  const stored = async (documentId: string) =>
    (
      await t.dataSource.query<unknown[]>(
        `SELECT (SELECT count(*) FROM document_updates WHERE document_id = $1)::int AS updates,
                (SELECT max(id) FROM document_updates WHERE document_id = $1)::text AS newest,
                (SELECT last_update_id FROM document_snapshots WHERE document_id = $1)::text AS compacted`,
        [documentId],
      )
    )[0];

  const text = (page: Page) => page.getByRole('textbox', { name: /^(Document text|نص الوثيقة)$/ });
  const paragraphs = (page: Page) => text(page).locator('p');
  /** The paragraphs' text as the person reads it (others' carets and name labels are widgets inside the text, left out). */
  const texts = (page: Page) =>
    paragraphs(page).evaluateAll((ps) =>
      ps.map((p) => {
        const copy = p.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
        return copy.textContent ?? '';
      }),
    );

  async function open(page: Page, documentId: string): Promise<void> {
    await page.goto(`${t.url}/documents/${documentId}`);
    await page.getByRole('heading', { level: 1, name: 'Best practices on meaningful access' }).waitFor();
    await text(page).waitFor();
  }

  it('lets two members type into the same paragraph at once: both converge, the server stores it, carets and names show, block ids survive, and opening writes nothing', async () => {
    const documentId = await newDocument('First paragraph.\n\nSecond paragraph.');
    const before = await freeze(documentId, 'Before');
    expect(before.map((p) => p.text)).toEqual(['First paragraph.', 'Second paragraph.']);
    expect(before.every((p) => p.blockId)).toBe(true);
    const untouched = await stored(documentId);

    const a = await (await signedIn(amina)).newPage();
    const b = await (await signedIn(bruno)).newPage();
    const errors = [...collectErrors(a), ...collectErrors(b)];
    await Promise.all([open(a, documentId), open(b, documentId)]);
    for (const page of [a, b]) {
      await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
      await paragraphs(page).first().filter({ hasText: 'First paragraph.' }).waitFor();
      expect(await page.getByRole('toolbar', { name: 'Formatting' }).count()).toBe(1);
      expect(await text(page).getAttribute('dir')).toBe('auto');
      expect(await text(page).getAttribute('lang')).toBe('en');
    }
    // who is here, as text
    await a.getByRole('region', { name: /Here now/ }).getByText('Bruno Costa').waitFor();
    await b.getByRole('region', { name: /Here now/ }).getByText('Amina Diallo').waitFor();
    await a.getByRole('region', { name: 'Here now: 2 people' }).waitFor();
    // the live editors hold the ids the server gave, and opening both wrote nothing
    expect(await paragraphs(a).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-block-id')))).toEqual(before.map((p) => p.blockId));
    expect(await stored(documentId)).toEqual(untouched);

    // both put their cursor in the first paragraph: each sees the other's caret with the name
    await paragraphs(a).first().click();
    await a.keyboard.press('End');
    await paragraphs(b).first().click();
    await b.keyboard.press('Home');
    await a.locator('.collaboration-carets__label', { hasText: 'Bruno Costa' }).waitFor();
    await b.locator('.collaboration-carets__label', { hasText: 'Amina Diallo' }).waitFor();

    await Promise.all([a.keyboard.type(' Amina adds this.', { delay: 25 }), b.keyboard.type('Bruno starts here. ', { delay: 25 })]);
    const expected = 'Bruno starts here. First paragraph. Amina adds this.';
    for (const page of [a, b]) {
      await waitForAsync(async () => (await texts(page))[0] === expected, 'both to see what both typed').catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify([await texts(a), await texts(b)])}`);
      });
      await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    }
    expect(await texts(a)).toEqual(await texts(b));
    await a.screenshot({ path: `${SHOTS}/editor-two-members-en-desktop.png` });
    await waitForAsync(async () => (await exported(documentId)) === `${expected}\n\nSecond paragraph.\n`, 'the export to hold what both typed');

    // Amina splits the second paragraph after "Second ": the second half gets its own id, in both editors
    await paragraphs(a).nth(1).click();
    await a.keyboard.press('Home');
    const beforeCaret = () =>
      a.evaluate(() => {
        const selection = window.getSelection();
        const block = selection?.anchorNode?.parentElement?.closest('p');
        if (!selection?.rangeCount || !block) return null;
        const range = document.createRange();
        range.setStart(block, 0);
        range.setEnd(selection.anchorNode!, selection.anchorOffset);
        return range.toString();
      });
    await waitForAsync(async () => (await beforeCaret()) === '', 'the caret at the start of the paragraph');
    for (let i = 0; i < 'Second '.length; i += 1) await a.keyboard.press('ArrowRight');
    await waitForAsync(async () => (await beforeCaret()) === 'Second ', 'the caret after "Second "').catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await beforeCaret())}`);
    });
    // ProseMirror takes the DOM selection from a selectionchange event, which a busy machine delivers
    // later: Enter must not split where the editor's own selection still was
    const editorBeforeCaret = () =>
      a.evaluate(() => {
        type Pm = { editor?: { state: { selection: { $from: { parentOffset: number; parent: { textBetween(from: number, to: number): string } } } } } };
        const $from = (document.querySelector('.ProseMirror') as unknown as Pm | null)?.editor?.state.selection.$from;
        return $from ? $from.parent.textBetween(0, $from.parentOffset) : null;
      });
    await waitForAsync(async () => (await editorBeforeCaret()) === 'Second ', "the editor's own selection after \"Second \"").catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await editorBeforeCaret())}`);
    });
    await a.keyboard.press('Enter');
    for (const page of [a, b]) {
      await waitForAsync(async () => (await texts(page)).join('|') === `${expected}|Second |paragraph.`, 'the split in both editors').catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify([await texts(a), await texts(b)])}`);
      });
    }
    const live = await paragraphs(b).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-block-id')));
    expect(new Set(live).size).toBe(3);
    expect(live.every(Boolean)).toBe(true);

    await waitForAsync(async () => (await exported(documentId)).endsWith('\n\nparagraph.\n'), 'the split to be stored');
    const after = await freeze(documentId, 'After');
    expect(after.map((p) => p.text)).toEqual([expected, 'Second ', 'paragraph.']);
    expect(after[0].blockId).toBe(before[0].blockId);
    expect(after[1].blockId).toBe(before[1].blockId);
    expect(after[2].blockId).toBeTruthy();
    expect(after[2].blockId).not.toBe(before[1].blockId);
    expect(after.map((p) => p.blockId)).toEqual(live);
    expect(errors).toEqual([]);
  });

  it('keeps what is typed while the server is away, says so, and merges it when the server returns', async () => {
    const documentId = await newDocument('Before the outage.');
    const page = await (await signedIn(amina)).newPage();
    await open(page, documentId);
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await paragraphs(page).first().click();
    await page.keyboard.press('End');

    const restarting = t.restart(); // closes every socket with 1001, as a deploy does
    await page.getByRole('status').filter({ hasText: 'Offline. Keep writing' }).waitFor();
    await page.keyboard.type(' Typed while offline.');
    t = await restarting;
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 30_000 });
    await waitForAsync(async () => (await exported(documentId)) === 'Before the outage. Typed while offline.\n', 'the offline edit to be stored');
  });

  it('tells a person whose session ended elsewhere that their changes can no longer be saved, and stops editing', async () => {
    const documentId = await newDocument('Text before signing out.');
    const page = await (await signedIn(amina)).newPage();
    await open(page, documentId);
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    // signed out from another device: the server closes the socket (4401) and the sign-in cannot be renewed
    await t.client.as(lastAccessToken).ok(`mutation { signOut }`);
    await page.getByRole('status').filter({ hasText: 'Your session has ended, so your changes can no longer be saved.' }).waitFor();
    expect(await text(page).getAttribute('contenteditable')).toBe('false');
    expect(await page.getByRole('toolbar').count()).toBe(0);
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
  });

  it('writes nothing into a document just by opening it, even an empty one', async () => {
    const documentId = await given.document(ws, { markdown: '', title: 'Best practices on meaningful access' });
    const untouched = await stored(documentId);
    const page = await (await signedIn(amina)).newPage();
    await open(page, documentId);
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await page.getByRole('region', { name: 'Here now: 1 person' }).waitFor();
    await page.reload();
    await open(page, documentId);
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    expect(await stored(documentId)).toEqual(untouched);
    expect(await exported(documentId)).toBe('\n');
  });

  it('shows an observer the draft read-only, says why, and what they type changes nothing', async () => {
    const documentId = await newDocument('Agreed text of the draft.');
    const untouched = await stored(documentId);
    const page = await (await signedIn(olga)).newPage();
    const errors = collectErrors(page);
    await open(page, documentId);
    await paragraphs(page).first().filter({ hasText: 'Agreed text of the draft.' }).waitFor();
    await page.getByText('You are an observer of this workstream: you can read the draft but not edit it.').waitFor();
    expect(await page.getByRole('toolbar').count()).toBe(0);
    expect(await text(page).getAttribute('contenteditable')).toBe('false');
    expect(await text(page).getAttribute('aria-readonly')).toBe('true');
    await paragraphs(page).first().click();
    await page.keyboard.type('Observer was here');
    await page.keyboard.press('Enter');
    expect(await texts(page)).toEqual(['Agreed text of the draft.']);
    expect(await stored(documentId)).toEqual(untouched);
    expect(await exported(documentId)).toBe('Agreed text of the draft.\n');
    await page.screenshot({ path: `${SHOTS}/editor-observer-en-desktop.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows a signed-out visitor a public draft read-only, with a way to sign in', async () => {
    const documentId = await newDocument('A public draft, open to everyone.', 'PUBLIC');
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await open(page, documentId);
    await paragraphs(page).first().filter({ hasText: 'A public draft, open to everyone.' }).waitFor();
    await page.getByText('You are not signed in.', { exact: false }).waitFor();
    expect(await page.getByRole('toolbar').count()).toBe(0);
    expect(await text(page).getAttribute('contenteditable')).toBe('false');
    await expectNoAxeViolations(page, 'a public draft for a signed-out visitor');
  });

  it('offers a keyboard-operable toolbar of only what the schema has, and a link dialog that checks the address', async () => {
    const documentId = await newDocument('Make this bold.');
    const page = await (await signedIn(amina)).newPage();
    await open(page, documentId);
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    const names = await toolbar.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    expect(names).toEqual(['Bold', 'Italic', 'Heading', 'Subheading', 'Bulleted list', 'Numbered list', 'Quotation', 'Link', 'Insert a table']);

    // select the paragraph, then reach Bold with the keyboard and press it
    await paragraphs(page).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await toolbar.getByRole('button', { name: 'Bold' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Italic');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    expect(await toolbar.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('true');
    await waitForAsync(async () => (await exported(documentId)) === '**Make this bold.**\n', 'bold to be stored');

    await toolbar.getByRole('button', { name: 'Link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link' });
    await dialog.getByLabel('Web address').fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Apply the link' }).click();
    await dialog.getByText('Enter a web address that starts with https://', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'the link dialog with an error');
    await dialog.getByLabel('Web address').fill('https://www.intgovforum.org/');
    await dialog.getByRole('button', { name: 'Apply the link' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitForAsync(async () => (await exported(documentId)) === '[**Make this bold.**](https://www.intgovforum.org/)\n', 'the link to be stored');
  });

  it.each([
    ['en', 'en-GB', 'desktop', DESKTOP],
    ['en', 'en-GB', 'phone', PHONE],
    ['ar', 'ar-EG', 'desktop', DESKTOP],
    ['ar', 'ar-EG', 'phone', PHONE],
  ] as const)('has no axe violation in %s on a %s (%s)', async (locale, browserLocale, size, device) => {
    const documentId = await newDocument('## Key findings\n\nMeaningful access needs **affordable** connectivity.\n\n- Community networks\n- Public access points\n\n> Quoted from the session.');
    const context = await signedIn(amina, { ...device, locale: browserLocale });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await open(page, documentId);
    await page.getByRole('status').filter({ hasText: locale === 'en' ? 'All changes saved' : 'حُفظت جميع التغييرات' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await expectNoAxeViolations(page, `the editor in ${locale} on a ${size}`);
    await page.screenshot({ path: `${SHOTS}/editor-${locale}-${size}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
