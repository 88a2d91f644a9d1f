import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const COMPLIANCE = `query($id: ID!, $year: Int) { workstream(id: $id) { status compliance(reportingYear: $year) { compliant reportingYear criteria { criterion met applies detail } } } }`;
const FILE = `mutation($input: FileDcRecordInput!) { fileDcRecord(input: $input) { id kind year } }`;

type Compliance = { workstream: { status: string; compliance: { compliant: boolean; criteria: { criterion: string; met: boolean; applies: boolean; detail: string }[] } | null } };

describe('DC compliance and participation', () => {
  let t: TestApp;
  let given: Given;
  let root: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    root = await given.secretariat();
  });
  afterAll(() => t.close());

  /** A DC with members from `groups` stakeholder groups (the coordinator counts as civil society). */
  const dcWith = async (groups: string[], options: Parameters<Given['dynamicCoalition']>[0] = {}) => {
    const dc = await given.dynamicCoalition(options);
    for (const group of groups) await given.member(dc.id, await given.user({ stakeholderGroup: group }));
    return dc;
  };
  const unmet = (c: Compliance) => c.workstream.compliance?.criteria.filter((r) => !r.met).map((r) => r.criterion);

  it('computes each requirement from the data, visible to anyone', async () => {
    const dc = await dcWith(['GOVERNMENT']);
    const before = await t.client.ok<Compliance>(COMPLIANCE, { id: dc.id, year: 2025 });
    expect(unmet(before)).toEqual(['STAKEHOLDER_DIVERSITY', 'ANNUAL_REPORT']);

    await given.member(dc.id, await given.user({ stakeholderGroup: 'TECHNICAL_COMMUNITY' }));
    await dc.coordinator.client.ok(FILE, { input: { workstreamId: dc.id, kind: 'ANNUAL_REPORT', year: 2025, title: 'Annual report 2025', url: 'https://example.org/r.pdf' } });
    const after = await t.client.ok<Compliance>(COMPLIANCE, { id: dc.id, year: 2025 });
    expect(after.workstream.compliance?.compliant).toBe(true);

    await dc.coordinator.client.ok(`mutation($id: ID!) { updateWorkstream(input: { id: $id, joinPolicy: APPROVAL, archiveUrl: null }) { id } }`, { id: dc.id });
    expect(unmet(await t.client.ok<Compliance>(COMPLIANCE, { id: dc.id, year: 2025 }))).toEqual(['OPEN_MEMBERSHIP', 'PUBLIC_ARCHIVE']);
  });

  it('files an annual report written on the platform: a published, public document of kind ANNUAL_REPORT', async () => {
    const dc = await dcWith(['GOVERNMENT', 'ACADEMIA']);
    const FILE_DOCUMENT = `mutation($input: FileDcAnnualReportDocumentInput!) { fileDcAnnualReportDocument(input: $input) { id kind year title url documentId document { id title status } } }`;
    const create = async (kind: string) =>
      (await dc.coordinator.client.ok<{ createDocument: { id: string } }>(
        `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
        { input: { workstreamId: dc.id, title: `DC annual report 2025 (${kind})`, kind, markdown: '# Activities\n\nWe met four times.' } },
      )).createDocument.id;
    const setDocument = (id: string, changes: Record<string, unknown>) =>
      dc.coordinator.client.ok(`mutation($input: UpdateDocumentInput!) { updateDocument(input: $input) { id } }`, { input: { id, ...changes } });
    const file = (documentId: string, by = dc.coordinator) => by.client.fails(FILE_DOCUMENT, { input: { documentId, year: 2025 } });

    const notes = await create('MEETING_NOTES');
    await setDocument(notes, { status: 'PUBLISHED', visibility: 'PUBLIC' });
    expect((await file(notes)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'documentId' });

    const report = await create('ANNUAL_REPORT');
    expect((await file(report)).extensions).toMatchObject({ code: 'CONFLICT', status: 'DRAFTING' });
    await setDocument(report, { status: 'PUBLISHED' });
    expect((await file(report)).extensions).toMatchObject({ code: 'CONFLICT', visibility: 'MEMBERS' });
    await setDocument(report, { visibility: 'PUBLIC' });
    const member = await given.user();
    await given.member(dc.id, member);
    expect((await file(report, member)).extensions?.code).toBe('FORBIDDEN');
    expect((await file('00000000-0000-4000-8000-000000000000')).extensions?.code).toBe('NOT_FOUND');

    const filed = await dc.coordinator.client.ok<{ fileDcAnnualReportDocument: Record<string, unknown> }>(FILE_DOCUMENT, { input: { documentId: report, year: 2025 } });
    expect(filed.fileDcAnnualReportDocument).toMatchObject({
      kind: 'ANNUAL_REPORT',
      year: 2025,
      title: 'DC annual report 2025 (ANNUAL_REPORT)',
      url: null,
      documentId: report,
      document: { id: report, status: 'PUBLISHED' },
    });
    const status = await t.client.ok<Compliance & { workstream: { filings: { documentId: string | null; document: { id: string } | null }[] } }>(
      `query($id: ID!) { workstream(id: $id) { status compliance(reportingYear: 2025) { compliant reportingYear criteria { criterion met applies detail } } filings { documentId document { id } } } }`,
      { id: dc.id },
    );
    expect(status.workstream.compliance?.compliant).toBe(true);
    expect(status.workstream.filings).toEqual([{ documentId: report, document: { id: report } }]);
    expect((await file(report)).extensions?.code).toBe('CONFLICT'); // one annual report per year
  });

  it('requires the previous session report once a DC asks for another session', async () => {
    const dc = await dcWith(['GOVERNMENT', 'ACADEMIA']);
    const file = (input: Record<string, unknown>) => dc.coordinator.client.ok(FILE, { input: { workstreamId: dc.id, ...input } });
    await file({ kind: 'ANNUAL_REPORT', year: 2025, title: 'AR', url: 'https://example.org/ar' });
    await file({ kind: 'SESSION_REQUEST', year: 2025, title: 'Session at IGF 2025' });
    await file({ kind: 'SESSION_REQUEST', year: 2026, title: 'Session at IGF 2026' });
    const missing = await t.client.ok<Compliance>(COMPLIANCE, { id: dc.id, year: 2025 });
    expect(unmet(missing)).toEqual(['SESSION_REPORT']);
    await file({ kind: 'SESSION_REPORT', year: 2025, title: 'Report of our IGF 2025 session', url: 'https://example.org/s' });
    expect((await t.client.ok<Compliance>(COMPLIANCE, { id: dc.id, year: 2025 })).workstream.compliance?.compliant).toBe(true);

    const dup = await dc.coordinator.client.fails(FILE, { input: { workstreamId: dc.id, kind: 'SESSION_REPORT', year: 2025, title: 'Again', url: 'https://example.org/s' } });
    expect(dup.extensions?.code).toBe('CONFLICT');
    const noUrl = await dc.coordinator.client.fails(FILE, { input: { workstreamId: dc.id, kind: 'ANNUAL_REPORT', year: 2024, title: 'No link' } });
    expect(noUrl.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    const bpf = await given.workstream('BPF');
    const notDc = await root.client.fails(FILE, { input: { workstreamId: bpf.id, kind: 'ANNUAL_REPORT', year: 2025, title: 'x', url: 'https://example.org' } });
    expect(notDc.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workstreamId' });
  });

  it("the Secretariat's check moves non-compliant active DCs to inactive, with the reasons, and audits it", async () => {
    const good = await dcWith(['GOVERNMENT', 'ACADEMIA']);
    await good.coordinator.client.ok(FILE, { input: { workstreamId: good.id, kind: 'ANNUAL_REPORT', year: 2019, title: 'AR', url: 'https://example.org/ar' } });
    const bad = await dcWith(['GOVERNMENT'], { archiveUrl: null });
    const result = await root.client.ok<{ runDcComplianceCheck: { reportingYear: number; deactivated: { id: string; status: string; statusReasons: string[] }[]; checked: { workstream: { id: string } }[] } }>(
      `mutation { runDcComplianceCheck(reportingYear: 2019) { reportingYear checked { workstream { id } } deactivated { id status statusReasons } } }`,
    );
    const checkedIds = result.runDcComplianceCheck.checked.map((c) => c.workstream.id);
    expect(checkedIds).toEqual(expect.arrayContaining([good.id, bad.id]));
    const deactivated = result.runDcComplianceCheck.deactivated.find((w) => w.id === bad.id);
    expect(deactivated).toMatchObject({ status: 'INACTIVE' });
    expect(deactivated?.statusReasons).toEqual([
      'No public mailing-list archive given.',
      'Members from 2 stakeholder group(s); at least 3 are required.',
      'Annual report for 2019 not filed.',
    ]);
    expect(result.runDcComplianceCheck.deactivated.map((w) => w.id)).not.toContain(good.id);
    const [event] = await t.dataSource.query(`SELECT actor_id, summary FROM audit_events WHERE entity_id = $1 AND action = 'workstream.deactivate'`, [bad.id]);
    expect(event.actor_id).toBe(root.id);
    expect(event.summary).toMatchObject({ before: { status: 'ACTIVE' }, after: { status: 'INACTIVE' } });

    const report = await t.client.ok<{ dcComplianceReport: { totalCount: number; edges: { node: { workstream: { id: string; status: string }; compliant: boolean } }[] } }>(
      `{ dcComplianceReport(first: 100, reportingYear: 2019) { totalCount edges { node { compliant workstream { id status } } } } }`,
    );
    const row = report.dcComplianceReport.edges.find((e) => e.node.workstream.id === bad.id);
    expect(row?.node).toMatchObject({ compliant: false, workstream: { status: 'INACTIVE' } });
  });

  it('pages the public compliance report', async () => {
    await dcWith([]);
    await dcWith([]);
    const PAGE = `query($after: String) { dcComplianceReport(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { workstream { id } } } } }`;
    type Page = { dcComplianceReport: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { workstream: { id: string } } }[] } };
    const first = await t.client.ok<Page>(PAGE);
    const second = await t.client.ok<Page>(PAGE, { after: first.dcComplianceReport.pageInfo.endCursor });
    expect(first.dcComplianceReport.edges).toHaveLength(1);
    expect(second.dcComplianceReport.edges[0]?.node.workstream.id).not.toBe(first.dcComplianceReport.edges[0]?.node.workstream.id);
  });

  describe('participation', () => {
    const PARTICIPATION = `query($id: ID!) { workstream(id: $id) { participation { totalMembers
      byStakeholderGroup { category count suppressed display } byRegion { category count suppressed display } byGender { category count suppressed display } } } }`;
    type Cell = { category: string; count: number | null; suppressed: boolean; display: string };
    type P = { workstream: { participation: { totalMembers: number; byStakeholderGroup: Cell[]; byRegion: Cell[]; byGender: Cell[] } } };
    const cell = (cells: Cell[], category: string) => cells.find((c) => c.category === category);

    it('counts active members by group, region and gender, hiding cells under 3 people', async () => {
      const dc = await given.dynamicCoalition({ coordinator: await given.user({ stakeholderGroup: 'CIVIL_SOCIETY', country: 'KE', gender: 'WOMAN' }) });
      const people: [string, string, string][] = [
        ['CIVIL_SOCIETY', 'NG', 'WOMAN'],
        ['CIVIL_SOCIETY', 'ZA', 'MAN'],
        ['CIVIL_SOCIETY', 'GH', 'WOMAN'],
        ['GOVERNMENT', 'BR', 'MAN'],
        ['ACADEMIA', 'FR', 'NON_BINARY'],
      ];
      for (const [group, country, gender] of people) await given.member(dc.id, await given.user({ stakeholderGroup: group, country, gender }));
      const result = (await t.client.ok<P>(PARTICIPATION, { id: dc.id })).workstream.participation;
      expect(result.totalMembers).toBe(6);
      expect(cell(result.byStakeholderGroup, 'CIVIL_SOCIETY')).toEqual({ category: 'CIVIL_SOCIETY', count: 4, suppressed: false, display: '4' });
      expect(cell(result.byStakeholderGroup, 'GOVERNMENT')).toMatchObject({ count: null, suppressed: true, display: 'fewer than 3' });
      expect(cell(result.byStakeholderGroup, 'PRIVATE_SECTOR')).toMatchObject({ count: 0, suppressed: false });
      expect(cell(result.byRegion, 'AFRICAN')).toMatchObject({ count: 4 });
      expect(cell(result.byRegion, 'GRULAC')).toMatchObject({ suppressed: true });
      expect(cell(result.byGender, 'WOMAN')).toMatchObject({ count: 3 });
      // MAN (2) and NON_BINARY (1) are both hidden; no single hidden cell can be recovered from the total
      expect(cell(result.byGender, 'MAN')).toMatchObject({ suppressed: true, count: null });
      expect(cell(result.byGender, 'NON_BINARY')).toMatchObject({ suppressed: true, count: null });
      const shown = result.byGender.filter((c) => !c.suppressed).reduce((n, c) => n + (c.count ?? 0), 0);
      expect(result.totalMembers - shown).toBe(3);
    });

    it('counts only active members of enabled accounts, and exposes no individual', async () => {
      const bpf = await given.workstream('BPF', { joinPolicy: 'APPROVAL' });
      const pending = await given.user();
      await pending.client.ok(`mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id } }`, { id: bpf.id });
      const disabled = await given.user();
      await given.addMember(bpf.id, disabled, bpf.facilitator);
      await root.client.ok(`mutation($id: ID!) { disableAccount(userId: $id) { id } }`, { id: disabled.id });
      const result = (await t.client.ok<P>(PARTICIPATION, { id: bpf.id })).workstream.participation;
      expect(result.totalMembers).toBe(1);
      const introspection = await t.client.ok<{ __type: { fields: { name: string }[] } }>(`{ __type(name: "ParticipationCell") { fields { name } } }`);
      expect(introspection.__type.fields.map((f) => f.name).sort()).toEqual(['category', 'count', 'display', 'suppressed']);
    });
  });
});
