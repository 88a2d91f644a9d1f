import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type GraphQLField, type GraphQLSchema, getNamedType } from 'graphql';
import { type GraphQLClient } from '@intersessional/testing';
import { Given, type TestUser } from './support/given';
import { type Baseline, InputFuzzer, type Variant, argumentLists, label, seeded, selectionFor } from './support/input-fuzzer';
import { subscribe, subscriptionClient, waitFor } from './support/subscriptions';
import { type TestApp, startTestApp } from './support/test-app';

const HOUR = 3600_000;
/** FUZZ_SEED picks another deterministic sample; FUZZ_ALL=1 sends every value to every leaf as every caller (minutes). */
const SEED = Number(process.env.FUZZ_SEED ?? 20260909);
const FUZZ_ALL = process.env.FUZZ_ALL === '1';

interface Fixture {
  workstream: string;
  coalition: string;
  document: string;
  version: string;
  period: string;
  comment: string;
  membership: string;
  victim: string;
}

/** Which fixture id an ID argument gets, from its name and the field it belongs to. */
function idFor(fixture: Fixture, argName: string, fieldName: string): string {
  const byArg: Record<string, string> = {
    workstreamId: fixture.workstream,
    documentId: fixture.document,
    versionId: fixture.version,
    fromVersionId: fixture.version,
    toVersionId: fixture.version,
    addressedVersionId: fixture.version,
    periodId: fixture.period,
    commentId: fixture.comment,
    membershipId: fixture.membership,
    userId: fixture.victim,
    actorId: fixture.victim,
  };
  if (byArg[argName]) return byArg[argName];
  if (/Period|Synthesis/i.test(fieldName)) return fixture.period;
  if (/Comment/i.test(fieldName)) return fixture.comment;
  if (/Version/i.test(fieldName)) return fixture.version;
  if (/Document/i.test(fieldName)) return fixture.document;
  if (/Coalition/i.test(fieldName)) return fixture.coalition;
  if (/Workstream/i.test(fieldName)) return fixture.workstream;
  if (/user|Account/i.test(fieldName)) return fixture.victim;
  return fixture.comment;
}

function baselineOf(fixture: Fixture): Baseline {
  let emails = 0;
  const now = Date.now();
  return {
    id: (arg, field) => idFor(fixture, arg, field),
    string(name) {
      if (name === 'email') return `fuzz-${(emails += 1)}@example.org`;
      if (/password/i.test(name)) return 'not-the-password-of-anyone-7';
      if (/language/i.test(name)) return 'en';
      if (name === 'timeZone') return 'UTC';
      if (name === 'country') return 'KE';
      if (/url$/i.test(name)) return 'https://example.org/fuzz';
      if (name === 'slug') return 'fuzz-slug';
      if (name === 'entityId') return fixture.workstream;
      return 'Fuzz text';
    },
    int(name) {
      if (/year/i.test(name)) return 2026;
      if (name === 'offset') return 0;
      if (/paragraph/i.test(name)) return 1;
      return 5;
    },
    date(name) {
      if (name === 'since') return new Date(now - 24 * HOUR).toISOString();
      if (name === 'closesAt') return new Date(now + 48 * HOUR).toISOString();
      return new Date(now + HOUR).toISOString();
    },
  };
}

interface Case {
  field: string;
  query: string;
  /** Valid required arguments: what the guard sees before any variant. */
  base: Record<string, unknown>;
  variants: Variant[];
  /** Turns a variant's arguments into the request's variables (nested connections add the host id). */
  variables(args: Record<string, unknown>): Record<string, unknown>;
}

/** For a nested connection, the root query that reaches its host by id, e.g. `workstream(id:)` for Workstream.members. */
function hostQuery(schema: GraphQLSchema, hostType: string): GraphQLField<unknown, unknown> | undefined {
  return Object.values(schema.getQueryType()?.getFields() ?? {}).find((f) => getNamedType(f.type).name === hostType && f.args.some((a) => a.name === 'id'));
}

function cases(schema: GraphQLSchema, fuzzer: InputFuzzer, fixture: Fixture): { cases: Case[]; unreachable: string[] } {
  const all: Case[] = [];
  const unreachable: string[] = [];
  for (const [kind, fields] of [
    ['mutation', fuzzer.mutations()],
    ['query', fuzzer.queries()],
  ] as const) {
    for (const field of fields) {
      const { declarations, uses } = argumentLists(field.args);
      all.push({
        field: `${kind} ${field.name}`,
        query: `${kind}(${declarations}) { ${field.name}${uses} ${selectionFor(field)} }`,
        base: fuzzer.baseArgs(field),
        variants: [...fuzzer.variants(field)],
        variables: (args) => args,
      });
    }
  }
  for (const { host, field } of fuzzer.nestedConnections()) {
    const root = hostQuery(schema, host.name);
    if (!root) {
      unreachable.push(`${host.name}.${field.name}`);
      continue;
    }
    const idArg = root.args.find((a) => a.name === 'id');
    const { declarations, uses } = argumentLists(field.args, 'c_');
    const hostId = idFor(fixture, 'id', root.name);
    all.push({
      field: `${host.name}.${field.name}`,
      query: `query($hostId: ${String(idArg?.type)}${declarations ? `, ${declarations}` : ''}) { ${root.name}(id: $hostId) { ${field.name}${uses} ${selectionFor(field)} } }`,
      base: fuzzer.baseArgs(field),
      variants: [...fuzzer.variants(field)],
      variables: (args) => ({ hostId, ...Object.fromEntries(Object.entries(args).map(([k, v]) => [`c_${k}`, v])) }),
    });
  }
  return { cases: all, unreachable };
}

/**
 * A seeded sample of the variants: per spoiled leaf its first value (NUL for text and ids) and `n - 1`
 * others; cursors, the most varied class, get two more.
 */
function sample(variants: Variant[], n: number, random: () => number): Variant[] {
  const byPath = new Map<string, Variant[]>();
  for (const v of variants) byPath.set(v.path, [...(byPath.get(v.path) ?? []), v]);
  return [...byPath.entries()].flatMap(([path, [first, ...rest]]) => {
    const shuffled = rest.map((v) => ({ v, k: random() })).sort((a, b) => a.k - b.k).map((x) => x.v);
    const cursor = /(^|\.)(after|before)$/.test(path);
    return [first as Variant, ...shuffled.slice(0, n - 1 + (cursor ? 2 : 0))];
  });
}

/**
 * Every mutation, every query with arguments and every connection (at the root and nested) gets
 * hostile values for each of its arguments, one leaf at a time, from three callers. No answer may be
 * an internal error: every refusal carries a stable code, and the server keeps serving.
 */
describe('input fuzzing: every argument of every mutation and connection', () => {
  let t: TestApp;
  let given: Given;
  let root: TestUser;
  let user: TestUser;
  let fixture: Fixture;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    root = await given.secretariat();
    user = await given.user();
    const victim = await given.user();
    const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    const dc = await given.dynamicCoalition();
    const membership = await given.member(bpf.id, victim);
    const f = bpf.facilitator.client;
    const document = await given.document(bpf);
    const version = (await f.ok<{ freezeVersion: { id: string } }>(`mutation($id: ID!) { freezeVersion(documentId: $id, label: "Draft I") { id } }`, { id: document })).freezeVersion.id;
    const period = (await given.commentPeriod(bpf, { documentId: document, versionId: version })).id;
    const comment = (
      await user.client.ok<{ submitComment: { id: string } }>(`mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`, {
        input: { periodId: period, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, anchor: { kind: 'DOCUMENT' }, body: 'A first comment.' },
      })
    ).submitComment.id;
    fixture = { workstream: bpf.id, coalition: dc.id, document, version, period, comment, membership, victim: victim.id };
    schema = t.app.get(GraphQLSchemaHost).schema;
  }, 180_000);
  afterAll(() => t.close());

  it('reaches every connection of the schema', () => {
    const fuzzer = new InputFuzzer(schema, baselineOf(fixture));
    expect(cases(schema, fuzzer, fixture).unreachable).toEqual([]);
  });

  it('refuses every name, title, label and required text of only white space, naming the field', async () => {
    const fuzzer = new InputFuzzer(schema, baselineOf(fixture));
    const HUMAN_TEXT = /^(name|displayName|title|label|freezeVersionLabel|organisation|statementOfPurpose|body|response)$/;
    const pick = (name: string, required: boolean) => HUMAN_TEXT.test(name) || (name === 'reason' && required);
    const accepted: string[] = [];
    let checked = 0;
    for (const field of fuzzer.mutations()) {
      const { declarations, uses } = argumentLists(field.args);
      for (const blank of [' \t\n ', '\u00a0\u200b']) {
        for (const variant of fuzzer.withText(field, pick, blank)) {
          checked += 1;
          const result = await root.client.request(`mutation(${declarations}) { ${field.name}${uses} ${selectionFor(field)} }`, variant.args);
          const error = result.errors?.[0];
          const named = (error?.extensions?.fields as { field: string }[] | undefined)?.some((f) => variant.path.endsWith(f.field)) ?? false;
          if (error?.extensions?.code !== 'BAD_USER_INPUT' || !named) accepted.push(`${field.name} ${variant.path}=${label(blank)} → ${error?.extensions?.code ?? 'accepted'} ${error?.message ?? ''}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('gives subscription arguments the same check (graphql-ws), with a stable code', async () => {
    const socket = subscriptionClient(t.url, user.token);
    try {
      for (const id of ['\u0000', `${fixture.period}\u0000`, '\ud800', 'not-a-uuid', 'x'.repeat(5000)]) {
        const sub = subscribe(socket.client, `subscription($id: ID!) { commentAdded(id: $id) { id } }`, { id });
        await waitFor(() => sub.results.length > 0 || sub.error !== undefined || sub.completed, `an answer to commentAdded(${label(id)})`, 30_000);
        const codes = [...sub.results.flatMap((r) => r.errors ?? []), ...(Array.isArray(sub.error) ? (sub.error as { extensions?: { code?: string } }[]) : [])].map((e) => e.extensions?.code);
        expect({ id: label(id), codes }).toEqual({ id: label(id), codes: [expect.stringMatching(/^(BAD_USER_INPUT|NOT_FOUND)$/)] });
        sub.unsubscribe();
      }
    } finally {
      await socket.dispose();
    }
  });

  it('answers every hostile value with a stable code, never an internal error, as anonymous, user and Secretariat', async () => {
    const fuzzer = new InputFuzzer(schema, baselineOf(fixture));
    const random = seeded(SEED);
    const { cases: all } = cases(schema, fuzzer, fixture);
    // Arguments are checked after the access rule: a field refused to a caller with these codes on valid
    // arguments answers every variant the same way, and the Secretariat reaches it anyway, so it is skipped.
    const callers: { who: string; client: GraphQLClient; perLeaf: number; closedBy: string[] }[] = [
      { who: 'anonymous', client: t.client, perLeaf: FUZZ_ALL ? Infinity : 1, closedBy: ['UNAUTHENTICATED'] },
      { who: 'user', client: user.client, perLeaf: FUZZ_ALL ? Infinity : 1, closedBy: ['UNAUTHENTICATED', 'FORBIDDEN'] },
      { who: 'secretariat', client: root.client, perLeaf: FUZZ_ALL ? Infinity : 1, closedBy: [] },
    ];
    const failures: string[] = [];
    let requests = 0;
    for (const caller of callers) {
      for (const c of all) {
        if (caller.closedBy.length && !FUZZ_ALL) {
          const probe = await caller.client.request(c.query, c.variables(c.base));
          if (probe.errors?.some((e) => caller.closedBy.includes(String(e.extensions?.code)))) continue;
        }
        for (const variant of sample(c.variants, caller.perLeaf, random)) {
          requests += 1;
          const result = await caller.client.request(c.query, c.variables(variant.args));
          const internal = result.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || !e.extensions?.code);
          if (result.status >= 500 || internal) {
            failures.push(`${caller.who} ${c.field} ${variant.path}=${label(variant.value)} → ${result.status} ${internal?.extensions?.code ?? ''} ${internal?.message ?? ''}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    // the process is still up and serving
    expect(await root.client.ok<{ me: { id: string } }>(`{ me { id } }`)).toEqual({ me: { id: root.id } });
  }, FUZZ_ALL ? 3_600_000 : 240_000);
});
