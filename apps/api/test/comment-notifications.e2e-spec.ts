import { Clock } from '@intersessional/database';
import { EventBus } from '@intersessional/events';
import { PeriodScheduler } from '@intersessional/consultation';
import { freshIp, Given, type PeriodOptions, type TestUser } from './support/given';
import { subscribe, subscriptionClient, waitFor } from './support/subscriptions';
import { type TestApp, startTestApp } from './support/test-app';

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state } }`;
const NOTIFICATIONS = `query { notifications(first: 50) { edges { node { kind title body link data } } } }`;
const ADDED = `subscription($id: ID!) { commentAdded(id: $id) { id body commenter { name } anchor { kind } } }`;
const HOUR = 3600_000;

type Notice = { kind: string; title: string; body: string; link: string; data: Record<string, string> };

describe('consultation notices and the live comment stream', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let member: TestUser;
  let commenter: TestUser;
  let documentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(bpf.id, member);
    commenter = await given.user({ stakeholderGroup: 'ACADEMIA', country: 'ZA' });
    documentId = await given.document(bpf, { markdown: 'First paragraph of the draft.\n\nSecond paragraph.' });
  });
  afterEach(() => t.app.get(Clock).travelTo(new Date()));
  afterAll(() => t.close());

  /** A period opened a second ago unless told otherwise (its due events fired: see `given.commentPeriod`). */
  const newPeriod = (options: PeriodOptions = {}, opensInMs = -1000) => given.commentPeriod(bpf, { documentId, title: 'Draft for comment', opensInMs, ...options });
  /** What the scheduler's timer may do at any moment of a spec: it must change nothing the spec checks. */
  const backgroundTick = () => t.app.get(PeriodScheduler).tick();
  const submit = async (user: TestUser | null, input: Record<string, unknown>) => {
    const result = await (user ? user.client : t.client).request<{ submitComment: { id: string; state: string } }>(
      SUBMIT,
      { input: { language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, anchor: { kind: 'DOCUMENT' }, body: 'A comment.', ...input } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };
  const notices = async (user: TestUser) => (await user.client.ok<{ notifications: { edges: { node: Notice }[] } }>(NOTIFICATIONS)).notifications.edges.map((e) => e.node);
  const mailTo = async (address: string) => (await t.dataSource.query(`SELECT subject FROM mail_outbox WHERE to_address = $1 ORDER BY created_at`, [address])) as { subject: string }[];

  it('tells facilitators about new comments, and commenters about replies, answers and applied suggestions', async () => {
    const period = await newPeriod();
    const c = await submit(commenter, { anchor: { kind: 'RANGE', start: { paragraph: 1, offset: 0 }, end: { paragraph: 1, offset: 5 } }, body: 'Start differently.', suggestion: 'Opening', periodId: period.id });
    expect((await notices(bpf.facilitator)).filter((n) => n.kind === 'NEW_COMMENT')).toEqual([
      expect.objectContaining({ title: 'New comment on Draft for comment', body: expect.stringContaining('Start differently.') as unknown, data: { periodId: period.id, commentId: c.id } }) as unknown,
    ]);
    await bpf.facilitator.client.ok(`mutation($input: ReplyInput!) { replyToComment(input: $input) { id } }`, {
      input: { commentId: c.id, body: 'Thanks, looking at it.', language: 'en', speakingFor: 'ORGANISATION', consentToPublish: true },
    });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { applySuggestion(id: $id) { id } }`, { id: c.id });
    await backgroundTick();
    const kinds = (await notices(commenter)).map((n) => n.kind);
    expect(kinds).toEqual(['SUGGESTION_APPLIED', 'COMMENT_REPLY']);
    const subjects = (await mailTo(commenter.email)).map((m) => m.subject);
    expect(subjects).toEqual(expect.arrayContaining(['The facilitators replied to your comment on Draft for comment', 'Your suggested wording is in the draft of Draft for comment']));
  });

  it('writes to guests, who have no account, by e-mail', async () => {
    const period = await newPeriod({ participation: 'REGISTERED_AND_GUESTS' });
    const guest = { name: 'Kofi Guest', email: `kofi-${Date.now()}@example.org`, organisation: 'Ghana IGF', stakeholderGroup: 'CIVIL_SOCIETY', country: 'GH' };
    const c = await submit(null, { periodId: period.id, guest, body: 'Include the 2024 regional report.' });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: c.id });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { answerComment(id: $id, disposition: ACCEPTED, response: "Added as a source.") { id } }`, { id: c.id });
    await backgroundTick();
    expect((await mailTo(guest.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Your comment on Draft for comment: IGF-/), 'Your comment on Draft for comment was answered']);
  });

  it('tells members when a period opens and closes, and commenters when it is extended and closed, once each', async () => {
    const period = await newPeriod({}, HOUR);
    const scheduler = t.app.get(PeriodScheduler);
    const clock = t.app.get(Clock);
    clock.travelTo(new Date(Date.now() + HOUR + 1000));
    await Promise.all([scheduler.tick(), scheduler.tick()]);
    await submit(commenter, { periodId: period.id, body: 'Early comment.' });
    await bpf.facilitator.client.ok(`mutation($id: ID!, $at: DateTime!) { extendCommentPeriod(id: $id, closesAt: $at, reason: "Two more weeks.") { id } }`, {
      id: period.id,
      at: new Date(new Date(period.closesAt).getTime() + 14 * 24 * HOUR).toISOString(),
    });
    clock.travelTo(new Date(new Date(period.closesAt).getTime() + 14 * 24 * HOUR + 1000));
    await scheduler.tick();
    await scheduler.tick();
    const mine = (await notices(commenter)).filter((n) => n.data.periodId === period.id).map((n) => n.kind);
    expect(mine).toEqual(['PERIOD_CLOSED', 'PERIOD_EXTENDED']);
    const members = (await notices(member)).filter((n) => n.data.periodId === period.id).map((n) => n.kind);
    expect(members).toEqual(['PERIOD_CLOSED', 'PERIOD_OPENED']);
  });

  it('streams new public comments live to anyone reading the period, never unpublished ones', async () => {
    const period = await newPeriod({ participation: 'REGISTERED_AND_GUESTS' });
    const reader = subscriptionClient(t.url);
    try {
      const stream = subscribe<{ commentAdded: { id: string; body: string } }>(reader.client, ADDED, { id: period.id });
      await waitFor(() => t.app.get(EventBus).listening(`consultation.comments:${period.id}`), 'the subscription to be live');
      await submit(commenter, { periodId: period.id, body: 'Visible at once.' });
      await submit(commenter, { periodId: period.id, body: 'Not for publication.', consentToPublish: false });
      const held = await submit(null, { periodId: period.id, body: 'From a guest.', guest: { name: 'G', email: 'g@example.org', organisation: 'O', stakeholderGroup: 'OTHER' } });
      await waitFor(() => stream.data.length === 1, 'the public comment');
      await bpf.facilitator.client.ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: held.id });
      // events of one topic arrive in order: an unpublished comment sent earlier would be here by now
      await waitFor(() => stream.data.length === 2, 'the approved guest comment');
      expect(stream.data.map((d) => d.commentAdded.body)).toEqual(['Visible at once.', 'From a guest.']);

      const draft = await given.commentPeriod(bpf, { documentId, title: 'Not yet', opensInMs: HOUR, openForMs: HOUR, schedule: false });
      const refused = subscribe(reader.client, ADDED, { id: draft.id });
      await waitFor(() => refused.results.length > 0 || refused.error !== undefined, 'a refusal');
      expect(JSON.stringify(refused.results[0]?.errors ?? refused.error)).toContain('NOT_FOUND');
    } finally {
      await reader.dispose();
    }
  });
});
