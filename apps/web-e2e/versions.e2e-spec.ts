import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { openEditor } from '../api/test/support/editors';
import { freshIp, Given, PASSWORD, type TestUser } from '../api/test/support/given';
import type { TestApp } from '../api/test/support/test-app';
import { waitForAsync } from '../api/test/support/wait';
import { collectErrors, DESKTOP, expectNoAxeViolations, launchChromium, newContext, PHONE } from './support/browser';
import { startProduct } from './support/product';

const SHOTS = '/work/wt/shots';

const SIGN_IN = `mutation($input: SignInInput!) {
  signIn(input: $input) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id displayName email platformRole preferredLanguage } }
}`;

describe('document versions, comparison, downloads and Markdown import', () => {
  let t: TestApp;
  let browser: Browser;
  let given: Given;
  let ws: { id: string; slug: string; facilitator: TestUser };
  let member: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
    given = new Given(t);
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN', name: 'BPF Cybersecurity' });
    member = await given.user({ displayName: 'Amina Diallo' });
    await given.member(ws.id, member);
    outsider = await given.user({ displayName: 'Olga Petrova' });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A browser profile signed in as `user`: the API's signIn payload seeded where the session store keeps it. */
  async function signedIn(user: TestUser, options: BrowserContextOptions & { locale?: string } = {}): Promise<BrowserContext> {
    const result = await t.client.request<{ signIn: unknown }>(SIGN_IN, { input: { email: user.email, password: PASSWORD } }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
    const context = await newContext(browser, options);
    await context.addInitScript((session) => localStorage.setItem('intersessional.session', session), JSON.stringify(result.data.signIn));
    return context;
  }

  async function exported(documentId: string, format = 'markdown'): Promise<string> {
    const response = await fetch(`${t.url}/documents/${documentId}/export?format=${format}`, { headers: { authorization: `Bearer ${member.token}` } });
    expect(response.status).toBe(200);
    return response.text();
  }

  async function versionsOf(documentId: string) {
    return (
      await member.client.ok<{ document: { versions: { id: string; number: number; label: string; markdown: string }[] } }>(
        `query($id: ID!) { document(id: $id) { versions { id number label markdown } } }`,
        { id: documentId },
      )
    ).document.versions;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  it('a facilitator freezes two versions, compares them word by word, restores the first and downloads the draft', async () => {
    const documentId = await given.document(ws, {
      title: 'Cybersecurity draft report',
      visibility: 'MEMBERS',
      markdown: '# Findings\n\nThe forum met twice during the year.\n\nIt agreed on a plan.',
    });
    const context = await signedIn(ws.facilitator);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/documents/${documentId}/versions`);
    await page.getByRole('heading', { level: 1, name: 'Versions of Cybersecurity draft report' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'No versions' }).waitFor();

    // validated on submit: the error summary links to the field
    await page.getByRole('button', { name: 'Freeze version' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter a name for the version' }).click();
    expect(await page.getByLabel('Name of the version').evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByLabel('Name of the version').fill('Draft I');
    await page.getByRole('button', { name: 'Freeze version' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1, “Draft I”, has been frozen.' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Version 1: Draft I' }).waitFor();
    expect(await page.getByText(`Frozen by ${'Person'}`, { exact: false }).count()).toBeGreaterThan(0);

    // a member edits the draft with a stock y-websocket client: "twice" becomes "three times online"
    const editor = await openEditor(t.url, member, documentId);
    const paragraph = editor.doc.getXmlFragment('default').get(1) as unknown as { get(i: number): { delete(at: number, n: number): void; insert(at: number, text: string): void } };
    editor.doc.transact(() => {
      const text = paragraph.get(0);
      text.delete('The forum met '.length, 'twice'.length);
      text.insert('The forum met '.length, 'three times online');
    });
    await waitForAsync(async () => (await exported(documentId)).includes('three times online'), 'the edit to reach the server');
    editor.close();

    await page.getByLabel('Name of the version').fill('Draft II');
    await page.getByRole('button', { name: 'Freeze version' }).click();
    await page.getByRole('heading', { level: 3, name: 'Version 2: Draft II' }).waitFor();
    const headings = await page.getByRole('heading', { level: 3 }).allTextContents();
    expect(headings).toEqual(['Version 2: Draft II', 'Version 1: Draft I']);
    await expectNoAxeViolations(page, 'the versions page');
    await shot(page, 'versions-en-desktop');

    // compare the two: the edited paragraph is CHANGED, its new words inserted and its old ones deleted
    await page.getByRole('link', { name: 'Compare the two latest versions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare versions of Cybersecurity draft report' }).waitFor();
    expect(await page.getByLabel('Earlier version').inputValue()).toBe((await versionsOf(documentId))[0]!.id);
    const rows = page.getByRole('list', { name: 'Differences, paragraph by paragraph' }).getByRole('listitem');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    const changed = rows.filter({ has: page.getByText('Changed', { exact: true }) });
    expect(await changed.count()).toBe(1);
    expect(await changed.locator('ins').allTextContents()).toEqual([expect.stringContaining('three times online')]);
    expect(await changed.locator('del').allTextContents()).toEqual([expect.stringContaining('twice')]);
    expect(await changed.locator('ins').textContent()).not.toContain('The forum met');
    expect(await rows.filter({ has: page.getByText('Unchanged', { exact: true }) }).count()).toBe(2);
    await page.getByText('1 paragraph changed, 0 added, 0 removed, 2 unchanged.').waitFor();
    await expectNoAxeViolations(page, 'the comparison');
    await shot(page, 'compare-en-desktop');

    // choosing the same version twice is refused with a message
    await page.getByLabel('Later version').selectOption({ label: 'Version 1: Draft I' });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Choose two different versions' }).waitFor();

    // restore the first version, through the confirmation dialog
    await page.goto(`${t.url}/documents/${documentId}/versions`);
    await page.getByRole('button', { name: 'Restore “Draft I”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore “Draft I”?' });
    await dialog.getByText('restoring is saved as a new edit').waitFor();
    await expectNoAxeViolations(page, 'the restore dialog');
    await shot(page, 'restore-dialog-en-desktop');
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 1, “Draft I”, has been restored as the current draft.' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    const [first] = await versionsOf(documentId);
    expect(await exported(documentId)).toBe(first!.markdown);
    expect(first!.markdown).toContain('twice');

    // the current draft's Markdown, fetched with the member's token, is the API's export
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the current draft as Markdown (.md)' }).click()]);
    expect(download.suggestedFilename()).toBe('Cybersecurity draft report.md');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(await exported(documentId));
    const [text] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the current draft as Plain text with paragraph numbers (.txt)' }).click()]);
    expect(readFileSync((await text.path())!, 'utf8')).toBe(await exported(documentId, 'text'));

    // a version's Markdown is the version's own
    const [second] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download “Draft II” as Markdown (.md)' }).click()]);
    expect(readFileSync((await second.path())!, 'utf8')).toBe((await versionsOf(documentId))[1]!.markdown);

    // a version on its own page
    await page.getByRole('link', { name: 'View “Draft II”' }).click();
    await page.getByRole('heading', { level: 1, name: 'Version 2: Draft II' }).waitFor();
    await page.getByRole('article').getByText('The forum met three times online during the year.').waitFor();
    await expectNoAxeViolations(page, 'a version');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a member imports a Markdown file into a new document of the workstream and lands on it', async () => {
    const context = await signedIn(member);
    const page = await context.newPage();
    await page.goto(`${t.url}/documents/new?workstream=${ws.slug}`);
    await page.getByRole('heading', { level: 1, name: 'New document from a Markdown file' }).waitFor();
    await page.getByRole('button', { name: 'Create the document' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Enter a title for the document' }).waitFor();
    await summary.getByRole('link', { name: 'Choose a Markdown file' }).waitFor();
    await expectNoAxeViolations(page, 'the import form with errors');
    await shot(page, 'import-en-desktop');

    const markdown = '# Work plan\n\nWe meet monthly.\n\n| Month | Topic |\n| --- | --- |\n| May | Scope |\n';
    await page.getByLabel('Title').fill('Work plan 2026');
    await page.getByLabel('Markdown file').setInputFiles({ name: 'plan.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
    await page.getByRole('button', { name: 'Create the document' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    const documentId = new URL(page.url()).pathname.split('/').pop()!;
    const created = await member.client.ok<{ document: { title: string; kind: string; workstreamId: string } }>(`query($id: ID!) { document(id: $id) { title kind workstreamId } }`, { id: documentId });
    expect(created.document).toEqual({ title: 'Work plan 2026', kind: 'DRAFT_OUTPUT', workstreamId: ws.id });
    const content = await exported(documentId);
    expect(content).toContain('# Work plan');
    expect(content).toContain('We meet monthly.');
    expect(content).toMatch(/\| May +\| Scope +\|/);
    await context.close();
  });

  it('refuses freezing to a non-member and to a plain member with a clear message, and says so when a role is lost meanwhile', async () => {
    const documentId = await given.document(ws, { title: 'Public draft', visibility: 'PUBLIC' });
    for (const user of [outsider, member]) {
      const context = await signedIn(user);
      const page = await context.newPage();
      await page.goto(`${t.url}/documents/${documentId}/versions`);
      await page.getByText('Only the facilitators and lead experts of this workstream can freeze and restore versions.').waitFor();
      expect(await page.getByRole('button', { name: 'Freeze version' }).count()).toBe(0);
      await context.close();
    }

    // a visitor is told to sign in, and downloads the public draft through the plain link (no token needed)
    const visitor = await newContext(browser);
    const anonymous = await visitor.newPage();
    await anonymous.goto(`${t.url}/documents/${documentId}/versions`);
    await anonymous.getByText('as a facilitator or lead expert of this workstream to freeze or restore versions.').waitFor();
    expect(await anonymous.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
    const [file] = await Promise.all([anonymous.waitForEvent('download'), anonymous.getByRole('link', { name: 'Download the current draft as Markdown (.md)' }).click()]);
    expect(readFileSync((await file.path())!, 'utf8')).toBe(await exported(documentId));
    await visitor.close();

    // a lead expert opens the page, then is made a plain member before pressing the button: the API refuses
    const expert = await given.user({ displayName: 'Li Wei' });
    const membershipId = await given.addMember(ws.id, expert, ws.facilitator, 'LEAD_EXPERT');
    const context = await signedIn(expert);
    const page = await context.newPage();
    await page.goto(`${t.url}/documents/${documentId}/versions`);
    await page.getByLabel('Name of the version').fill('Draft I');
    await ws.facilitator.client.ok(`mutation($id: ID!) { setMemberRole(membershipId: $id, role: MEMBER) { id } }`, { id: membershipId });
    await page.getByRole('button', { name: 'Freeze version' }).click();
    await page.getByRole('alert').getByText('You cannot freeze versions of this document. Only the facilitators and lead experts of its workstream can; ask one of them.').waitFor();
    expect(await versionsOf(documentId)).toEqual([]);
    await context.close();
  });

  describe('in Arabic and English, on a phone and a desktop', () => {
    let documentId: string;
    let v1: string;
    let v2: string;

    beforeAll(async () => {
      documentId = await given.document(ws, {
        title: 'مسودة التقرير',
        visibility: 'MEMBERS',
        markdown: '# النتائج\n\nاجتمع المنتدى مرتين خلال العام.\n\nواتفق على خطة.',
      });
      const freeze = `mutation($id: ID!, $label: String!) { freezeVersion(documentId: $id, label: $label) { id } }`;
      v1 = (await ws.facilitator.client.ok<{ freezeVersion: { id: string } }>(freeze, { id: documentId, label: 'المسودة الأولى' })).freezeVersion.id;
      await member.client.ok(`mutation($id: ID!, $md: String!) { importDocumentMarkdown(id: $id, markdown: $md) { id } }`, { id: documentId, md: 'فقرة جديدة.' });
      v2 = (await ws.facilitator.client.ok<{ freezeVersion: { id: string } }>(freeze, { id: documentId, label: 'المسودة الثانية' })).freezeVersion.id;
    });

    // English on a desktop is checked by the flows above
    it.each([
      ['ar', 'phone'],
      ['ar', 'desktop'],
      ['en', 'phone'],
    ] as const)('lays every page out in %s on a %s (right to left in Arabic), without axe violations', async (locale, size) => {
      const context = await signedIn(ws.facilitator, { ...(size === 'phone' ? PHONE : DESKTOP), locale: locale === 'ar' ? 'ar-EG' : 'en-GB' });
      const page = await context.newPage();
      const errors = collectErrors(page);
      const pages = [
        ['versions', `/documents/${documentId}/versions`],
        ['compare', `/documents/${documentId}/versions/compare?from=${v1}&to=${v2}`],
        ['version', `/documents/${documentId}/versions/${v1}`],
        ['import', `/documents/new?workstream=${ws.id}`],
      ] as const;
      for (const [name, path] of pages) {
        await page.goto(`${t.url}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        if (name === 'compare') await page.getByRole('listitem').filter({ has: page.locator('ins') }).first().waitFor();
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([locale, locale === 'ar' ? 'rtl' : 'ltr']);
        // nothing wider than the screen on a phone
        if (size === 'phone') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await expectNoAxeViolations(page, `the ${name} page in ${locale} on a ${size}`);
        await shot(page, `${name}-${locale}-${size}`);
      }
      await page.goto(`${t.url}/documents/${documentId}/versions`);
      await page.getByRole('heading', { level: 3 }).first().waitFor();
      await page.getByRole('button', { name: /المسودة الأولى/ }).filter({ hasText: locale === 'ar' ? 'استعادة' : 'Restore' }).click();
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page, `the restore dialog in ${locale} on a ${size}`);
      await shot(page, `restore-dialog-${locale}-${size}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  });
});
