import type { Page } from 'playwright-core';
import type { TestUser } from '../api/test/support/given';
import { waitForAsync } from '../api/test/support/wait';
import { PHONE, collectErrors, expectNoAxeViolations } from './support/browser';
import { browserSuite } from './support/suite';

// The facilitators' console on a workstream's members page (the address e-mails about join requests
// use): requests approved or declined, roles changed, a member removed, and the last facilitator kept.

const JOIN = `mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id status } }`;
const MEMBERS = `query($id: ID!) { workstream(id: $id) { members(first: 50) { edges { node { role user { displayName } } } } requests: members(status: PENDING) { totalCount } } }`;

describe('the members console', () => {
  const suite = browserSuite();
  const { signedIn } = suite;

  /** A BPF whose facilitator has two people asking to join and one member. */
  async function workstreamWithRequests() {
    const facilitator = await suite.given.user({ displayName: 'Fatima Zahra' });
    const bpf = await suite.given.workstream('BPF', { facilitator, name: `BPF on AI ${Math.random().toString(36).slice(2, 7)}` });
    const ana = await suite.given.user({ displayName: 'Ana Souza' });
    const ben = await suite.given.user({ displayName: 'Ben Okafor' });
    const carla = await suite.given.user({ displayName: 'Carla Ruiz' });
    for (const person of [ana, ben]) await person.client.ok(JOIN, { id: bpf.id });
    await suite.given.addMember(bpf.id, carla, facilitator);
    return { bpf, facilitator, slug: bpf.slug };
  }
  const members = async (facilitator: TestUser, id: string) =>
    (await facilitator.client.ok<{ workstream: { members: { edges: { node: { role: string; user: { displayName: string } } }[] }; requests: { totalCount: number } } }>(MEMBERS, { id })).workstream;
  const row = (page: Page, name: string) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

  it('approves and declines requests, changes a role, removes a member, and keeps the last facilitator', async () => {
    const { bpf, facilitator, slug } = await workstreamWithRequests();
    const page = await (await signedIn(facilitator)).newPage();
    const errors = collectErrors(page);
    await page.goto(`${suite.t.url}/workstreams/${slug}/members`);
    await page.getByRole('heading', { level: 2, name: 'Requests to join (2)' }).waitFor();
    await expectNoAxeViolations(page, 'the members console in English');

    await page.getByRole('button', { name: /^Approve\W+Ana Souza$/ }).click();
    await page.getByRole('status').filter({ hasText: 'Ana Souza is now a member.' }).waitFor();
    await row(page, 'Ana Souza').waitFor();
    await page.getByRole('button', { name: /^Decline\W+Ben Okafor$/ }).click();
    await page.getByText('No one is waiting to join.').waitFor();

    await page.getByRole('combobox', { name: 'Role of Carla Ruiz' }).selectOption('LEAD_EXPERT');
    await page.getByRole('status').filter({ hasText: 'Carla Ruiz is now Lead expert.' }).waitFor();

    // the only facilitator cannot step down: the page says why, and the role stays
    await page.getByRole('combobox', { name: 'Role of Fatima Zahra' }).selectOption('MEMBER');
    await page.getByRole('alert').filter({ hasText: 'A workstream keeps at least one facilitator' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Role of Fatima Zahra' }).inputValue()).toBe('FACILITATOR');

    await page.getByRole('button', { name: /^Remove\W+Ana Souza$/ }).click();
    await page.getByRole('status').filter({ hasText: 'Ana Souza was removed from the workstream.' }).waitFor();
    await waitForAsync(async () => (await row(page, 'Ana Souza').count()) === 0, 'Ana Souza to leave the table');

    const now = await members(facilitator, bpf.id);
    expect(now.requests.totalCount).toBe(0);
    expect(Object.fromEntries(now.members.edges.map((e) => [e.node.user.displayName, e.node.role]))).toEqual({ 'Fatima Zahra': 'FACILITATOR', 'Carla Ruiz': 'LEAD_EXPERT' });
    expect(errors).toEqual([]);
  });

  it('shows everyone else the public list, without requests or controls', async () => {
    const { slug } = await workstreamWithRequests();
    const page = await (await signedIn(await suite.given.user())).newPage();
    await page.goto(`${suite.t.url}/workstreams/${slug}/members`);
    await page.getByRole('table', { name: 'Active members, earliest first' }).waitFor();
    expect(await page.getByRole('heading', { name: /Requests to join/ }).count()).toBe(0);
    expect(await page.getByRole('combobox').filter({ hasText: 'Facilitator' }).count()).toBe(0);
  });

  it.each([
    ['en', 'en-GB', 'phone', PHONE],
    ['ar', 'ar-EG', 'phone', PHONE],
  ] as const)('has no axe violation in %s (%s) on a %s', async (locale, browserLocale, size, device) => {
    const { facilitator, slug } = await workstreamWithRequests();
    const page = await (await signedIn(facilitator, { ...device, locale: browserLocale })).newPage();
    await page.goto(`${suite.t.url}/workstreams/${slug}/members`);
    await page.locator('[data-membership-id]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    await page.screenshot({ path: `/work/wt/shots/members-console-${locale}-${size}.png`, fullPage: true });
    await expectNoAxeViolations(page, `the members console in ${locale} on a ${size}`);
  });
});
