import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { openEditor } from '../api/test/support/editors';
import { Given, type TestUser, freshIp } from '../api/test/support/given';
import type { TestApp } from '../api/test/support/test-app';
import { waitForAsync } from '../api/test/support/wait';
import { PHONE, collectErrors, expectNoAxeViolations, launchChromium, newContext } from './support/browser';
import { startProduct } from './support/product';
import { signedInContext } from './support/session';

// The facilitators' answer board, as a facilitator uses it after a drafting week: every comment where
// its passage stands in today's draft, answered one by one, a suggestion applied while an editor has the
// draft open in another browser.

const SHOTS = '/work/wt/shots';
const P1 = 'Norms are implemented unevenly across regions.';
const P2 = 'Capacity building works best when it is demand-driven.';
const P3 = 'Civil society is rarely consulted.';
const DRAFT = `# Findings\n\n${P1}\n\n${P2}\n\n${P3}\n`;

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`;
const ANSWERS = `query($id: ID!) { commentPeriod(id: $id) { comments(first: 50) { edges { node { id suggestionAppliedAt answer { disposition response } } } } } }`;

describe('the answer board', () => {
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
    mkdirSync(SHOTS, { recursive: true });
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

  const comment = async (periodId: string, body: string, anchor: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const input = { periodId, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, body, anchor, ...extra };
    const result = await chen.client.request<{ submitComment: { id: string } }>(SUBMIT, { input }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment.id;
  };
  const onText = (periodId: string, paragraph: number, text: string, exact: string, body: string, extra: Record<string, unknown> = {}) => {
    const offset = text.indexOf(exact);
    return comment(periodId, body, { kind: 'RANGE', start: { paragraph, offset }, end: { paragraph, offset: offset + exact.length } }, extra);
  };
  const stored = (documentId: string) => fetch(`${t.url}/documents/${documentId}/export?format=text`).then((r) => r.text());

  /** A period on a fresh draft with four comments, then a drafting week: one passage edited, one paragraph deleted. */
  async function periodAfterEdits() {
    const documentId = await given.document(bpf, { markdown: DRAFT, by: amina });
    const period = await given.commentPeriod(bpf, { documentId, title: 'Findings for comment' });
    const ids = {
      edited: await onText(period.id, 1, P1, 'implemented unevenly', 'Say which regions.'),
      suggestion: await onText(period.id, 2, P2, 'demand-driven', 'Ownership matters more.', { suggestion: 'demand-driven and locally owned' }),
      deleted: await onText(period.id, 3, P3, 'rarely consulted', 'This is too strong.'),
      whole: await comment(period.id, 'A clear and useful draft.', { kind: 'DOCUMENT' }),
    };
    const editor = await openEditor(t.url, amina, documentId);
    try {
      const fragment = editor.doc.getXmlFragment('default');
      editor.doc.transact(() => {
        ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert('Norms are implemented'.length, ' very');
        fragment.delete(3, 1);
      });
      await waitForAsync(async () => {
        const text = await stored(documentId);
        return text.includes('implemented very unevenly') && !text.includes('rarely consulted');
      }, 'the edits to be stored');
    } finally {
      editor.close();
    }
    return { documentId, periodId: period.id, ids };
  }

  const board = async (page: Page, periodId: string) => {
    await page.goto(`${t.url}/comment-periods/${periodId}/answers`);
    await page.locator('[data-board-ready="true"]').waitFor();
  };
  const item = (page: Page, id: string) => page.locator(`article[data-comment-id="${id}"]`);

  it('places every comment where its passage stands today, answers them, and applies a suggestion an editor sees arrive', async () => {
    const { documentId, periodId, ids } = await periodAfterEdits();
    const page = await (await signedIn(bpf.facilitator)).newPage();
    const errors = collectErrors(page);
    await board(page, periodId);

    // grouped by where the passages are now: the whole document, paragraph 1, paragraph 2, then the deleted one
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
      expect.stringMatching(/^On the whole document/),
      expect.stringMatching(/^Paragraph 1/),
      expect.stringMatching(/^Paragraph 2/),
      expect.stringMatching(/^Passages no longer in the draft/),
    ]);
    await page.getByText('0 of 4 comments answered').waitFor();
    await item(page, ids.edited).getByText('Edited since the comment').waitFor();
    await item(page, ids.edited).getByText('implemented very unevenly').waitFor();
    await item(page, ids.deleted).getByText('No longer in the draft').waitFor();
    await item(page, ids.suggestion).getByText('Unchanged').waitFor();
    await page.screenshot({ path: `${SHOTS}/answer-board-en-desktop.png`, fullPage: true });
    await expectNoAxeViolations(page, 'the answer board in English');

    // an answer needs a disposition and a response: the form says which is missing, and nothing is saved
    const whole = item(page, ids.whole);
    await whole.getByRole('button', { name: 'Answer' }).click();
    await whole.getByRole('button', { name: 'Save the answer' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Choose what was done with the comment' }).waitFor();
    await summary.getByRole('link', { name: 'Write a response: every comment gets one' }).waitFor();
    await expectNoAxeViolations(page, 'the answer form with its errors');
    await whole.getByRole('radio', { name: 'Noted' }).check();
    await whole.getByRole('textbox', { name: 'Response (public)' }).fill('Thank you: noted for the next version.');
    await whole.getByRole('checkbox', { name: 'Save this response as a phrasing' }).check();
    await whole.getByRole('button', { name: 'Save the answer' }).click();
    await page.getByRole('status').filter({ hasText: 'Answer to Chen Wei saved.' }).waitFor();
    await page.getByText('1 of 4 comments answered').waitFor();
    await whole.getByText('Answered', { exact: true }).waitFor();

    // the next answer starts from the saved phrasing
    const deleted = item(page, ids.deleted);
    await deleted.getByRole('button', { name: 'Answer' }).click();
    await deleted.getByRole('combobox', { name: 'Saved phrasings' }).selectOption({ label: 'Thank you: noted for the next version.' });
    await deleted.getByRole('button', { name: 'Insert' }).click();
    expect(await deleted.getByRole('textbox', { name: 'Response (public)' }).inputValue()).toBe('Thank you: noted for the next version.');
    await deleted.getByRole('radio', { name: 'Not accepted' }).check();
    await deleted.getByRole('button', { name: 'Save the answer' }).click();
    await page.getByText('2 of 4 comments answered').waitFor();

    // the suggestion, previewed word by word, goes into the draft an editor has open
    const editorPage = await (await signedIn(amina)).newPage();
    await editorPage.goto(`${t.url}/documents/${documentId}`);
    await editorPage.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const suggestion = item(page, ids.suggestion);
    await suggestion.getByRole('button', { name: 'Apply the suggested wording…' }).click();
    await suggestion.locator('ins', { hasText: 'and locally owned' }).waitFor();
    await suggestion.getByRole('button', { name: 'Apply to the draft' }).click();
    await suggestion.getByText('The suggested wording was applied to the draft.').first().waitFor();
    await page.getByText('3 of 4 comments answered').waitFor();
    await editorPage.getByRole('textbox', { name: 'Document text' }).getByText('Capacity building works best when it is demand-driven and locally owned.').waitFor();
    await waitForAsync(async () => (await stored(documentId)).includes('demand-driven and locally owned'), 'the applied suggestion to be stored');

    // the answers are the API's record, as the public will read them
    const answers = (await bpf.facilitator.client.ok<{ commentPeriod: { comments: { edges: { node: { id: string; suggestionAppliedAt: string | null; answer: { disposition: string; response: string } | null } }[] } } }>(ANSWERS, { id: periodId }))
      .commentPeriod.comments.edges.map((e) => e.node);
    const byId = new Map(answers.map((a) => [a.id, a]));
    expect(byId.get(ids.whole)?.answer).toEqual({ disposition: 'NOTED', response: 'Thank you: noted for the next version.' });
    expect(byId.get(ids.deleted)?.answer).toEqual({ disposition: 'NOT_ACCEPTED', response: 'Thank you: noted for the next version.' });
    expect(byId.get(ids.suggestion)?.answer?.disposition).toBe('ACCEPTED');
    expect(byId.get(ids.suggestion)?.suggestionAppliedAt).not.toBeNull();
    expect(byId.get(ids.edited)?.answer).toBeNull();

    // showing only the unanswered leaves the one left
    await page.getByRole('checkbox', { name: 'Show only the comments not yet answered' }).check();
    await item(page, ids.edited).waitFor();
    expect(await page.locator('article[data-comment-id]').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('answers a campaign of near-identical comments at once, each comment still answered on its own', async () => {
    const documentId = await given.document(bpf, { markdown: DRAFT, by: amina });
    const period = await given.commentPeriod(bpf, { documentId, title: 'Findings for comment' });
    const text = 'We demand that the draft recognise community networks as critical infrastructure in every region.';
    const senders = await Promise.all(['Ada', 'Bea', 'Cy'].map((name) => given.user({ displayName: `${name} Campaigner` })));
    const ids: string[] = [];
    for (const sender of senders) {
      const result = await sender.client.request<{ submitComment: { id: string } }>(SUBMIT, { input: { periodId: period.id, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, body: text, anchor: { kind: 'DOCUMENT' } } }, { 'x-forwarded-for': freshIp() });
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      ids.push(result.data.submitComment.id);
    }
    const alone = await comment(period.id, 'A different point altogether.', { kind: 'DOCUMENT' });
    const page = await (await signedIn(bpf.facilitator)).newPage();
    await board(page, period.id);
    const first = item(page, ids[0]);
    await first.getByText('One of 3 near-identical comments (3 word for word): a campaign').waitFor();
    expect(await item(page, alone).getByText(/a campaign/).count()).toBe(0);
    await first.getByRole('button', { name: 'Answer the 3 unanswered comments of this campaign' }).click();
    await first.getByText('The same outcome and response will be recorded for each of the 3 comments; each stays answered on its own.').waitFor();
    await first.getByRole('radio', { name: 'Noted' }).check();
    await first.getByRole('textbox', { name: 'Response (public)' }).fill('Community networks are now named in paragraph 2.');
    await first.getByRole('button', { name: 'Save the answer to all 3' }).click();
    await page.getByRole('status').filter({ hasText: 'Answers to 3 comments saved.' }).waitFor();
    await page.getByText('3 of 4 comments answered').waitFor();
    const answers = (await bpf.facilitator.client.ok<{ commentPeriod: { comments: { edges: { node: { id: string; answer: { disposition: string; response: string } | null } }[] } } }>(ANSWERS, { id: period.id }))
      .commentPeriod.comments.edges.map((e) => e.node);
    for (const id of ids) expect(answers.find((a) => a.id === id)?.answer).toEqual({ disposition: 'NOTED', response: 'Community networks are now named in paragraph 2.' });
    expect(answers.find((a) => a.id === alone)?.answer).toBeNull();
  });

  it('moves between comments with Page Down and Page Up', async () => {
    const { periodId, ids } = await periodAfterEdits();
    const page = await (await signedIn(bpf.facilitator)).newPage();
    await board(page, periodId);
    await item(page, ids.whole).focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-comment-id'));
    await page.keyboard.press('PageDown');
    await waitForAsync(async () => (await focused()) === ids.edited, 'the next comment to take focus');
    await page.keyboard.press('PageDown');
    await waitForAsync(async () => (await focused()) === ids.suggestion, 'the one after to take focus');
    await page.keyboard.press('PageUp');
    await waitForAsync(async () => (await focused()) === ids.edited, 'the previous comment to take focus');
  });

  it('tells a commenter the board is for facilitators', async () => {
    const { periodId } = await periodAfterEdits();
    const page = await (await signedIn(chen)).newPage();
    await page.goto(`${t.url}/comment-periods/${periodId}/answers`);
    await page.getByText('Only the facilitators and lead experts of this workstream, and the Secretariat, answer the comments of a period.').waitFor();
    expect(await page.locator('article[data-comment-id]').count()).toBe(0);
  });

  it('links the period page to the board for its facilitators only', async () => {
    const { periodId } = await periodAfterEdits();
    const facilitator = await (await signedIn(bpf.facilitator)).newPage();
    await facilitator.goto(`${t.url}/comment-periods/${periodId}`);
    await facilitator.getByRole('link', { name: 'Answer the comments (answer board)' }).click();
    await facilitator.locator('[data-board-ready="true"]').waitFor();
    const reader = await (await signedIn(chen)).newPage();
    await reader.goto(`${t.url}/comment-periods/${periodId}`);
    await reader.getByRole('heading', { level: 1, name: 'Findings for comment' }).waitFor();
    expect(await reader.getByRole('link', { name: 'Answer the comments (answer board)' }).count()).toBe(0);
  });

  it('hides a comment from the keyboard with a reason the public sees, and keeps focus on the comment', async () => {
    const { periodId, ids } = await periodAfterEdits();
    const page = await (await signedIn(bpf.facilitator)).newPage();
    const errors = collectErrors(page);
    await board(page, periodId);
    const focused = () => page.evaluate(() => ({ id: document.activeElement?.getAttribute('data-comment-id') ?? null, label: document.activeElement?.getAttribute('aria-label') ?? null, tag: document.activeElement?.tagName ?? null }));

    // opening a form puts the keyboard in its first field; cancelling brings it back to the comment
    const whole = item(page, ids.whole);
    await whole.getByRole('button', { name: 'Answer', exact: true }).focus();
    await page.keyboard.press('Enter');
    await whole.getByRole('radio', { name: 'Accepted', exact: true }).waitFor();
    expect((await focused()).tag).toBe('INPUT');
    await whole.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await waitForAsync(async () => (await focused()).id === ids.whole, 'focus to come back to the comment');
    await whole.getByRole('button', { name: 'Answer', exact: true }).click();
    await whole.getByRole('radio', { name: 'Noted', exact: true }).focus();
    await page.keyboard.press('Escape'); // closes it too, saving nothing
    await waitForAsync(async () => (await focused()).id === ids.whole, 'Escape to bring focus back to the comment');
    expect(await whole.getByRole('radio').count()).toBe(0);

    // a reason is required, and the form says so where it is typed
    const target = item(page, ids.deleted);
    await target.getByRole('button', { name: 'Hide…' }).focus();
    await page.keyboard.press('Enter');
    const reason = target.getByRole('textbox', { name: 'Why is it hidden?' });
    await waitForAsync(async () => reason.evaluate((el) => el === document.activeElement), 'the reason field to take focus');
    await target.getByRole('button', { name: 'Hide the comment' }).focus();
    await page.keyboard.press('Enter');
    await target.getByText('Say why the comment is hidden').waitFor();
    await waitForAsync(async () => reason.evaluate((el) => el === document.activeElement), 'focus back in the reason field');
    await expectNoAxeViolations(page, 'the hide form with its error');
    await page.keyboard.type('Names a private person.');
    await target.getByRole('button', { name: 'Hide the comment' }).focus();
    await page.keyboard.press('Enter');

    await page.getByRole('status').filter({ hasText: 'The comment by Chen Wei is hidden.' }).waitFor();
    await target.getByText('Hidden', { exact: true }).waitFor();
    await page.getByText('1 of 4 comments answered').waitFor(); // a hidden comment needs no answer, as the synthesis counts it
    expect(await target.getByText('Not answered yet').count()).toBe(0);
    expect(await target.getByRole('button', { name: 'Hide…' }).count()).toBe(0);
    await waitForAsync(async () => (await focused()).id === ids.deleted, 'focus to come back to the hidden comment');

    // hidden for the public, who no longer read its text; the facilitators' record of it says hidden
    const LIST = `query($id: ID!) { commentPeriod(id: $id) { comments(first: 50) { edges { node { id hidden bodyHtml } } } } }`;
    type Listed = { commentPeriod: { comments: { edges: { node: { id: string; hidden: boolean; bodyHtml: string } }[] } } };
    const publicList = (await t.client.ok<Listed>(LIST, { id: periodId })).commentPeriod.comments.edges.map((e) => e.node);
    expect(JSON.stringify(publicList)).not.toContain('This is too strong.');
    expect(publicList.find((c) => c.id === ids.whole)?.hidden).toBe(false);
    const facilitators = (await bpf.facilitator.client.ok<Listed>(LIST, { id: periodId })).commentPeriod.comments.edges.map((e) => e.node);
    expect(facilitators.find((c) => c.id === ids.deleted)?.hidden).toBe(true);
    expect(errors).toEqual([]);
  });

  it.each([
    ['en', 'en-GB', 'phone', PHONE, 'Apply the suggested wording…', 'Hide…'],
    ['ar', 'ar-EG', 'phone', PHONE, 'تطبيق الصياغة المقترحة…', 'إخفاء…'],
  ] as const)('has no axe violation in %s (%s) on a %s', async (locale, browserLocale, size, device, apply, hide) => {
    const { periodId, ids } = await periodAfterEdits();
    const page = await (await signedIn(bpf.facilitator, { ...device, locale: browserLocale })).newPage();
    await board(page, periodId);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await item(page, ids.suggestion).getByRole('button', { name: apply }).click(); // the preview open
    await item(page, ids.suggestion).locator('ins').waitFor();
    await page.screenshot({ path: `${SHOTS}/answer-board-${locale}-${size}.png`, fullPage: true });
    await expectNoAxeViolations(page, `the answer board in ${locale} on a ${size}`);
    await item(page, ids.whole).getByRole('button', { name: hide }).click(); // the hide form open too
    await item(page, ids.whole).locator('textarea').waitFor();
    await item(page, ids.whole).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/answer-board-hide-${locale}-${size}.png` });
    await expectNoAxeViolations(page, `the hide form in ${locale} on a ${size}`);
  });
});
