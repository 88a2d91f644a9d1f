import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EventBus } from '@intersessional/events';
import { notificationTopic } from '@intersessional/notifications';
import { Given, type TestUser, freshIp } from '../api/test/support/given';
import type { TestApp } from '../api/test/support/test-app';
import { waitFor } from '../api/test/support/wait';
import { PHONE, collectErrors, expectNoAxeViolations, launchChromium, newContext } from './support/browser';
import { startProduct } from './support/product';
import { signedInContext } from './support/session';

// The notification centre as a commenter meets it: the bell in the header counts what is unread and
// changes the moment a facilitator answers (graphql-ws), the list says what happened, opening one marks
// it read and lands on the page it names.

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`;
const ANSWER = `mutation($id: ID!) { answerComment(id: $id, disposition: ACCEPTED, response: "Taken into the next version.") { id } }`;

describe('the notification centre', () => {
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

  /** A commenter with one comment on a fresh period, not yet answered. */
  async function commenterWithComment() {
    const commenter = await given.user({ displayName: 'Chen Wei' });
    const period = await given.commentPeriod(bpf, { title: 'Findings for comment' });
    const input = { periodId: period.id, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, body: 'Please add regional data.', anchor: { kind: 'DOCUMENT' } };
    const result = await commenter.client.request<{ submitComment: { id: string } }>(SUBMIT, { input }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return { commenter, periodId: period.id, commentId: result.data.submitComment.id };
  }

  const bell = (page: Page, name: string | RegExp) => page.getByRole('banner').getByRole('link', { name });

  it('counts a new answer live in the header, lists it, and marks it read on opening it', async () => {
    const { commenter, periodId, commentId } = await commenterWithComment();
    const page = await (await signedIn(commenter)).newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/`);
    await bell(page, 'Notifications').waitFor();
    // the header's subscription is live on the server before anything happens
    await waitFor(() => t.app.get(EventBus).listening(notificationTopic(commenter.id)), 'the bell to subscribe');

    await bpf.facilitator.client.ok(ANSWER, { id: commentId });
    await bell(page, 'Notifications, 1 unread').waitFor();
    await page.getByRole('status').filter({ hasText: 'New notification: Your comment on Findings for comment was answered' }).waitFor();

    await bell(page, 'Notifications, 1 unread').click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const item = page.locator('li[data-notification-id]').first();
    await item.getByText('New', { exact: true }).waitFor();
    await item.getByText('accepted: Taken into the next version.').waitFor();
    await expectNoAxeViolations(page, 'the notification centre in English');

    await item.getByRole('link', { name: 'Your comment on Findings for comment was answered' }).click();
    await page.waitForURL((url) => url.pathname.startsWith(`/comment-periods/${periodId}`));
    await bell(page, 'Notifications').waitFor();
    expect(errors).toEqual([]);
  });

  it('marks everything read at once, and shows only the unread when asked', async () => {
    const { commenter, commentId } = await commenterWithComment();
    await bpf.facilitator.client.ok(ANSWER, { id: commentId });
    const page = await (await signedIn(commenter)).newPage();
    await page.goto(`${t.url}/notifications`);
    await page.getByText('1 unread', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText('Nothing unread', { exact: true }).waitFor();
    await bell(page, 'Notifications').waitFor();
    await page.getByRole('checkbox', { name: 'Show only unread notifications' }).check();
    await page.getByText('Nothing unread.', { exact: true }).waitFor();
  });

  it.each([
    ['en', 'en-GB', 'phone', PHONE],
    ['ar', 'ar-EG', 'phone', PHONE],
  ] as const)('has no axe violation in %s (%s) on a %s', async (locale, browserLocale, size, device) => {
    const { commenter, commentId } = await commenterWithComment();
    await bpf.facilitator.client.ok(ANSWER, { id: commentId });
    const page = await (await signedIn(commenter, { ...device, locale: browserLocale })).newPage();
    await page.goto(`${t.url}/notifications`);
    await page.locator('li[data-notification-id]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await page.screenshot({ path: `/work/wt/shots/notifications-${locale}-${size}.png`, fullPage: true });
    await expectNoAxeViolations(page, `the notification centre in ${locale} on a ${size}`);
  });
});
