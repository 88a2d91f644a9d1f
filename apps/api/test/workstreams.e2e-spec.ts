import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const WORKSTREAM = `query($id: ID!) { workstream(id: $id) { id kind status cycleYear statusReasons availableActions cycles { year outcome endedAt } } }`;

describe('workstreams', () => {
  let t: TestApp;
  let given: Given;
  let root: TestUser;
  let mag: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    root = await given.secretariat();
    mag = await given.user({ platformRole: 'MAG_MEMBER' });
  });
  afterAll(() => t.close());

  const read = async (id: string) =>
    (await t.client.ok<{ workstream: { status: string; cycleYear: number | null; statusReasons: string[]; availableActions: string[]; cycles: { year: number; outcome: string | null }[] } }>(WORKSTREAM, { id })).workstream;

  describe('BPF and PN lifecycle', () => {
    it('a MAG member creates a PN for a cycle; facilitators are members at once', async () => {
      const facilitator = await given.user();
      const created = await mag.client.ok<{ createWorkstream: { id: string; slug: string; status: string; joinPolicy: string } }>(
        `mutation($input: CreateWorkstreamInput!) { createWorkstream(input: $input) { id slug status joinPolicy } }`,
        { input: { kind: 'PN', name: 'Policy Network on Meaningful Access', cycleYear: 2026, topics: ['access', ' access ', 'connectivity'], facilitatorIds: [facilitator.id] } },
      );
      expect(created.createWorkstream).toMatchObject({ slug: 'policy-network-on-meaningful-access', status: 'ACTIVE', joinPolicy: 'APPROVAL' });
      const ws = await facilitator.client.ok<{ workstream: { topics: string[]; myMembership: { role: string } } }>(
        `query($id: ID!) { workstream(id: $id) { topics myMembership { role status } } }`,
        { id: created.createWorkstream.id },
      );
      expect(ws.workstream).toEqual({ topics: ['access', 'connectivity'], myMembership: { role: 'FACILITATOR', status: 'ACTIVE' } });
    });

    it('renews into the next cycle keeping history, concludes, and can be revived', async () => {
      const { id } = await given.workstream('BPF', { cycleYear: 2025 });
      await mag.client.ok(`mutation($id: ID!) { renewWorkstream(id: $id) { id } }`, { id });
      expect(await read(id)).toMatchObject({ status: 'ACTIVE', cycleYear: 2026, cycles: [{ year: 2025, outcome: 'RENEWED' }, { year: 2026, outcome: null }] });
      await root.client.ok(`mutation($id: ID!) { concludeWorkstream(id: $id, reason: "Theme completed") { id } }`, { id });
      expect(await read(id)).toMatchObject({ status: 'CONCLUDED', availableActions: ['RENEW'], cycles: [{ outcome: 'RENEWED' }, { year: 2026, outcome: 'CONCLUDED' }] });
      await root.client.ok(`mutation($id: ID!) { renewWorkstream(id: $id, cycleYear: 2028) { id } }`, { id });
      expect(await read(id)).toMatchObject({ status: 'ACTIVE', cycleYear: 2028 });
    });

    it('refuses transitions the lifecycle does not have, changing nothing', async () => {
      const { id } = await given.workstream('PN');
      await root.client.ok(`mutation($id: ID!) { concludeWorkstream(id: $id) { id } }`, { id });
      const again = await root.client.fails(`mutation($id: ID!) { concludeWorkstream(id: $id) { id } }`, { id });
      expect(again.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CONCLUDED', action: 'CONCLUDE' });
      const dcOnly = await root.client.fails(`mutation($id: ID!) { recogniseDynamicCoalition(id: $id) { id } }`, { id });
      expect(dcOnly.extensions?.code).toBe('INVALID_TRANSITION');
      const backwards = await root.client.fails(`mutation($id: ID!) { renewWorkstream(id: $id, cycleYear: 2020) { id } }`, { id });
      expect(backwards.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cycleYear' });
      expect(await read(id)).toMatchObject({ status: 'CONCLUDED', cycleYear: 2026 });
    });

    it('refuses bad input on creation with the field named, writing nothing', async () => {
      const count = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM workstreams`))[0].n);
      const before = await count();
      const create = (input: Record<string, unknown>) =>
        root.client.fails(`mutation($input: CreateWorkstreamInput!) { createWorkstream(input: $input) { id } }`, {
          input: { kind: 'BPF', name: 'BPF on Something', cycleYear: 2026, ...input },
        });
      expect((await create({ kind: 'DC' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
      expect((await create({ cycleYear: 1990 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cycleYear' });
      expect((await create({ slug: 'Not A Slug' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
      expect((await create({ mailingListUrl: 'javascript:alert(1)' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mailingListUrl' });
      expect((await create({ facilitatorIds: ['00000000-0000-4000-8000-000000000000'] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'facilitatorIds' });
      expect((await create({ name: '  ' })).extensions?.code).toBe('BAD_USER_INPUT');
      const taken = await given.workstream('BPF');
      expect((await create({ slug: taken.slug })).extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
      expect(await count()).toBe(before + 1);
    });
  });

  describe('Dynamic Coalition lifecycle', () => {
    it('any user proposes; the Secretariat recognises, deactivates with reasons and reactivates', async () => {
      const proposer = await given.user();
      const { id } = await given.dynamicCoalition({ coordinator: proposer, recognise: false });
      expect(await read(id)).toMatchObject({ status: 'PROPOSED', cycleYear: null, availableActions: expect.arrayContaining(['RECOGNISE', 'DECLINE']) });
      await root.client.ok(`mutation($id: ID!) { recogniseDynamicCoalition(id: $id) { id } }`, { id });
      await root.client.ok(`mutation($id: ID!) { deactivateDynamicCoalition(id: $id, reason: "No annual report") { id } }`, { id });
      expect(await read(id)).toMatchObject({ status: 'INACTIVE', statusReasons: ['No annual report'] });
      await root.client.ok(`mutation($id: ID!) { reactivateDynamicCoalition(id: $id) { id } }`, { id });
      expect(await read(id)).toMatchObject({ status: 'ACTIVE', statusReasons: [] });
    });

    it('a declined proposal stays declined and takes no members', async () => {
      const { id } = await given.dynamicCoalition({ recognise: false });
      await root.client.ok(`mutation($id: ID!) { declineDynamicCoalition(id: $id, reason: "Duplicates an existing DC") { id } }`, { id });
      expect((await root.client.fails(`mutation($id: ID!) { recogniseDynamicCoalition(id: $id) { id } }`, { id })).extensions?.code).toBe('INVALID_TRANSITION');
      const joiner = await given.user();
      const join = await joiner.client.fails(`mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id } }`, { id });
      expect(join.extensions?.code).toBe('WORKSTREAM_NOT_OPEN');
    });
  });

  describe('access matrix', () => {
    type Who = 'anonymous' | 'user' | 'member' | 'facilitator' | 'mag' | 'secretariat';
    const WHO: Who[] = ['anonymous', 'user', 'member', 'facilitator', 'mag', 'secretariat'];
    let people: Record<Who, TestUser | null>;

    beforeAll(async () => {
      people = {
        anonymous: null,
        user: await given.user(),
        member: await given.user(),
        facilitator: await given.user(),
        mag,
        secretariat: root,
      };
    });

    /** A fresh BPF and a fresh proposed DC, where `facilitator` runs both and `member` belongs to both. */
    const freshTargets = async () => {
      const facilitator = people.facilitator as TestUser;
      const member = people.member as TestUser;
      const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN', facilitator });
      const dc = await given.dynamicCoalition({ coordinator: facilitator, recognise: false });
      await given.member(bpf.id, member);
      await given.member(dc.id, member);
      return { bpf: bpf.id, dc: dc.id };
    };

    type Row = [string, (ids: { bpf: string; dc: string }) => [string, Record<string, unknown>], Who[]];
    // Each row: the operation (on fresh targets for every caller) and who may do it.
    const matrix: Row[] = [
      ['updateWorkstream', ({ bpf }) => [`mutation($id: ID!) { updateWorkstream(input: { id: $id, summary: "New" }) { id } }`, { id: bpf }], ['facilitator', 'secretariat']],
      ['createWorkstream', () => [`mutation { createWorkstream(input: { kind: BPF, name: "Matrix ${Math.random()}", cycleYear: 2026 }) { id } }`, {}], ['mag', 'secretariat']],
      ['concludeWorkstream', ({ bpf }) => [`mutation($id: ID!) { concludeWorkstream(id: $id) { id } }`, { id: bpf }], ['mag', 'secretariat']],
      ['renewWorkstream', ({ bpf }) => [`mutation($id: ID!) { renewWorkstream(id: $id) { id } }`, { id: bpf }], ['mag', 'secretariat']],
      ['proposeDynamicCoalition', () => [`mutation { proposeDynamicCoalition(input: { name: "DC ${Math.random()}", statementOfPurpose: "Why" }) { id } }`, {}], ['user', 'member', 'facilitator', 'mag', 'secretariat']],
      ['recogniseDynamicCoalition', ({ dc }) => [`mutation($id: ID!) { recogniseDynamicCoalition(id: $id) { id } }`, { id: dc }], ['secretariat']],
      ['declineDynamicCoalition', ({ dc }) => [`mutation($id: ID!) { declineDynamicCoalition(id: $id) { id } }`, { id: dc }], ['secretariat']],
      ['fileDcRecord', ({ dc }) => [`mutation($id: ID!) { fileDcRecord(input: { workstreamId: $id, kind: SESSION_REQUEST, year: 2027, title: "Session" }) { id } }`, { id: dc }], ['facilitator', 'secretariat']],
      ['runDcComplianceCheck', () => [`mutation { runDcComplianceCheck { reportingYear } }`, {}], ['secretariat']],
      ['joinWorkstream', ({ bpf }) => [`mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id } }`, { id: bpf }], ['user', 'mag', 'secretariat']],
      ['leaveWorkstream', ({ bpf }) => [`mutation($id: ID!) { leaveWorkstream(workstreamId: $id) }`, { id: bpf }], ['member']],
      ['auditLog (workstream)', ({ bpf }) => [`query($id: ID!) { workstream(id: $id) { auditLog(first: 5) { totalCount } } }`, { id: bpf }], ['facilitator', 'secretariat']],
      ['auditLog (platform)', () => [`{ auditLog(first: 5) { totalCount } }`, {}], ['secretariat']],
      ['users', () => [`{ users(first: 5) { totalCount } }`, {}], ['secretariat']],
      ['workstreams', () => [`{ workstreams(first: 5) { totalCount } }`, {}], ['anonymous', 'user', 'member', 'facilitator', 'mag', 'secretariat']],
    ];

    it.each(matrix)('%s', async (_name, op, allowed) => {
      const outcome: Partial<Record<Who, string>> = {};
      for (const who of WHO) {
        const [query, variables] = op(await freshTargets());
        const client = people[who]?.client ?? t.client;
        const result = await client.request(query, variables);
        outcome[who] = result.errors?.[0]?.extensions?.code ?? 'OK';
      }
      const expected = Object.fromEntries(
        WHO.map((who) => [who, allowed.includes(who) ? 'OK' : who === 'anonymous' ? 'UNAUTHENTICATED' : expect.stringMatching(/^(FORBIDDEN|NOT_FOUND|CONFLICT|LAST_FACILITATOR)$/)]),
      );
      expect(outcome).toEqual(expected);
    });
  });

  describe('memberships', () => {
    const JOIN = `mutation($id: ID!, $role: WorkstreamRole) { joinWorkstream(input: { workstreamId: $id, role: $role }) { id status role } }`;
    const MEMBERS = `query($id: ID!, $status: MembershipStatus, $role: WorkstreamRole, $first: Int, $after: String) {
      workstream(id: $id) { members(status: $status, role: $role, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id role status user { id } } } } } }`;
    type Members = { workstream: { members: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; role: string; user: { id: string } } }[] } } };

    it('admits at once to a DC (open) and queues a request for a BPF needing approval', async () => {
      const dc = await given.dynamicCoalition();
      const bpf = await given.workstream('BPF', { joinPolicy: 'APPROVAL' });
      const person = await given.user();
      const intoDc = await person.client.ok<{ joinWorkstream: { status: string } }>(JOIN, { id: dc.id });
      expect(intoDc.joinWorkstream.status).toBe('ACTIVE');
      const intoBpf = await person.client.ok<{ joinWorkstream: { id: string; status: string } }>(JOIN, { id: bpf.id, role: 'OBSERVER' });
      expect(intoBpf.joinWorkstream).toMatchObject({ status: 'PENDING', role: 'OBSERVER' });
      expect((await person.client.fails(JOIN, { id: bpf.id })).extensions).toMatchObject({ code: 'CONFLICT', status: 'PENDING' });
      expect((await person.client.fails(JOIN, { id: bpf.id, role: 'FACILITATOR' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });

      // pending requests: facilitators see them, the public does not
      expect((await t.client.fails(MEMBERS, { id: bpf.id, status: 'PENDING' })).extensions?.code).toBe('FORBIDDEN');
      const pending = await bpf.facilitator.client.ok<Members>(MEMBERS, { id: bpf.id, status: 'PENDING' });
      expect(pending.workstream.members.edges.map((e) => e.node.user.id)).toEqual([person.id]);

      await bpf.facilitator.client.ok(`mutation($id: ID!) { approveMembership(membershipId: $id) { id } }`, { id: intoBpf.joinWorkstream.id });
      const again = await bpf.facilitator.client.fails(`mutation($id: ID!) { approveMembership(membershipId: $id) { id } }`, { id: intoBpf.joinWorkstream.id });
      expect(again.extensions?.code).toBe('CONFLICT');
      const active = await t.client.ok<Members>(MEMBERS, { id: bpf.id });
      expect(active.workstream.members.totalCount).toBe(2);
    });

    it('declined requests disappear and the person may ask again', async () => {
      const bpf = await given.workstream('PN');
      const person = await given.user();
      const asked = await person.client.ok<{ joinWorkstream: { id: string } }>(JOIN, { id: bpf.id });
      await bpf.facilitator.client.ok(`mutation($id: ID!) { declineMembership(membershipId: $id) }`, { id: asked.joinWorkstream.id });
      await person.client.ok(JOIN, { id: bpf.id });
    });

    it('never leaves a workstream without a facilitator', async () => {
      const bpf = await given.workstream('BPF');
      const MINE = `query($id: ID!) { workstream(id: $id) { myMembership { id } } }`;
      const own = await bpf.facilitator.client.ok<{ workstream: { myMembership: { id: string } } }>(MINE, { id: bpf.id });
      const membershipId = own.workstream.myMembership.id;
      const demote = await bpf.facilitator.client.fails(`mutation($id: ID!) { setMemberRole(membershipId: $id, role: MEMBER) { id } }`, { id: membershipId });
      expect(demote.extensions?.code).toBe('LAST_FACILITATOR');
      expect((await bpf.facilitator.client.fails(`mutation($id: ID!) { leaveWorkstream(workstreamId: $id) }`, { id: bpf.id })).extensions?.code).toBe('LAST_FACILITATOR');
      expect((await root.client.fails(`mutation($id: ID!) { removeMember(membershipId: $id) }`, { id: membershipId })).extensions?.code).toBe('LAST_FACILITATOR');

      // with two facilitators demoting each other at the same moment, exactly one succeeds
      const second = await given.user();
      const secondId = await given.addMember(bpf.id, second, bpf.facilitator, 'FACILITATOR');
      const results = await Promise.all([
        bpf.facilitator.client.request(`mutation($id: ID!) { setMemberRole(membershipId: $id, role: MEMBER) { id } }`, { id: secondId }),
        second.client.request(`mutation($id: ID!) { setMemberRole(membershipId: $id, role: MEMBER) { id } }`, { id: membershipId }),
      ]);
      const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(expect.arrayContaining(['OK']));
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM memberships WHERE workstream_id = $1 AND role = 'FACILITATOR' AND status = 'ACTIVE'`,
        [bpf.id],
      );
      expect(n).toBe(1);
    });

    it('facilitators appoint a lead expert and remove members', async () => {
      const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
      const expert = await given.user();
      const membershipId = await given.member(bpf.id, expert);
      const set = await bpf.facilitator.client.ok<{ setMemberRole: { role: string } }>(
        `mutation($id: ID!) { setMemberRole(membershipId: $id, role: LEAD_EXPERT) { role } }`,
        { id: membershipId },
      );
      expect(set.setMemberRole.role).toBe('LEAD_EXPERT');
      const experts = await t.client.ok<Members>(MEMBERS, { id: bpf.id, role: 'LEAD_EXPERT' });
      expect(experts.workstream.members.edges.map((e) => e.node.user.id)).toEqual([expert.id]);
      await bpf.facilitator.client.ok(`mutation($id: ID!) { removeMember(membershipId: $id) }`, { id: membershipId });
      expect((await t.client.ok<Members>(MEMBERS, { id: bpf.id })).workstream.members.totalCount).toBe(1);
      const gone = await bpf.facilitator.client.fails(`mutation($id: ID!) { removeMember(membershipId: $id) }`, { id: membershipId });
      expect(gone.extensions?.code).toBe('NOT_FOUND');
    });

    it('pages through members with opaque cursors', async () => {
      const dc = await given.dynamicCoalition();
      const joined: string[] = [dc.coordinator.id];
      for (let i = 0; i < 4; i += 1) {
        const person = await given.user();
        await given.member(dc.id, person);
        joined.push(person.id);
      }
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await t.client.ok<Members>(MEMBERS, { id: dc.id, first: 2, after });
        seen.push(...page.workstream.members.edges.map((e) => e.node.user.id));
        expect(page.workstream.members.totalCount).toBe(5);
        if (!page.workstream.members.pageInfo.hasNextPage) break;
        after = page.workstream.members.pageInfo.endCursor;
      }
      expect(seen).toEqual(joined);
      const bad = await t.client.fails(MEMBERS, { id: dc.id, first: 2, after: 'garbage' });
      expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      const tooMany = await t.client.fails(MEMBERS, { id: dc.id, first: 101 });
      expect(tooMany.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });

  describe('listing and filters', () => {
    it('filters by kind, status, topic, cycle and text, and pages forwards and backwards', async () => {
      const tag = `topic-${Date.now()}`;
      await given.workstream('BPF', { name: `Alpha ${tag}`, topics: [tag, 'gender'], cycleYear: 2031 });
      await given.workstream('PN', { name: `Beta ${tag}`, topics: [tag] , cycleYear: 2031 });
      const gamma = await given.workstream('BPF', { name: `Gamma ${tag}`, topics: [tag.toUpperCase()], cycleYear: 2031 });
      await root.client.ok(`mutation($id: ID!) { concludeWorkstream(id: $id) { id } }`, { id: gamma.id });
      const LIST = `query($filter: WorkstreamFilter, $first: Int, $after: String, $last: Int, $before: String) {
        workstreams(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { name kind status } } } }`;
      type List = { workstreams: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string }; edges: { node: { name: string } }[] } };
      const names = (r: List) => r.workstreams.edges.map((e) => e.node.name.split(' ')[0]);

      const byTopic = await t.client.ok<List>(LIST, { filter: { topic: tag } });
      expect(names(byTopic)).toEqual(['Alpha', 'Beta', 'Gamma']);
      expect(names(await t.client.ok<List>(LIST, { filter: { topic: tag, kind: 'BPF' } }))).toEqual(['Alpha', 'Gamma']);
      expect(names(await t.client.ok<List>(LIST, { filter: { topic: tag, status: 'CONCLUDED' } }))).toEqual(['Gamma']);
      expect(names(await t.client.ok<List>(LIST, { filter: { search: `beta ${tag}` } }))).toEqual(['Beta']);
      expect((await t.client.ok<List>(LIST, { filter: { cycleYear: 2031 } })).workstreams.totalCount).toBe(3);

      const first = await t.client.ok<List>(LIST, { filter: { topic: tag }, first: 2 });
      expect(names(first)).toEqual(['Alpha', 'Beta']);
      expect(first.workstreams.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const next = await t.client.ok<List>(LIST, { filter: { topic: tag }, first: 2, after: first.workstreams.pageInfo.endCursor });
      expect(names(next)).toEqual(['Gamma']);
      expect(next.workstreams.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const back = await t.client.ok<List>(LIST, { filter: { topic: tag }, last: 2, before: next.workstreams.pageInfo.startCursor });
      expect(names(back)).toEqual(['Alpha', 'Beta']);
      const both = await t.client.fails(LIST, { first: 1, last: 1 });
      expect(both.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    });

    it('finds a workstream by slug, and answers NOT_FOUND for unknown ones', async () => {
      const bpf = await given.workstream('BPF');
      const bySlug = await t.client.ok<{ workstream: { id: string } }>(`query($slug: String) { workstream(slug: $slug) { id } }`, { slug: bpf.slug });
      expect(bySlug.workstream.id).toBe(bpf.id);
      expect((await t.client.fails(`{ workstream(slug: "no-such-thing") { id } }`)).extensions?.code).toBe('NOT_FOUND');
      expect((await t.client.fails(`{ workstream(id: "not-a-uuid") { id } }`)).extensions?.code).toBe('NOT_FOUND');
      expect((await t.client.fails(`{ user(id: "${'-'.repeat(36)}") { id } }`)).extensions?.code).toBe('NOT_FOUND');
      expect((await t.client.fails(`{ document(id: "${'-'.repeat(36)}") { id } }`)).extensions?.code).toBe('NOT_FOUND');
      expect((await t.client.fails(`{ workstream { id } }`)).extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
