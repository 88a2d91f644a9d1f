import { freshIp, Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`;
const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id } }`;
const MINE = `query($first: Int, $after: String) { myComments(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id body state withdrawnAt parentId period { id title status } } }
} }`;

interface Mine {
  myComments: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; body: string; state: string; withdrawnAt: string | null; parentId: string | null; period: { id: string; title: string; status: string } } }[];
  };
}

describe('myComments: everything a person wrote, in every period and state', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF');
  });
  afterAll(() => t.close());

  const submit = async (user: TestUser, query: string, input: Record<string, unknown>) => {
    const result = await user.client.request<Record<string, { id: string }>>(query, { input: { language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, ...input } }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data)[0] as { id: string };
  };

  it('lists the person’s comments and replies newest first, held, published and withdrawn alike, with their period, and no one else’s', async () => {
    const open = await given.commentPeriod(bpf, { title: 'Open draft' });
    const held = await given.commentPeriod(bpf, { title: 'Pre-moderated draft', moderation: 'PRE_MODERATION' });
    const author = await given.user();
    const other = await given.user();
    const first = await submit(author, SUBMIT, { periodId: open.id, anchor: { kind: 'DOCUMENT' }, body: 'First.' });
    const pending = await submit(author, SUBMIT, { periodId: held.id, anchor: { kind: 'DOCUMENT' }, body: 'Held.' });
    const theirs = await submit(other, SUBMIT, { periodId: open.id, anchor: { kind: 'DOCUMENT' }, body: 'Someone else.' });
    const reply = await submit(author, REPLY, { commentId: theirs.id, body: 'A reply.' });
    await author.client.ok(`mutation($id: ID!) { withdrawComment(id: $id) { id } }`, { id: first.id });

    const page1 = (await author.client.ok<Mine>(MINE, { first: 2 })).myComments;
    expect(page1.totalCount).toBe(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await author.client.ok<Mine>(MINE, { first: 2, after: page1.pageInfo.endCursor })).myComments;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const nodes = [...page1.edges, ...page2.edges].map((e) => e.node);
    expect(nodes.map((n) => n.id)).toEqual([reply.id, pending.id, first.id]);
    expect(nodes[0]).toMatchObject({ parentId: theirs.id, state: 'PUBLISHED', period: { id: open.id, title: 'Open draft', status: 'OPEN' } });
    expect(nodes[1]).toMatchObject({ state: 'PENDING', period: { title: 'Pre-moderated draft' } });
    expect(nodes[2]?.withdrawnAt).not.toBeNull();

    expect((await other.client.ok<Mine>(MINE)).myComments.edges.map((e) => e.node.id)).toEqual([theirs.id]);
    expect((await t.client.fails(MINE)).extensions?.code).toBe('UNAUTHENTICATED');
  });
});
