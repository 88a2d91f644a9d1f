import { Clock } from '@intersessional/database';
import type { GraphQLClient } from '@intersessional/testing';
import { freshIp, Given, type PeriodOptions, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const HOUR = 3600_000;
const PAGE = 2;
/** Values for required arguments of connection fields (a new one fails the walk until it is listed here). */
const REQUIRED_ARGUMENTS: Record<string, unknown[]> = { paragraph: [0, 1, 2] };
const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

interface TypeRef { kind: string; name: string | null; ofType: TypeRef | null }
interface InputValue { name: string; type: TypeRef; defaultValue: string | null }
interface FieldInfo { name: string; args: InputValue[]; type: TypeRef }
interface TypeInfo { kind: string; name: string; fields: FieldInfo[] | null }

const INTROSPECT = `{ __schema { queryType { name } types { kind name fields { name args { name defaultValue type { ...T } } type { ...T } } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

const named = (t: TypeRef): string => (t.name ?? (t.ofType ? named(t.ofType) : ''));
const required = (t: TypeRef) => t.kind === 'NON_NULL';

/** Every connection of the schema, walked from the root as one viewer: edges paged through and counted. */
class ConnectionWalker {
  readonly walked = new Map<string, number>();
  readonly refused = new Set<string>();
  readonly mismatches: string[] = [];
  private readonly types = new Map<string, TypeInfo>();
  private readonly seen = new Set<string>();

  constructor(private readonly client: GraphQLClient) {}

  async introspect(): Promise<void> {
    const schema = await this.client.ok<{ __schema: { queryType: { name: string }; types: TypeInfo[] } }>(INTROSPECT);
    for (const type of schema.__schema.types) this.types.set(type.name, type);
  }

  /** `Type.field` of every connection field in the schema. */
  allConnectionFields(): string[] {
    return [...this.types.values()].flatMap((type) => (type.fields ?? []).filter((f) => this.isConnection(f)).map((f) => `${type.name}.${f.name}`)).sort();
  }

  async walk(seeds: { type: string; id: string }[]): Promise<void> {
    const queue = [{ type: 'Query', id: '' }, ...seeds];
    while (queue.length) {
      const parent = queue.shift() as { type: string; id: string };
      const key = `${parent.type}:${parent.id}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      for (const field of this.types.get(parent.type)?.fields ?? []) {
        if (!this.isConnection(field)) continue;
        for (const args of this.argumentSets(parent.type, field)) queue.push(...(await this.pageThrough(parent, field, args)));
      }
    }
  }

  private isConnection(field: FieldInfo): boolean {
    const type = this.types.get(named(field.type));
    return !!type?.name.endsWith('Connection') && !!type.fields?.some((f) => f.name === 'totalCount') && !!type.fields?.some((f) => f.name === 'edges');
  }

  private argumentSets(parentType: string, field: FieldInfo): Record<string, unknown>[] {
    let sets: Record<string, unknown>[] = [{}];
    for (const arg of field.args.filter((a) => required(a.type) && a.defaultValue === null)) {
      const values = REQUIRED_ARGUMENTS[arg.name];
      if (!values) throw new Error(`${parentType}.${field.name} needs a value for its required argument ${arg.name}: add it to REQUIRED_ARGUMENTS`);
      sets = sets.flatMap((s) => values.map((v) => ({ ...s, [arg.name]: v })));
    }
    return sets;
  }

  /** The root field that fetches one `type` by id, e.g. `commentPeriod(id:)`. */
  private fetcher(type: string): FieldInfo {
    const root = this.types.get('Query')?.fields?.find((f) => named(f.type) === type && f.args.some((a) => a.name === 'id'));
    if (!root) throw new Error(`no root query fetches a ${type} by id`);
    return root;
  }

  private nodeSelection(connection: string): { type: string; selection: string; hasId: boolean } {
    const edges = this.types.get(connection)?.fields?.find((f) => f.name === 'edges');
    const nodeType = named(this.types.get(named(edges?.type as TypeRef))?.fields?.find((f) => f.name === 'node')?.type as TypeRef);
    const fields = this.types.get(nodeType)?.fields ?? [];
    const hasId = fields.some((f) => f.name === 'id');
    return { type: nodeType, selection: hasId ? '__typename id' : '__typename', hasId };
  }

  private async pageThrough(parent: { type: string; id: string }, field: FieldInfo, args: Record<string, unknown>): Promise<{ type: string; id: string }[]> {
    const label = `${parent.type}.${field.name}${Object.keys(args).length ? JSON.stringify(args) : ''}`;
    const node = this.nodeSelection(named(field.type));
    const fixed = Object.entries(args).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
    const inner = `${field.name}(first: ${PAGE}, after: $after${fixed ? `, ${fixed}` : ''}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${node.selection} } } }`;
    const query = parent.type === 'Query' ? `query($after: String) { ${inner} }` : `query($after: String, $id: ID!) { ${this.fetcher(parent.type).name}(id: $id) { ${inner} } }`;
    type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id?: string } }[] };
    const ids: string[] = [];
    const cursors: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (let pages = 0; pages < 500; pages += 1) {
      const result = await this.client.request<Record<string, Page | Record<string, Page>>>(query, parent.type === 'Query' ? { after } : { after, id: parent.id });
      const code = result.errors?.[0]?.extensions?.code;
      if (code && (ACCESS_CODES.has(code) || (code === 'NOT_FOUND' && parent.type !== 'Query'))) {
        this.refused.add(`${parent.type}.${field.name}`);
        return [];
      }
      if (result.errors?.length || !result.data) throw new Error(`${label}: ${JSON.stringify(result.errors)}`);
      const page = (parent.type === 'Query' ? result.data[field.name] : (result.data[this.fetcher(parent.type).name] as Record<string, Page>)[field.name]) as Page;
      totals.add(page.totalCount);
      cursors.push(...page.edges.map((e) => e.cursor));
      ids.push(...page.edges.flatMap((e) => (e.node.id ? [e.node.id] : [])));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const name = `${parent.type}.${field.name}`;
    this.walked.set(name, (this.walked.get(name) ?? 0) + 1);
    const total = [...totals][0];
    if (totals.size !== 1 || total !== cursors.length || new Set(cursors).size !== cursors.length) {
      this.mismatches.push(`${label} of ${parent.type} ${parent.id}: totalCount ${[...totals].join('/')} but ${cursors.length} edges (${new Set(cursors).size} distinct)`);
    }
    return node.hasId ? ids.map((id) => ({ type: node.type, id })) : [];
  }
}

/**
 * A connection's totalCount is computed under the same visibility as its edges: counts never reveal
 * what a list hides. Demo-like data with hidden things of every kind, walked as anonymous and as a
 * plain signed-in user (and, for contrast, as the facilitator).
 */
describe('connection counts match the edges a viewer can page through', () => {
  let t: TestApp;
  let given: Given;
  let clock: Clock;
  let bpf: { id: string; facilitator: TestUser };
  let plain: TestUser;
  const seeds: { type: string; id: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    clock = t.app.get(Clock);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    const facilitator = bpf.facilitator;
    plain = await given.user();
    const member = await given.user();
    await given.member(bpf.id, member);
    await given.workstream('PN');
    await given.dynamicCoalition({ recognise: false }); // proposed
    const inactive = await given.dynamicCoalition();
    await (await given.secretariat()).client.ok(`mutation($id: ID!) { deactivateDynamicCoalition(id: $id, reason: "no annual report") { id } }`, { id: inactive.id });

    const newDocument = (visibility: 'PUBLIC' | 'MEMBERS') => given.document(bpf, { title: `Draft ${visibility}`, visibility, markdown: 'First paragraph.\n\nSecond paragraph.\n\nThird.' });
    const publicDoc = await newDocument('PUBLIC');
    const laterMembersOnly = await newDocument('PUBLIC');
    const membersOnly = await newDocument('MEMBERS');
    seeds.push({ type: 'Document', id: membersOnly }, { type: 'Document', id: laterMembersOnly });

    const period = async (documentId: string, opensInMs: number, options: PeriodOptions = {}) => (await given.commentPeriod(bpf, { documentId, opensInMs, openForMs: 48 * HOUR, ...options })).id;
    const open = await period(publicDoc, -1000, { participation: 'REGISTERED_AND_GUESTS' });
    const drafts = [await period(publicDoc, HOUR, { schedule: false }), await period(membersOnly, HOUR, { schedule: false })];
    const scheduled = await period(publicDoc, 24 * HOUR);
    // a period that ran in public and whose document was made members-only after it closed
    const closedThenHidden = await period(laterMembersOnly, -1000);
    seeds.push(...[open, scheduled, closedThenHidden, ...drafts].map((id) => ({ type: 'CommentPeriod', id })));

    const content = (body: string, extra: Record<string, unknown> = {}) => ({ language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, body, ...extra });
    const submit = async (user: TestUser | null, periodId: string, body: string, extra: Record<string, unknown> = {}) => {
      const result = await (user ? user.client : t.client).request<{ submitComment: { id: string } }>(
        `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`,
        { input: { periodId, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1, toParagraph: 2 }, ...content(body, extra) } },
        { 'x-forwarded-for': freshIp() },
      );
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      return result.data.submitComment.id;
    };
    const published = await Promise.all([1, 2, 3].map((n) => submit(member, open, `Published comment ${n}.`)));
    await submit(member, open, 'On the whole document.', { anchor: { kind: 'DOCUMENT' } });
    await submit(null, open, 'A guest comment, pending.', { guest: { name: 'Guest', email: 'guest@example.org', organisation: 'Org', stakeholderGroup: 'CIVIL_SOCIETY' } });
    const ownPending = await submit(plain, open, 'Links https://a.example https://b.example https://c.example https://d.example');
    await submit(plain, open, 'Not for publication.', { consentToPublish: false });
    const hidden = await submit(member, open, 'Rude words.');
    const withdrawn = await submit(member, open, 'Changed my mind.');
    await facilitator.client.ok(`mutation($id: ID!) { hideComment(id: $id, reason: "rude") { id } }`, { id: hidden });
    await member.client.ok(`mutation($id: ID!) { withdrawComment(id: $id) { id } }`, { id: withdrawn });
    const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id } }`;
    for (const n of [1, 2, 3]) await plain.client.ok(REPLY, { input: { commentId: published[0], ...content(`Reply ${n}.`) } });
    await plain.client.ok(REPLY, { input: { commentId: published[0], ...content('Spam reply https://a.example https://b.example https://c.example https://d.example') } });
    await member.client.ok(REPLY, { input: { commentId: published[0], ...content('Unconsented reply.', { consentToPublish: false }) } });
    const hiddenReply = (await member.client.ok<{ replyToComment: { id: string } }>(REPLY, { input: { commentId: published[0], ...content('Hidden reply.') } })).replyToComment.id;
    await facilitator.client.ok(`mutation($id: ID!) { hideComment(id: $id, reason: "rude") { id } }`, { id: hiddenReply });
    seeds.push(...[ownPending, hidden, withdrawn, hiddenReply].map((id) => ({ type: 'Comment', id })));
    await submit(member, closedThenHidden, 'Said while it was public.');

    // the closed period's document goes members-only
    clock.travelTo(new Date(Date.now() + 50 * HOUR));
    await facilitator.client.ok(`mutation($id: ID!) { updateDocument(input: { id: $id, visibility: MEMBERS }) { id } }`, { id: laterMembersOnly });
    clock.travelTo(new Date());
    await plain.client.ok(`mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id } }`, { id: bpf.id });
    await plain.client.ok(`mutation($id: ID!) { leaveWorkstream(workstreamId: $id) }`, { id: bpf.id });
  }, 300_000);
  afterAll(() => t.close());

  const walkAs = async (client: GraphQLClient) => {
    const walker = new ConnectionWalker(client);
    await walker.introspect();
    await walker.walk(seeds);
    return walker;
  };

  it.each([
    ['anonymous', () => t.client],
    ['a plain signed-in user', () => plain.client],
    ['the facilitator', () => bpf.facilitator.client],
  ])('as %s, every reachable connection reports as many as it lists', async (_viewer, client) => {
    const walker = await walkAs(client());
    expect(walker.mismatches).toEqual([]);
    // every connection field of the schema was walked, or refused to this viewer as a whole
    const covered = new Set([...walker.walked.keys(), ...walker.refused]);
    expect(walker.allConnectionFields().filter((f) => !covered.has(f))).toEqual([]);
    for (const nested of ['Workstream.commentPeriods', 'Document.commentPeriods', 'CommentPeriod.comments', 'CommentPeriod.paragraphComments', 'CommentPeriod.commenters', 'Comment.replies', 'Workstream.documents', 'Workstream.members']) {
      expect(walker.walked.get(nested) ?? 0).toBeGreaterThan(0);
    }
  }, 300_000);
});
