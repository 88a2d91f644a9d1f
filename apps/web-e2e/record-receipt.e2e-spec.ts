import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freshIp, type TestUser } from '../api/test/support/given';
import { collectErrors, DESKTOP, expectNoAxeViolations, PHONE } from './support/browser';
import { browserSuite } from './support/suite';

const SHOTS = '/work/wt/shots';
const DRAFT = ['Meaningful access needs affordable devices, skills and content in local languages.', 'Governments should publish open data on broadband coverage, by region and gender.'].join('\n\n');
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`;
const BODY = 'Please say how “affordable” will be measured, country by country.';

interface ReceiptFile {
  format: string;
  receipt: { entryIndex: number; leafHash: string; salt: string; treeHead: { logId: string; treeSize: number; keyId: string } };
  entry: string;
  openings: { name: string; value: Record<string, unknown> }[];
}

describe('a comment’s receipt in the period’s public record, checked in the browser', () => {
  const suite = browserSuite();
  let periodId: string;
  let facilitator: TestUser;
  const dir = join(tmpdir(), `receipts-${process.pid}`);
  const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(dir, { recursive: true });
    const pn = await suite.given.workstream('PN');
    facilitator = pn.facilitator;
    const documentId = await suite.given.document(pn, { markdown: DRAFT });
    periodId = (await suite.given.commentPeriod(pn, { documentId, title: 'Meaningful access: draft for comment', participation: 'REGISTERED_AND_GUESTS', moderation: 'PUBLISH_AT_ONCE' })).id;
  });

  /** Someone else comments through the API, so the record grows past the receipt's head. */
  const anotherComment = async (body: string) => {
    const result = await suite.t.client.request(
      SUBMIT,
      { input: { periodId, anchor: { kind: 'DOCUMENT' }, body, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, guest: { name: 'Ana Souza', email: `ana.${Date.now()}@example.org`, organisation: 'NIC.br', stakeholderGroup: 'TECHNICAL_COMMUNITY' } } },
      { 'x-forwarded-for': freshIp() },
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  };

  /** The guest form, by field ids (the same in every language). */
  const commentAsGuest = async (page: Page, body: string, name: string) => {
    await page.locator('input[name="target"][value="DOCUMENT"]').check();
    await page.locator('#comment-body').fill(body);
    await page.locator('input[name="speakingFor"][value="PERSONAL"]').check();
    await page.locator('#comment-name').fill(name);
    await page.locator('#comment-email').fill(`${name.split(' ')[0]?.toLowerCase()}@example.org`);
    await page.locator('#comment-organisation').fill('Youth IGF');
    await page.locator('#comment-stakeholder-group').selectOption('CIVIL_SOCIETY');
    await page.locator('input[name="consent"][value="yes"]').check();
    await page.locator('form button[type="submit"]').click();
  };

  const checkItem = (page: Page, title: string) => page.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });

  it('a guest comments, keeps the receipt, and every check passes on /verify; a receipt with one character changed fails and says why', async () => {
    const context = await suite.visitor(DESKTOP);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.t.url });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${suite.t.url}/comment-periods/${periodId}`);
    await page.getByRole('heading', { level: 1, name: 'Meaningful access: draft for comment' }).waitFor();
    const head = page.getByRole('region', { name: 'The public record of this period' });
    await head.getByText(/entr(y|ies), signed/).waitFor();
    expect(await head.getByRole('link', { name: 'Check a receipt' }).getAttribute('href')).toBe('/verify');
    expect(await head.getByRole('link', { name: /Download the whole record/ }).count()).toBe(0); // not before the synthesis

    await page.getByRole('button', { name: 'Write a comment' }).click();
    await commentAsGuest(page, BODY, 'Lina Haddad');
    await page.getByRole('heading', { name: 'Thank you: your comment was received' }).waitFor();
    const receipt = page.getByRole('region', { name: 'Your receipt in the public record' });
    await receipt.waitFor();
    expect(await receipt.getByText(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/).count()).toBe(1);
    await receipt.getByText(/entr(y|ies), signed/).waitFor();
    await expectNoAxeViolations(page, 'the receipt after commenting, in English');
    await shoot(page, 'record-receipt-en-desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), receipt.getByRole('button', { name: 'Download receipt' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^comment-receipt-[0-9a-f]{8}-entry-\d+\.json$/);
    const saved = join(dir, 'receipt.json');
    await download.saveAs(saved);
    const file = JSON.parse(readFileSync(saved, 'utf8')) as ReceiptFile;
    expect(file.format).toBe('intersessional/comment-receipt/v1');
    expect(file.receipt.treeHead.logId).toBe(periodId);
    expect(file.openings.find((o) => o.name === 'text')?.value.body).toBe(BODY);
    expect(await receipt.locator('dd').first().textContent()).toBe(String(file.receipt.entryIndex));
    expect(JSON.stringify(file)).not.toContain('__typename');
    // the period's signed state below now holds the new comment too
    await head.getByText(`${file.receipt.treeHead.treeSize} entries, signed`, { exact: false }).waitFor();

    await receipt.getByRole('button', { name: 'Copy' }).click();
    await receipt.getByText('The receipt was copied.', { exact: false }).waitFor();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(file);

    // the record grows after the receipt: "against the latest head" proves more than the receipt alone
    await anotherComment('The second paragraph should name the data standard.');
    await anotherComment('Local languages need more than translation.');

    await page.goto(`${suite.t.url}/verify`);
    await page.getByRole('heading', { level: 1, name: 'Check a comment receipt' }).waitFor();
    await page.getByLabel('The text you wrote (optional)').fill(BODY);
    await page.getByLabel('Open a receipt file').setInputFiles(saved);
    await page.getByText('All 10 checks passed: the record holds this comment as it was written.').waitFor();
    const items = page.getByRole('region', { name: 'Results' }).getByRole('listitem');
    expect(await items.count()).toBe(11);
    for (const text of (await items.allTextContents()).slice(0, 10)) expect(text).toMatch(/^Passed/);
    // a guest's comment waits for a moderator: what the site shows is not compared yet
    await checkItem(page, 'The website shows your comment as recorded').getByText('Not compared: the comment is not published', { exact: false }).waitFor();
    const keys = (await (await fetch(`${suite.t.url}/.well-known/intersessional-record-keys`)).json()) as { keys: { keyId: string }[] };
    expect(await page.getByText(keys.keys[0]?.keyId ?? 'no key', { exact: true }).count()).toBe(1);
    await checkItem(page, 'The record only grew since your receipt').getByText(`The record of ${file.receipt.treeHead.treeSize}`, { exact: false }).waitFor();
    await expectNoAxeViolations(page, '/verify with every check passed, in English');
    await shoot(page, 'record-verify-passed-en-desktop');

    // one character of the leaf hash changed: the fingerprint no longer belongs to the entry
    const flip = (hex: string) => `${hex.slice(0, 10)}${hex[10] === '0' ? '1' : '0'}${hex.slice(11)}`;
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...file, receipt: { ...file.receipt, leafHash: flip(file.receipt.leafHash) } }, null, 2));
    await page.getByLabel('Open a receipt file').setInputFiles(tampered);
    await page.getByText(/checks? of 11 failed: do not rely on this receipt\./).waitFor();
    const commitment = checkItem(page, 'The fingerprint is that of this entry');
    expect(await commitment.textContent()).toContain('Failed');
    await commitment.getByText('The fingerprint does not match the entry and its salt: one of them was changed.').waitFor();
    expect(await checkItem(page, 'The record’s key signed the state in the receipt').textContent()).toContain('Passed');
    await expectNoAxeViolations(page, '/verify with a failed check, in English');
    await shoot(page, 'record-verify-tampered-en-desktop');

    // the salt changed instead, pasted rather than opened
    await page.getByLabel('Or paste the receipt').fill(JSON.stringify({ ...file, receipt: { ...file.receipt, salt: flip(file.receipt.salt) } }));
    await page.getByRole('button', { name: 'Check receipt' }).click();
    await page.getByText(/checks? of 11 failed/).waitFor();
    await checkItem(page, 'The fingerprint is that of this entry').getByText('The fingerprint does not match the entry and its salt', { exact: false }).waitFor();
    expect(await checkItem(page, 'The comment’s text is the one recorded').textContent()).toContain('Not checked');

    // a rogue operator rewrites the stored comment in SQL: the receipt still proves the words written,
    // and the check of what the site shows now fails, naming the entry
    const commentId = (JSON.parse(file.entry) as { comment: string }).comment;
    await facilitator.client.ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: commentId });
    await page.getByLabel('Open a receipt file').setInputFiles(saved);
    await page.getByText('All 11 checks passed: the record holds this comment as it was written.').waitFor();
    await suite.t.dataSource.query(`UPDATE comments SET body = 'Please drop the word “affordable”.' WHERE id = $1`, [commentId]);
    await page.getByRole('button', { name: 'Check receipt' }).click(); // the receipt opened above is still in the box
    await page.getByText('Your receipt and the record agree: they prove the text you wrote. But the website now shows your comment differently', { exact: false }).waitFor();
    const published = checkItem(page, 'The website shows your comment as recorded');
    expect(await published.textContent()).toContain('Failed');
    await published.getByText(`The text the website shows now differs from entry ${file.receipt.entryIndex} from character 8: it was changed after it was recorded.`).waitFor();
    expect(await checkItem(page, 'The comment’s text is the one recorded').textContent()).toContain('Passed');
    await shoot(page, 'record-verify-rewritten-en-desktop');
    await suite.t.dataSource.query(`UPDATE comments SET body = $2 WHERE id = $1`, [commentId, BODY]);
    expect(errors).toEqual([]);
  });

  it('in Arabic on a phone: the receipt, the period’s signed state and /verify read right to left, axe clean', async () => {
    const context = await suite.visitor({ locale: 'ar-EG', ...PHONE });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${suite.t.url}/comment-periods/${periodId}`);
    await page.getByRole('heading', { level: 1, name: 'Meaningful access: draft for comment' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('region', { name: 'السجل العام لهذه الفترة' }).getByText('آخر حالة موقَّعة', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'السجل العام لهذه الفترة' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/record-head-ar-phone.png` });

    await page.getByRole('button', { name: 'كتابة تعليق' }).click();
    await commentAsGuest(page, 'يجب قياس القدرة على تحمل التكاليف في كل بلد.', 'Lina Haddad');
    const receipt = page.getByRole('region', { name: 'إيصالك في السجل العام' });
    await receipt.waitFor();
    await expectNoAxeViolations(page, 'the receipt after commenting, in Arabic on a phone');
    await receipt.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/record-receipt-ar-phone.png` });
    const [download] = await Promise.all([page.waitForEvent('download'), receipt.getByRole('button', { name: 'تنزيل الإيصال' }).click()]);
    const saved = join(dir, 'receipt-ar.json');
    await download.saveAs(saved);

    await receipt.getByRole('link', { name: 'تحقق من هذا الإيصال' }).click();
    await page.getByRole('heading', { level: 1, name: 'التحقق من إيصال تعليق' }).waitFor();
    // opened from the receipt, it is checked at once
    await page.getByText(/نجحت عمليات التحقق|نجحت عملية التحقق/).waitFor();
    expect(await page.getByText('فاشل', { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page, '/verify in Arabic on a phone');
    await shoot(page, 'record-verify-ar-phone');
    await page.getByRole('heading', { level: 2, name: 'النتائج' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/record-verify-results-ar-phone.png` });
    await page.getByLabel('فتح ملف إيصال').setInputFiles(saved);
    await page.getByText(/نجحت عمليات التحقق|نجحت عملية التحقق/).waitFor();
    expect(errors).toEqual([]);
  });

  it('screenshots: /verify in English on a phone and in Arabic on a desktop; "my comments" shows each receipt', async () => {
    const user = await suite.given.user({ displayName: 'Kenji Watanabe' });
    const made = await user.client.request(SUBMIT, { input: { periodId, anchor: { kind: 'DOCUMENT' }, body: 'A registered comment, with its receipt.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } }, { 'x-forwarded-for': freshIp() });
    if (made.errors) throw new Error(JSON.stringify(made.errors));
    const page = await suite.open(user, '/my-comments', PHONE);
    const errors = collectErrors(page);
    await page.getByText('A registered comment, with its receipt.').waitFor();
    await page.getByText('Receipt in the public record', { exact: true }).click();
    const receipt = page.getByRole('region', { name: 'Your receipt in the public record' });
    await receipt.getByRole('button', { name: 'Download receipt' }).waitFor();
    await expectNoAxeViolations(page, 'my comments with a receipt open, on a phone');
    await shoot(page, 'record-my-comments-en-phone');
    await receipt.getByRole('link', { name: 'Check this receipt' }).click();
    await page.getByText(/All \d+ checks passed/).waitFor();
    await shoot(page, 'record-verify-passed-en-phone');
    await page.getByRole('heading', { level: 2, name: 'Results' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/record-verify-results-en-phone.png` });
    expect(errors).toEqual([]);

    const arabic = await suite.visitor({ locale: 'ar-EG', ...DESKTOP });
    const ar = await arabic.newPage();
    await ar.goto(`${suite.t.url}/verify`);
    await ar.getByLabel('أو الصق الإيصال').fill('{"receipt": 1}');
    await ar.getByRole('button', { name: 'تحقق من الإيصال' }).click();
    await ar.getByText('هذا النص بصيغة JSON ليس إيصال تعليق: ينقصه الإيصال أو قيده أو فتحاته.').waitFor();
    await expectNoAxeViolations(ar, '/verify with a file that is not a receipt, in Arabic');
    await shoot(ar, 'record-verify-invalid-ar-desktop');
  });
});
