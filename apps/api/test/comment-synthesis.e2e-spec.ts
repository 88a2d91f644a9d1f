import { parse } from 'csv-parse/sync';
import { Clock } from '@intersessional/database';
import { freshIp, Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const DRAFT = `# Findings

Norms are implemented unevenly across regions.

Capacity building works best when it is demand-driven.
`;

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state } }`;
const ANSWER = `mutation($id: ID!, $d: Disposition!, $r: String!) { answerComment(id: $id, disposition: $d, response: $r) { id } }`;
const SYNTHESIS = `query($id: ID!) { commentPeriod(id: $id) { status synthesis {
  totalComments totalCommenters
  byStakeholderGroup { category commenters comments suppressed display }
  byRegion { category commenters suppressed }
  byGender { category commenters suppressed }
  byDisposition { disposition count }
  byParagraph { paragraph comments suggestions accepted notAccepted unanswered }
  clusters { size identical commentIds excerpt } } } }`;

const HOUR = 3600_000;
const CAMPAIGN = 'We call on the forum to recognise community networks as a vital means of connecting the unconnected in rural areas.';

type Synthesis = {
  totalComments: number;
  totalCommenters: number;
  byStakeholderGroup: { category: string; commenters: number | null; comments: number | null; suppressed: boolean; display: string }[];
  byRegion: { category: string; commenters: number | null; suppressed: boolean }[];
  byGender: { category: string; commenters: number | null; suppressed: boolean }[];
  byDisposition: { disposition: string; count: number }[];
  byParagraph: { paragraph: number; comments: number; suggestions: number; accepted: number; notAccepted: number; unanswered: number }[];
  clusters: { size: number; identical: number; commentIds: string[]; excerpt: string }[];
};

describe('synthesis and exports of a comment period, and calls for contributions', () => {
  let t: TestApp;
  let given: Given;
  let clock: Clock;
  let bpf: { id: string; facilitator: TestUser };
  let documentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    clock = t.app.get(Clock);
    bpf = await given.workstream('BPF');
    documentId = await given.document(bpf, { markdown: DRAFT });
  });
  afterEach(() => clock.travelTo(new Date()));
  afterAll(() => t.close());

  const newPeriod = () => given.commentPeriod(bpf, { documentId });

  const submit = async (user: TestUser, input: Record<string, unknown>) => {
    const result = await user.client.request<{ submitComment: { id: string; state: string } }>(
      SUBMIT,
      { input: { language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, body: 'Comment.', ...input } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };

  const closeAndPublish = async (periodId: string, closesAt: string) => {
    clock.travelTo(new Date(new Date(closesAt).getTime() + 1000));
    await bpf.facilitator.client.ok(`mutation($id: ID!) { publishSynthesis(id: $id, reason: "Late comments are still being processed") { status } }`, { id: periodId });
  };

  it('counts by stakeholder group, region and gender with small cells suppressed, by paragraph and disposition, and finds campaigns', async () => {
    const period = await newPeriod();
    const civil = await Promise.all([0, 1, 2, 3].map(() => given.user({ stakeholderGroup: 'CIVIL_SOCIETY', country: 'KE', gender: 'WOMAN' })));
    const government = await given.user({ stakeholderGroup: 'GOVERNMENT', country: 'BR', gender: 'MAN' });
    const campaign = [
      await submit(civil[0], { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body: CAMPAIGN }),
      await submit(civil[1], { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body: CAMPAIGN }),
      await submit(civil[2], { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body: CAMPAIGN.replace('rural areas', 'rural and remote areas') }),
    ];
    const suggestion = await submit(civil[3], { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 2 }, body: 'Say who decides.', suggestion: 'when it is demand-driven and locally owned' });
    const official = await submit(government, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Our ministry supports the draft.' });
    for (const topic of ['methodology', 'sources', 'terminology']) {
      await submit(await given.user({ stakeholderGroup: 'ACADEMIA', country: 'FR', gender: null }), { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: `A remark on the ${topic} of the report.` });
    }
    await bpf.facilitator.client.ok(ANSWER, { id: suggestion.id, d: 'ACCEPTED', r: 'Adopted.' });
    await bpf.facilitator.client.ok(ANSWER, { id: official.id, d: 'NOTED', r: 'Thank you.' });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { hideComment(id: $id, reason: "duplicate campaign post") { id } }`, { id: campaign[1].id });

    // the public sees no synthesis before it is published; facilitators do
    expect((await t.client.ok<{ commentPeriod: { synthesis: null } }>(SYNTHESIS, { id: period.id })).commentPeriod.synthesis).toBeNull();
    const draft = (await bpf.facilitator.client.ok<{ commentPeriod: { synthesis: Synthesis } }>(SYNTHESIS, { id: period.id })).commentPeriod.synthesis;
    expect(draft.clusters).toEqual([{ size: 3, identical: 2, commentIds: campaign.map((c) => c.id), excerpt: CAMPAIGN }]);

    await closeAndPublish(period.id, period.closesAt);
    const s = (await t.client.ok<{ commentPeriod: { status: string; synthesis: Synthesis } }>(SYNTHESIS, { id: period.id })).commentPeriod.synthesis;
    expect({ comments: s.totalComments, commenters: s.totalCommenters }).toEqual({ comments: 8, commenters: 8 });
    const group = Object.fromEntries(s.byStakeholderGroup.map((c) => [c.category, c]));
    expect(group.CIVIL_SOCIETY).toMatchObject({ commenters: 4, comments: 4, suppressed: false });
    // everyone here is listed in public with their group (disclosure policy): no cell is suppressed for them
    expect(group.GOVERNMENT).toMatchObject({ commenters: 1, comments: 1, suppressed: false, display: '1' });
    expect(group.ACADEMIA).toMatchObject({ commenters: 3, suppressed: false, display: '3' });
    const gender = Object.fromEntries(s.byGender.map((c) => [c.category, c]));
    expect(gender.WOMAN).toMatchObject({ commenters: 4, suppressed: false });
    expect(gender.MAN).toMatchObject({ commenters: null, suppressed: true });
    expect(gender.NOT_STATED).toMatchObject({ commenters: null, suppressed: true });
    expect(Object.fromEntries(s.byRegion.map((c) => [c.category, c.commenters]))).toMatchObject({ AFRICAN: 4, GRULAC: null, WEOG: null });
    expect(s.byDisposition).toEqual([
      { disposition: 'ACCEPTED', count: 1 },
      { disposition: 'HIDDEN', count: 1 }, // hidden by a moderator: it needs no answer
      { disposition: 'NOTED', count: 1 },
      { disposition: 'UNANSWERED', count: 5 },
    ]);
    expect(s.byParagraph).toEqual([
      { paragraph: 0, comments: 4, suggestions: 0, accepted: 0, notAccepted: 0, unanswered: 3 },
      { paragraph: 1, comments: 3, suggestions: 0, accepted: 0, notAccepted: 0, unanswered: 2 }, // one of them hidden
      { paragraph: 2, comments: 1, suggestions: 1, accepted: 1, notAccepted: 0, unanswered: 0 },
    ]);
    // the public cluster counts every submission but lists and quotes only public ones
    expect(s.clusters).toEqual([{ size: 3, identical: 2, commentIds: [campaign[0].id, campaign[2].id], excerpt: CAMPAIGN }]);
  });

  it('streams every comment as CSV and JSON: facilitators see all, the public never sees hidden text', async () => {
    const period = await newPeriod();
    const author = await given.user({ stakeholderGroup: 'TECHNICAL_COMMUNITY', country: 'IN' });
    const a = await submit(author, { periodId: period.id, anchor: { kind: 'RANGE', start: { paragraph: 2, offset: 0 }, end: { paragraph: 2, offset: 17 } }, body: '=HYPERLINK("http://evil.example")' });
    const b = await submit(author, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Rude, secret words.' });
    await submit(author, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Not for publication.', consentToPublish: false });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { hideComment(id: $id, reason: "insulting") { id } }`, { id: b.id });
    // thousands more, written straight to the table (the API path is measured in bench/)
    await t.dataSource.query(
      `INSERT INTO comments (period_id, author_id, commenter_name, stakeholder_group, speaking_for, official, body, body_format, language, consent_to_publish, anchor_kind, state, fingerprint, created_at)
       SELECT $1, $2, 'Bulk commenter', 'ACADEMIA', 'PERSONAL', false, 'Bulk comment ' || g, 'PLAIN', 'en', true, 'DOCUMENT', 'PUBLISHED', md5(g::text), now() + g * interval '1 millisecond'
         FROM generate_series(1, 3000) g`,
      [period.id, author.id],
    );

    const download = (format: string, as?: TestUser) => fetch(`${t.url}/comment-periods/${period.id}/comments?format=${format}`, { headers: as ? { authorization: `Bearer ${as.token}` } : {} });
    const facilitatorCsv = await download('csv', bpf.facilitator);
    expect(facilitatorCsv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(facilitatorCsv.headers.get('transfer-encoding')).toBe('chunked');
    const all = parse(await facilitatorCsv.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(all).toHaveLength(3003);
    const byId = Object.fromEntries(all.map((r) => [r.id, r]));
    expect(byId[a.id]).toMatchObject({ paragraphs: '2', quote: 'Capacity building', body: `'=HYPERLINK("http://evil.example")`, status: 'published' });
    expect(byId[b.id]).toMatchObject({ body: 'Rude, secret words.', status: 'hidden', moderation_reason: 'insulting' });

    const publicCsv = parse(await (await download('csv')).text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(publicCsv).toHaveLength(3002); // without the unconsented one
    const hidden = publicCsv.find((r) => r.id === b.id);
    expect(hidden).toMatchObject({ body: '[hidden by the moderators]', status: 'hidden', moderation_reason: '' });
    expect(JSON.stringify(publicCsv)).not.toMatch(/Rude, secret|Not for publication/);

    const json = (await (await download('json')).json()) as { id: string; body: string }[];
    expect(json).toHaveLength(3002);
    expect(json.find((r) => r.id === b.id)?.body).toBe('[hidden by the moderators]');
    expect((await (await download('xml', bpf.facilitator)).json()) as { code: string }).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('publishes the comment–response table as Markdown and HTML with the synthesis', async () => {
    const period = await newPeriod();
    const author = await given.user({ stakeholderGroup: 'ACADEMIA', country: 'FR', displayName: 'Dr. Pipe | Test' });
    const c = await submit(author, { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body: 'Cite <b>the</b> 2023 study.\nSecond line.' });
    await bpf.facilitator.client.ok(ANSWER, { id: c.id, d: 'PARTLY_ACCEPTED', r: 'Cited in paragraph 1.' });
    const table = (format: string) => fetch(`${t.url}/comment-periods/${period.id}/responses?format=${format}`);
    expect((await table('markdown')).status).toBe(400); // before the synthesis

    await closeAndPublish(period.id, period.closesAt);
    const markdown = await (await table('markdown')).text();
    expect(markdown).toContain('| # | Paragraph | Commenter | Comment | Response |');
    expect(markdown).toContain('| 1 | 1 | Dr. Pipe \\| Test, academia | > “Norms are implemented unevenly across regions.” — Cite \\<b\\>the\\</b\\> 2023 study. <br> Second line. | Partly accepted: Cited in paragraph 1. |');
    const html = await (await table('html')).text();
    expect(html).toContain('<td>Partly accepted: <span dir="auto">Cited in paragraph 1.</span></td>');
    expect(html).toContain('Cite &lt;b&gt;the&lt;/b&gt; 2023 study.');
    expect(html).not.toContain('<b>the</b>');
  });

  it('runs a call for contributions with the same submissions, moderation, answers, synthesis and exports', async () => {
    const now = Date.now();
    const call = (
      await bpf.facilitator.client.ok<{ createCallForContributions: { id: string; kind: string; closesAt: string; status: string } }>(
        `mutation($input: CreateCallForContributionsInput!) { createCallForContributions(input: $input) { id kind status closesAt } }`,
        {
          input: {
            workstreamId: bpf.id,
            title: 'Call for case studies',
            guidingQuestions: ['Which capacity-building programme worked, and why?'],
            timeZone: 'Asia/Tokyo',
            opensAt: new Date(now - 1000).toISOString(),
            closesAt: new Date(now + 30 * 24 * HOUR).toISOString(),
            participation: 'REGISTERED_AND_GUESTS',
            schedule: true,
          },
        },
      )
    ).createCallForContributions;
    expect(call).toMatchObject({ kind: 'CALL_FOR_CONTRIBUTIONS', status: 'OPEN' });
    const contributor = await given.user({ stakeholderGroup: 'PRIVATE_SECTOR', country: 'JP' });
    const submission = await submit(contributor, { periodId: call.id, anchor: { kind: 'DOCUMENT' }, body: 'Our programme: https://example.org/case-study and https://example.org/data' });
    expect(submission.state).toBe('PUBLISHED');
    const onText = await contributor.client.request(SUBMIT, { input: { periodId: call.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body: 'x', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } });
    expect(onText.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'anchor.kind' });
    const links = await t.client.ok<{ comment: { links: string[] } }>(`query($id: ID!) { comment(id: $id) { links } }`, { id: submission.id });
    expect(links.comment.links).toEqual(['https://example.org/case-study', 'https://example.org/data']);
    await bpf.facilitator.client.ok(ANSWER, { id: submission.id, d: 'ACCEPTED', r: 'Included as case study 3.' });
    clock.travelTo(new Date(new Date(call.closesAt).getTime() + 1));
    await bpf.facilitator.client.ok(`mutation($id: ID!) { publishSynthesis(id: $id) { status } }`, { id: call.id });
    const s = (await t.client.ok<{ commentPeriod: { synthesis: Synthesis } }>(SYNTHESIS, { id: call.id })).commentPeriod.synthesis;
    expect(s.byDisposition).toEqual([{ disposition: 'ACCEPTED', count: 1 }]);
    const markdown = await (await fetch(`${t.url}/comment-periods/${call.id}/responses?format=markdown`)).text();
    expect(markdown).toContain('Accepted: Included as case study 3.');
  });
});
