import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Given, type TestUser, freshIp } from '../api/test/support/given';
import type { TestApp } from '../api/test/support/test-app';
import { waitForAsync } from '../api/test/support/wait';
import { PHONE, collectErrors, expectNoAxeViolations, launchChromium, newContext } from './support/browser';
import { startProduct } from './support/product';
import { signedInContext } from './support/session';

// The moderation queue as a facilitator works through it: a guest's comment waits with the reason it is
// held, a reported comment shows why people reported it (and is hidden, or kept when the reports are
// unfounded), and each is dealt with from the keyboard.

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state } }`;
const FLAG = `mutation($id: ID!) { flagComment(id: $id, reason: SPAM) { id } }`;
const FLAG_AS = `mutation($id: ID!, $reason: FlagReason!) { flagComment(id: $id, reason: $reason) { id } }`;
const REPORTS = `query($id: ID!) { commentPeriod(id: $id) { comments(flagged: true, first: 50) { totalCount } } }`;
const STATE = `query($id: ID!) { comment(id: $id) { state hidden moderation { hiddenReason } } }`;

describe('the moderation queue', () => {
  let t: TestApp;
  let browser: Browser;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
    given = new Given(t);
    bpf = await given.workstream('BPF');
  }, 180_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(user: TestUser, options: Parameters<typeof newContext>[1] = {}): Promise<BrowserContext> {
    const context = await signedInContext(t, browser, user, options);
    contexts.push(context);
    return context;
  }

  const submit = async (input: Record<string, unknown>, as?: TestUser) => {
    const client = as ? as.client : t.client;
    const result = await client.request<{ submitComment: { id: string; state: string } }>(SUBMIT, { input }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };

  /** A period open to guests: two guests' comments waiting, one registered comment published and reported as spam. */
  async function periodWithQueue() {
    const period = await given.commentPeriod(bpf, { title: 'Findings for comment', participation: 'REGISTERED_AND_GUESTS' });
    const base = { periodId: period.id, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, anchor: { kind: 'DOCUMENT' } };
    const guest = (name: string) => ({ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.org`, stakeholderGroup: 'CIVIL_SOCIETY', organisation: 'Ghana IGF', country: 'GH' });
    const first = await submit({ ...base, body: 'Please include the Ghana IGF findings.', guest: guest('Kofi Mensah') });
    const second = await submit({ ...base, body: 'Buy cheap watches now.', guest: guest('Spam Bot') });
    const author = await given.user({ displayName: 'Lena Weber' });
    const published = await submit({ ...base, body: 'Visit my shop for great deals.' }, author);
    const reporter = await given.user();
    await reporter.client.request(FLAG, { id: published.id }, { 'x-forwarded-for': freshIp() });
    expect([first.state, second.state, published.state]).toEqual(['PENDING', 'PENDING', 'PUBLISHED']);
    return { periodId: period.id, first: first.id, second: second.id, published: published.id };
  }

  const state = async (id: string) => (await bpf.facilitator.client.ok<{ comment: { state: string; hidden: boolean; moderation: { hiddenReason: string | null } } }>(STATE, { id })).comment;
  const item = (page: Page, id: string) => page.locator(`article[data-comment-id="${id}"]`);
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-comment-id'));

  it('approves and rejects guests’ comments from the keyboard, and hides a reported one with its reason', async () => {
    const { periodId, first, second, published } = await periodWithQueue();
    const page = await (await signedIn(bpf.facilitator)).newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/comment-periods/${periodId}`);
    await page.getByRole('link', { name: 'Moderate the comments' }).click();
    await page.getByRole('tab', { name: 'Waiting for approval (2)' }).waitFor();
    await item(page, first).getByText('Held because it is from a guest.').waitFor();
    await expectNoAxeViolations(page, 'the moderation queue in English');

    // A approves the focused comment; focus moves on to the next one
    await item(page, first).focus();
    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Comment by Kofi Mensah approved.' }).waitFor();
    await waitForAsync(async () => (await focused(page)) === second, 'focus to move to the next comment');
    expect((await state(first)).state).toBe('PUBLISHED');

    // R asks for the reason, which the record keeps; without one it says so
    await page.keyboard.press('r');
    const reason = item(page, second).getByRole('textbox', { name: 'Why is it rejected?' });
    await waitForAsync(async () => (await reason.evaluate((el) => el === document.activeElement)), 'the reason field to take focus');
    await item(page, second).getByRole('button', { name: 'Reject the comment' }).click();
    await item(page, second).getByText('Give the reason: it is kept in the record').first().waitFor();
    await reason.fill('Advertising.');
    await item(page, second).getByRole('button', { name: 'Reject the comment' }).click();
    await page.getByRole('status').filter({ hasText: 'Comment by Spam Bot rejected.' }).waitFor();
    await page.getByText('No comment is waiting for approval.').waitFor();
    expect((await state(second)).state).toBe('REJECTED');

    // the reported comment, with why it was reported
    await page.getByRole('tab', { name: 'Reported (1)' }).click();
    expect(new URL(page.url()).searchParams.get('view')).toBe('reported');
    await item(page, published).getByText('Reported once: spam (1)').waitFor();
    await item(page, published).getByRole('button', { name: 'Hide…' }).click();
    await item(page, published).getByRole('textbox', { name: 'Why is it hidden?' }).fill('Advertising, reported as spam.');
    await item(page, published).getByRole('button', { name: 'Hide the comment' }).click();
    await page.getByRole('tab', { name: 'Hidden (1)' }).click();
    await item(page, published).getByText('Hidden: Advertising, reported as spam.').waitFor();
    expect(await state(published)).toEqual({ state: 'PUBLISHED', hidden: true, moderation: { hiddenReason: 'Advertising, reported as spam.' } });

    // and back: made public again, with a reason
    await item(page, published).getByRole('button', { name: 'Make public again…' }).click();
    await item(page, published).getByRole('textbox', { name: 'Why is it public again?' }).fill('Reviewed: a link to a relevant resource.');
    await item(page, published).getByRole('button', { name: 'Make it public again' }).click();
    await page.getByText('No comment is hidden.').waitFor();
    expect((await state(published)).hidden).toBe(false);
    expect(errors).toEqual([]);
  });

  it('keeps reported comments from the keyboard: the reports are dismissed, each leaves the Reported view and the count drops', async () => {
    const period = await given.commentPeriod(bpf, { title: 'Findings for comment' });
    const base = { periodId: period.id, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, anchor: { kind: 'DOCUMENT' } };
    const sharp = await submit({ ...base, body: 'This chapter is a whitewash: the African submissions were ignored.' }, await given.user({ displayName: 'Amina Diallo' }));
    const plain = await submit({ ...base, body: 'Paragraph 12 repeats paragraph 4.' }, await given.user({ displayName: 'Carlos Pérez' }));
    const reporter = await given.user();
    await reporter.client.ok(FLAG_AS, { id: sharp.id, reason: 'PERSONAL_ATTACK' });
    await reporter.client.ok(FLAG_AS, { id: plain.id, reason: 'OFF_TOPIC' });

    const page = await (await signedIn(bpf.facilitator)).newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/comment-periods/${period.id}/moderation?view=reported`);
    await page.getByRole('tab', { name: 'Reported (2)', selected: true }).waitFor();
    await item(page, sharp.id).getByText('Reported once: personal attack (1)').waitFor();
    await page.getByText('On a comment: K keeps it public and dismisses the reports').waitFor();

    // K asks for a reason, which may be left out; Tab and Enter keep the comment, focus moves on
    await item(page, sharp.id).focus();
    await page.keyboard.press('k');
    const reason = item(page, sharp.id).getByRole('textbox', { name: 'Why is it kept? (optional)' });
    await waitForAsync(async () => reason.evaluate((el) => el === document.activeElement), 'the reason field to take focus');
    await expectNoAxeViolations(page, 'the reported view, keeping a comment');
    await page.keyboard.type('Sharp criticism of the process, not a personal attack.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Comment by Amina Diallo kept; its reports are dismissed.' }).waitFor();
    await page.getByRole('tab', { name: 'Reported (1)' }).waitFor();
    await waitForAsync(async () => (await focused(page)) === plain.id, 'focus to move to the next comment');
    expect(await item(page, sharp.id).count()).toBe(0);

    // without a reason: K, Tab, Enter
    await page.keyboard.press('k');
    await waitForAsync(async () => item(page, plain.id).getByRole('textbox').evaluate((el) => el === document.activeElement), 'the reason field to take focus');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Comment by Carlos Pérez kept; its reports are dismissed.' }).waitFor();
    await page.getByText('No public comment has been reported.').waitFor();
    await page.getByRole('tab', { name: 'Reported (0)' }).waitFor();
    await expectNoAxeViolations(page, 'the reported view, emptied');

    // still public, the reports dismissed for the record
    expect((await bpf.facilitator.client.ok<{ commentPeriod: { comments: { totalCount: number } } }>(REPORTS, { id: period.id })).commentPeriod.comments.totalCount).toBe(0);
    expect(await state(sharp.id)).toEqual({ state: 'PUBLISHED', hidden: false, moderation: { hiddenReason: null } });
    const dismissed = (await t.dataSource.query(`SELECT dismissal_reason FROM comment_flags WHERE comment_id = ANY($1) AND dismissed_at IS NOT NULL ORDER BY dismissal_reason`, [
      [sharp.id, plain.id],
    ])) as { dismissal_reason: string | null }[];
    expect(dismissed).toEqual([{ dismissal_reason: 'Sharp criticism of the process, not a personal attack.' }, { dismissal_reason: null }]);
    expect(errors).toEqual([]);
  });

  it('tells a member who does not facilitate that the queue is not theirs', async () => {
    const { periodId } = await periodWithQueue();
    const member = await given.user();
    const page = await (await signedIn(member)).newPage();
    await page.goto(`${t.url}/comment-periods/${periodId}/moderation`);
    await page.getByText('Only the facilitators and lead experts of this workstream, and the Secretariat, moderate the comments of a period.').waitFor();
    expect(await page.locator('article[data-comment-id]').count()).toBe(0);
  });

  it.each([
    ['en', 'en-GB', 'phone', PHONE],
    ['ar', 'ar-EG', 'phone', PHONE],
  ] as const)('has no axe violation in %s (%s) on a %s', async (locale, browserLocale, size, device) => {
    const { periodId, second, published } = await periodWithQueue();
    const page = await (await signedIn(bpf.facilitator, { ...device, locale: browserLocale })).newPage();
    await page.goto(`${t.url}/comment-periods/${periodId}/moderation`);
    await item(page, second).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await item(page, second).getByRole('button').last().click(); // reject: the reason form open
    await page.screenshot({ path: `/work/wt/shots/moderation-${locale}-${size}.png`, fullPage: true });
    await expectNoAxeViolations(page, `the moderation queue in ${locale} on a ${size}`);

    // the reported view, with the form that keeps a comment open
    await page.goto(`${t.url}/comment-periods/${periodId}/moderation?view=reported`);
    await item(page, published).getByRole('button').first().click(); // keep: the optional reason form open
    await item(page, published).getByRole('textbox').waitFor();
    await page.screenshot({ path: `/work/wt/shots/moderation-reported-${locale}-${size}.png`, fullPage: true });
    await expectNoAxeViolations(page, `the reported view in ${locale} on a ${size}`);
  });
});
