import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const PLATFORM_LOG = `query($filter: AuditLogFilter, $first: Int, $after: String) { auditLog(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { action entityType entityId workstreamId actorId actor { id } summary requestId occurredAt } } } }`;
const WORKSTREAM_LOG = `query($id: ID!) { workstream(id: $id) { auditLog(first: 50) { totalCount edges { node { action actorId summary } } } } }`;

type Event = { action: string; entityType: string; entityId: string; workstreamId: string | null; actorId: string | null; actor: { id: string } | null; summary: Record<string, unknown>; requestId: string | null };
type Log = { auditLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Event }[] } };

describe('audit log', () => {
  let t: TestApp;
  let given: Given;
  let root: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    root = await given.secretariat();
  });
  afterAll(() => t.close());

  it('records who changed what, when, with before and after, and the request id', async () => {
    const bpf = await given.workstream('BPF');
    const result = await bpf.facilitator.client.request(
      `mutation($id: ID!) { updateWorkstream(input: { id: $id, summary: "A sharper summary" }) { id } }`,
      { id: bpf.id },
      { 'x-request-id': 'test-request-0001' },
    );
    expect(result.headers.get('x-request-id')).toBe('test-request-0001');
    const log = await root.client.ok<Log>(PLATFORM_LOG, { filter: { workstreamId: bpf.id, action: 'workstream.updated' } });
    expect(log.auditLog.totalCount).toBe(1);
    const event = log.auditLog.edges[0]?.node;
    expect(event).toMatchObject({
      action: 'workstream.updated',
      entityType: 'workstream',
      entityId: bpf.id,
      workstreamId: bpf.id,
      actorId: bpf.facilitator.id,
      actor: { id: bpf.facilitator.id },
      requestId: 'test-request-0001',
      summary: { before: { summary: '' }, after: { summary: 'A sharper summary' } },
    });
  });

  it('lets facilitators read their own workstream’s log, newest first, and nobody else’s', async () => {
    const bpf = await given.workstream('PN', { joinPolicy: 'OPEN' });
    const member = await given.user();
    await given.member(bpf.id, member);
    const own = await bpf.facilitator.client.ok<{ workstream: { auditLog: { edges: { node: { action: string } }[] } } }>(WORKSTREAM_LOG, { id: bpf.id });
    expect(own.workstream.auditLog.edges.map((e) => e.node.action)).toEqual(['membership.joined', 'workstream.created']);
    expect((await member.client.fails(WORKSTREAM_LOG, { id: bpf.id })).extensions?.code).toBe('FORBIDDEN');
    const other = await given.workstream('BPF');
    expect((await bpf.facilitator.client.fails(WORKSTREAM_LOG, { id: other.id })).extensions?.code).toBe('FORBIDDEN');
    expect((await bpf.facilitator.client.fails(PLATFORM_LOG, {})).extensions?.code).toBe('FORBIDDEN');
  });

  it('writes nothing when the change is refused', async () => {
    const bpf = await given.workstream('BPF');
    const count = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_events`))[0].n);
    const before = await count();
    await root.client.fails(`mutation($id: ID!) { recogniseDynamicCoalition(id: $id) { id } }`, { id: bpf.id });
    await bpf.facilitator.client.fails(`mutation($id: ID!) { updateWorkstream(input: { id: $id, name: "" }) { id } }`, { id: bpf.id });
    expect(await count()).toBe(before);
  });

  it('rolls the change back when its audit record cannot be written, and reports a masked internal error', async () => {
    const bpf = await given.workstream('BPF');
    await t.dataSource.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_test_block CHECK (action <> 'workstream.updated') NOT VALID`);
    try {
      const failed = await bpf.facilitator.client.request(`mutation($id: ID!) { updateWorkstream(input: { id: $id, name: "Renamed" }) { id } }`, { id: bpf.id });
      const error = failed.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      expect(error?.message).not.toMatch(/audit|constraint|violat/i);
      const [row] = await t.dataSource.query(`SELECT name FROM workstreams WHERE id = $1`, [bpf.id]);
      expect(row.name).not.toBe('Renamed');
    } finally {
      await t.dataSource.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_test_block`);
    }
  });

  it('filters the platform log by actor and pages through it', async () => {
    const actor = await given.user();
    for (let i = 0; i < 3; i += 1) {
      await actor.client.ok(`mutation($n: String!) { updateProfile(input: { displayName: $n }) { id } }`, { n: `Name ${i}` });
    }
    const first = await root.client.ok<Log>(PLATFORM_LOG, { filter: { actorId: actor.id, action: 'user' }, first: 2 });
    expect(first.auditLog.totalCount).toBe(4); // registered + 3 profile updates
    expect(first.auditLog.edges.map((e) => e.node.action)).toEqual(['user.profile_updated', 'user.profile_updated']);
    const next = await root.client.ok<Log>(PLATFORM_LOG, { filter: { actorId: actor.id, action: 'user' }, first: 2, after: first.auditLog.pageInfo.endCursor });
    expect(next.auditLog.edges.map((e) => e.node.action)).toEqual(['user.profile_updated', 'user.registered']);
  });
});
