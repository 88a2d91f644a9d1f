import { Clock } from '@intersessional/database';
import { freshIp, Given, type PeriodOptions, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const HOUR = 3600_000;
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state } }`;
const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id } }`;

/** Every consultation mutation refuses what it must, with a stable `extensions.code`, and changes nothing. */
describe('comment periods: error paths', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let member: TestUser;
  let commenter: TestUser;
  let other: TestUser;
  let documentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(bpf.id, member);
    commenter = await given.user();
    other = await given.user();
    documentId = await given.document(bpf);
  });
  afterEach(() => t.app.get(Clock).travelTo(new Date()));
  afterAll(() => t.close());

  const newPeriod = (opensInMs = -1000, options: PeriodOptions = {}) => given.commentPeriod(bpf, { documentId, opensInMs, ...options });
  const submit = async (user: TestUser, periodId: string, extra: Record<string, unknown> = {}) =>
    (
      await user.client.request<{ submitComment: { id: string; state: string } }>(
        SUBMIT,
        { input: { periodId, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, anchor: { kind: 'DOCUMENT' }, body: `Comment ${Math.random()}`, ...extra } },
        { 'x-forwarded-for': freshIp() },
      )
    ).data?.submitComment as { id: string; state: string };
  const code = async (user: TestUser | null, query: string, variables: Record<string, unknown>) =>
    (await (user ? user.client : t.client).fails(query, variables)).extensions?.code;

  it('periods: unknown ids, outsiders, changes after opening, calls by non-facilitators', async () => {
    expect(await code(null, `query($id: ID!) { commentPeriod(id: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' })).toBe('NOT_FOUND');
    expect(await code(null, `query($id: ID!) { commentPeriod(id: $id) { id } }`, { id: 'not-a-uuid' })).toBe('BAD_USER_INPUT');
    const period = await newPeriod();
    const UPDATE = `mutation($input: UpdateCommentPeriodInput!) { updateCommentPeriod(input: $input) { id title } }`;
    expect(await code(member, UPDATE, { input: { id: period.id, title: 'Mine now' } })).toBe('FORBIDDEN');
    expect(await code(bpf.facilitator, UPDATE, { input: { id: period.id, title: 'Too late' } })).toBe('INVALID_TRANSITION');
    const later = await newPeriod(HOUR);
    expect((await bpf.facilitator.client.ok<{ updateCommentPeriod: { title: string } }>(UPDATE, { input: { id: later.id, title: 'Renamed before opening' } })).updateCommentPeriod.title).toBe(
      'Renamed before opening',
    );
    const CALL = `mutation($input: CreateCallForContributionsInput!) { createCallForContributions(input: $input) { id } }`;
    const call = { title: 'Call', timeZone: 'UTC', opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + HOUR).toISOString() };
    expect(await code(member, CALL, { input: { ...call, workstreamId: bpf.id } })).toBe('FORBIDDEN');
    expect(await code(bpf.facilitator, CALL, { input: { ...call, workstreamId: '00000000-0000-4000-8000-000000000000' } })).toBe('NOT_FOUND');
    expect(await code(bpf.facilitator, CALL, { input: { workstreamId: bpf.id, timeZone: 'UTC', opensAt: call.opensAt, closesAt: call.closesAt } })).toBe('BAD_USER_INPUT');
    expect(await code(null, `mutation($id: ID!) { scheduleCommentPeriod(id: $id) { id } }`, { id: period.id })).toBe('UNAUTHENTICATED');
  });

  it('comments: replies to replies, changes by others or after closing, withdrawing twice', async () => {
    const period = await newPeriod();
    const c = await submit(commenter, period.id);
    const reply = await commenter.client.ok<{ replyToComment: { id: string } }>(REPLY, { input: { commentId: c.id, body: 'More.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } });
    expect(await code(other, REPLY, { input: { commentId: reply.replyToComment.id, body: 'Deeper.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } })).toBe('BAD_USER_INPUT');
    const WITHDRAW = `mutation($id: ID!) { withdrawComment(id: $id) { id } }`;
    expect(await code(other, WITHDRAW, { id: c.id })).toBe('NOT_FOUND');
    const own = await submit(commenter, period.id);
    await commenter.client.ok(WITHDRAW, { id: own.id });
    expect(await code(commenter, WITHDRAW, { id: own.id })).toBe('BAD_USER_INPUT');
    expect(await code(commenter, `mutation($id: ID!) { flagComment(id: $id, reason: SPAM) { id } }`, { id: c.id })).toBe('BAD_USER_INPUT');
    expect(await code(null, `mutation($id: ID!) { flagComment(id: $id, reason: SPAM) { id } }`, { id: c.id })).toBe('UNAUTHENTICATED');

    t.app.get(Clock).freezeAt(new Date(period.closesAt));
    expect(await code(commenter, `mutation($input: EditCommentInput!) { editComment(input: $input) { id } }`, { input: { id: c.id, body: 'Late edit' } })).toBe('COMMENT_PERIOD_CLOSED');
    expect(await code(other, REPLY, { input: { commentId: c.id, body: 'Late reply.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } })).toBe('COMMENT_PERIOD_CLOSED');
    // facilitators' official replies are still welcome after closing
    await bpf.facilitator.client.ok(REPLY, { input: { commentId: c.id, body: 'Thank you.', language: 'en', speakingFor: 'ORGANISATION', consentToPublish: true } });
  });

  it('moderation and answers: only facilitators, only from the right state, always with a reason or response', async () => {
    const period = await newPeriod(-1000, { moderation: 'PRE_MODERATION' });
    const held = await submit(commenter, period.id);
    expect(held.state).toBe('PENDING');
    const REJECT = `mutation($id: ID!, $reason: String!) { rejectComment(id: $id, reason: $reason) { state } }`;
    const APPROVE = `mutation($id: ID!) { approveComment(id: $id) { state } }`;
    const UNHIDE = `mutation($id: ID!) { unhideComment(id: $id, reason: "x") { id } }`;
    const ANSWER = `mutation($id: ID!, $r: String!) { answerComment(id: $id, disposition: NOTED, response: $r) { id } }`;
    expect(await code(member, APPROVE, { id: held.id })).toBe('NOT_FOUND');
    expect(await code(bpf.facilitator, REJECT, { id: held.id, reason: '   ' })).toBe('BAD_USER_INPUT');
    expect((await bpf.facilitator.client.ok<{ rejectComment: { state: string } }>(REJECT, { id: held.id, reason: 'Off topic' })).rejectComment.state).toBe('REJECTED');
    expect(await code(bpf.facilitator, APPROVE, { id: held.id })).toBe('CONFLICT');
    expect(await code(bpf.facilitator, UNHIDE, { id: held.id })).toBe('CONFLICT');

    const second = await submit(commenter, period.id);
    await bpf.facilitator.client.ok(APPROVE, { id: second.id });
    expect(await code(commenter, ANSWER, { id: second.id, r: 'Answering myself' })).toBe('NOT_FOUND');
    expect(await code(bpf.facilitator, ANSWER, { id: second.id, r: ' ' })).toBe('BAD_USER_INPUT');
    const reply = await bpf.facilitator.client.ok<{ replyToComment: { id: string } }>(REPLY, { input: { commentId: second.id, body: 'Noted.', language: 'en', speakingFor: 'ORGANISATION', consentToPublish: true } });
    expect(await code(bpf.facilitator, ANSWER, { id: reply.replyToComment.id, r: 'A reply needs no answer' })).toBe('BAD_USER_INPUT');
    expect(await code(bpf.facilitator, `mutation($id: ID!) { applySuggestion(id: $id) { id } }`, { id: second.id })).toBe('BAD_USER_INPUT');
    const answers = (await t.dataSource.query(`SELECT disposition FROM comments WHERE id = $1`, [second.id])) as { disposition: string | null }[];
    expect(answers).toEqual([{ disposition: null }]); // nothing was written by the refusals
  });
});
