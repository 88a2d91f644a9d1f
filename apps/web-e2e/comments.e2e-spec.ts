import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Clock } from '@intersessional/database';
import { MailOutbox } from '@intersessional/notifications';
import { freshIp, Given, PASSWORD, type TestUser } from '../api/test/support/given';
import { type SmtpSink, startSmtpSink } from '../api/test/support/smtp-sink';
import type { TestApp } from '../api/test/support/test-app';
import { waitFor, waitForAsync } from '../api/test/support/wait';
import { collectErrors, DESKTOP, expectNoAxeViolations, launchChromium, newContext, PHONE } from './support/browser';
import { startProduct } from './support/product';

const WEB_URL = 'https://intersessional.example.org';
const SHOTS = '/work/wt/shots';
const DRAFT = [
  'Meaningful access means more than a connection: it needs affordable devices, skills and content in local languages.',
  'Governments should publish open data on broadband coverage, disaggregated by region and gender.',
  'A third paragraph that gathers a great many comments.',
  'A fourth paragraph for comments that arrive live.',
].join('\n\n');
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state trackingNumber } }`;
const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id state } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id displayName email platformRole preferredLanguage } } }`;

describe('reading and managing comments', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let browser: Browser;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let periodId: string;
  let blocks: Map<number, string>;
  const people: TestUser[] = [];

  const submit = async (user: TestUser | null, input: Record<string, unknown>) => {
    const client = user ? user.client : t.client;
    const result = await client.request<{ submitComment: { id: string; state: string; trackingNumber: string | null } }>(
      SUBMIT,
      { input: { periodId, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, ...input } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };
  const reply = async (user: TestUser, commentId: string, body: string) => {
    const result = await user.client.request<{ replyToComment: { id: string } }>(
      REPLY,
      { input: { commentId, body, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.replyToComment;
  };
  /** A browser profile signed in as `user` (the session the sign-in page would keep). */
  const signedIn = async (user: TestUser, options: Parameters<typeof newContext>[1] = {}): Promise<BrowserContext> => {
    const result = await t.client.request<{ signIn: unknown }>(SIGN_IN, { input: { email: user.email, password: PASSWORD } }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    const context = await newContext(browser, options);
    await context.addInitScript((session) => localStorage.setItem('intersessional.session', session), JSON.stringify(result.data.signIn));
    return context;
  };
  const threadUrl = (paragraph: number) => `${t.url}/comment-periods/${periodId}/threads/${blocks.get(paragraph) ?? 'document'}`;
  const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    [t, browser] = await Promise.all([startProduct({ SMTP_URL: smtp.url, WEB_URL, MAIL_POLL_INTERVAL_MS: '600000' }), launchChromium()]);
    given = new Given(t);
    bpf = await given.workstream('PN', { joinPolicy: 'OPEN' });
    const documentId = await given.document(bpf, { markdown: DRAFT });
    const period = await given.commentPeriod(bpf, { documentId, title: 'Meaningful access: draft for comment', participation: 'REGISTERED_AND_GUESTS', moderation: 'PUBLISH_AT_ONCE' });
    periodId = period.id;
    const data = await t.client.ok<{ commentPeriod: { paragraphs: { blockId: string; number: number }[] } }>(`query($id: ID!) { commentPeriod(id: $id) { paragraphs { blockId number } } }`, { id: periodId });
    blocks = new Map(data.commentPeriod.paragraphs.map((p) => [p.number, p.blockId]));
    for (const [name, group] of [
      ['Amina Diallo', 'CIVIL_SOCIETY'],
      ['Kenji Watanabe', 'TECHNICAL_COMMUNITY'],
      ['Laura Gómez', 'GOVERNMENT'],
    ] as const) {
      people.push(await given.user({ displayName: name, stakeholderGroup: group }));
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it('shows a paragraph’s comments with their passage and suggested wording, pages with “Show more”, opens replies on demand; axe clean in English and Arabic', async () => {
    const [amina, kenji, laura] = people as [TestUser, TestUser, TestUser];
    const first = await submit(amina, {
      anchor: { kind: 'RANGE', start: { paragraph: 1, offset: 0 }, end: { paragraph: 1, offset: 18 } },
      body: 'Please define meaningful access with the UN indicators.',
      suggestion: 'Meaningful access, as measured by the ITU indicators,',
    });
    for (let i = 2; i <= 24; i += 1) {
      await submit([kenji, laura][i % 2] as TestUser, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body: `Numbered remark ${i} on access.` });
    }
    await reply(kenji, first.id, 'Agreed, the ITU set is the reference.');
    await reply(laura, first.id, 'We would add the UNESCO ROAM-X indicators.');
    await reply(bpf.facilitator, first.id, 'Thank you, we will look at both.');

    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(threadUrl(1));
    await page.getByRole('heading', { level: 1, name: 'Paragraph 1' }).waitFor();
    const feed = page.getByRole('feed', { name: 'Comments on paragraph 1' });
    const article = feed.getByRole('article', { name: 'Amina Diallo' });
    await article.waitFor();
    await page.getByText('24 comments').waitFor();
    expect(await article.getByText('Suggested wording').isVisible()).toBe(true);
    expect(await article.getByText('Meaningful access, as measured by the ITU indicators,').isVisible()).toBe(true);
    expect(await article.locator('blockquote').textContent()).toBe('Meaningful access ');
    expect(await article.getByText('Civil society').isVisible()).toBe(true);
    expect(await article.locator('div[lang="en"][dir="auto"]').first().textContent()).toContain('Please define meaningful access');
    expect(await article.getAttribute('aria-posinset')).toBe('1');
    expect(await article.getAttribute('aria-setsize')).toBe('24');

    // replies on demand, through a disclosure button
    const disclosure = article.getByRole('button', { name: 'Show 3 replies' });
    expect(await disclosure.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByText('We would add the UNESCO ROAM-X indicators.').count()).toBe(0);
    await disclosure.click();
    await page.getByText('We would add the UNESCO ROAM-X indicators.').waitFor();
    expect(await article.getByRole('button', { name: 'Hide 3 replies' }).getAttribute('aria-expanded')).toBe('true');
    expect(await article.getByText('Facilitator', { exact: true }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'a paragraph thread in English');
    await shoot(page, 'thread-en-desktop');

    // the first page holds 20; "Show more" loads the rest and moves focus to the first new one
    expect(await page.getByText('Showing 20 of 24').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Show more comments' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-posinset') === '21');
    expect(await page.getByRole('button', { name: 'Show more comments' }).count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByText('Numbered remark 24 on access.').waitFor();
    expect(errors).toEqual([]);
    await context.close();

    const arabic = await newContext(browser, { locale: 'ar-EG', ...PHONE });
    const ar = await arabic.newPage();
    await ar.goto(threadUrl(1));
    await ar.getByRole('heading', { level: 1, name: 'الفقرة 1' }).waitFor();
    await ar.getByRole('article', { name: 'Amina Diallo' }).waitFor();
    expect(await ar.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expectNoAxeViolations(ar, 'a paragraph thread in Arabic');
    await shoot(ar, 'thread-ar-phone');
    await ar.getByRole('article', { name: 'Amina Diallo' }).getByRole('button', { name: /إظهار/ }).click();
    await ar.getByText('Thank you, we will look at both.').waitFor();
    await expectNoAxeViolations(ar, 'a paragraph thread in Arabic, replies open');
    await arabic.close();

    const phone = await newContext(browser, PHONE);
    const p = await phone.newPage();
    await p.goto(threadUrl(1));
    await p.getByRole('article', { name: 'Amina Diallo' }).waitFor();
    await shoot(p, 'thread-en-phone');
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await phone.close();
    const desk = await newContext(browser, { locale: 'ar-EG', ...DESKTOP });
    const d = await desk.newPage();
    await d.goto(threadUrl(1));
    await d.getByRole('article', { name: 'Amina Diallo' }).waitFor();
    await shoot(d, 'thread-ar-desktop');
    await desk.close();
  });

  it('a comment submitted while the thread is open arrives live, announced politely, without a reload', async () => {
    const [amina, kenji] = people as [TestUser, TestUser];
    await submit(amina, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 4 }, body: 'A comment that was there first.' });
    const context = await signedIn(kenji);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const subscribed = new Promise<void>((resolve) =>
      page.on('websocket', (ws) => ws.on('framesent', (frame) => String(frame.payload).includes('"subscribe"') && String(frame.payload).includes('CommentAdded') && resolve())),
    );
    await page.goto(threadUrl(4));
    await page.getByRole('article', { name: 'Amina Diallo' }).waitFor();
    await page.getByText('1 comment', { exact: true }).waitFor();
    const marker = `Arrived live ${randomBytes(3).toString('hex')}`;
    await subscribed;
    await submit(people[2] as TestUser, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 4 }, body: marker });
    await page.getByText(marker).waitFor();
    await page.getByText('2 comments', { exact: true }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '1 new comment' }).count()).toBe(1);
    // a comment on another paragraph does not join this thread
    await submit(amina, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 2 }, body: 'Elsewhere entirely.' });
    // replying: a signed-in reader while the period is open
    await page.getByRole('article', { name: 'Amina Diallo' }).getByRole('button', { name: 'Reply', exact: true }).click();
    await page.getByLabel('Your reply').fill('Replying from the browser.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Your reply was published.').waitFor();
    await page.getByText('Replying from the browser.').waitFor();
    expect(await page.getByText('Elsewhere entirely.').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a paragraph with 1,000 comments renders only a window of them, and scrolling reaches the last', async () => {
    const seed = await submit(people[0] as TestUser, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 3 }, body: 'Bulk comment number 1' });
    // 999 copies straight into the test database (through the API this would take minutes under its rate limits)
    const columns = ((await t.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'comments' AND column_name <> 'id'`)) as { column_name: string }[]).map(
      (c) => c.column_name,
    );
    const value: Record<string, string> = {
      body: `'Bulk comment number ' || g`,
      created_at: `s.created_at + g * interval '1 millisecond'`,
      updated_at: `s.created_at + g * interval '1 millisecond'`,
      client_key: 'NULL',
    };
    await t.dataSource.query(
      `INSERT INTO comments (${columns.join(', ')}) SELECT ${columns.map((c) => value[c] ?? `s.${c}`).join(', ')} FROM comments s, generate_series(2, 1000) g WHERE s.id = $1`,
      [seed.id],
    );
    await t.dataSource.query(
      `INSERT INTO comment_paragraphs (period_id, paragraph, created_at, comment_id, public)
       SELECT period_id, 3, created_at, id, true FROM comments WHERE period_id = $1 AND body LIKE 'Bulk comment number %' AND id <> $2`,
      [periodId, seed.id],
    );

    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(threadUrl(3));
    await page.getByText('1,000 comments').waitFor();
    const more = page.getByRole('button', { name: 'Show more comments' });
    while (await more.count()) {
      await more.click();
      await page.getByRole('feed').and(page.locator('[aria-busy="false"]')).waitFor();
    }
    const feed = page.getByRole('feed', { name: 'Comments on paragraph 3' });
    expect(await feed.getByRole('article').first().getAttribute('aria-setsize')).toBe('1000');
    const rendered = await feed.locator(':scope > article').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(40);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByText('Bulk comment number 1000', { exact: true }).waitFor();
    expect(await page.getByText('Bulk comment number 1000', { exact: true }).isVisible()).toBe(true);
    expect(await feed.locator(':scope > article').count()).toBeLessThan(40);
    // keyboard: Page Up moves to the previous comment, rendered on demand
    await page.getByRole('article').filter({ hasText: 'Bulk comment number 1000' }).focus();
    await page.keyboard.press('PageUp');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-posinset') === '999');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a signed-in reader reports a comment from the keyboard, with a reason; its author cannot, and the facilitators get the report', async () => {
    const [amina, kenji] = people as [TestUser, TestUser];
    const marker = `Names and home address of a colleague ${Date.now()}`;
    const reported = await submit(amina, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 2 }, body: marker });
    const page = await (await signedIn(kenji)).newPage();
    const errors = collectErrors(page);
    await page.goto(threadUrl(2));
    const article = page.getByRole('feed', { name: 'Comments on paragraph 2' }).getByRole('article').filter({ hasText: marker });
    await article.waitFor();
    const open = article.getByRole('button', { name: 'Report…' });
    await open.focus();
    await page.keyboard.press('Enter');
    const first = article.getByRole('radio', { name: 'Harassment' });
    await waitForAsync(async () => first.evaluate((el) => el === document.activeElement), 'the first reason to take focus');
    await article.getByRole('button', { name: 'Send the report' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Choose why you are reporting the comment' }).waitFor();
    await expectNoAxeViolations(page, 'the report form with its error');
    await article.scrollIntoViewIfNeeded();
    await shoot(page, 'report-form-en-desktop');
    await article.getByRole('radio', { name: 'Personal information about someone' }).check();
    await article.getByRole('textbox', { name: 'Anything the facilitators should know (optional)' }).fill('It gives a private address.');
    await article.getByRole('button', { name: 'Send the report' }).focus();
    await page.keyboard.press('Enter');
    await article.getByRole('status').filter({ hasText: 'Thank you: the facilitators will look at your report.' }).waitFor();
    await waitForAsync(async () => open.evaluate((el) => el === document.activeElement), 'focus to come back to “Report…”');

    // a second report of the same comment is not a second report
    await open.click();
    await article.getByRole('radio', { name: 'Spam or advertising' }).check();
    await article.getByRole('button', { name: 'Send the report' }).click();
    await article.getByText('You have already reported this comment; the facilitators have your report.').waitFor();

    // its author has no "Report…" on it
    const own = await (await signedIn(amina)).newPage();
    await own.goto(threadUrl(2));
    const mine = own.getByRole('feed', { name: 'Comments on paragraph 2' }).getByRole('article').filter({ hasText: marker });
    await mine.waitFor();
    expect(await mine.getByRole('button', { name: 'Report…' }).count()).toBe(0);

    const moderation = await bpf.facilitator.client.ok<{ comment: { moderation: { flags: { reason: string; count: number }[] } } }>(
      `query($id: ID!) { comment(id: $id) { moderation { flags { reason count } } } }`,
      { id: reported.id },
    );
    expect(moderation.comment.moderation.flags).toEqual([{ reason: 'PRIVACY', count: 1 }]);
    expect(errors).toEqual([]);
  });

  it('a visitor is sent to sign in; a signed-in person edits then withdraws their comment on “My comments”', async () => {
    const visitor = await newContext(browser);
    const v = await visitor.newPage();
    await v.goto(`${t.url}/my-comments`);
    await v.waitForURL(`${t.url}/sign-in?next=%2Fmy-comments`);
    await visitor.close();

    const author = await given.user({ displayName: 'Olena Kovalenko', stakeholderGroup: 'ACADEMIA' });
    const mine = await submit(author, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 2 }, body: 'Open data should include upload speeds.', suggestion: 'open data on broadband coverage and speed' });
    const context = await signedIn(author);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/my-comments`);
    await page.getByRole('heading', { level: 1, name: 'My comments' }).waitFor();
    const item = page.getByRole('article', { name: /Meaningful access: draft for comment/ });
    await item.getByText('Published').waitFor();
    expect(await item.getByText('Suggested wording').isVisible()).toBe(true);
    expect(await item.getByRole('link', { name: 'In Meaningful access: draft for comment' }).getAttribute('href')).toBe(`/comment-periods/${periodId}`);
    await expectNoAxeViolations(page, 'my comments in English');
    await shoot(page, 'my-comments-en-desktop');

    await item.getByRole('button', { name: 'Edit' }).click();
    const body = item.getByLabel('Comment', { exact: true });
    await body.fill('');
    await item.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter your comment' }).waitFor();
    await expectNoAxeViolations(page, 'my comments with an error');
    await body.fill('Open data should include upload and download speeds.');
    await item.getByLabel('Suggested wording (optional)').fill('open data on broadband coverage and speeds');
    await item.getByRole('button', { name: 'Save changes' }).click();
    await item.getByText('Your changes were saved.').waitFor();
    const read = async () =>
      (await author.client.ok<{ comment: { body: string; suggestion: string | null; withdrawnAt: string | null; editCount: number } }>(`query($id: ID!) { comment(id: $id) { body suggestion withdrawnAt editCount } }`, { id: mine.id })).comment;
    expect(await read()).toMatchObject({ body: 'Open data should include upload and download speeds.', suggestion: 'open data on broadband coverage and speeds', editCount: 1, withdrawnAt: null });

    await item.getByRole('button', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Withdraw this comment?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'the withdraw dialog');
    await shoot(page, 'my-comments-withdraw-en-desktop');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await read()).withdrawnAt).toBeNull();
    await item.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Withdraw comment' }).click();
    await item.getByText('Withdrawn', { exact: true }).waitFor();
    expect((await read()).withdrawnAt).not.toBeNull();
    expect(await item.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    const arabic = await signedIn(author, { locale: 'ar-EG', ...PHONE });
    const ar = await arabic.newPage();
    await ar.goto(`${t.url}/my-comments`);
    await ar.getByRole('heading', { level: 1, name: 'تعليقاتي' }).waitFor();
    await ar.getByText('مسحوب').first().waitFor();
    await expectNoAxeViolations(ar, 'my comments in Arabic');
    await shoot(ar, 'my-comments-ar-phone');
    await arabic.close();
  });

  it('the guest’s private page shows their comment from the link in the receipt; a bad link says it does not work', async () => {
    const email = `guest-${randomBytes(3).toString('hex')}@example.org`;
    const submitted = await submit(null, {
      anchor: { kind: 'DOCUMENT' },
      body: 'As a community network operator, I ask that the report mention spectrum for small operators.',
      guest: { name: 'Kwame Asante', email, organisation: 'Volta Community Networks', stakeholderGroup: 'CIVIL_SOCIETY', country: 'GH' },
    });
    expect(submitted.state).toBe('PENDING');
    await t.app.get(MailOutbox).flush();
    await waitFor(() => smtp.received.some((m) => m.to.includes(email) && !!m.subject?.includes('IGF-')), 'the receipt e-mail');
    const raw = (smtp.received.find((m) => m.to.includes(email) && m.subject?.includes('IGF-'))?.raw ?? '').replace(/=\r?\n/g, '');
    const token = new RegExp(`${WEB_URL}/comments/guest#([A-Za-z0-9_-]{43})`).exec(raw)?.[1];
    expect(token).toBeDefined();

    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${t.url}/comments/guest#${token}`);
    await page.getByRole('heading', { level: 1, name: 'Your comment' }).waitFor();
    await page.getByText(submitted.trackingNumber ?? 'none').waitFor();
    await page.getByText('Held for moderation').waitFor();
    await page.getByText('spectrum for small operators').waitFor();
    expect(requests.some((url) => url.includes(token ?? 'none'))).toBe(false);
    await expectNoAxeViolations(page, 'the guest page in English');
    await shoot(page, 'guest-en-desktop');

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Comment', { exact: true }).fill('Please mention spectrum for small and community operators.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes were saved', { exact: false }).waitFor();
    const read = await t.client.ok<{ guestComment: { body: string } }>(`query($token: String!) { guestComment(token: $token) { body } }`, { token });
    expect(read.guestComment.body).toBe('Please mention spectrum for small and community operators.');
    expect(errors).toEqual([]);

    await page.goto(`${t.url}/comments/guest#${randomBytes(32).toString('base64url')}`);
    await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
    await page.goto(`${t.url}/comments/guest`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
    await expectNoAxeViolations(page, 'the guest page with a bad link');
    await context.close();

    const arabic = await newContext(browser, { locale: 'ar-EG', ...PHONE });
    const ar = await arabic.newPage();
    await ar.goto(`${t.url}/comments/guest#${token}`);
    await ar.getByRole('heading', { level: 1, name: 'تعليقك' }).waitFor();
    await expectNoAxeViolations(ar, 'the guest page in Arabic');
    await shoot(ar, 'guest-ar-phone');
    await arabic.close();
  });

  it('once the synthesis is published, each comment shows its disposition and the facilitators’ answer', async () => {
    const documentId = await given.document(bpf, { markdown: DRAFT });
    const period = await given.commentPeriod(bpf, { documentId, title: 'Closed draft', openForMs: 60_000 });
    const previous = { periodId, blocks };
    periodId = period.id;
    const data = await t.client.ok<{ commentPeriod: { paragraphs: { blockId: string; number: number }[] } }>(`query($id: ID!) { commentPeriod(id: $id) { paragraphs { blockId number } } }`, { id: periodId });
    blocks = new Map(data.commentPeriod.paragraphs.map((p) => [p.number, p.blockId]));
    const comment = await submit(people[1] as TestUser, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 2 }, body: 'Add gender-disaggregated targets.' });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { answerComment(id: $id, disposition: PARTLY_ACCEPTED, response: "Targets added for two indicators.") { id } }`, { id: comment.id });
    const clock = t.app.get(Clock);
    clock.travelTo(new Date(new Date(period.closesAt).getTime() + 1000));
    try {
      await bpf.facilitator.client.ok(`mutation($id: ID!) { publishSynthesis(id: $id) { status } }`, { id: period.id });
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(threadUrl(2));
      const article = page.getByRole('article', { name: 'Kenji Watanabe' });
      await article.getByText('Outcome: Partly accepted').waitFor();
      expect(await article.getByText('Targets added for two indicators.').isVisible()).toBe(true);
      expect(await article.getByRole('button', { name: 'Reply', exact: true }).count()).toBe(0);
      await expectNoAxeViolations(page, 'a thread after the synthesis');
      await shoot(page, 'thread-synthesis-en-desktop');
      await context.close();
    } finally {
      clock.travelTo(new Date());
      ({ periodId, blocks } = previous);
    }
  });
});
