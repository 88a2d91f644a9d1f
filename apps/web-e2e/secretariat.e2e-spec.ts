import type { TestUser } from '../api/test/support/given';
import { waitForAsync } from '../api/test/support/wait';
import { PHONE, collectErrors, expectNoAxeViolations } from './support/browser';
import { browserSuite } from './support/suite';

// The Secretariat's desk: Dynamic Coalition proposals recognised or declined, the yearly compliance
// check, BPF and PN cycles, accounts (roles, disable, enable, the last Secretariat kept) and the audit
// log filtered by workstream, person, kind of action and dates.

const STATUS = `query($id: ID!) { workstream(id: $id) { status statusReasons cycleYear } }`;
const ACCOUNT = `query($id: ID!) { user(id: $id) { platformRole status disabledReason } }`;

describe('the Secretariat desk', () => {
  const suite = browserSuite();
  let root: TestUser;
  beforeAll(async () => {
    root = await suite.given.secretariat();
  });
  const { open } = suite;
  const status = async (id: string) => (await root.client.ok<{ workstream: { status: string; statusReasons: string[]; cycleYear: number | null } }>(STATUS, { id })).workstream;
  const suffix = () => Math.random().toString(36).slice(2, 7);

  it('recognises one proposed coalition, declines another with a reason, and runs the compliance check', async () => {
    const recognised = await suite.given.dynamicCoalition({ name: `DC on Community Networks ${suffix()}`, recognise: false });
    const declined = await suite.given.dynamicCoalition({ name: `DC on Everything ${suffix()}`, recognise: false });
    const lapsed = await suite.given.dynamicCoalition({ name: `DC on Lapsed Things ${suffix()}`, archiveUrl: null });
    const page = await open(root, '/secretariat');
    const errors = collectErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Secretariat desk' }).waitFor();
    await page.getByRole('heading', { level: 3, name: /DC on Community Networks/ }).waitFor();
    await expectNoAxeViolations(page, 'the Secretariat desk in English');

    await page.getByRole('button', { name: new RegExp(`^Recognise\\W+DC on Community Networks`) }).click();
    await page.getByRole('status').filter({ hasText: 'is now a recognised Dynamic Coalition.' }).waitFor();
    await waitForAsync(async () => (await page.getByRole('heading', { level: 3, name: /DC on Community Networks/ }).count()) === 0, 'the recognised proposal to leave the list');
    expect((await status(recognised.id)).status).toBe('ACTIVE');

    // declining needs a reason: the form says so beside the field, then keeps the one given
    await page.getByRole('button', { name: /^Decline…\W+DC on Everything/ }).click();
    await page.getByRole('button', { name: 'Decline the proposal' }).click();
    await page.getByText('Write a reason: it is kept with the decision').waitFor();
    await page.getByRole('textbox', { name: /Why decline DC on Everything/ }).fill('Its purpose overlaps the existing DC on Internet Rights.');
    await page.getByRole('button', { name: 'Decline the proposal' }).click();
    await page.getByRole('status').filter({ hasText: 'was declined.' }).waitFor();
    await page.getByText('No proposal is waiting.').waitFor();
    expect(await status(declined.id)).toMatchObject({ status: 'DECLINED', statusReasons: ['Its purpose overlaps the existing DC on Internet Rights.'] });

    // the check changes coalitions' status: it asks first, then lists what it did and why
    await page.getByRole('textbox', { name: 'Reporting year' }).fill('2019');
    await page.getByRole('button', { name: 'Run the compliance check…' }).click();
    await page.getByRole('button', { name: 'Run the check for 2019' }).click();
    await page.getByRole('heading', { name: 'Result of the check for 2019' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'DC on Lapsed Things' });
    await item.getByText('No public mailing-list archive given.').waitFor();
    expect(await status(lapsed.id)).toMatchObject({ status: 'INACTIVE' });
    expect((await status(lapsed.id)).statusReasons).toContain('No public mailing-list archive given.');
    expect(errors).toEqual([]);
  });

  it('creates a Best Practice Forum, renews it for the next cycle and concludes another', async () => {
    const ending = await suite.given.workstream('BPF', { name: `BPF on Spam ${suffix()}`, cycleYear: 2026 });
    const page = await open(root, '/secretariat');
    await page.getByText('Create a Best Practice Forum or Policy Network').click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('link', { name: 'Choose Best Practice Forum or Policy Network.' }).waitFor();
    await page.getByRole('link', { name: 'Enter a name.' }).waitFor();
    const name = `BPF on Gender and Access ${suffix()}`;
    await page.getByRole('radio', { name: 'Best Practice Forum' }).check();
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'IGF cycle year' }).fill('2026');
    await page.getByRole('textbox', { name: 'Topics (optional)' }).fill('gender, access');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();

    await page.goto(`${suite.t.url}/secretariat`);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await row.getByRole('button', { name: /^Renew…/ }).click();
    await row.getByRole('textbox', { name: /New cycle year/ }).fill('2027');
    await row.getByRole('button', { name: 'Renew for this cycle' }).click();
    await page.getByRole('status').filter({ hasText: 'is renewed for 2027.' }).waitFor();
    await row.getByRole('cell', { name: /^2027/ }).waitFor();

    const other = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /BPF on Spam/ }) });
    await other.getByRole('button', { name: /^Conclude…/ }).click();
    await other.getByRole('button', { name: 'Conclude' }).click();
    await page.getByRole('status').filter({ hasText: 'is concluded.' }).waitFor();
    expect((await status(ending.id)).status).toBe('CONCLUDED');
  });

  it('finds an account, changes its role, disables and enables it, and keeps the last Secretariat', async () => {
    const person = await suite.given.user({ displayName: `Grace Mutua ${suffix()}` });
    const page = await open(root, '/secretariat/accounts');
    const errors = collectErrors(page);
    await page.getByRole('searchbox', { name: 'Name, e-mail or organisation' }).fill(person.email);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('1 account found.').waitFor();
    await expectNoAxeViolations(page, 'the accounts page in English');

    await page.getByRole('combobox', { name: /^Platform role of Grace Mutua/ }).selectOption('MAG_MEMBER');
    await page.getByRole('status').filter({ hasText: 'is now MAG member.' }).waitFor();
    await page.getByRole('button', { name: /^Disable…\W+Grace Mutua/ }).click();
    await page.getByRole('textbox', { name: /Why disable the account of Grace Mutua/ }).fill('Posted the same advertisement 40 times.');
    await page.getByRole('button', { name: 'Disable the account' }).click();
    await page.getByRole('status').filter({ hasText: 'is disabled.' }).waitFor();
    expect((await root.client.ok<{ user: Record<string, unknown> }>(ACCOUNT, { id: person.id })).user).toEqual({ platformRole: 'MAG_MEMBER', status: 'DISABLED', disabledReason: 'Posted the same advertisement 40 times.' });
    await page.getByRole('button', { name: /^Enable\W+Grace Mutua/ }).click();
    await page.getByRole('status').filter({ hasText: 'is enabled again.' }).waitFor();
    expect((await root.client.ok<{ user: Record<string, unknown> }>(ACCOUNT, { id: person.id })).user).toMatchObject({ status: 'ACTIVE' });

    // the only Secretariat account cannot give up the role: the page says why, and the role stays
    await page.getByRole('searchbox', { name: 'Name, e-mail or organisation' }).fill(root.email);
    await page.getByRole('button', { name: 'Find' }).click();
    // the earlier search also found one account: wait for its row to go, not for "1 account found."
    await page.getByRole('combobox', { name: /^Platform role of Grace Mutua/ }).waitFor({ state: 'detached' });
    await page.getByText('1 account found.').waitFor();
    await page.getByRole('combobox', { name: /^Platform role of/ }).selectOption('USER');
    await page.getByRole('alert').filter({ hasText: 'The platform keeps at least one active Secretariat account' }).waitFor();
    expect((await root.client.ok<{ user: { platformRole: string } }>(ACCOUNT, { id: root.id })).user.platformRole).toBe('SECRETARIAT');
    expect(await page.getByRole('combobox', { name: /^Platform role of/ }).inputValue()).toBe('SECRETARIAT');
    expect(errors).toEqual([]);
  });

  it('filters the audit log by workstream, kind of action, person and dates', async () => {
    const facilitator = await suite.given.user({ displayName: `Ines Duarte ${suffix()}` });
    const name = `BPF on Audit Trails ${suffix()}`;
    const bpf = await suite.given.workstream('BPF', { name, facilitator });
    await suite.given.member(bpf.id, await suite.given.user(), facilitator);
    const page = await open(root, '/secretariat/audit');
    const errors = collectErrors(page);
    await page.getByRole('table', { name: 'Recorded actions, newest first' }).waitFor();
    await expectNoAxeViolations(page, 'the audit log in English');

    await page.getByRole('combobox', { name: 'Workstream' }).selectOption({ label: name });
    await page.getByRole('combobox', { name: 'Kind of action' }).selectOption('membership');
    await page.getByRole('button', { name: 'Apply the filter' }).click();
    await page.waitForURL(/action=membership/);
    const actions = page.getByRole('table').locator('tbody code');
    await waitForAsync(async () => (await actions.count()) > 0 && (await actions.allTextContents()).every((a) => a.startsWith('membership.')), 'membership actions only');
    expect(await actions.allTextContents()).toEqual(expect.arrayContaining(['membership.approved']));

    // one person's actions, from the row; then an end date before the start is refused by name
    await page.getByRole('link', { name: /Ines Duarte/ }).first().click();
    await page.getByText(/Actions by Ines Duarte/).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('From').fill('2026-11-30');
    await page.getByLabel('To (inclusive)').fill('2026-11-01');
    await page.getByRole('button', { name: 'Apply the filter' }).click();
    await page.getByText('The end date must not be before the start date.').waitFor();
    expect(errors).toEqual([]);
  });

  it("lets a coalition's coordinators file its reports on its page, refuses a second one for the year, and shows visitors the list only", async () => {
    const dc = await suite.given.dynamicCoalition({ name: `DC on Filings ${suffix()}` });
    const slug = (await root.client.ok<{ workstream: { slug: string } }>(`query($id: ID!) { workstream(id: $id) { slug } }`, { id: dc.id })).workstream.slug;
    const page = await open(dc.coordinator, `/workstreams/${slug}`);
    const errors = collectErrors(page);
    await page.getByRole('heading', { level: 2, name: 'Filings with the Secretariat' }).waitFor();
    await page.getByText('Nothing has been filed yet.').waitFor();

    // a report needs its link: the field says so
    await page.getByRole('textbox', { name: 'Year' }).fill('2025');
    await page.getByRole('textbox', { name: 'Title' }).fill('Annual report 2025');
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByText("Enter the report's address, starting with https://").waitFor();
    await page.getByRole('textbox', { name: 'Link to the report' }).fill('https://example.org/dc/annual-2025.pdf');
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Annual report 2025 is filed.' }).waitFor();
    await page.getByRole('link', { name: 'Annual report 2025' }).waitFor();
    await expectNoAxeViolations(page, 'a coalition page with its filings in English');

    // the same kind again for the same year is refused, and the page says why
    await page.getByRole('textbox', { name: 'Title' }).fill('Annual report 2025, again');
    await page.getByRole('textbox', { name: 'Link to the report' }).fill('https://example.org/dc/again.pdf');
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'This has already been filed for 2025.' }).waitFor();

    await page.getByRole('radio', { name: 'Session request' }).check();
    await page.getByRole('textbox', { name: 'Year' }).fill('2026');
    await page.getByRole('textbox', { name: 'Title' }).fill('Session at IGF 2026');
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Session request 2026 is filed.' }).waitFor();
    const filed = await root.client.ok<{ workstream: { filings: { kind: string; year: number; url: string | null }[] } }>(`query($id: ID!) { workstream(id: $id) { filings { kind year url } } }`, { id: dc.id });
    expect(filed.workstream.filings).toEqual(
      expect.arrayContaining([
        { kind: 'ANNUAL_REPORT', year: 2025, url: 'https://example.org/dc/annual-2025.pdf' },
        { kind: 'SESSION_REQUEST', year: 2026, url: null },
      ]),
    );
    expect(errors).toEqual([]);

    const visitor = await open(await suite.given.user(), `/workstreams/${slug}`);
    await visitor.getByRole('link', { name: 'Annual report 2025' }).waitFor();
    expect(await visitor.getByRole('button', { name: 'File', exact: true }).count()).toBe(0);
  });

  it.each([
    ['en', 'en-GB', '/secretariat/accounts'],
    ['ar', 'ar-EG', '/secretariat'],
    ['ar', 'ar-EG', '/secretariat/audit'],
    ['ar', 'ar-EG', '/secretariat/accounts'],
  ] as const)('has no axe violation in %s (%s) on a phone at %s', async (locale, browserLocale, path) => {
    await suite.given.dynamicCoalition({ recognise: false });
    const page = await open(root, path, { ...PHONE, locale: browserLocale });
    await page.locator('main h1').waitFor();
    await page.locator('main table, main ul li').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await page.screenshot({ path: `/work/wt/shots/secretariat${path.replace(/\//g, '-')}-${locale}-phone.png`, fullPage: true });
    await expectNoAxeViolations(page, `${path} in ${locale} on a phone`);
  });
});
