import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoData } from '../api/src/demo/demo-data';
import { Given, PASSWORD, type TestUser } from '../api/test/support/given';
import type { TestApp } from '../api/test/support/test-app';
import { collectErrors, expectNoAxeViolations, launchChromium, newContext, PHONE } from './support/browser';
import { startProduct } from './support/product';

const SHOTS = '/work/wt/shots';
const YEAR = new Date().getUTCFullYear();

/**
 * The public pages: home (open consultations first), the directory (filters in the address), a
 * workstream (facilitators, documents, consultations, participation charts with their tables), and
 * the DC compliance report, in English and Arabic, on a phone and a desktop.
 */
describe('the public workstream pages', () => {
  let t: TestApp;
  let browser: Browser;
  let given: Given;
  let bpf: { id: string; slug: string; facilitator: TestUser };
  let soonest: { id: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
    await seedDemoData(t.app, YEAR);
    given = new Given(t);
    const facilitator = await given.user({ displayName: 'Wanjiru Kamau', stakeholderGroup: 'CIVIL_SOCIETY', country: 'KE' });
    bpf = await given.workstream('BPF', { facilitator, name: 'Best Practice Forum on Local Content', topics: ['local content'], joinPolicy: 'APPROVAL' });
    for (const [group, country] of [
      ['CIVIL_SOCIETY', 'NG'],
      ['CIVIL_SOCIETY', 'GH'],
      ['CIVIL_SOCIETY', 'ZA'],
      ['GOVERNMENT', 'BR'],
      ['ACADEMIA', 'FR'],
    ] as const)
      await given.addMember(bpf.id, await given.user({ stakeholderGroup: group, country }), facilitator);
    await given.document(bpf, { title: 'Local content: background paper', kind: 'OTHER' });
    // closes in two days: sooner than the demo BPF's period (four weeks), so it is listed first
    soonest = await given.commentPeriod(bpf, { title: 'Local content draft for comment', openForMs: 2 * 24 * 3600_000 });
    await given.commentPeriod(bpf, { title: 'Call for local content case studies', opensInMs: 3 * 24 * 3600_000 });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function open(locale: 'en' | 'ar', phone = false): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, { locale: locale === 'ar' ? 'ar-EG' : 'en-GB', ...(phone ? PHONE : {}) });
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: collectErrors(page) };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  /** Waits until every chart on the page has been drawn by Chart.js (it sizes its canvas when it does). */
  const chartsDrawn = (page: Page, count: number) =>
    page.waitForFunction((n) => {
      const canvases = [...document.querySelectorAll('canvas')];
      return canvases.length === n && canvases.every((c) => c.style.boxSizing === 'border-box');
    }, count);

  it('home lists the open consultation closing soonest first, with its deadline, count and link, then what opens soon and the three kinds', async () => {
    const { page, errors } = await open('en');
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Open consultations' }).waitFor();
    const cards = page.locator('main h3 a');
    await page.getByRole('link', { name: 'Local content draft for comment' }).waitFor();
    expect(await cards.allTextContents()).toEqual(expect.arrayContaining(['Local content draft for comment', 'Public comment on the BPF Cybersecurity draft']));
    expect(await cards.first().textContent()).toBe('Local content draft for comment');
    const first = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Local content draft for comment' }) });
    expect(await first.textContent()).toMatch(/Closes .*2026.*GMT\+1 \(Closes in 2 days\)/);
    expect(await first.textContent()).toContain('No comments yet');
    await page.getByRole('heading', { name: 'Opening soon' }).waitFor();
    await page.getByRole('link', { name: 'Call for local content case studies' }).waitFor();
    for (const kind of ['Best Practice Forums', 'Policy Networks', 'Dynamic Coalitions']) await page.getByRole('link', { name: kind }).waitFor();
    expect(await page.getByRole('link', { name: 'Dynamic Coalitions' }).getAttribute('href')).toBe('/workstreams?kind=DC');
    await expectNoAxeViolations(page, 'the home page in English');
    await shot(page, 'home-en-desktop');

    await page.getByRole('link', { name: 'Local content draft for comment' }).click();
    await page.waitForURL(`${t.url}/comment-periods/${soonest.id}`);
    expect(errors).toEqual([]);
  });

  it('home in Arabic on a phone: right to left, axe clean', async () => {
    const { page, errors } = await open('ar', true);
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { level: 1, name: 'المشاورات المفتوحة' }).waitFor();
    await page.getByRole('link', { name: 'Local content draft for comment' }).waitFor();
    await page.getByRole('link', { name: 'الائتلافات الدينامية' }).waitFor();
    await expectNoAxeViolations(page, 'the home page in Arabic on a phone');
    await shot(page, 'home-ar-phone');
    expect(errors).toEqual([]);
  });

  it('the directory filters by kind; the address keeps the filter through a reload, and back undoes it', async () => {
    const { page, errors } = await open('en');
    await page.goto(`${t.url}/workstreams`);
    const status = page.getByRole('status').filter({ hasText: /found/ });
    await status.filter({ hasText: /^\d+ workstreams found$/ }).waitFor();
    const all = Number((await status.textContent())?.split(' ')[0]);
    expect(all).toBeGreaterThanOrEqual(5);
    await page.getByLabel('Kind').selectOption({ label: 'Dynamic Coalition' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await status.filter({ hasText: '2 workstreams found' }).waitFor();
    expect(new URL(page.url()).searchParams.get('kind')).toBe('DC');
    const names = async () => page.locator('main h3 a').allTextContents();
    expect((await names()).sort()).toEqual(['Internet Rights and Principles Coalition', 'Youth Coalition on Internet Governance']);
    await expectNoAxeViolations(page, 'the directory filtered, in English');
    await shot(page, 'directory-en-desktop');

    await page.reload();
    await status.filter({ hasText: '2 workstreams found' }).waitFor();
    expect(await page.getByLabel('Kind').inputValue()).toBe('DC');
    expect((await names()).sort()).toEqual(['Internet Rights and Principles Coalition', 'Youth Coalition on Internet Governance']);

    await page.getByLabel('Search').fill('fragmentation');
    await page.getByLabel('Kind').selectOption('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await status.filter({ hasText: '1 workstream found' }).waitFor();
    expect(await names()).toEqual(['Policy Network on Internet Fragmentation']);

    await page.goBack();
    await status.filter({ hasText: '2 workstreams found' }).waitFor();
    expect(await page.getByLabel('Kind').inputValue()).toBe('DC');
    expect(errors).toEqual([]);
  });

  it('the directory in Arabic on a phone, axe clean', async () => {
    const { page, errors } = await open('ar', true);
    await page.goto(`${t.url}/workstreams?kind=BPF`);
    await page.getByRole('link', { name: 'Best Practice Forum on Local Content' }).waitFor();
    expect(await page.getByLabel('النوع').inputValue()).toBe('BPF');
    await expectNoAxeViolations(page, 'the directory in Arabic on a phone');
    await shot(page, 'directory-ar-phone');
    expect(errors).toEqual([]);
  });

  it('a workstream page shows facilitators, documents, consultations, and participation charts with tables, a small group shown as not shown', async () => {
    const { page, errors } = await open('en');
    await page.goto(`${t.url}/workstreams/${bpf.slug}`);
    await page.getByRole('heading', { level: 1, name: 'Best Practice Forum on Local Content' }).waitFor();
    const section = (name: string) => page.getByRole('region', { name });
    await section('Facilitators').getByText('Wanjiru Kamau').waitFor();
    expect(await section('Documents').getByRole('link', { name: 'Local content: background paper' }).getAttribute('href')).toMatch(/^\/documents\/[\w-]+$/);
    expect(await section('Consultations').getByRole('link', { name: 'Local content draft for comment' }).getAttribute('href')).toBe(`/comment-periods/${soonest.id}`);
    await section('Take part').getByRole('link', { name: 'Sign in to join this workstream' }).waitFor();

    await chartsDrawn(page, 3);
    const groups = page.getByRole('figure', { name: 'Members by stakeholder group' });
    expect(await groups.getByRole('img').getAttribute('aria-label')).toContain('Civil society 4');
    const row = (name: string) => groups.getByRole('row', { name: new RegExp(`^${name}`) });
    expect(await row('Civil society').getByRole('cell').textContent()).toBe('4');
    expect(await row('Government').getByRole('cell').textContent()).toBe('Fewer than 3: not shown');
    expect(await row('Academia').getByRole('cell').textContent()).toBe('Fewer than 3: not shown');
    expect(await row('Private sector').getByRole('cell').textContent()).toBe('0');
    const regions = page.getByRole('figure', { name: 'Members by UN regional group' });
    expect(await regions.getByRole('row', { name: /^African States/ }).getByRole('cell').textContent()).toBe('4');
    expect(await regions.getByRole('row', { name: /^Latin American and Caribbean States/ }).getByRole('cell').textContent()).toBe('Fewer than 3: not shown');
    await page.getByRole('figure', { name: 'Members by gender' }).getByRole('row', { name: /^Not stated/ }).waitFor();
    await expectNoAxeViolations(page, 'a workstream page with its charts, in English');
    await shot(page, 'workstream-en-desktop');
    expect(errors).toEqual([]);
  });

  it('the same workstream in Arabic on a phone: charts right to left, tables labelled, axe clean', async () => {
    const { page, errors } = await open('ar', true);
    await page.goto(`${t.url}/workstreams/${bpf.slug}`);
    await page.getByRole('heading', { level: 1, name: 'Best Practice Forum on Local Content' }).waitFor();
    await chartsDrawn(page, 3);
    const groups = page.getByRole('figure', { name: 'الأعضاء حسب فئة أصحاب المصلحة' });
    expect(await groups.getByRole('row', { name: /^الحكومات/ }).getByRole('cell').textContent()).toBe('أقل من 3: لا يُعرض');
    await expectNoAxeViolations(page, 'a workstream page in Arabic on a phone');
    await shot(page, 'workstream-ar-phone');
    expect(errors).toEqual([]);
  });

  it('a signed-in person asks to join; the page shows the request as pending', async () => {
    const person = await given.user({ displayName: 'Ana Souza', country: 'BR' });
    const { page, errors } = await open('en');
    const signIn = await t.client.ok<{ signIn: Record<string, unknown> }>(
      `mutation($input: SignInInput!) { signIn(input: $input) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id displayName email platformRole preferredLanguage } } }`,
      { input: { email: person.email, password: PASSWORD } },
    );
    await page.addInitScript((session) => localStorage.setItem('intersessional.session', JSON.stringify(session)), signIn.signIn);
    await page.goto(`${t.url}/workstreams/${bpf.slug}`);
    const panel = page.getByRole('region', { name: 'Take part' });
    await panel.getByRole('button', { name: 'Ask to join' }).click();
    await panel.getByText('Your request to join is waiting for a facilitator.').waitFor();
    const pending = await bpf.facilitator.client.ok<{ workstream: { members: { edges: { node: { user: { id: string } } }[] } } }>(
      `query($id: ID!) { workstream(id: $id) { members(status: PENDING) { edges { node { user { id } } } } } }`,
      { id: bpf.id },
    );
    expect(pending.workstream.members.edges.map((e) => e.node.user.id)).toEqual([person.id]);
    await page.reload();
    await panel.getByRole('button', { name: 'Withdraw my request' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('a Dynamic Coalition page lists its requirements, met or not, and links to the report', async () => {
    const { page, errors } = await open('en');
    await page.goto(`${t.url}/workstreams/dc-youth`);
    await page.getByRole('heading', { level: 1, name: 'Youth Coalition on Internet Governance' }).waitFor();
    const table = page.getByRole('table', { name: `Minimum requirements for ${YEAR - 1}` });
    expect(await table.getByRole('row', { name: /^Public mailing list archive/ }).getByRole('cell').first().textContent()).toContain('Not met');
    expect(await table.getByRole('row', { name: /^Open mailing list/ }).getByRole('cell').first().textContent()).toContain('Met');
    await chartsDrawn(page, 3);
    await expectNoAxeViolations(page, 'a DC page in English');
    await page.getByRole('link', { name: 'Dynamic Coalition compliance report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dynamic Coalition compliance report' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('the compliance report lists each DC with its criteria, sorts, and is axe clean in English and Arabic', async () => {
    const { page, errors } = await open('en');
    await page.goto(`${t.url}/dynamic-coalitions/compliance`);
    const table = page.getByRole('table', { name: `Dynamic Coalitions against the minimum requirements for ${YEAR - 1}` });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers.map((h) => h.replace(/[▲▼◆]/g, '').trim())).toEqual([
      'Dynamic Coalition',
      'Status',
      'Overall',
      'Open membership',
      'Open mailing list',
      'Public mailing list archive',
      'Members from at least three stakeholder groups',
      'Annual report filed',
      'Report of the previous session filed',
    ]);
    const youth = table.getByRole('row', { name: /Youth Coalition on Internet Governance/ });
    expect(await youth.getByRole('cell').allTextContents()).toEqual(['Active', '✗ Not compliant', '✓ Met', '✓ Met', '✗ Not met', '✗ Not met', '✗ Not met', 'Does not apply']);
    const irpc = table.getByRole('row', { name: /Internet Rights and Principles Coalition/ });
    expect((await irpc.getByRole('cell').allTextContents())[1]).toBe('✓ Compliant');

    const rowNames = async () => (await table.getByRole('rowheader').allTextContents());
    expect(await rowNames()).toEqual(['Internet Rights and Principles Coalition', 'Youth Coalition on Internet Governance']);
    await table.getByRole('button', { name: 'Dynamic Coalition' }).click();
    expect(await rowNames()).toEqual(['Youth Coalition on Internet Governance', 'Internet Rights and Principles Coalition']);
    expect(await table.getByRole('columnheader', { name: 'Dynamic Coalition' }).getAttribute('aria-sort')).toBe('descending');
    await expectNoAxeViolations(page, 'the compliance report in English');
    await shot(page, 'compliance-en-desktop');
    expect(errors).toEqual([]);

    const ar = await open('ar', true);
    await ar.page.goto(`${t.url}/dynamic-coalitions/compliance`);
    await ar.page.getByRole('table', { name: `الائتلافات الدينامية مقارنةً بالمتطلبات الدنيا لعام ${YEAR - 1}` }).waitFor();
    await ar.page.getByRole('region', { name: 'جدول الامتثال، يمكن تمريره أفقيًا' }).waitFor();
    await expectNoAxeViolations(ar.page, 'the compliance report in Arabic on a phone');
    await shot(ar.page, 'compliance-ar-phone');
    expect(ar.errors).toEqual([]);
  });

  it('the members address from e-mails lists the active members', async () => {
    const { page, errors } = await open('en');
    await page.goto(`${t.url}/workstreams/${bpf.slug}/members`);
    const table = page.getByRole('table', { name: 'Active members, earliest first' });
    await table.getByRole('rowheader', { name: 'Wanjiru Kamau' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(7);
    await expectNoAxeViolations(page, 'the member list');
    expect(errors).toEqual([]);
  });

  it('screenshots the remaining sizes and languages (and stays axe clean)', async () => {
    const pages: [string, string][] = [
      ['home', '/'],
      ['directory', '/workstreams?kind=DC'],
      ['workstream', `/workstreams/${bpf.slug}`],
      ['compliance', '/dynamic-coalitions/compliance'],
      ['dc', '/workstreams/dc-internet-rights-principles'],
    ];
    for (const [locale, phone] of [
      ['en', true],
      ['ar', false],
    ] as const) {
      const { page, errors } = await open(locale, phone);
      for (const [name, path] of pages) {
        await page.goto(`${t.url}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('main h2, main table').first().waitFor();
        if (name === 'workstream' || name === 'dc') await chartsDrawn(page, 3);
        if (name === 'workstream')
          for (const [n, figure] of (await page.getByRole('figure').all()).entries()) await figure.screenshot({ path: `${SHOTS}/chart-${n}-${locale}-${phone ? 'phone' : 'desktop'}.png` });
        await expectNoAxeViolations(page, `${name} in ${locale}`);
        await shot(page, `${name}-${locale}-${phone ? 'phone' : 'desktop'}`);
      }
      expect(errors).toEqual([]);
    }
  });
});
