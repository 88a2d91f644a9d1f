import { Clock } from '@intersessional/database';
import { PeriodScheduler } from '@intersessional/consultation';
import { freshIp, Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const DRAFT = `# Findings

Norms are implemented unevenly across regions.

Capacity building works best when it is demand-driven.

- Governments should publish how they implement each norm.
- Donors should fund capacity building for three years.

Civil society is rarely consulted.
`;

const PERIOD_FIELDS = `id kind status title timeZone closesAtUtcOffset opensAt closesAt inclusionCutoffAt participation moderation versionId documentId`;
const CREATE = `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { ${PERIOD_FIELDS} } }`;
const PERIOD = `query($id: ID!) { commentPeriod(id: $id) { ${PERIOD_FIELDS} } }`;
const SCHEDULE = `mutation($id: ID!) { scheduleCommentPeriod(id: $id) { id status } }`;
const COMMENT_FIELDS = `id state body bodyHtml late hidden official suggestion suggestionAppliedAt editCount withdrawnAt
  anchor { kind startParagraph endParagraph startOffset endOffset quote { exact prefix suffix } }
  commenter { key name organisation stakeholderGroup region speakingFor guest }
  answer { disposition response }`;
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { ${COMMENT_FIELDS} } }`;

type Period = { id: string; status: string; versionId: string; documentId: string; closesAt: string; opensAt: string };
type Comment = { id: string; state: string; body: string; anchor: { startParagraph: number; endParagraph: number; quote: { exact: string } } | null; commenter: { key: string } };

const HOUR = 3600_000;

describe('public comment periods', () => {
  let t: TestApp;
  let given: Given;
  let clock: Clock;
  let bpf: { id: string; facilitator: TestUser };
  let member: TestUser;
  let commenter: TestUser;
  let other: TestUser;
  let documentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    clock = t.app.get(Clock);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(bpf.id, member);
    commenter = await given.user({ stakeholderGroup: 'GOVERNMENT', country: 'BR' });
    other = await given.user({ stakeholderGroup: 'PRIVATE_SECTOR', country: 'DE' });
    const created = await member.client.ok<{ createDocument: { id: string } }>(
      `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
      { input: { workstreamId: bpf.id, title: 'BPF draft output', kind: 'DRAFT_OUTPUT', visibility: 'PUBLIC', markdown: DRAFT } },
    );
    documentId = created.createDocument.id;
  });
  afterEach(() => clock.travelTo(new Date()));
  afterAll(() => t.close());

  /** A scheduled period opening now + `opensInMs`, closing a week later. */
  const openPeriod = async (overrides: Record<string, unknown> = {}, opensInMs = -1000): Promise<Period> => {
    const opensAt = new Date(Date.now() + opensInMs);
    const data = await bpf.facilitator.client.ok<{ createCommentPeriod: Period }>(CREATE, {
      input: {
        documentId,
        freezeVersionLabel: 'Draft for public comment',
        title: 'Public comment on the BPF draft',
        instructions: 'Comment on any paragraph.',
        guidingQuestions: ['Which practices are missing?'],
        timeZone: 'Europe/Zurich',
        opensAt: opensAt.toISOString(),
        closesAt: new Date(opensAt.getTime() + 7 * 24 * HOUR).toISOString(),
        schedule: true,
        ...overrides,
      },
    });
    return data.createCommentPeriod;
  };

  const submit = (user: TestUser | null, input: Record<string, unknown>) =>
    (user ? user.client : t.client).request<{ submitComment: Comment }>(
      SUBMIT,
      { input: { language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, body: 'A comment.', ...input } },
      { 'x-forwarded-for': freshIp() },
    );
  const comment = async (user: TestUser | null, input: Record<string, unknown>) => {
    const result = await submit(user, input);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };

  describe('periods', () => {
    it('a facilitator opens a frozen version to comment: a draft is private until scheduled, then opens and closes at its times', async () => {
      const opensAt = new Date(Date.now() + 2 * HOUR);
      const closesAt = new Date(opensAt.getTime() + 5 * 24 * HOUR);
      const created = await bpf.facilitator.client.ok<{ createCommentPeriod: Period & Record<string, unknown> }>(CREATE, {
        input: {
          documentId,
          freezeVersionLabel: 'Draft I',
          title: 'Draft I for comment',
          timeZone: 'America/Sao_Paulo',
          opensAt: opensAt.toISOString(),
          closesAt: closesAt.toISOString(),
        },
      });
      const period = created.createCommentPeriod;
      expect(period).toMatchObject({ status: 'DRAFT', kind: 'DOCUMENT', timeZone: 'America/Sao_Paulo', closesAtUtcOffset: '-03:00', participation: 'REGISTERED', moderation: 'PUBLISH_AT_ONCE' });
      expect(period.versionId).toBeTruthy();
      expect((await t.client.fails(PERIOD, { id: period.id })).extensions?.code).toBe('NOT_FOUND');
      expect((await member.client.fails(SCHEDULE, { id: period.id })).extensions?.code).toBe('NOT_FOUND');

      await bpf.facilitator.client.ok(SCHEDULE, { id: period.id });
      expect((await t.client.ok<{ commentPeriod: Period }>(PERIOD, { id: period.id })).commentPeriod.status).toBe('SCHEDULED');
      clock.travelTo(opensAt);
      expect((await t.client.ok<{ commentPeriod: Period }>(PERIOD, { id: period.id })).commentPeriod.status).toBe('OPEN');
      clock.travelTo(closesAt);
      expect((await t.client.ok<{ commentPeriod: Period }>(PERIOD, { id: period.id })).commentPeriod.status).toBe('CLOSED');
    });

    it('refuses impossible settings with the field named', async () => {
      const now = Date.now();
      const base = { documentId, freezeVersionLabel: 'x', title: 'x', timeZone: 'Europe/Zurich', opensAt: new Date(now).toISOString(), closesAt: new Date(now + HOUR).toISOString() };
      const cases: [Record<string, unknown>, string][] = [
        [{ closesAt: new Date(now - HOUR).toISOString() }, 'closesAt'],
        [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
        [{ inclusionCutoffAt: new Date(now + 2 * HOUR).toISOString() }, 'inclusionCutoffAt'],
        [{ freezeVersionLabel: undefined }, 'versionId'],
      ];
      for (const [change, field] of cases) {
        const error = await bpf.facilitator.client.fails(CREATE, { input: { ...base, ...change } });
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect((await member.client.fails(CREATE, { input: base })).extensions?.code).toBe('FORBIDDEN');
    });

    it('takes comments exactly while open: one millisecond before closing yes, at closing no, before opening no', async () => {
      const period = await openPeriod({}, HOUR);
      const early = await submit(commenter, { periodId: period.id, anchor: { kind: 'DOCUMENT' } });
      expect(early.errors?.[0]?.extensions?.code).toBe('COMMENT_PERIOD_NOT_OPEN');

      clock.freezeAt(new Date(new Date(period.closesAt).getTime() - 1));
      const inTime = await submit(commenter, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Just in time.' });
      expect(inTime.data?.submitComment.state).toBe('PUBLISHED');

      clock.freezeAt(new Date(period.closesAt));
      const late = await submit(other, { periodId: period.id, anchor: { kind: 'DOCUMENT' } });
      expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'COMMENT_PERIOD_CLOSED', closesAt: period.closesAt });
    });

    it('extends and closes early, on the record; events fire once, also when due while nobody was running', async () => {
      const period = await openPeriod();
      const extended = new Date(new Date(period.closesAt).getTime() + 3 * 24 * HOUR);
      const EXTEND = `mutation($id: ID!, $closesAt: DateTime!) { extendCommentPeriod(id: $id, closesAt: $closesAt, reason: "More time for governments") { closesAt status } }`;
      expect((await bpf.facilitator.client.fails(EXTEND, { id: period.id, closesAt: period.opensAt })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesAt' });
      const after = await bpf.facilitator.client.ok<{ extendCommentPeriod: { closesAt: string } }>(EXTEND, { id: period.id, closesAt: extended.toISOString() });
      expect(after.extendCommentPeriod.closesAt).toBe(extended.toISOString());

      const scheduler = t.app.get(PeriodScheduler);
      await scheduler.tick();
      await scheduler.tick();
      const fired = async () =>
        (await t.dataSource.query(`SELECT event FROM comment_period_events WHERE period_id = $1 ORDER BY due_at`, [period.id])) as { event: string }[];
      expect((await fired()).map((e) => e.event)).toEqual(['OPENED']);

      clock.travelTo(new Date(extended.getTime() - 24 * HOUR));
      await Promise.all([scheduler.tick(), scheduler.tick()]);
      expect((await fired()).map((e) => e.event)).toEqual(['OPENED', 'CLOSING_SOON']);
      // nobody ran at the closing time: the period reads as closed, and "closed" fires once, late
      clock.travelTo(new Date(extended.getTime() + HOUR));
      expect((await t.client.ok<{ commentPeriod: Period }>(PERIOD, { id: period.id })).commentPeriod.status).toBe('CLOSED');
      await Promise.all([scheduler.tick(), scheduler.tick()]);
      await scheduler.tick();
      expect((await fired()).map((e) => e.event)).toEqual(['OPENED', 'CLOSING_SOON', 'CLOSED']);
      expect((await t.client.ok<{ commentPeriod: Period }>(PERIOD, { id: period.id })).commentPeriod.status).toBe('CLOSED');

      clock.travelTo(new Date());
      const second = await openPeriod();
      const CLOSE = `mutation($id: ID!) { closeCommentPeriodEarly(id: $id, reason: "Enough input") { status } }`;
      expect((await bpf.facilitator.client.ok<{ closeCommentPeriodEarly: { status: string } }>(CLOSE, { id: second.id })).closeCommentPeriodEarly.status).toBe('CLOSED');
      expect((await bpf.facilitator.client.fails(CLOSE, { id: second.id })).extensions?.code).toBe('INVALID_TRANSITION');
      const audit = (await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = ANY($1) ORDER BY id`, [[period.id, second.id]])) as { action: string }[];
      expect(audit.map((a) => a.action)).toEqual(['comment_period.created', 'comment_period.extended', 'comment_period.created', 'comment_period.closed_early']);
    });
  });

  describe('comments and anchors', () => {
    let period: Period;
    beforeAll(async () => {
      period = await openPeriod();
    });

    it('anchors a range across paragraphs, whole paragraphs by number, and the whole document', async () => {
      const range = await comment(commenter, {
        periodId: period.id,
        anchor: { kind: 'RANGE', start: { paragraph: 3, offset: 46 }, end: { paragraph: 4, offset: 6 } },
        body: 'These two belong together.',
      });
      expect(range.anchor).toMatchObject({ kind: 'RANGE', startParagraph: 3, endParagraph: 4, quote: { exact: 'each norm.\nDonors' } });
      const paragraphs = await comment(commenter, { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1, toParagraph: 2 } });
      expect(paragraphs.anchor).toMatchObject({ startParagraph: 1, endParagraph: 2, quote: { exact: 'Norms are implemented unevenly across regions.\nCapacity building works best when it is demand-driven.' } });
      const whole = await comment(other, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Overall **good**, see https://example.org', bodyFormat: 'MARKDOWN' });
      expect(whole).toMatchObject({ anchor: { kind: 'DOCUMENT', quote: null }, bodyHtml: expect.stringContaining('<strong>good</strong>') as unknown });

      const view = await t.client.ok<{ commentPeriod: { paragraphs: { number: number; commentCount: number }[]; documentCommentCount: number } }>(
        `query($id: ID!) { commentPeriod(id: $id) { documentCommentCount paragraphs { number type text commentCount } } }`,
        { id: period.id },
      );
      const counts = Object.fromEntries(view.commentPeriod.paragraphs.filter((p) => p.number).map((p) => [p.number, p.commentCount]));
      expect(counts).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 0 });
      expect(view.commentPeriod.documentCommentCount).toBe(1);

      const bad = await submit(commenter, { periodId: period.id, anchor: { kind: 'RANGE', start: { paragraph: 2, offset: 5 }, end: { paragraph: 2, offset: 500 } } });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'anchor.end.offset' });
      const missing = await submit(commenter, { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 99 } });
      expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'anchor.fromParagraph' });
    });

    it('stores bodies safely: no HTML or script passes through', async () => {
      const c = await comment(commenter, {
        periodId: period.id,
        anchor: { kind: 'DOCUMENT' },
        bodyFormat: 'MARKDOWN',
        body: '<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))',
      });
      expect(c.body).toContain('<script>'); // kept as written…
      const html = (c as unknown as { bodyHtml: string }).bodyHtml;
      expect(html).not.toMatch(/<script|<img|href="javascript/i); // …never rendered as HTML
      expect(html).toContain('&lt;script&gt;');
    });

    it('pages a paragraph’s comments and loads replies on demand; facilitators’ replies are official', async () => {
      for (let i = 0; i < 5; i += 1) await comment(other, { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 5 }, body: `Point ${i} on civil society.` });
      const PAGE = `query($id: ID!, $after: String) { commentPeriod(id: $id) { paragraphComments(paragraph: 5, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id body replyCount } } } } }`;
      type Page = { commentPeriod: { paragraphComments: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; body: string } }[] } } };
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = await t.client.ok<Page>(PAGE, { id: period.id, after });
        expect(page.commentPeriod.paragraphComments.totalCount).toBe(5);
        seen.push(...page.commentPeriod.paragraphComments.edges.map((e) => e.node.body));
        if (!page.commentPeriod.paragraphComments.pageInfo.hasNextPage) break;
        after = page.commentPeriod.paragraphComments.pageInfo.endCursor;
      }
      expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `Point ${i} on civil society.`));

      const first = (await t.client.ok<Page>(PAGE, { id: period.id, after: null })).commentPeriod.paragraphComments.edges[0].node;
      const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id official parentId } }`;
      const reply = (input: Record<string, unknown>, by: TestUser) =>
        by.client.ok<{ replyToComment: { official: boolean } }>(REPLY, { input: { commentId: first.id, body: 'Agreed.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, ...input } });
      expect((await reply({}, commenter)).replyToComment.official).toBe(false);
      expect((await reply({ body: 'Thank you, we will reflect this.' }, bpf.facilitator)).replyToComment.official).toBe(true);
      const thread = await t.client.ok<{ comment: { replyCount: number; replies: { edges: { node: { body: string; official: boolean } }[] } } }>(
        `query($id: ID!) { comment(id: $id) { replyCount replies(first: 10) { edges { node { body official } } } } }`,
        { id: first.id },
      );
      expect(thread.comment.replyCount).toBe(2);
      expect(thread.comment.replies.edges.map((e) => e.node)).toEqual([
        { body: 'Agreed.', official: false },
        { body: 'Thank you, we will reflect this.', official: true },
      ]);
    });

    it('shows comments by commenter', async () => {
      const mine = await comment(commenter, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Mine.' });
      const BY = `query($id: ID!, $key: String!) { commentPeriod(id: $id) { comments(commenterKey: $key, first: 50) { totalCount edges { node { commenter { key } } } } } }`;
      const result = await t.client.ok<{ commentPeriod: { comments: { totalCount: number; edges: { node: { commenter: { key: string } } }[] } } }>(BY, { id: period.id, key: mine.commenter.key });
      expect(result.commentPeriod.comments.totalCount).toBeGreaterThanOrEqual(3);
      expect(new Set(result.commentPeriod.comments.edges.map((e) => e.node.commenter.key))).toEqual(new Set([commenter.id]));

      type People = { commentPeriod: { commenters: { totalCount: number; pageInfo: { endCursor: string }; edges: { node: { key: string; name: string; comments: number } }[] } } };
      const PEOPLE = `query($id: ID!, $after: String) { commentPeriod(id: $id) { commenters(first: 1, after: $after) { totalCount pageInfo { endCursor } edges { node { key name comments } } } } }`;
      const first = await t.client.ok<People>(PEOPLE, { id: period.id });
      const second = await t.client.ok<People>(PEOPLE, { id: period.id, after: first.commentPeriod.commenters.pageInfo.endCursor });
      expect(first.commentPeriod.commenters.totalCount).toBe(2);
      const listed = [...first.commentPeriod.commenters.edges, ...second.commentPeriod.commenters.edges].map((e) => e.node);
      expect(listed.map((p) => p.key).sort()).toEqual([commenter.id, other.id].sort());
      expect(listed.find((p) => p.key === commenter.id)?.comments).toBe(result.commentPeriod.comments.totalCount);
    });

    it('keeps the history of edits and withdrawals; only the author changes a comment', async () => {
      const c = await comment(commenter, { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 2 }, body: 'First thought.' });
      const EDIT = `mutation($input: EditCommentInput!) { editComment(input: $input) { body editCount } }`;
      expect((await other.client.fails(EDIT, { input: { id: c.id, body: 'Hijack' } })).extensions?.code).toBe('NOT_FOUND');
      expect((await commenter.client.ok<{ editComment: { editCount: number } }>(EDIT, { input: { id: c.id, body: 'Second thought.' } })).editComment.editCount).toBe(1);
      await commenter.client.ok(`mutation($id: ID!) { withdrawComment(id: $id) { id } }`, { id: c.id });
      const history = await commenter.client.ok<{ comment: { body: string; withdrawnAt: string | null; revisions: { body: string }[] } }>(
        `query($id: ID!) { comment(id: $id) { body withdrawnAt revisions { body } } }`,
        { id: c.id },
      );
      expect(history.comment).toMatchObject({ body: 'Second thought.', revisions: [{ body: 'First thought.' }] });
      expect(history.comment.withdrawnAt).not.toBeNull();
      expect((await t.client.fails(`query($id: ID!) { comment(id: $id) { id } }`, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
    });

    it('without consent to publish, only the facilitators (and the author) see a comment', async () => {
      const c = await comment(commenter, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'For the facilitators only.', consentToPublish: false });
      const Q = `query($id: ID!) { comment(id: $id) { body consentToPublish } }`;
      expect((await t.client.fails(Q, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
      expect((await other.client.fails(Q, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
      expect((await commenter.client.ok<{ comment: { body: string } }>(Q, { id: c.id })).comment.body).toBe('For the facilitators only.');
      expect((await bpf.facilitator.client.ok<{ comment: { consentToPublish: boolean } }>(Q, { id: c.id })).comment.consentToPublish).toBe(false);
    });
  });
});
