import type { Page } from 'playwright-core';
import type { TestUser } from '../api/test/support/given';
import { PHONE, collectErrors, expectNoAxeViolations } from './support/browser';
import { browserSuite } from './support/suite';

// A facilitator opens a draft to public comment from the browser: the version frozen now, the period's
// own time zone, guiding questions, guests welcome; previewed as the public will see it, then scheduled.

const PERIODS = `query($id: ID!) { document(id: $id) { commentPeriods(first: 10) { edges { node {
  id title status timeZone opensAt closesAt guidingQuestions participation moderation versionId
} } } versions { id label } } }`;

/** A wall-clock time in `timeZone`, `minutes` from now, as a datetime-local value. */
function wallClock(timeZone: string, minutes: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() + minutes * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

describe('opening a document to public comment', () => {
  const suite = browserSuite();
  const { signedIn } = suite;
  let bpf: { id: string; facilitator: TestUser };
  beforeAll(async () => {
    bpf = await suite.given.workstream('BPF');
  });

  const periods = async (documentId: string) =>
    (await bpf.facilitator.client.ok<{ document: { commentPeriods: { edges: { node: Record<string, unknown> }[] }; versions: { id: string; label: string }[] } }>(PERIODS, { id: documentId })).document;
  const form = async (page: Page, documentId: string) => {
    await page.goto(`${suite.t.url}/documents/${documentId}/comment-periods/new`);
    await page.getByRole('heading', { level: 1, name: 'Open a comment period' }).waitFor();
  };

  it('checks the form, previews the period in its own time zone, and schedules it', async () => {
    const documentId = await suite.given.document(bpf, { markdown: '# Findings\n\nNorms are implemented unevenly.\n', title: 'BPF Cybersecurity draft' });
    const page = await (await signedIn(bpf.facilitator)).newPage();
    const errors = collectErrors(page);
    await page.goto(`${suite.t.url}/documents/${documentId}/versions`);
    await page.getByRole('link', { name: 'Open this document to public comment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open a comment period' }).waitFor();

    await page.getByRole('button', { name: 'Schedule the period' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    for (const problem of ['Give the new version a name', 'Give the period a title', 'Enter when the period opens', 'Enter when the period closes']) await summary.getByRole('link', { name: problem }).waitFor();
    await expectNoAxeViolations(page, 'the period form with its errors');
    expect((await periods(documentId)).commentPeriods.edges).toHaveLength(0);

    const opens = wallClock('America/Sao_Paulo', -1);
    const closes = wallClock('America/Sao_Paulo', 14 * 24 * 60);
    await page.getByRole('textbox', { name: 'Name of the new version' }).fill('Draft for public comment');
    await page.getByRole('textbox', { name: 'Title of the period' }).fill('Public comment on the cybersecurity draft');
    await page.getByRole('textbox', { name: 'Guiding questions (optional)' }).fill('Is anything missing?\nWhich examples should be added?');
    await page.getByRole('combobox', { name: 'Time zone of the period' }).selectOption('America/Sao_Paulo');
    await page.getByLabel('Opens (time in America/Sao Paulo)').fill(opens);
    await page.getByLabel('Closes (time in America/Sao Paulo)').fill(closes);
    await page.getByRole('radio', { name: /^Approve every comment/ }).check();

    // the preview, as the public will read it
    const preview = page.getByRole('complementary', { name: 'What the public will see' });
    await preview.getByText('Public comment on the cybersecurity draft').waitFor();
    await preview.getByRole('listitem').filter({ hasText: 'Which examples should be added?' }).waitFor();
    await preview.getByText('Comments appear once the facilitators have approved them.').waitFor();
    expect(await preview.locator('dd').first().innerText()).toMatch(/BRT|GMT-3|-03/);

    await page.getByRole('button', { name: 'Schedule the period' }).click();
    await page.getByRole('heading', { level: 1, name: 'Public comment on the cybersecurity draft' }).waitFor();
    const { commentPeriods, versions } = await periods(documentId);
    expect(commentPeriods.edges).toHaveLength(1);
    const period = commentPeriods.edges[0].node;
    expect(period).toMatchObject({
      title: 'Public comment on the cybersecurity draft',
      timeZone: 'America/Sao_Paulo',
      guidingQuestions: ['Is anything missing?', 'Which examples should be added?'],
      participation: 'REGISTERED_AND_GUESTS',
      moderation: 'PRE_MODERATION',
    });
    expect(['SCHEDULED', 'OPEN']).toContain(period.status);
    // the times are the wall-clock times entered, read in São Paulo (UTC−3 all year)
    expect(new Date(String(period.opensAt)).toISOString()).toBe(new Date(`${opens}:00-03:00`).toISOString());
    expect(new Date(String(period.closesAt)).toISOString()).toBe(new Date(`${closes}:00-03:00`).toISOString());
    expect(versions.find((v) => v.id === period.versionId)?.label).toBe('Draft for public comment');
    expect(errors).toEqual([]);
  });

  it('saves a draft period on a version already frozen, and refuses a period that closes before it opens', async () => {
    const documentId = await suite.given.document(bpf, { markdown: 'One paragraph.\n' });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { freezeVersion(documentId: $id, label: "Zero draft") { id } }`, { id: documentId });
    const page = await (await signedIn(bpf.facilitator)).newPage();
    await form(page, documentId);
    await page.getByRole('radio', { name: 'A version already frozen' }).check();
    const version = await page.getByRole('option', { name: /Zero draft/ }).getAttribute('value');
    await page.getByRole('combobox', { name: 'Version' }).selectOption(version ?? '');
    await page.getByRole('textbox', { name: 'Title of the period' }).fill('Members’ first look');
    await page.getByLabel(/^Opens/).fill('2027-01-10T09:00');
    await page.getByLabel(/^Closes/).fill('2027-01-05T09:00');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'The period must close after it opens' }).waitFor();
    await page.getByLabel(/^Closes/).fill('2027-01-20T17:00');
    await page.getByRole('button', { name: 'Save as a draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members’ first look' }).waitFor();
    const [period] = (await periods(documentId)).commentPeriods.edges.map((e) => e.node);
    expect(period).toMatchObject({ title: 'Members’ first look', status: 'DRAFT' });
  });

  it('edits a draft period from its console, reading its times in its own zone, then schedules it; an open period says only its closing can change', async () => {
    const documentId = await suite.given.document(bpf, { markdown: 'One paragraph.\n', visibility: 'PUBLIC' });
    const version = (await bpf.facilitator.client.ok<{ freezeVersion: { id: string } }>(`mutation($id: ID!) { freezeVersion(documentId: $id, label: "First draft") { id } }`, { id: documentId })).freezeVersion;
    const created = await bpf.facilitator.client.ok<{ createCommentPeriod: { id: string } }>(
      `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { id } }`,
      { input: { documentId, versionId: version.id, title: 'Early look', timeZone: 'Europe/Zurich', opensAt: '2027-01-10T08:00:00.000Z', closesAt: '2027-01-20T16:00:00.000Z' } },
    );
    const id = created.createCommentPeriod.id;
    const page = await (await signedIn(bpf.facilitator)).newPage();
    const errors = collectErrors(page);
    await page.goto(`${suite.t.url}/comment-periods/${id}/manage`);
    await page.getByRole('link', { name: 'Edit the period' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit the comment period' }).waitFor();
    expect(await page.getByLabel(/^Opens/).inputValue()).toBe('2027-01-10T09:00');
    await page.getByRole('textbox', { name: 'Title of the period' }).fill('Public comment on the first draft');
    await page.getByLabel(/^Closes/).fill('2027-01-31T17:00');
    await expectNoAxeViolations(page, 'the edit form in English');
    await page.getByRole('button', { name: 'Save and schedule' }).click();
    await page.waitForURL(new RegExp(`/comment-periods/${id}/manage$`));
    const [period] = (await periods(documentId)).commentPeriods.edges.map((e) => e.node);
    expect(period).toMatchObject({ title: 'Public comment on the first draft', status: 'SCHEDULED', closesAt: '2027-01-31T16:00:00.000Z', opensAt: '2027-01-10T08:00:00.000Z' });

    const open = await suite.given.commentPeriod(bpf, { documentId: await suite.given.document(bpf, { markdown: 'Two.\n' }) });
    await page.goto(`${suite.t.url}/comment-periods/${open.id}/edit`);
    await page.getByText(/Only its closing time can change now/).waitFor();
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('tells a reader who does not facilitate that periods are opened by the facilitators', async () => {
    const documentId = await suite.given.document(bpf, { markdown: 'One paragraph.\n', visibility: 'PUBLIC' });
    const reader = await suite.given.user();
    const page = await (await signedIn(reader)).newPage();
    await form(page, documentId);
    await page.getByText('Only the facilitators and lead experts of this workstream, and the Secretariat, open comment periods.').waitFor();
    expect(await page.getByRole('button', { name: 'Schedule the period' }).count()).toBe(0);
  });

  it.each([
    ['en', 'en-GB', 'phone', PHONE],
    ['ar', 'ar-EG', 'phone', PHONE],
  ] as const)('has no axe violation in %s (%s) on a %s', async (locale, browserLocale, size, device) => {
    const documentId = await suite.given.document(bpf, { markdown: 'One paragraph.\n' });
    const page = await (await signedIn(bpf.facilitator, { ...device, locale: browserLocale })).newPage();
    await page.goto(`${suite.t.url}/documents/${documentId}/comment-periods/new`);
    await page.locator('form').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await page.screenshot({ path: `/work/wt/shots/open-period-${locale}-${size}.png`, fullPage: true });
    await expectNoAxeViolations(page, `the period form in ${locale} on a ${size}`);
  });

  it('has no axe violation on the edit form in Arabic on a phone', async () => {
    const documentId = await suite.given.document(bpf, { markdown: 'One paragraph.\n' });
    const version = (await bpf.facilitator.client.ok<{ freezeVersion: { id: string } }>(`mutation($id: ID!) { freezeVersion(documentId: $id, label: "v1") { id } }`, { id: documentId })).freezeVersion;
    const { createCommentPeriod } = await bpf.facilitator.client.ok<{ createCommentPeriod: { id: string } }>(
      `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { id } }`,
      { input: { documentId, versionId: version.id, title: 'مسودة للتعليق', timeZone: 'Africa/Cairo', opensAt: '2027-02-01T07:00:00.000Z', closesAt: '2027-02-15T21:59:00.000Z' } },
    );
    const page = await (await signedIn(bpf.facilitator, { ...PHONE, locale: 'ar-EG' })).newPage();
    await page.goto(`${suite.t.url}/comment-periods/${createCommentPeriod.id}/edit`);
    await page.locator('form').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByLabel(/Africa\/Cairo|Africa\/Cairo/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/work/wt/shots/edit-period-ar-phone.png', fullPage: true });
    await expectNoAxeViolations(page, 'the edit form in Arabic on a phone');
  });
});
