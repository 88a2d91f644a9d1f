import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { freshIp, Given, PASSWORD, type TestUser } from '../api/test/support/given';
import type { TestApp } from '../api/test/support/test-app';
import { collectErrors, expectNoAxeViolations, launchChromium, newContext, PHONE } from './support/browser';
import { startProduct } from './support/product';

const SHOTS = '/work/wt/shots';
const MARKDOWN = [
  '# Introduction',
  'Member states should publish national cybersecurity strategies after consulting civil society.',
  'Capacity building must reach small administrations, not only the largest ones.',
  '## Recommendations',
  'Every norm should come with a voluntary, common reporting format that others can compare.',
].join('\n\n');

interface StoredComment {
  id: string;
  body: string;
  suggestion: string | null;
  trackingNumber: string | null;
  language: string;
  anchor: { kind: string; startBlockId: string | null; endBlockId: string | null; startOffset: number | null; endOffset: number | null; startParagraph: number | null; quote: { exact: string } | null } | null;
  commenter: { name: string; guest: boolean; organisation: string | null; speakingFor: string };
}
const COMMENTS = `query($id: ID!, $state: CommentState) { commentPeriod(id: $id) { comments(first: 50, state: $state) { edges { node {
  id body suggestion trackingNumber language
  anchor { kind startBlockId endBlockId startOffset endOffset startParagraph quote { exact } }
  commenter { name guest organisation speakingFor }
} } } } }`;

describe('the public comment page of a comment period', () => {
  let t: TestApp;
  let browser: Browser;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let guestPeriod: string;
  let registeredPeriod: string;
  let paragraphs: { number: number; blockId: string; text: string }[];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
    given = new Given(t);
    bpf = await given.workstream('BPF');
    const documentId = await given.document(bpf, { markdown: MARKDOWN, title: 'BPF Cybersecurity draft' });
    guestPeriod = (await given.commentPeriod(bpf, { documentId, title: 'Public comment on the cybersecurity draft', participation: 'REGISTERED_AND_GUESTS', moderation: 'PRE_MODERATION' })).id;
    registeredPeriod = (await given.commentPeriod(bpf, { documentId, title: 'Members-first comment round', participation: 'REGISTERED', freezeVersionLabel: 'v2' })).id;
    const read = await t.client.ok<{ commentPeriod: { paragraphs: { number: number; blockId: string; text: string }[] } }>(`query($id: ID!) { commentPeriod(id: $id) { paragraphs { number blockId text } } }`, {
      id: guestPeriod,
    });
    paragraphs = read.commentPeriod.paragraphs;
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const comments = async (periodId: string, state?: string) =>
    (await bpf.facilitator.client.ok<{ commentPeriod: { comments: { edges: { node: StoredComment }[] } } }>(COMMENTS, { id: periodId, state })).commentPeriod.comments.edges.map((e) => e.node);
  const ready = (page: Page) => page.locator('[data-bench="comment-ready"]').waitFor();

  /** Drags the mouse across `exact` inside paragraph `number`, from its first character to its last. */
  async function dragSelect(page: Page, number: number, exact: string) {
    const paragraph = paragraphs.find((p) => p.number === number);
    if (!paragraph) throw new Error(`no paragraph ${number}`);
    const start = paragraph.text.indexOf(exact);
    const boxes = await page.evaluate(
      ({ blockId, from, to }) => {
        const span = document.querySelector(`[data-block-id="${blockId}"]`);
        const text = span?.firstChild;
        if (!text) throw new Error('no paragraph text');
        const box = (offset: number) => {
          const range = document.createRange();
          range.setStart(text, offset);
          range.setEnd(text, offset + 1);
          const r = range.getBoundingClientRect();
          return { left: r.left, right: r.right, y: r.top + r.height / 2 };
        };
        return { first: box(from), last: box(to - 1) };
      },
      { blockId: paragraph.blockId, from: start, to: start + exact.length },
    );
    await page.mouse.move(boxes.first.left + 1, boxes.first.y);
    await page.mouse.down();
    await page.mouse.move((boxes.first.left + boxes.last.right) / 2, boxes.last.y, { steps: 4 });
    await page.mouse.move(boxes.last.right - 1, boxes.last.y, { steps: 4 });
    await page.mouse.up();
  }

  /** Presses Tab until the focused control is named `name` (by its label or its text): the keyboard's way there. */
  async function tabTo(page: Page, name: string | RegExp) {
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> };
        return (el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
      });
      if (typeof name === 'string' ? label.startsWith(name) : name.test(label)) return;
    }
    throw new Error(`Tab never reached ${String(name)}`);
  }

  it('a guest selects a passage with the mouse, fills the short form and gets a receipt; the API holds the comment on that passage', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/comment-periods/${guestPeriod}`);
    await ready(page);
    await page.getByRole('heading', { level: 1, name: 'Public comment on the cybersecurity draft' }).waitFor();
    await page.getByText(/Closes in \d+ days/).waitFor();

    const passage = 'national cybersecurity strategies';
    await dragSelect(page, 1, passage);
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(passage);
    await page.getByRole('button', { name: 'Comment on this passage' }).click();
    await page.getByRole('radio', { name: /The passage you selected/ }).waitFor();
    expect(await page.getByRole('radio', { name: /The passage you selected/ }).isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/consultation-form-en-desktop.png`, fullPage: true });

    await page.getByLabel('Comment', { exact: true }).fill('Say which strategies: national ones often leave regional networks out.');
    await page.getByLabel('Proposed new wording (optional)').fill('national and regional cybersecurity strategies');
    await page.getByRole('radio', { name: 'For my organisation' }).check();
    await page.getByLabel('Full name').fill('Kofi Mensah');
    await page.getByLabel('E-mail address').fill('kofi@example.org');
    await page.getByLabel('Organisation', { exact: true }).fill('Ghana IGF');
    await page.getByLabel('Stakeholder group', { exact: true }).selectOption('CIVIL_SOCIETY');
    await page.getByRole('radio', { name: /Yes, publish it/ }).check();
    await page.getByRole('button', { name: 'Send comment' }).click();

    await page.getByRole('heading', { name: 'Thank you: your comment was received' }).waitFor();
    const tracking = (await page.locator('strong', { hasText: /^IGF-/ }).textContent()) ?? '';
    expect(tracking).toMatch(/^IGF-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    await page.getByText('We have sent a receipt to kofi@example.org').waitFor();
    await page.screenshot({ path: `${SHOTS}/consultation-receipt-en-desktop.png`, fullPage: true });

    const [stored] = (await comments(guestPeriod, 'PENDING')).filter((c) => c.trackingNumber === tracking);
    const first = paragraphs.find((p) => p.number === 1);
    expect(stored).toMatchObject({
      body: 'Say which strategies: national ones often leave regional networks out.',
      suggestion: 'national and regional cybersecurity strategies',
      language: 'en',
      commenter: { name: 'Kofi Mensah', guest: true, organisation: 'Ghana IGF', speakingFor: 'ORGANISATION' },
      anchor: { kind: 'RANGE', startBlockId: first?.blockId, endBlockId: first?.blockId, startParagraph: 1, quote: { exact: passage } },
    });
    expect(stored?.anchor?.startOffset).toBe(first?.text.indexOf(passage));
    // the draft was cleared once sent
    expect(await page.evaluate((id) => JSON.parse(sessionStorage.getItem(`intersessional.comment-draft.${id}`) ?? '{}').body, guestPeriod)).toBe('');
    // approved, it is counted in the margin of its paragraph (the later specs see the count)
    await bpf.facilitator.client.ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: stored?.id });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a registered commenter comments on part of a paragraph with the keyboard only, with a suggestion', async () => {
    const commenter = await given.user({ displayName: 'Olena Petrenko' });
    const signIn = await t.client.request<{ signIn: Record<string, unknown> }>(
      `mutation($input: SignInInput!) { signIn(input: $input) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id displayName email platformRole preferredLanguage } } }`,
      { input: { email: commenter.email, password: PASSWORD } },
      { 'x-forwarded-for': freshIp() },
    );
    const context = await newContext(browser);
    await context.addInitScript((session) => localStorage.setItem('intersessional.session', session), JSON.stringify(signIn.data?.signIn));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/comment-periods/${registeredPeriod}`);
    await ready(page);

    await tabTo(page, 'Write a comment');
    await page.keyboard.press('Enter');
    await page.getByText('You are commenting as Olena Petrenko.').waitFor();
    await tabTo(page, 'A paragraph, chosen by its number');
    await page.keyboard.press('Space');
    await tabTo(page, 'Paragraph number');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // paragraph 2
    await tabTo(page, 'The whole of paragraph 2');
    await page.keyboard.press('ArrowDown'); // only part of it
    await tabTo(page, 'The passage starts at the word'); // the first word, "Capacity"
    await tabTo(page, 'and ends at the word'); // the first word too, at first
    await page.keyboard.press('ArrowDown'); // the second word
    const words = 'Capacity building';
    await page.getByText(words, { exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/consultation-keyboard-en-desktop.png`, fullPage: true });
    await tabTo(page, /^Comment$/);
    await page.keyboard.type('Small administrations need training in their own language.');
    await tabTo(page, 'Proposed new wording');
    await page.keyboard.type('Training and capacity building');
    await tabTo(page, 'For myself, in a personal capacity');
    await page.keyboard.press('Space');
    await tabTo(page, /^Yes, publish it/);
    await page.keyboard.press('Space');
    await tabTo(page, 'Send comment');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thank you: your comment was received' }).waitFor();
    await page.getByText('Your comment now appears on this page.').waitFor();

    const second = paragraphs.find((p) => p.number === 2);
    const stored = (await comments(registeredPeriod)).find((c) => c.body === 'Small administrations need training in their own language.');
    expect(stored).toMatchObject({
      suggestion: 'Training and capacity building',
      commenter: { name: 'Olena Petrenko', guest: false, speakingFor: 'PERSONAL' },
      anchor: { kind: 'RANGE', startBlockId: second?.blockId, startParagraph: 2, startOffset: 0, endOffset: words.length, quote: { exact: words } },
    });
    // the paragraph's count in the margin now says so, and opens its thread
    const count = page.getByRole('button', { name: '1 comment on paragraph 2' });
    await count.waitFor();
    // a short window, so the page is scrolled to reach the count: opening the thread keeps the reader there
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport?.width ?? 1280, height: 320 });
    await count.focus();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    expect(await count.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#thread-2 article').first().waitFor();
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(2);
    if (viewport) await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}/consultation-thread-en-desktop.png`, fullPage: true });

    // the link of an e-mail about the comment opens its paragraph's thread
    await page.goto(`${t.url}/comment-periods/${registeredPeriod}#comment-${stored?.id}`);
    await ready(page);
    await page.locator('#thread-2').waitFor({ state: 'attached' });
    expect(await page.getByRole('button', { name: '1 comment on paragraph 2' }).getAttribute('aria-expanded')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an empty form gets an error summary naming each field; its links move focus to the field', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.url}/comment-periods/${guestPeriod}`);
    await ready(page);
    await page.getByRole('button', { name: 'Send comment' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const links = await summary.getByRole('link').allTextContents();
    expect(links).toEqual([
      'Choose what you are commenting on',
      'Enter your comment',
      'Choose whether you are speaking for yourself or for an organisation',
      'Enter your full name',
      'Enter an e-mail address in the correct format, like name@example.org',
      'Enter the name of your organisation',
      'Choose your stakeholder group',
      'Choose whether we may publish your comment',
    ]);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Full name').fill('Ana Souza');
    await summary.getByRole('link', { name: 'Enter your comment' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
    await page.screenshot({ path: `${SHOTS}/consultation-errors-en-desktop.png`, fullPage: true });
    // nothing typed is lost: a reload brings the draft back
    await page.reload();
    await ready(page);
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ana Souza');
    await expectNoAxeViolations(page, 'the comment page with errors');
    await context.close();
  });

  it('a visitor of a registered-only period is asked to sign in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.url}/comment-periods/${registeredPeriod}`);
    await ready(page);
    const link = page.getByRole('link', { name: 'Sign in to comment' });
    expect(await link.getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(`/comment-periods/${registeredPeriod}`)}`);
    await context.close();
  });

  it('after the synthesis is published, the page says so and the comment–response table is one click away', async () => {
    const documentId = await given.document(bpf, { markdown: MARKDOWN });
    const period = await given.commentPeriod(bpf, { documentId, title: 'Closed round', participation: 'REGISTERED_AND_GUESTS' });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { closeCommentPeriodEarly(id: $id, reason: "Enough input") { id } }`, { id: period.id });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { publishSynthesis(id: $id, reason: "No comments came in") { status } }`, { id: period.id });
    const context = await newContext(browser, { locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${t.url}/comment-periods/${period.id}`);
    await page.getByRole('heading', { name: 'La synthèse a été publiée' }).waitFor();
    expect(await page.getByRole('button', { name: 'Rédiger un commentaire' }).count()).toBe(0);
    const table = page.getByRole('link', { name: 'Ouvrir le tableau des commentaires et des réponses' });
    const response = await fetch(`${t.url}${await table.getAttribute('href')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    await expectNoAxeViolations(page, 'a period whose synthesis is published');
    await page.screenshot({ path: `${SHOTS}/consultation-published-fr-desktop.png`, fullPage: true });
    await context.close();
  });

  for (const [locale, size] of [
    ['en', 'desktop'],
    ['en', 'phone'],
    ['ar', 'desktop'],
    ['ar', 'phone'],
  ] as const) {
    it(`in ${locale} on a ${size}: laid out ${locale === 'ar' ? 'right to left' : 'left to right'}, no axe violation`, async () => {
      const context = await newContext(browser, { locale: locale === 'ar' ? 'ar-EG' : 'en-GB', ...(size === 'phone' ? PHONE : {}) });
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${t.url}/comment-periods/${guestPeriod}`);
      await ready(page);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(locale === 'ar' ? ['ar', 'rtl'] : ['en', 'ltr']);
      expect(await page.locator('[data-block-id]').first().evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('en');
      // the approved comment of the first spec is counted beside its paragraph
      await page.getByRole('button', { name: locale === 'ar' ? 'تعليق واحد على الفقرة 1' : '1 comment on paragraph 1' }).waitFor();
      await expectNoAxeViolations(page, `the comment page in ${locale} on a ${size}`);
      await page.screenshot({ path: `${SHOTS}/consultation-${locale}-${size}.png`, fullPage: true });
      if (size === 'phone') {
        // (a phone selects with a long press, which the browser cannot emulate: the same selection, made by script)
        await page.evaluate((blockId) => {
          const text = document.querySelector(`[data-block-id="${blockId}"]`)?.firstChild;
          if (!text?.textContent) throw new Error('no paragraph text');
          const at = text.textContent.indexOf('small administrations');
          document.getSelection()?.setBaseAndExtent(text, at, text, at + 'small administrations'.length);
        }, paragraphs.find((p) => p.number === 2)?.blockId);
        const button = page.locator('[data-selection-button] button');
        await button.waitFor();
        const box = await button.boundingBox();
        // at the bottom of the screen, where a thumb reaches it, and a full touch target
        expect(box && box.y + box.height).toBeGreaterThan(740 - 80);
        expect(box?.height).toBeGreaterThanOrEqual(44);
        await page.screenshot({ path: `${SHOTS}/consultation-selection-${locale}-${size}.png` });
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
