import { parse } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { Clock } from '@intersessional/database';
import { freshIp, Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold</b> [click](javascript:alert(1)) <javascript:alert(3)> | pipe & &lt;i&gt;';
const ARABIC = 'نقترح إضافة فقرة عن الشبكات المجتمعية في المناطق الريفية.';
const RESPONSE = 'Noted <i>with thanks</i> [see](javascript:alert(2))';
const COMMENTER = 'commenter { name organisation stakeholderGroup country region countryPublic }';
const LIST = `query($id: ID!) { commentPeriod(id: $id) {
  comments(first: 50) { edges { node { id body bodyHtml language ${COMMENTER} } } }
  commenters(first: 50) { edges { node { name organisation stakeholderGroup } } } } }`;
const SYNTHESIS = `query($id: ID!) { commentPeriod(id: $id) { synthesis {
  byStakeholderGroup { category commenters suppressed display }
  byRegion { category commenters suppressed display }
  byGender { category commenters suppressed display } } } }`;

type Cell = { category: string; commenters: number | null; suppressed: boolean; display: string };
type Commenter = { name: string; organisation: string | null; stakeholderGroup: string; country: string | null; region: string | null; countryPublic: boolean };

/** Markdown as a permissive viewer renders it (raw HTML on): nothing a commenter typed may become markup. */
const viewer = new MarkdownIt({ html: true, linkify: true });

/**
 * One disclosure policy across every public output, and user text escaped in every format: what a
 * commenter did not make public (country when not shown, anything of an unconsented comment, gender
 * always) appears in no public output; hostile text never becomes markup; Arabic carries dir and lang.
 */
describe('disclosure and escaping of what commenters wrote and told about themselves', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let period: { id: string; closesAt: string };
  let shows: TestUser;
  let hides: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF');
    const documentId = await given.document(bpf, { markdown: 'Community networks connect people.\n\nSecond paragraph.' });
    period = await given.commentPeriod(bpf, { documentId, title: 'Draft <script>alert(4)</script>', participation: 'REGISTERED_AND_GUESTS' });

    shows = await given.user({ displayName: 'Eve <img src=x onerror=alert(1)>', stakeholderGroup: 'GOVERNMENT', country: 'BR', gender: 'WOMAN' });
    hides = await given.user({ displayName: 'Amina Hidden-Country', stakeholderGroup: 'ACADEMIA', country: 'NG', gender: 'MAN' });
    const unconsented = await given.user({ displayName: 'Silent Sam', stakeholderGroup: 'TECHNICAL_COMMUNITY', country: 'JP', gender: 'NON_BINARY' });
    const unconsented2 = await given.user({ displayName: 'Quiet Quinn', stakeholderGroup: 'PRIVATE_SECTOR', country: 'DE', gender: 'WOMAN' });
    const submit = async (user: TestUser | null, input: Record<string, unknown>) => {
      const result = await (user ? user.client : t.client).request<{ submitComment: { id: string } }>(
        `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`,
        { input: { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, ...input } },
        { 'x-forwarded-for': freshIp() },
      );
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      return result.data.submitComment.id;
    };
    ids.hostile = await submit(shows, { body: HOSTILE, bodyFormat: 'MARKDOWN', showCountry: true, suggestion: '<b>x</b> [y](javascript:alert(5))' });
    ids.arabic = await submit(hides, { body: ARABIC, language: 'ar', organisation: 'جامعة لاغوس' });
    ids.secret = await submit(unconsented, { body: 'Only for the facilitators.', organisation: 'Secret Org', consentToPublish: false });
    ids.secret2 = await submit(unconsented2, { body: 'Also only for the facilitators.', organisation: 'Hidden Ltd', consentToPublish: false });
    ids.guest = await submit(null, { body: 'A guest view.', guest: { name: 'Gabriela Guest', email: 'gabriela@example.org', organisation: 'Red Rural', stakeholderGroup: 'CIVIL_SOCIETY', country: 'CL' } });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: ids.guest });
    await unconsented.client.ok(`mutation($input: ReplyInput!) { replyToComment(input: $input) { id } }`, {
      input: { commentId: ids.arabic, body: 'A private reply from Silent Sam.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: false },
    });
    for (const id of Object.values(ids)) {
      await bpf.facilitator.client.ok(`mutation($id: ID!, $r: String!) { answerComment(id: $id, disposition: NOTED, response: $r) { id } }`, { id, r: RESPONSE });
    }
    t.app.get(Clock).travelTo(new Date(new Date(period.closesAt).getTime() + 1000));
    await bpf.facilitator.client.ok(`mutation($id: ID!) { publishSynthesis(id: $id) { status } }`, { id: period.id });
  }, 180_000);
  afterAll(async () => {
    t.app.get(Clock).travelTo(new Date());
    await t.close();
  });

  /** What no public output may contain: attributes people did not make public. */
  const UNDISCLOSED = ['"NG"', 'AFRICAN', '"JP"', '"CL"', 'Secret Org', 'Hidden Ltd', 'Silent Sam', 'Quiet Quinn', 'NON_BINARY', 'WOMAN"', '"MAN"', 'Only for the facilitators'];
  const download = async (path: string, as?: TestUser) => (await fetch(`${t.url}/comment-periods/${period.id}/${path}`, { headers: as ? { authorization: `Bearer ${as.token}` } : {} })).text();

  it('GraphQL shows name, organisation and group of published comments, country and region only where the commenter chose', async () => {
    const data = (await t.client.ok<{ commentPeriod: { comments: { edges: { node: { id: string; bodyHtml: string; commenter: Commenter } }[] }; commenters: unknown } }>(LIST, { id: period.id }))
      .commentPeriod;
    const byId = Object.fromEntries(data.comments.edges.map((e) => [e.node.id, e.node]));
    expect(Object.keys(byId).sort()).toEqual([ids.hostile, ids.arabic, ids.guest].sort());
    expect(byId[ids.hostile].commenter).toMatchObject({ stakeholderGroup: 'GOVERNMENT', country: 'BR', region: 'GRULAC', countryPublic: true });
    expect(byId[ids.arabic].commenter).toEqual({ name: 'Amina Hidden-Country', organisation: 'جامعة لاغوس', stakeholderGroup: 'ACADEMIA', country: null, region: null, countryPublic: false });
    expect(byId[ids.guest].commenter).toMatchObject({ name: 'Gabriela Guest', country: null, region: null });
    const single = await t.client.ok<{ comment: { commenter: Commenter } }>(`query($id: ID!) { comment(id: $id) { ${COMMENTER} } }`, { id: ids.arabic });
    expect(single.comment.commenter.country).toBeNull();
    const everything = JSON.stringify(data);
    for (const secret of UNDISCLOSED) expect(everything).not.toContain(secret.replace(/"/g, ''));

    // the commenter and the facilitators still see what was given
    const own = await hides.client.ok<{ comment: { commenter: Commenter } }>(`query($id: ID!) { comment(id: $id) { ${COMMENTER} } }`, { id: ids.arabic });
    expect(own.comment.commenter).toMatchObject({ country: 'NG', region: 'AFRICAN' });
    const facilitators = await bpf.facilitator.client.ok<{ comment: { commenter: Commenter } }>(`query($id: ID!) { comment(id: $id) { ${COMMENTER} } }`, { id: ids.guest });
    expect(facilitators.comment.commenter).toMatchObject({ country: 'CL', region: 'GRULAC' });
  });

  it('bodyHtml renders no markup from the commenter and carries dir="auto" and the comment language', async () => {
    const data = (await t.client.ok<{ commentPeriod: { comments: { edges: { node: { id: string; bodyHtml: string } }[] } } }>(LIST, { id: period.id })).commentPeriod;
    const html = Object.fromEntries(data.comments.edges.map((e) => [e.node.id, e.node.bodyHtml]));
    expect(html[ids.hostile]).not.toMatch(/<script|<img|<b>|href="javascript/i);
    expect(html[ids.hostile].startsWith('<div dir="auto" lang="en">')).toBe(true);
    expect(html[ids.arabic]).toBe(`<div dir="auto" lang="ar"><p>${ARABIC}</p>\n</div>`);
  });

  it('the public CSV and JSON list only disclosed attributes, with the texts intact', async () => {
    const csv = await download('comments?format=csv');
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([ids.hostile, ids.arabic, ids.guest].sort());
    expect(byId[ids.hostile]).toMatchObject({ country: 'BR', region: 'GRULAC', body: HOSTILE });
    expect(byId[ids.arabic]).toMatchObject({ country: '', region: '', body: ARABIC, language: 'ar', stakeholder_group: 'ACADEMIA' });
    expect(byId[ids.guest]).toMatchObject({ country: '', region: '' });
    expect(Object.keys(rows[0])).not.toContain('gender');
    const json = await download('comments?format=json');
    for (const secret of UNDISCLOSED) {
      expect(csv).not.toContain(secret.replace(/"/g, ''));
      expect(json).not.toContain(secret);
    }
    expect((JSON.parse(json) as { id: string; body: string }[]).find((r) => r.id === ids.arabic)?.body).toBe(ARABIC);
    // facilitators get everything they were given (not gender)
    const all = parse(await download('comments?format=csv', bpf.facilitator), { columns: true, bom: true }) as Record<string, string>[];
    expect(all.find((r) => r.id === ids.arabic)).toMatchObject({ country: 'NG', region: 'AFRICAN' });
  });

  it('the Markdown comment–response table escapes every piece of user text', async () => {
    const markdown = await download('responses?format=markdown');
    const rendered = viewer.render(markdown);
    expect(rendered).not.toMatch(/<script|<img|<b>|<i>|href="javascript/i);
    expect(markdown).not.toMatch(/(^|[^\\])\]\(javascript:/);
    expect(markdown).not.toMatch(/(^|[^\\])<javascript:/);
    // what was typed still reads as typed
    expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered).toContain('[click](javascript:alert(1))');
    expect(rendered).toContain('Noted &lt;i&gt;with thanks&lt;/i&gt;');
    expect(markdown).toContain(ARABIC);
    // one row per listed comment: the pipe in the text does not split cells
    expect(markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| #')).map((l) => l.split(/(?<!\\)\|/).length)).toEqual([7, 7, 7]);
    for (const secret of UNDISCLOSED) expect(markdown).not.toContain(secret.replace(/"/g, ''));
  });

  it('the HTML comment–response table escapes user text and marks its direction and language', async () => {
    const html = await download('responses?format=html');
    expect(html).not.toMatch(/<script|<img|<b>|<i>|href="javascript/i);
    expect(html).toContain(`<div dir="auto" lang="ar"><p>${ARABIC}</p>`);
    expect(html).toContain('<td dir="auto">Amina Hidden-Country, جامعة لاغوس, academia</td>');
    expect(html).toContain('<span dir="auto">Noted &lt;i&gt;with thanks&lt;/i&gt; [see](javascript:alert(2))</span>');
    expect(html).toContain('<h1><bdi>Draft &lt;script&gt;alert(4)&lt;/script&gt;</bdi>');
    for (const secret of UNDISCLOSED) expect(html).not.toContain(secret.replace(/"/g, ''));
    // it opens in the browser, sandboxed (no script, no request), and saves under the period's title
    const response = await fetch(`${t.url}/comment-periods/${period.id}/responses?format=html`);
    expect(response.headers.get('content-disposition')).toMatch(/^inline; filename=".+ - responses\.html"/);
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'; style-src 'unsafe-inline'");
    const markdown = await fetch(`${t.url}/comment-periods/${period.id}/responses?format=markdown`);
    expect(markdown.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('an unconsented reply is not announced to the commenter it answers (no name, no text)', async () => {
    const notices = await hides.client.ok<{ notifications: { edges: { node: { title: string; body: string } }[] } }>(`{ notifications(first: 50) { edges { node { title body } } } }`);
    const text = JSON.stringify(notices);
    expect(text).toContain('answered'); // the facilitators' answer did arrive
    expect(text).not.toMatch(/Silent Sam|private reply/);
  });

  it('the synthesis suppresses only people whose attribute is not public: listed groups are counted, gender never listed', async () => {
    const s = (await t.client.ok<{ commentPeriod: { synthesis: { byStakeholderGroup: Cell[]; byRegion: Cell[]; byGender: Cell[] } } }>(SYNTHESIS, { id: period.id })).commentPeriod.synthesis;
    const group = Object.fromEntries(s.byStakeholderGroup.map((c) => [c.category, c]));
    // the public list shows these people with their group: no reason to hide the cell
    expect(group.GOVERNMENT).toMatchObject({ commenters: 1, suppressed: false, display: '1' });
    expect(group.ACADEMIA).toMatchObject({ commenters: 1, suppressed: false });
    expect(group.CIVIL_SOCIETY).toMatchObject({ commenters: 1, suppressed: false });
    // unconsented commenters are not listed: their cells are suppressed
    expect(group.TECHNICAL_COMMUNITY).toMatchObject({ commenters: null, suppressed: true, display: 'fewer than 3' });
    expect(group.PRIVATE_SECTOR).toMatchObject({ commenters: null, suppressed: true, display: 'fewer than 3' });
    const region = Object.fromEntries(s.byRegion.map((c) => [c.category, c]));
    // one GRULAC commenter showed the country, the guest did not: the cell shows only what is public
    expect(region.GRULAC).toMatchObject({ commenters: null, suppressed: true, display: 'at least 1' });
    expect(region.AFRICAN).toMatchObject({ commenters: null, suppressed: true });
    for (const cell of s.byGender) expect(cell.commenters === null || cell.commenters === 0 || cell.commenters >= 3).toBe(true);
    expect(s.byGender.find((c) => c.category === 'WOMAN')).toMatchObject({ suppressed: true });
  });
});
