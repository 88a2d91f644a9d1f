import { Clock } from '@intersessional/database';
import { freshIp, Given, type PeriodOptions, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const HOUR = 3600_000;
const CREATE = `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { id status } }`;
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state } }`;
const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id state } }`;
const EDIT = `mutation($input: EditCommentInput!) { editComment(input: $input) { id state body moderation { heldReason } } }`;
const APPROVE = `mutation($id: ID!) { approveComment(id: $id) { id state } }`;
const COMMENT = `query($id: ID!) { comment(id: $id) { id state body } }`;
const LISTS = `query($id: ID!) { commentPeriod(id: $id) { comments(first: 50) { totalCount edges { node { id } } } paragraphComments(paragraph: 0, first: 50) { totalCount edges { node { id } } } documentCommentCount } }`;
const QUEUE = `query($id: ID!) { commentPeriod(id: $id) { comments(state: PENDING, first: 50) { edges { node { id body moderation { heldReason heldReasonCode } } } } } }`;
const SPAM = 'Buy now: https://a.example https://b.example https://c.example https://d.example';

type Lists = { commentPeriod: { comments: { totalCount: number; edges: { node: { id: string } }[] }; paragraphComments: { totalCount: number; edges: { node: { id: string } }[] }; documentCommentCount: number } };

/** Edits and replies meet the same moderation rules as new comments: no path publishes what another would hold. */
describe('moderation rules on every path: submit, reply and edit', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let commenter: TestUser;
  let publicDocumentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    commenter = await given.user();
    publicDocumentId = await newDocument('PUBLIC');
  });
  afterEach(() => t.app.get(Clock).travelTo(new Date()));
  afterAll(() => t.close());

  const newDocument = (visibility: 'PUBLIC' | 'MEMBERS') => given.document(bpf, { visibility });
  const periodInput = (documentId: string, extra: Record<string, unknown> = {}) => ({
    documentId,
    freezeVersionLabel: 'For comment',
    title: 'Round',
    timeZone: 'UTC',
    opensAt: new Date(Date.now() - 1000).toISOString(),
    closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    schedule: true,
    ...extra,
  });
  const newPeriod = (options: PeriodOptions = {}) => given.commentPeriod(bpf, { documentId: publicDocumentId, ...options });
  const content = (body: string) => ({ language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, body });
  const submit = async (periodId: string, body: string) => {
    const result = await commenter.client.request<{ submitComment: { id: string; state: string } }>(SUBMIT, { input: { periodId, anchor: { kind: 'DOCUMENT' }, ...content(body) } }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };
  const edit = (id: string, body: string, suggestion?: string) => commenter.client.ok<{ editComment: { id: string; state: string; body: string; moderation: null } }>(EDIT, { input: { id, body, ...(suggestion ? { suggestion } : {}) } });
  const publicIds = async (periodId: string) => {
    const lists = (await t.client.ok<Lists>(LISTS, { id: periodId })).commentPeriod;
    return { list: lists.comments.edges.map((e) => e.node.id), total: lists.comments.totalCount, paragraph: lists.paragraphComments.totalCount, documentCount: lists.documentCommentCount };
  };
  const heldReasonOf = async (periodId: string, id: string) =>
    (await bpf.facilitator.client.ok<{ commentPeriod: { comments: { edges: { node: { id: string; moderation: { heldReason: string } } }[] } } }>(QUEUE, { id: periodId })).commentPeriod.comments.edges.find((e) => e.node.id === id)?.node.moderation
      .heldReason;

  it('an approved comment in a pre-moderated period edited into spam goes back to the queue and leaves every public list', async () => {
    const period = await newPeriod({ moderation: 'PRE_MODERATION' });
    const c = await submit(period.id, 'A reasonable remark on paragraph two.');
    expect(c.state).toBe('PENDING');
    await bpf.facilitator.client.ok(APPROVE, { id: c.id });
    expect(await publicIds(period.id)).toEqual({ list: [c.id], total: 1, paragraph: 1, documentCount: 1 });

    // the author sees the comment waiting again, with its new text (moderation reasons are for facilitators)
    const edited = (await edit(c.id, SPAM)).editComment;
    expect(edited).toMatchObject({ id: c.id, state: 'PENDING', body: SPAM, moderation: null });
    expect((await commenter.client.ok<{ comment: { state: string } }>(COMMENT, { id: c.id })).comment.state).toBe('PENDING');
    // the public no longer sees it anywhere: by id, in the list, on the paragraph index, in the counts
    expect((await t.client.fails(COMMENT, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
    expect(await publicIds(period.id)).toEqual({ list: [], total: 0, paragraph: 0, documentCount: 0 });
    expect(await heldReasonOf(period.id, c.id)).toBe('more than 3 links');
    // and as a code a client shows in its reader's language
    const queue = await bpf.facilitator.client.ok<{ commentPeriod: { comments: { edges: { node: { id: string; moderation: { heldReasonCode: string } } }[] } } }>(QUEUE, { id: period.id });
    expect(queue.commentPeriod.comments.edges.find((e) => e.node.id === c.id)?.node.moderation.heldReasonCode).toBe('LINKS');
    // the facilitators are told to look at it again
    const notices = await bpf.facilitator.client.ok<{ notifications: { edges: { node: { title: string; data: { commentId?: string } } }[] } }>(`{ notifications(first: 50) { edges { node { title data } } } }`);
    expect(notices.notifications.edges.filter((e) => e.node.title.startsWith('Edited comment awaiting moderation') && e.node.data.commentId === c.id)).toHaveLength(1);
    // approving it again publishes the edited text
    await bpf.facilitator.client.ok(APPROVE, { id: c.id });
    expect((await t.client.ok<{ comment: { body: string } }>(COMMENT, { id: c.id })).comment.body).toBe(SPAM);
  });

  it('in a period that publishes at once, an edit is held by the same rules as a new comment: links (also in the suggestion) and repeated text', async () => {
    const period = await newPeriod();
    const first = await submit(period.id, 'Our first point, stated once.');
    const second = await submit(period.id, 'A second, different point.');
    expect([first.state, second.state]).toEqual(['PUBLISHED', 'PUBLISHED']);

    // a plain edit keeps it published (its own earlier text is not "repeated")
    expect((await edit(first.id, 'Our first point, stated once.')).editComment.state).toBe('PUBLISHED');
    // repeating another of one's comments is held, as a repeated submission would be
    expect((await edit(second.id, 'our FIRST point — stated once!')).editComment.state).toBe('PENDING');
    expect(await heldReasonOf(period.id, second.id)).toBe('the same text was already submitted by this commenter');

    const onParagraph = await commenter.client.ok<{ submitComment: { id: string; state: string } }>(SUBMIT, {
      input: { periodId: period.id, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, ...content('Better wording below.') },
    });
    expect(onParagraph.submitComment.state).toBe('PUBLISHED');
    const linky = await edit(onParagraph.submitComment.id, 'Better wording below.', 'See https://a.example https://b.example https://c.example https://d.example');
    expect(linky.editComment.state).toBe('PENDING');
    expect((await publicIds(period.id)).list).toEqual([first.id]);
  });

  it('replies meet the same rules, and an edited reply is held like an edited comment', async () => {
    const period = await newPeriod();
    const c = await submit(period.id, 'A comment to reply to.');
    const reply = (await commenter.client.ok<{ replyToComment: { id: string; state: string } }>(REPLY, { input: { commentId: c.id, ...content('A short reply.') } })).replyToComment;
    expect(reply.state).toBe('PUBLISHED');
    const spamReply = (await commenter.client.ok<{ replyToComment: { state: string } }>(REPLY, { input: { commentId: c.id, ...content(SPAM) } })).replyToComment;
    expect(spamReply.state).toBe('PENDING');
    expect((await edit(reply.id, `${SPAM} again`)).editComment.state).toBe('PENDING');
    const replies = await t.client.ok<{ comment: { replyCount: number; replies: { totalCount: number } } }>(`query($id: ID!) { comment(id: $id) { replyCount replies { totalCount } } }`, { id: c.id });
    expect(replies.comment).toEqual({ replyCount: 0, replies: { totalCount: 0 } });
  });

  describe('a period is public once scheduled, so its document must be public', () => {
    it('refuses to create a scheduled period, or schedule a draft, on a members-only document (DOCUMENT_NOT_PUBLIC)', async () => {
      const membersOnly = await newDocument('MEMBERS');
      const guests = { participation: 'REGISTERED_AND_GUESTS' };
      const refused = await bpf.facilitator.client.fails(CREATE, { input: periodInput(membersOnly, guests) });
      expect(refused.extensions).toMatchObject({ code: 'DOCUMENT_NOT_PUBLIC', documentId: membersOnly });

      const draft = (await bpf.facilitator.client.ok<{ createCommentPeriod: { id: string; status: string } }>(CREATE, { input: periodInput(membersOnly, { ...guests, schedule: false }) })).createCommentPeriod;
      expect(draft.status).toBe('DRAFT');
      const SCHEDULE = `mutation($id: ID!) { scheduleCommentPeriod(id: $id) { id status } }`;
      expect((await bpf.facilitator.client.fails(SCHEDULE, { id: draft.id })).extensions?.code).toBe('DOCUMENT_NOT_PUBLIC');
      const UPDATE = `mutation($input: UpdateCommentPeriodInput!) { updateCommentPeriod(input: $input) { id status } }`;
      expect((await bpf.facilitator.client.fails(UPDATE, { input: { id: draft.id, title: 'Renamed', schedule: true } })).extensions?.code).toBe('DOCUMENT_NOT_PUBLIC');
      const TITLE = `query($id: ID!) { commentPeriod(id: $id) { title status } }`;
      expect((await bpf.facilitator.client.ok<{ commentPeriod: unknown }>(TITLE, { id: draft.id })).commentPeriod).toEqual({ title: 'Round', status: 'DRAFT' }); // nothing kept
      expect((await t.client.fails(`query($id: ID!) { commentPeriod(id: $id) { id } }`, { id: draft.id })).extensions?.code).toBe('NOT_FOUND');

      // once the document is public, the same draft opens, and the public sees it OPEN
      await bpf.facilitator.client.ok(`mutation($id: ID!) { updateDocument(input: { id: $id, visibility: PUBLIC }) { id } }`, { id: membersOnly });
      expect((await bpf.facilitator.client.ok<{ scheduleCommentPeriod: { status: string } }>(SCHEDULE, { id: draft.id })).scheduleCommentPeriod.status).toBe('OPEN');
      expect((await t.client.ok<{ commentPeriod: { status: string } }>(`query($id: ID!) { commentPeriod(id: $id) { status } }`, { id: draft.id })).commentPeriod.status).toBe('OPEN');
    });

    it('refuses to make a document members-only while a period on it is scheduled or open (DOCUMENT_UNDER_PUBLIC_COMMENT), allows it once closed', async () => {
      const documentId = await newDocument('PUBLIC');
      const period = await given.commentPeriod(bpf, { documentId });
      const HIDE = `mutation($id: ID!) { updateDocument(input: { id: $id, visibility: MEMBERS }) { id visibility } }`;
      const refused = await bpf.facilitator.client.fails(HIDE, { id: documentId });
      expect(refused.extensions).toMatchObject({ code: 'DOCUMENT_UNDER_PUBLIC_COMMENT', periodId: period.id });
      expect((await t.client.ok<{ document: { visibility: string } }>(`query($id: ID!) { document(id: $id) { visibility } }`, { id: documentId })).document.visibility).toBe('PUBLIC');

      await bpf.facilitator.client.ok(`mutation($id: ID!) { closeCommentPeriodEarly(id: $id) { id } }`, { id: period.id });
      expect((await bpf.facilitator.client.ok<{ updateDocument: { visibility: string } }>(HIDE, { id: documentId })).updateDocument.visibility).toBe('MEMBERS');
    });
  });
});
