import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { PeriodScheduler } from '@intersessional/consultation';
import { Given, type TestUser, freshIp } from '../api/test/support/given';
import type { TestApp } from '../api/test/support/test-app';
import { waitForAsync } from '../api/test/support/wait';
import { DESKTOP, PHONE, collectErrors, expectNoAxeViolations, launchChromium } from './support/browser';
import { startProduct } from './support/product';
import { signedInContext } from './support/session';

// A facilitator's whole period in the browser, as issue 12 describes it: open it on the live draft,
// moderate a guest's comment, apply a suggestion that an editor in another browser sees arrive, answer
// everything, close, publish the synthesis and download the comment–response table; then the public
// reads the table too.

const P1 = 'Member states should publish national cybersecurity strategies.';
const P2 = 'Capacity building must reach small administrations.';
const DRAFT = `# Recommendations\n\n${P1}\n\n${P2}\n`;
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state } }`;
const PERIODS = `query($id: ID!) { document(id: $id) { commentPeriods(first: 5) { edges { node { id status } } } } }`;

describe('a facilitator runs a comment period from opening to the published synthesis', () => {
  let t: TestApp;
  let browser: Browser;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let amina: TestUser;
  let chen: TestUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    amina = await given.user({ displayName: 'Amina Diallo' });
    await given.member(bpf.id, amina);
    chen = await given.user({ displayName: 'Chen Wei' });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await t?.close();
  });

  async function signedIn(user: TestUser): Promise<BrowserContext> {
    const context = await signedInContext(t, browser, user, { ...DESKTOP, acceptDownloads: true });
    contexts.push(context);
    return context;
  }
  const submit = async (input: Record<string, unknown>, as?: TestUser) => {
    const result = await (as ? as.client : t.client).request<{ submitComment: { id: string; state: string } }>(SUBMIT, { input }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };
  const utcMinute = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);
  const stored = (documentId: string) => fetch(`${t.url}/documents/${documentId}/export?format=text`).then((r) => r.text());

  it('opens, moderates, applies, answers, closes, publishes and downloads', async () => {
    const documentId = await given.document(bpf, { markdown: DRAFT, title: 'BPF Cybersecurity draft', by: amina });
    const page = await (await signedIn(bpf.facilitator)).newPage();
    const errors = collectErrors(page);

    // 1. open the period on the live draft, guests welcome
    await page.goto(`${t.url}/documents/${documentId}/versions`);
    await page.getByRole('link', { name: 'Open this document to public comment' }).click();
    await page.getByRole('textbox', { name: 'Name of the new version' }).fill('Draft for public comment');
    await page.getByRole('textbox', { name: 'Title of the period' }).fill('Public comment on the cybersecurity draft');
    await page.getByRole('combobox', { name: 'Time zone of the period' }).selectOption('UTC');
    await page.getByLabel(/^Opens/).fill(utcMinute(-1));
    await page.getByLabel(/^Closes/).fill(utcMinute(7 * 24 * 60));
    await page.getByRole('button', { name: 'Schedule the period' }).click();
    await page.getByRole('heading', { level: 1, name: 'Public comment on the cybersecurity draft' }).waitFor();
    const periodId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await t.app.get(PeriodScheduler).tick(); // its opening time has passed: the scheduler opens it
    await waitForAsync(async () => {
      const edges = (await bpf.facilitator.client.ok<{ document: { commentPeriods: { edges: { node: { id: string; status: string } }[] } } }>(PERIODS, { id: documentId })).document.commentPeriods.edges;
      return edges.some((e) => e.node.id === periodId && e.node.status === 'OPEN');
    }, 'the period to open');

    // 2. the public comments: a guest (held for approval) and a registered person with a suggestion
    const base = { periodId, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true };
    const offset = P2.indexOf('small administrations');
    const guest = await submit({ ...base, body: 'Please cite the Ghana IGF findings.', anchor: { kind: 'DOCUMENT' }, guest: { name: 'Kofi Mensah', email: `kofi.${Date.now()}@example.org`, organisation: 'Ghana IGF', stakeholderGroup: 'CIVIL_SOCIETY', country: 'GH' } });
    const suggestion = await submit(
      { ...base, body: 'Name the regions too.', suggestion: 'small administrations in every region', anchor: { kind: 'RANGE', start: { paragraph: 2, offset }, end: { paragraph: 2, offset: offset + 'small administrations'.length } } },
      chen,
    );
    expect([guest.state, suggestion.state]).toEqual(['PENDING', 'PUBLISHED']);

    // 3. moderation: the guest's comment approved
    await page.goto(`${t.url}/comment-periods/${periodId}/manage`);
    await page.getByText('0 of 2 comments answered').waitFor();
    await page.getByRole('link', { name: 'Moderate the comments' }).click();
    const held = page.locator(`article[data-comment-id="${guest.id}"]`);
    await held.getByText('Held because it is from a guest.').waitFor();
    await held.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('No comment is waiting for approval.').waitFor();

    // 4. the answer board: the suggestion applied while Amina has the draft open, the guest answered
    const editor = await (await signedIn(amina)).newPage();
    await editor.goto(`${t.url}/documents/${documentId}`);
    await editor.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    await page.goto(`${t.url}/comment-periods/${periodId}/answers`);
    await page.locator('[data-board-ready="true"]').waitFor();
    const suggested = page.locator(`article[data-comment-id="${suggestion.id}"]`);
    await suggested.getByRole('button', { name: 'Apply the suggested wording…' }).click();
    await suggested.getByRole('button', { name: 'Apply to the draft' }).click();
    await editor.getByRole('textbox', { name: 'Document text' }).getByText('Capacity building must reach small administrations in every region.').waitFor();
    const guestItem = page.locator(`article[data-comment-id="${guest.id}"]`);
    await guestItem.getByRole('button', { name: 'Answer' }).click();
    await guestItem.getByRole('radio', { name: 'Partly accepted' }).check();
    await guestItem.getByRole('textbox', { name: 'Response (public)' }).fill('The Ghana IGF findings are cited in the annex.');
    await guestItem.getByRole('button', { name: 'Save the answer' }).click();
    await page.getByText('2 of 2 comments answered').waitFor();
    await waitForAsync(async () => (await stored(documentId)).includes('small administrations in every region'), 'the applied wording to be stored');

    // 5. close early, then publish: every comment is answered, so no reason is asked
    await page.goto(`${t.url}/comment-periods/${periodId}/manage`);
    const closeReason = page.getByRole('textbox', { name: 'Why is it closed early?' });
    await page.getByRole('button', { name: 'Close it now' }).click(); // no reason yet: the field says so, and has the focus
    await page.getByText('Give the reason for closing early').waitFor();
    await waitForAsync(async () => closeReason.evaluate((el) => el === document.activeElement), 'the reason field to take focus');
    await closeReason.fill('Every stakeholder group has been heard.');
    await page.getByRole('button', { name: 'Close it now' }).click();
    // it cannot be undone, so it is asked once more; "Keep it open" changes nothing
    const question = page.getByText('Closing cannot be undone', { exact: false });
    await waitForAsync(async () => question.evaluate((el) => el === document.activeElement), 'the question to take focus');
    await expectNoAxeViolations(page, 'the question before closing early');
    await page.getByRole('button', { name: 'Keep it open' }).click();
    expect(await question.count()).toBe(0);
    await page.getByRole('button', { name: 'Close it now' }).click();
    await page.getByRole('button', { name: 'Yes, close it now' }).click();
    await page.getByRole('status').filter({ hasText: 'The period is closed.' }).waitFor();
    await page.getByText('Every comment is answered.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'the period console before publication');
    await page.getByRole('button', { name: 'Publish the synthesis' }).last().click();
    await page.getByRole('status').filter({ hasText: 'The synthesis is published.' }).waitFor();
    await page.getByText('Synthesis published', { exact: true }).waitFor();

    // 6. the comment–response table, downloaded as a file
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Comment–response table (Markdown)' }).click()]);
    const table = readFileSync((await download.path()) ?? '', 'utf8');
    expect(download.suggestedFilename()).toBe('Public comment on the cybersecurity draft - responses.md');
    expect(table).toContain('Please cite the Ghana IGF findings.');
    expect(table).toContain('The Ghana IGF findings are cited in the annex.');
    expect(table).toContain('Name the regions too.');
    expect(errors).toEqual([]);

    // and the public can read it now, without signing in
    const publicTable = await fetch(`${t.url}/comment-periods/${periodId}/responses?format=markdown`);
    expect(publicTable.status).toBe(200);
    expect(await publicTable.text()).toContain('The Ghana IGF findings are cited in the annex.');
  });
});

describe('the period console', () => {
  let t: TestApp;
  let browser: Browser;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
    given = new Given(t);
    bpf = await given.workstream('BPF');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['en', 'en-GB', 'phone', PHONE],
    ['ar', 'ar-EG', 'phone', PHONE],
  ] as const)('has no axe violation in %s (%s) on a %s, with its synthesis charts', async (locale, browserLocale, size, device) => {
    const period = await given.commentPeriod(bpf, { title: 'Findings for comment' });
    const commenter = await given.user();
    const result = await commenter.client.request(SUBMIT, { input: { periodId: period.id, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, body: 'A comment.', anchor: { kind: 'DOCUMENT' } } }, { 'x-forwarded-for': freshIp() });
    expect(result.errors).toBeUndefined();
    const context = await signedInContext(t, browser, bpf.facilitator, { ...device, locale: browserLocale });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/comment-periods/${period.id}/manage`);
      await page.locator('canvas').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      await page.screenshot({ path: `/work/wt/shots/period-console-${locale}-${size}.png`, fullPage: true });
      await expectNoAxeViolations(page, `the period console in ${locale} on a ${size}`);
    } finally {
      await context.close();
    }
  });
});
