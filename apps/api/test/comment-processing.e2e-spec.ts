import * as Y from 'yjs';
import { PeriodScheduler } from '@intersessional/consultation';
import { Clock } from '@intersessional/database';
import { freshIp, Given, type PeriodOptions, type TestUser } from './support/given';
import { openEditor } from './support/editors';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor, waitForAsync } from './support/wait';

const DRAFT = `# Findings

Norms are implemented unevenly across regions.

Capacity building works best when it is demand-driven.

Civil society is rarely consulted.
`;

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state suggestion } }`;
const LIVE = `query($id: ID!) { comment(id: $id) { liveAnchor { status startParagraph endParagraph text } } }`;
const APPLY = `mutation($id: ID!, $confirm: Boolean) { applySuggestion(id: $id, confirmChanged: $confirm) { suggestionAppliedAt answer { disposition response } } }`;
const IMPORT = `mutation($id: ID!, $markdown: String!) { importDocumentMarkdown(id: $id, markdown: $markdown, replace: true) { id } }`;
const PARAGRAPH = `query($id: ID!, $p: Int!) { commentPeriod(id: $id) { paragraphs { number commentCount } paragraphComments(paragraph: $p, first: 50) { totalCount edges { node { id body } } } } }`;


describe('processing public comments: anchors on the live draft, suggestions, moderation, answers', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let editor: TestUser;
  let commenter: TestUser;
  let reader: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    editor = await given.user();
    await given.member(bpf.id, editor);
    commenter = await given.user({ stakeholderGroup: 'GOVERNMENT', country: 'BR' });
    reader = await given.user();
  });
  afterAll(() => t.close());

  /** A fresh public draft and a scheduled, open period on it. */
  const setUp = async (options: PeriodOptions = {}) => {
    const documentId = await given.document(bpf, { markdown: DRAFT, by: editor });
    const period = await given.commentPeriod(bpf, { documentId, ...options });
    return { documentId, period };
  };

  const submit = async (user: TestUser | null, input: Record<string, unknown>) => {
    const result = await (user ? user.client : t.client).request<{ submitComment: { id: string; state: string } }>(
      SUBMIT,
      { input: { language: 'en', speakingFor: 'ORGANISATION', consentToPublish: true, body: 'Comment.', ...input } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };

  /** A range comment on `exact` in paragraph `paragraph` of DRAFT. */
  const onText = (periodId: string, paragraph: number, text: string, exact: string, extra: Record<string, unknown> = {}) => {
    const offset = text.indexOf(exact);
    return submit(commenter, { periodId, anchor: { kind: 'RANGE', start: { paragraph, offset }, end: { paragraph, offset: offset + exact.length } }, ...extra });
  };
  const P1 = 'Norms are implemented unevenly across regions.';
  const P2 = 'Capacity building works best when it is demand-driven.';
  const P3 = 'Civil society is rarely consulted.';

  const live = async (id: string, as: TestUser = bpf.facilitator) => (await as.client.ok<{ comment: { liveAnchor: Record<string, unknown> | null } }>(LIVE, { id })).comment.liveAnchor;

  it('projects every comment onto today’s draft: exact, moved, changed, orphaned', async () => {
    const { documentId, period } = await setUp();
    const exact = await onText(period.id, 2, P2, 'demand-driven');
    const moved = await onText(period.id, 3, P3, 'rarely consulted');
    const changed = await onText(period.id, 1, P1, 'implemented unevenly across regions');
    const orphaned = await onText(period.id, 3, P3, 'Civil society');

    // the editors revise the live draft after the version was frozen
    await editor.client.ok(IMPORT, {
      id: documentId,
      markdown: '# Findings\n\nA new opening paragraph.\n\nNorms are implemented very unevenly across all regions.\n\nCapacity building works best when it is demand-driven.\n\nThe community is rarely consulted.\n',
    });
    expect(await live(exact.id)).toMatchObject({ status: 'MOVED', startParagraph: 3, text: 'demand-driven' });
    expect(await live(moved.id)).toMatchObject({ status: 'MOVED', startParagraph: 4, text: 'rarely consulted' });
    expect(await live(changed.id)).toMatchObject({ status: 'CHANGED', startParagraph: 2 });
    expect(await live(orphaned.id)).toMatchObject({ status: 'ORPHANED', startParagraph: null, text: null });
    // the public reads the frozen version, not the live draft
    expect(await live(exact.id, reader)).toBeNull();
  });

  it('keeps relative positions exact through edits elsewhere (the Yjs path, not only the quote)', async () => {
    const { documentId, period } = await setUp();
    const c = await onText(period.id, 2, P2, 'demand-driven');
    expect(await live(c.id)).toMatchObject({ status: 'EXACT', startParagraph: 2, text: 'demand-driven' });
    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      const p3 = doc.getXmlFragment('default').get(3) as Y.XmlElement;
      (p3.get(0) as Y.XmlText).insert(0, 'Sadly, ');
      // the edit is stored (what the anchor is projected on), not merely sent
      const text = () => fetch(`${t.url}/documents/${documentId}/export?format=text`).then((r) => r.text());
      await waitForAsync(async () => (await text()).includes('Sadly, Civil society'), 'the edit to be stored');
      expect(await live(c.id)).toMatchObject({ status: 'EXACT', startParagraph: 2 });
    } finally {
      close();
    }
  });

  it('applies a suggestion as one live edit that connected editors see, and records the answer', async () => {
    const { documentId, period } = await setUp();
    const c = await onText(period.id, 2, P2, 'demand-driven', { suggestion: 'demand-driven and locally owned', body: 'Ownership matters.' });
    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      let transactions = 0;
      doc.on('update', () => (transactions += 1));
      expect((await editor.client.fails(APPLY, { id: c.id })).extensions?.code).toBe('NOT_FOUND'); // members cannot; facilitators can
      const applied = await bpf.facilitator.client.ok<{ applySuggestion: { suggestionAppliedAt: string; answer: { disposition: string } } }>(APPLY, { id: c.id });
      expect(applied.applySuggestion.answer.disposition).toBe('ACCEPTED');
      await waitFor(() => doc.getXmlFragment('default').toString().includes('demand-driven and locally owned'), 'the editor to see the suggestion live');
      expect(transactions).toBe(1);
      expect((await bpf.facilitator.client.fails(APPLY, { id: c.id })).extensions?.code).toBe('CONFLICT');
      const stored = await fetch(`${t.url}/documents/${documentId}/export?format=markdown`).then((r) => r.text());
      expect(stored).toContain('Capacity building works best when it is demand-driven and locally owned.');
    } finally {
      close();
    }
  });

  it('refuses a suggestion whose passage changed unless the facilitator confirms, and one whose passage is gone', async () => {
    const { documentId, period } = await setUp();
    const changed = await onText(period.id, 1, P1, 'implemented unevenly across regions', { suggestion: 'implemented in every region, at different speeds' });
    const gone = await onText(period.id, 3, P3, 'Civil society is rarely consulted.', { suggestion: 'Civil society is consulted too late.' });
    await editor.client.ok(IMPORT, { id: documentId, markdown: '# Findings\n\nNorms are implemented very unevenly across regions.\n\nCapacity building works best when it is demand-driven.\n' });
    const refused = await bpf.facilitator.client.fails(APPLY, { id: changed.id });
    expect(refused.extensions).toMatchObject({ code: 'ANCHOR_CHANGED', currentText: expect.stringContaining('very unevenly') as unknown });
    expect((await bpf.facilitator.client.fails(APPLY, { id: gone.id })).extensions?.code).toBe('ANCHOR_ORPHANED');
    await bpf.facilitator.client.ok(APPLY, { id: changed.id, confirm: true });
    const stored = await fetch(`${t.url}/documents/${documentId}/export?format=markdown`).then((r) => r.text());
    expect(stored).toContain('Norms are implemented in every region, at different speeds.');
  });

  it('serves a page of comments with all its nested fields in a fixed number of statements', async () => {
    const { period } = await setUp();
    const PAGE = `query($id: ID!, $n: Int!) { commentPeriod(id: $id) { paragraphComments(paragraph: 2, first: $n) { totalCount edges { node {
      id replyCount liveAnchor { status } moderation { heldReason flags { reason count } } revisions { body } commenter { name } } } } } }`;
    const statementsFor = async (n: number) => {
      const { data, statements } = await t.statementsOf<{ commentPeriod: { paragraphComments: { edges: unknown[] } } }>(bpf.facilitator.client, PAGE, { id: period.id, n });
      expect(data.commentPeriod.paragraphComments.edges).toHaveLength(n);
      return statements;
    };
    for (let i = 0; i < 10; i += 1) await onText(period.id, 2, P2, 'demand-driven', { body: `Comment number ${i}.` });
    const alone = await statementsFor(2);
    // background work running meanwhile (as its timers do on a busy machine) is not the request's
    const [beside] = await Promise.all([statementsFor(10), t.app.get(PeriodScheduler).tick(), t.app.get(PeriodScheduler).tick()]);
    expect(beside).toBe(alone);
    expect(alone).toBeGreaterThan(10); // the request's own statements are all counted (15 today)
  });

  it('hides a comment from the public, with the reason on the record, and unhides it', async () => {
    const { period } = await setUp();
    const c = await onText(period.id, 2, P2, 'demand-driven', { body: 'Offensive words here.' });
    const FLAG = `mutation($id: ID!) { flagComment(id: $id, reason: HARASSMENT, note: "insulting") { id } }`;
    await reader.client.ok(FLAG, { id: c.id });
    expect((await reader.client.fails(FLAG, { id: c.id })).extensions?.code).toBe('CONFLICT');
    expect((await reader.client.fails(`mutation($id: ID!) { hideComment(id: $id, reason: "x") { id } }`, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
    const flagged = await bpf.facilitator.client.ok<{ commentPeriod: { comments: { totalCount: number } } }>(
      `query($id: ID!) { commentPeriod(id: $id) { comments(flagged: true) { totalCount } } }`,
      { id: period.id },
    );
    expect(flagged.commentPeriod.comments.totalCount).toBe(1);

    await bpf.facilitator.client.ok(`mutation($id: ID!) { hideComment(id: $id, reason: "Code of Conduct: harassment") { id } }`, { id: c.id });
    const publicView = await t.client.ok<{ commentPeriod: { paragraphs: { number: number; commentCount: number }[]; paragraphComments: { totalCount: number } } }>(PARAGRAPH, { id: period.id, p: 2 });
    expect(publicView.commentPeriod.paragraphComments.totalCount).toBe(0);
    expect(publicView.commentPeriod.paragraphs.find((p) => p.number === 2)?.commentCount).toBe(0);
    expect((await t.client.fails(`query($id: ID!) { comment(id: $id) { body } }`, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
    const all = await t.client.ok<{ commentPeriod: { comments: { totalCount: number } } }>(`query($id: ID!) { commentPeriod(id: $id) { comments(hidden: true) { totalCount } } }`, { id: period.id });
    expect(all.commentPeriod.comments.totalCount).toBe(0); // the filter is for facilitators; the public never sees hidden ones
    const moderated = await bpf.facilitator.client.ok<{ comment: { hidden: boolean; moderation: { hiddenReason: string; flags: { reason: string; count: number }[] } } }>(
      `query($id: ID!) { comment(id: $id) { hidden moderation { hiddenReason flags { reason count } } } }`,
      { id: c.id },
    );
    expect(moderated.comment).toEqual({ hidden: true, moderation: { hiddenReason: 'Code of Conduct: harassment', flags: [{ reason: 'HARASSMENT', count: 1 }] } });

    await bpf.facilitator.client.ok(`mutation($id: ID!) { unhideComment(id: $id, reason: "Reviewed: criticism, not harassment") { id } }`, { id: c.id });
    expect((await t.client.ok<{ commentPeriod: { paragraphComments: { totalCount: number } } }>(PARAGRAPH, { id: period.id, p: 2 })).commentPeriod.paragraphComments.totalCount).toBe(1);
    const audit = (await t.dataSource.query(`SELECT action, summary->>'reason' AS reason FROM audit_events WHERE entity_id = $1 ORDER BY id`, [c.id])) as { action: string; reason: string }[];
    expect(audit).toEqual([
      { action: 'comment.hidden', reason: 'Code of Conduct: harassment' },
      { action: 'comment.unhidden', reason: 'Reviewed: criticism, not harassment' },
    ]);
  });

  it('keeps a reported comment: its reports leave the reported view, stay in the record, and a new report brings it back', async () => {
    const { period } = await setUp();
    const c = await onText(period.id, 3, P3, 'rarely consulted', { body: 'The secretariat ignores civil society, as usual.' });
    const other = await given.user();
    const FLAG = `mutation($id: ID!, $reason: FlagReason!) { flagComment(id: $id, reason: $reason) { id } }`;
    const KEEP = `mutation($id: ID!, $reason: String) { keepComment(id: $id, reason: $reason) { id hidden } }`;
    const REPORTED = `query($id: ID!) { commentPeriod(id: $id) { comments(flagged: true, hidden: false, first: 50) { totalCount edges { node { id } } } } }`;
    const FLAGS = `query($id: ID!) { comment(id: $id) { moderation { flags { reason count } } } }`;
    const reported = async () => (await bpf.facilitator.client.ok<{ commentPeriod: { comments: { totalCount: number; edges: { node: { id: string } }[] } } }>(REPORTED, { id: period.id })).commentPeriod.comments;
    const flags = async () => (await bpf.facilitator.client.ok<{ comment: { moderation: { flags: { reason: string; count: number }[] } } }>(FLAGS, { id: c.id })).comment.moderation.flags;
    await reader.client.ok(FLAG, { id: c.id, reason: 'PERSONAL_ATTACK' });
    await other.client.ok(FLAG, { id: c.id, reason: 'HARASSMENT' });
    expect((await reported()).edges.map((e) => e.node.id)).toEqual([c.id]);

    // only the period's facilitators (and the Secretariat) keep, and only what exists: NOT_FOUND, as for hiding
    expect((await reader.client.fails(KEEP, { id: c.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await editor.client.fails(KEEP, { id: c.id })).extensions?.code).toBe('NOT_FOUND'); // a member who does not facilitate
    expect((await bpf.facilitator.client.fails(KEEP, { id: '00000000-0000-4000-8000-000000000000' })).extensions?.code).toBe('NOT_FOUND');
    expect((await bpf.facilitator.client.fails(KEEP, { id: c.id, reason: '  ' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await reported()).totalCount).toBe(1); // the refusals changed nothing

    const kept = await bpf.facilitator.client.ok<{ keepComment: { id: string; hidden: boolean } }>(KEEP, { id: c.id, reason: 'Criticism of the process, not of a person.' });
    expect(kept.keepComment).toEqual({ id: c.id, hidden: false });
    expect(await reported()).toEqual({ totalCount: 0, edges: [] });
    expect(await flags()).toEqual([]);
    expect((await t.client.ok<{ comment: { id: string } }>(`query($id: ID!) { comment(id: $id) { id } }`, { id: c.id })).comment.id).toBe(c.id); // still public
    expect((await bpf.facilitator.client.fails(KEEP, { id: c.id })).extensions?.code).toBe('CONFLICT'); // nothing left to dismiss
    const record = (await t.dataSource.query(
      `SELECT reason, dismissed_by, dismissal_reason, dismissed_at IS NOT NULL AS dismissed FROM comment_flags WHERE comment_id = $1 ORDER BY reason`,
      [c.id],
    )) as Record<string, unknown>[];
    expect(record).toEqual([
      { reason: 'HARASSMENT', dismissed_by: bpf.facilitator.id, dismissal_reason: 'Criticism of the process, not of a person.', dismissed: true },
      { reason: 'PERSONAL_ATTACK', dismissed_by: bpf.facilitator.id, dismissal_reason: 'Criticism of the process, not of a person.', dismissed: true },
    ]);

    // a report after the decision, even from someone whose report was dismissed, brings it back with that report only
    await reader.client.ok(FLAG, { id: c.id, reason: 'OFF_TOPIC' });
    expect((await reader.client.fails(FLAG, { id: c.id, reason: 'OFF_TOPIC' })).extensions?.code).toBe('CONFLICT'); // one open report per person
    expect((await reported()).totalCount).toBe(1);
    expect(await flags()).toEqual([{ reason: 'OFF_TOPIC', count: 1 }]);

    // the Secretariat may keep it too, without a reason
    const secretariat = await given.secretariat();
    await secretariat.client.ok(KEEP, { id: c.id });
    expect((await reported()).totalCount).toBe(0);

    // a hidden comment is not kept: it is made public again
    await other.client.ok(FLAG, { id: c.id, reason: 'SPAM' });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { hideComment(id: $id, reason: "Reviewing") { id } }`, { id: c.id });
    expect((await bpf.facilitator.client.fails(KEEP, { id: c.id })).extensions?.code).toBe('CONFLICT');

    const audit = (await t.dataSource.query(
      `SELECT action, actor_id, summary->>'reason' AS reason, (summary->>'dismissedReports')::int AS dismissed FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [c.id],
    )) as Record<string, unknown>[];
    expect(audit).toEqual([
      { action: 'comment.kept', actor_id: bpf.facilitator.id, reason: 'Criticism of the process, not of a person.', dismissed: 2 },
      { action: 'comment.kept', actor_id: secretariat.id, reason: null, dismissed: 1 },
      { action: 'comment.hidden', actor_id: bpf.facilitator.id, reason: 'Reviewing', dismissed: null },
    ]);
  });

  it('guests comment where allowed; their comments wait in the queue until approved', async () => {
    const { period } = await setUp({ participation: 'REGISTERED_AND_GUESTS' });
    const guest = { name: 'Ana Guest', email: 'ana@example.org', organisation: 'Rede Digital', stakeholderGroup: 'CIVIL_SOCIETY', country: 'PT' };
    const held = await submit(null, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'From a guest.', guest });
    expect(held.state).toBe('PENDING');
    expect((await t.client.fails(`query($id: ID!) { comment(id: $id) { id } }`, { id: held.id })).extensions?.code).toBe('NOT_FOUND');
    const queue = await bpf.facilitator.client.ok<{ commentPeriod: { comments: { edges: { node: { id: string; commenter: { guest: boolean; name: string; region: string }; moderation: { heldReason: string } } }[] } } }>(
      `query($id: ID!) { commentPeriod(id: $id) { comments(state: PENDING) { edges { node { id commenter { guest name region } moderation { heldReason } } } } } }`,
      { id: period.id },
    );
    expect(queue.commentPeriod.comments.edges.map((e) => e.node)).toEqual([
      { id: held.id, commenter: { guest: true, name: 'Ana Guest', region: 'WEOG' }, moderation: { heldReason: 'guest comment' } },
    ]);
    await bpf.facilitator.client.ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: held.id });
    const body = await t.client.ok<{ comment: { body: string; commenter: { name: string } } }>(`query($id: ID!) { comment(id: $id) { body commenter { name } } }`, { id: held.id });
    expect(body.comment).toEqual({ body: 'From a guest.', commenter: { name: 'Ana Guest' } });

    const repeated = await submit(null, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'From a guest!', guest });
    expect(repeated.state).toBe('PENDING');
    const registeredOnly = await setUp();
    const refused = await t.client.request(SUBMIT, { input: { periodId: registeredOnly.period.id, anchor: { kind: 'DOCUMENT' }, body: 'x', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, guest } }, { 'x-forwarded-for': freshIp() });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('holds link-heavy and repeated comments from accounts too, and pre-moderates when the period says so', async () => {
    const { period } = await setUp();
    const links = await submit(commenter, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'See https://a.example https://b.example https://c.example https://d.example' });
    expect(links.state).toBe('PENDING');
    const once = await submit(commenter, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Support the draft.' });
    const twice = await submit(commenter, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Support the draft' });
    expect([once.state, twice.state]).toEqual(['PUBLISHED', 'PENDING']);
    const premoderated = await setUp({ moderation: 'PRE_MODERATION' });
    expect((await submit(commenter, { periodId: premoderated.period.id, anchor: { kind: 'DOCUMENT' } })).state).toBe('PENDING');
  });

  it('the Secretariat blocks an account platform-wide: it can no longer comment anywhere', async () => {
    const { period } = await setUp();
    const troll = await given.user();
    await submit(troll, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'First and last.' });
    const root = await given.secretariat();
    await root.client.ok(`mutation($id: ID!) { disableAccount(userId: $id, reason: "Repeated Code of Conduct violations") { id } }`, { id: troll.id });
    const refused = await troll.client.request(SUBMIT, { input: { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Again.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } }, { 'x-forwarded-for': freshIp() });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('limits how often one guest (one e-mail) can post, whatever the address', async () => {
    const { period } = await setUp({ participation: 'REGISTERED_AND_GUESTS' });
    const post = (n: number) =>
      t.client.request(SUBMIT, {
        input: { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: `Guest post ${n}`, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true,
          guest: { name: 'Same Sender', email: 'sender@example.org', organisation: 'Org', stakeholderGroup: 'OTHER' } },
      }, { 'x-forwarded-for': freshIp() });
    for (let n = 0; n < 10; n += 1) expect((await post(n)).errors).toBeUndefined();
    const refused = await post(10);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) as unknown });
  });

  it('answers every comment; the synthesis waits for the last answer unless a reason is given', async () => {
    const { period } = await setUp();
    const a = await onText(period.id, 2, P2, 'demand-driven');
    const b = await submit(commenter, { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'General remark.' });
    const ANSWER = `mutation($id: ID!, $d: Disposition!, $r: String!) { answerComment(id: $id, disposition: $d, response: $r) { answer { disposition response } } }`;
    await bpf.facilitator.client.ok(ANSWER, { id: a.id, d: 'PARTLY_ACCEPTED', r: 'Reflected in paragraph 2.' });
    const unanswered = await bpf.facilitator.client.ok<{ commentPeriod: { comments: { edges: { node: { id: string } }[] } } }>(
      `query($id: ID!) { commentPeriod(id: $id) { comments(unanswered: true) { edges { node { id } } } } }`,
      { id: period.id },
    );
    expect(unanswered.commentPeriod.comments.edges.map((e) => e.node.id)).toEqual([b.id]);

    const PUBLISH = `mutation($id: ID!, $reason: String) { publishSynthesis(id: $id, reason: $reason) { status synthesisNote } }`;
    expect((await bpf.facilitator.client.fails(PUBLISH, { id: period.id })).extensions?.code).toBe('INVALID_TRANSITION'); // still open
    t.app.get(Clock).travelTo(new Date(new Date(period.closesAt).getTime() + 1));
    try {
      expect((await bpf.facilitator.client.fails(PUBLISH, { id: period.id })).extensions).toMatchObject({ code: 'UNANSWERED_COMMENTS', unanswered: 1 });
      await bpf.facilitator.client.ok(ANSWER, { id: b.id, d: 'NOTED', r: 'Thank you.' });
      expect((await bpf.facilitator.client.ok<{ publishSynthesis: { status: string } }>(PUBLISH, { id: period.id })).publishSynthesis.status).toBe('SYNTHESIS_PUBLISHED');
    } finally {
      t.app.get(Clock).travelTo(new Date());
    }
  });
});
