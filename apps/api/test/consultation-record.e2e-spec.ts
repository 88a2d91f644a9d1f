import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { PeriodScheduler } from '@intersessional/consultation';
import { Clock } from '@intersessional/database';
import { type SignedTreeHead, parseEntry, parseHex, verifyConsistency, verifyInclusion, verifySignedTreeHead } from '@intersessional/record';
import { MailOutbox } from '@intersessional/notifications';
import { RecordService } from '@intersessional/record-store';
import { freshIp, Given, type TestUser } from './support/given';
import { type Archive, type CommentReceipt, type PublishedKeys, RECEIPT_FIELDS, archiveProblems, receiptProblems, trustedKeys } from './support/record-check';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { itOnPostgres } from './support/backends';

const HEAD = `logId treeSize rootHash timestamp keyId signature`;
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state trackingNumber ${RECEIPT_FIELDS} } }`;
const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id } }`;
const COMMENT_RECEIPT = `query($id: ID!) { comment(id: $id) { id ${RECEIPT_FIELDS} } }`;
const RECORD = `query($id: ID!) { commentPeriod(id: $id) { record { size head { ${HEAD} } } recordHeads(first: 100) { totalCount edges { node { ${HEAD} } } } } }`;
const INCLUSION = `query($p: ID!, $i: Int!, $n: Int!) { recordInclusionProof(periodId: $p, index: $i, treeSize: $n) { index treeSize leafHash path head { ${HEAD} } } }`;
const CONSISTENCY = `query($p: ID!, $from: Int!, $to: Int!) { recordConsistencyProof(periodId: $p, fromSize: $from, toSize: $to) { path from { rootHash } to { rootHash } } }`;

interface Submitted {
  id: string;
  state: string;
  trackingNumber: string | null;
  recordReceipt: CommentReceipt | null;
}

const bytes = (hex: string): Uint8Array => parseHex(hex, 32) ?? new Uint8Array();
/** Several instances need several connections: the embedded database is one. */

describe('the consultation record: entries in the event’s transaction, signed heads, receipts, the archive', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let commenter: TestUser;
  let keys: Uint8Array[];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ RECORD_HEAD_DELAY_MS: '50', SMTP_URL: smtp.url, WEB_URL: 'https://igf.example.org' });
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    commenter = await given.user({ stakeholderGroup: 'GOVERNMENT', country: 'BR' });
    keys = trustedKeys((await (await fetch(`${t.url}/.well-known/intersessional-record-keys`)).json()) as PublishedKeys);
  });
  afterEach(() => t.app.get(Clock).travelTo(new Date()));
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const submit = async (user: TestUser | null, periodId: string, input: Record<string, unknown> = {}): Promise<Submitted> => {
    const result = await (user ? user.client : t.client).request<{ submitComment: Submitted }>(
      SUBMIT,
      { input: { periodId, anchor: { kind: 'DOCUMENT' }, body: 'A comment.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, ...input } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment;
  };
  const guest = () => ({ name: 'Ama Mensah', email: `ama-${randomBytes(4).toString('hex')}@example.org`, organisation: 'Ghana IGF', stakeholderGroup: 'CIVIL_SOCIETY', country: 'GH' });
  const kindsOf = async (periodId: string): Promise<string[]> =>
    ((await t.dataSource.query(`SELECT kind FROM record_entries WHERE log_id = $1 ORDER BY idx`, [periodId])) as { kind: string }[]).map((r) => r.kind);
  const sizeOf = async (periodId: string): Promise<number> => (await kindsOf(periodId)).length;
  const facilitator = () => bpf.facilitator.client;
  const closeAndPublish = async (periodId: string) => {
    await facilitator().ok(`mutation($id: ID!) { closeCommentPeriodEarly(id: $id, reason: "Enough input") { status } }`, { id: periodId });
    await t.app.get(PeriodScheduler).tick();
    await facilitator().ok(`mutation($id: ID!) { publishSynthesis(id: $id, reason: "Some comments were answered in the session") { status } }`, { id: periodId });
    await t.app.get(RecordService).settle();
  };
  const archiveOf = async (periodId: string, token?: string): Promise<Archive> => {
    const response = await fetch(`${t.url}/comment-periods/${periodId}/record`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return (await response.json()) as Archive;
  };

  it('records a comment that arrives before the scheduler has noticed the opening after "opened", never before it', async () => {
    const period = await given.commentPeriod(bpf, { opensInMs: 3_600_000 });
    expect(await kindsOf(period.id)).toEqual(['period.scheduled']);
    const clock = t.app.get(Clock);
    clock.travelTo(new Date(Date.now() + 3_601_000)); // open for a second; the scheduler's next tick is seconds away
    try {
      await submit(commenter, period.id, { body: 'First in.' });
    } finally {
      clock.travelTo(new Date());
    }
    expect(await kindsOf(period.id)).toEqual(['period.scheduled', 'period.opened', 'comment.submitted']);
  });

  it('appends one entry for every event of a period, in order, with its public fields', async () => {
    const announced = await given.commentPeriod(bpf, { opensInMs: 3_600_000, participation: 'REGISTERED_AND_GUESTS' });
    await facilitator().ok(`mutation($input: UpdateCommentPeriodInput!) { updateCommentPeriod(input: $input) { id } }`, { input: { id: announced.id, title: 'Renamed' } });
    expect(await kindsOf(announced.id)).toEqual(['period.scheduled', 'period.updated']);

    const period = await given.commentPeriod(bpf, { participation: 'REGISTERED_AND_GUESTS' });
    const reader = await given.user();
    const a = await submit(commenter, period.id, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body: 'Say it plainly.', suggestion: 'A plainer first paragraph.' });
    await facilitator().ok(REPLY, { input: { commentId: a.id, body: 'Thank you.', language: 'en', speakingFor: 'ORGANISATION', consentToPublish: true } });
    await commenter.client.ok(`mutation($id: ID!) { editComment(input: { id: $id, body: "Say it plainly, please." }) { id } }`, { id: a.id });
    const b = await submit(commenter, period.id, { body: 'On second thoughts…' });
    await commenter.client.ok(`mutation($id: ID!) { withdrawComment(id: $id) { id } }`, { id: b.id });
    const g = await submit(null, period.id, { guest: guest() });
    expect(g.state).toBe('PENDING');
    await facilitator().ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: g.id });
    const r = await submit(null, period.id, { guest: guest(), body: 'Buy cheap watches.' });
    await facilitator().ok(`mutation($id: ID!) { rejectComment(id: $id, reason: "Spam") { id } }`, { id: r.id });
    await reader.client.ok(`mutation($id: ID!) { flagComment(id: $id, reason: OFF_TOPIC) { id } }`, { id: a.id });
    await facilitator().ok(`mutation($id: ID!) { keepComment(id: $id, reason: "On topic") { id } }`, { id: a.id });
    await facilitator().ok(`mutation($id: ID!) { hideComment(id: $id, reason: "Checking a complaint") { id } }`, { id: a.id });
    await facilitator().ok(`mutation($id: ID!) { unhideComment(id: $id, reason: "Complaint unfounded") { id } }`, { id: a.id });
    await facilitator().ok(`mutation($id: ID!) { answerComment(id: $id, disposition: PARTLY_ACCEPTED, response: "We will simplify.") { id } }`, { id: a.id });
    await facilitator().ok(`mutation($id: ID!) { applySuggestion(id: $id) { id } }`, { id: a.id });
    await facilitator().ok(`mutation($id: ID!, $at: DateTime!) { extendCommentPeriod(id: $id, closesAt: $at, reason: "More time") { id } }`, {
      id: period.id,
      at: new Date(new Date(period.closesAt).getTime() + 86_400_000).toISOString(),
    });
    await closeAndPublish(period.id);

    expect(await kindsOf(period.id)).toEqual([
      'period.scheduled',
      'period.opened',
      'comment.submitted',
      'comment.submitted',
      'comment.edited',
      'comment.submitted',
      'comment.withdrawn',
      'comment.submitted',
      'comment.approved',
      'comment.submitted',
      'comment.rejected',
      'comment.kept',
      'comment.hidden',
      'comment.unhidden',
      'comment.answered',
      'comment.suggestion_applied',
      'period.extended',
      'period.closed_early',
      'period.closed',
      'synthesis.published',
    ]);
    const entries = ((await t.dataSource.query(`SELECT entry FROM record_entries WHERE log_id = $1 ORDER BY idx`, [period.id])) as { entry: string }[]).map((row) =>
      parseEntry(row.entry),
    );
    expect(entries.every((e) => e?.log === period.id)).toBe(true);
    expect(entries[2]).toMatchObject({ kind: 'comment.submitted', comment: a.id, parent: null, state: 'PUBLISHED', revision: 1 });
    expect(Object.keys(entries[2]?.commitments ?? {}).sort()).toEqual(['byline', 'text']);
    expect(entries[3]).toMatchObject({ parent: a.id, official: true });
    expect(entries[15]).toMatchObject({ kind: 'comment.suggestion_applied', disposition: 'PARTLY_ACCEPTED', update: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(entries[19]).toMatchObject({ kind: 'synthesis.published', note: 'Some comments were answered in the session', figures: { totalComments: 2 } });
    // no comment text anywhere in an entry: only commitments to it
    expect(JSON.stringify(entries)).not.toMatch(/plainly|cheap watches|second thoughts|Spam|Complaint/);
    // the period closed and the synthesis went out under heads of their own
    const heads = ((await t.dataSource.query(`SELECT tree_size FROM record_heads WHERE log_id = $1`, [period.id])) as { tree_size: number }[]).map((h) => h.tree_size);
    expect(heads).toEqual(expect.arrayContaining([19, 20]));
  });

  it('writes an entry in the transaction of its event: neither commits without the other', async () => {
    const period = await given.commentPeriod(bpf);
    const first = await submit(commenter, period.id);
    const before = await sizeOf(period.id);

    // the event fails at COMMIT, after its entry was written: the entry goes with it, and its index is given back
    await t.dataSource.query(`CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$`);
    await t.dataSource.query(
      `CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON comments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.body = 'Refused at commit.') EXECUTE FUNCTION refuse_at_commit()`,
    );
    try {
      const failed = await commenter.client.request(SUBMIT, { input: { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: 'Refused at commit.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } }, { 'x-forwarded-for': freshIp() });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_at_commit ON comments`);
      await t.dataSource.query(`DROP FUNCTION refuse_at_commit()`);
    }
    expect(await t.dataSource.query(`SELECT id FROM comments WHERE body = 'Refused at commit.'`)).toEqual([]);
    expect(await sizeOf(period.id)).toBe(before);

    // the entry cannot be written: the answer it records is not kept either
    await t.dataSource.query(`CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no entry'; END $$`);
    await t.dataSource.query(`CREATE TRIGGER refuse_entry BEFORE INSERT ON record_entries FOR EACH ROW WHEN (NEW.kind = 'comment.answered') EXECUTE FUNCTION refuse_entry()`);
    try {
      const error = await facilitator().fails(`mutation($id: ID!) { answerComment(id: $id, disposition: NOTED, response: "Noted.") { id } }`, { id: first.id });
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_entry ON record_entries`);
      await t.dataSource.query(`DROP FUNCTION refuse_entry()`);
    }
    expect(await t.dataSource.query(`SELECT disposition, response FROM comments WHERE id = $1`, [first.id])).toEqual([{ disposition: null, response: null }]);
    expect(await sizeOf(period.id)).toBe(before);

    // and the next event takes the next index: no gap
    await submit(commenter, period.id);
    const indices = ((await t.dataSource.query(`SELECT idx FROM record_entries WHERE log_id = $1 ORDER BY idx`, [period.id])) as { idx: number }[]).map((r) => r.idx);
    expect(indices).toEqual([...Array(before + 1).keys()]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries, heads and keys in the database itself', async () => {
    const period = await given.commentPeriod(bpf);
    await submit(commenter, period.id);
    await t.app.get(RecordService).settle();
    for (const statement of [
      `UPDATE record_entries SET kind = 'comment.withdrawn' WHERE log_id = '${period.id}'`,
      `DELETE FROM record_entries WHERE log_id = '${period.id}'`,
      `TRUNCATE record_entries CASCADE`,
      `UPDATE record_heads SET signed_at = 0 WHERE log_id = '${period.id}'`,
      `DELETE FROM record_heads WHERE log_id = '${period.id}'`,
      `UPDATE record_keys SET public_key = public_key`,
      `DELETE FROM record_keys`,
    ]) {
      await expect(t.dataSource.query(statement)).rejects.toThrow(/the record is append-only: (UPDATE|DELETE|TRUNCATE) on record_/);
    }
    expect(await sizeOf(period.id)).toBe(3);
  });

  it('lets a guest fetch the receipt again later through the private link of their receipt e-mail', async () => {
    const period = await given.commentPeriod(bpf, { participation: 'REGISTERED_AND_GUESTS' });
    const who = guest();
    const submitted = await submit(null, period.id, { guest: who, body: 'Sent from a phone at the venue.' });
    await t.app.get(MailOutbox).flush();
    const receiptMail = () => smtp.received.find((m) => m.to.includes(who.email) && m.subject?.includes(': IGF-'));
    await waitFor(() => receiptMail() !== undefined, 'the receipt e-mail');
    const token = /\/comments\/guest#([A-Za-z0-9_-]{43})/.exec(receiptMail()?.raw.replace(/=\r?\n/g, '') ?? '')?.[1];
    const { guestComment } = await t.client.ok<{ guestComment: { recordReceipt: CommentReceipt } }>(`query($token: String!) { guestComment(token: $token) { ${RECEIPT_FIELDS} } }`, { token });
    expect(receiptProblems(guestComment.recordReceipt, keys)).toEqual([]);
    expect(guestComment.recordReceipt.receipt.entryIndex).toBe(submitted.recordReceipt?.receipt.entryIndex);
    expect(guestComment.recordReceipt.openings.find((o) => o.name === 'text')?.value).toMatchObject({ body: 'Sent from a phone at the venue.' });
    // the same comment read by a facilitator (the public cannot see it yet: it waits for moderation) carries no receipt
    expect((await facilitator().ok<{ comment: { recordReceipt: unknown } }>(COMMENT_RECEIPT, { id: submitted.id })).comment.recordReceipt).toBeNull();
  });

  it('gives 50 comments submitted at once one gapless tree: every receipt, inclusion and consistency proof verifies', async () => {
    const period = await given.commentPeriod(bpf, { participation: 'REGISTERED_AND_GUESTS' });
    const submitted = await Promise.all(Array.from({ length: 50 }, (_, i) => submit(null, period.id, { guest: guest(), body: `Comment number ${i}.` })));
    await t.app.get(RecordService).settle();

    const rows = (await t.dataSource.query(`SELECT idx, subject FROM record_entries WHERE log_id = $1 ORDER BY idx`, [period.id])) as { idx: number; subject: string | null }[];
    expect(rows.map((r) => r.idx)).toEqual([...Array(52).keys()]);
    expect(new Set(rows.slice(2).map((r) => r.subject))).toEqual(new Set(submitted.map((s) => s.id)));

    // each guest's receipt came back complete with the submission, under some head, and verifies
    for (const s of submitted) expect(receiptProblems(s.recordReceipt as CommentReceipt, keys)).toEqual([]);

    const { commentPeriod } = await t.client.ok<{ commentPeriod: { record: { size: number; head: SignedTreeHead }; recordHeads: { totalCount: number; edges: { node: SignedTreeHead }[] } } }>(RECORD, { id: period.id });
    const { head } = commentPeriod.record;
    const heads = commentPeriod.recordHeads;
    expect(commentPeriod.record.size).toBe(52);
    expect(head.treeSize).toBe(52);
    const all = heads.edges.map((e) => e.node);
    expect(all.length).toBeGreaterThan(1);
    for (const h of all) expect(verifySignedTreeHead(h, keys)).toEqual({ valid: true });
    for (let i = 1; i < all.length; i++) {
      const from = all[i - 1];
      const to = all[i];
      const { recordConsistencyProof: proof } = await t.client.ok<{ recordConsistencyProof: { path: string[] } }>(CONSISTENCY, { p: period.id, from: from.treeSize, to: to.treeSize });
      expect(verifyConsistency(from.treeSize, to.treeSize, bytes(from.rootHash), bytes(to.rootHash), proof.path.map(bytes))).toEqual({ valid: true });
    }
    for (let index = 0; index < 52; index++) {
      const { recordInclusionProof: proof } = await t.client.ok<{ recordInclusionProof: { leafHash: string; path: string[] } }>(INCLUSION, { p: period.id, i: index, n: 52 });
      expect(verifyInclusion(bytes(proof.leafHash), index, 52, proof.path.map(bytes), bytes(head.rootHash))).toEqual({ valid: true });
    }
  });

  it('serves the receipts of a page of one’s own comments in a fixed number of statements, each verifying', async () => {
    const period = await given.commentPeriod(bpf);
    const author = await given.user();
    for (let i = 0; i < 10; i += 1) await submit(author, period.id, { body: `My comment number ${i}.` });
    await t.app.get(RecordService).settle(); // every entry under a signed head: no request signs one
    const MINE = `query($n: Int!) { myComments(first: $n) { edges { node { id ${RECEIPT_FIELDS} } } } }`;
    const statementsFor = async (n: number) => {
      const { data, statements } = await t.statementsOf<{ myComments: { edges: { node: Submitted }[] } }>(author.client, MINE, { n });
      expect(data.myComments.edges).toHaveLength(n);
      for (const { node } of data.myComments.edges) expect(receiptProblems(node.recordReceipt as CommentReceipt, keys)).toEqual([]);
      return statements;
    };
    expect(await statementsFor(10)).toBe(await statementsFor(2));
  });

  it('answers bad proof requests with BAD_USER_INPUT naming the field', async () => {
    const period = await given.commentPeriod(bpf);
    await t.app.get(RecordService).settle();
    const { commentPeriod } = await t.client.ok<{ commentPeriod: { record: { head: SignedTreeHead } } }>(RECORD, { id: period.id });
    const size = commentPeriod.record.head.treeSize;
    const unsigned = await t.client.fails(INCLUSION, { p: period.id, i: 0, n: size + 5 });
    expect(unsigned.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'treeSize' });
    const outside = await t.client.fails(INCLUSION, { p: period.id, i: size, n: size });
    expect(outside.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'index' });
    const backwards = await t.client.fails(CONSISTENCY, { p: period.id, from: size, to: 1 });
    expect(backwards.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromSize' });
    const negative = await t.client.fails(INCLUSION, { p: period.id, i: -1, n: size });
    expect(negative.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps a hidden comment’s receipt verifiable and its text out of the public archive; a rogue edit of a comment fails the checks, naming its entry', async () => {
    const period = await given.commentPeriod(bpf, { participation: 'REGISTERED_AND_GUESTS' });
    const other = await given.user({ stakeholderGroup: 'ACADEMIA', country: 'JP' });
    const kept = await submit(commenter, period.id, { body: 'Keep the annex on capacity building.' });
    const hidden = await submit(other, period.id, { body: 'My neighbour Jan Novak, +420 555 0100, disagrees.' });
    const guestComment = await submit(null, period.id, { guest: guest(), body: 'A guest’s view.' });
    for (const s of [kept, hidden, guestComment]) expect(receiptProblems(s.recordReceipt as CommentReceipt, keys)).toEqual([]);

    // only its author gets a receipt: not the public, not the facilitators
    for (const client of [t.client, facilitator(), other.client]) {
      expect((await client.ok<{ comment: { recordReceipt: unknown } }>(COMMENT_RECEIPT, { id: kept.id })).comment.recordReceipt).toBeNull();
    }

    await facilitator().ok(`mutation($id: ID!) { hideComment(id: $id, reason: "Personal data of a third person") { id } }`, { id: hidden.id });
    await facilitator().ok(`mutation($id: ID!) { answerComment(id: $id, disposition: ACCEPTED, response: "Kept in the annex.") { id } }`, { id: kept.id });
    await facilitator().ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: guestComment.id });
    await closeAndPublish(period.id);

    // the receipt of the hidden comment, kept from the submission, still verifies, and so does a fresh one
    const original = hidden.recordReceipt as CommentReceipt;
    const { comment } = await other.client.ok<{ comment: { recordReceipt: CommentReceipt } }>(COMMENT_RECEIPT, { id: hidden.id });
    expect(receiptProblems(comment.recordReceipt, keys)).toEqual([]);
    expect(receiptProblems(original, keys)).toEqual([]);
    // …and its entry is in today's tree, which extends the one its receipt was issued under
    const { commentPeriod } = await t.client.ok<{ commentPeriod: { record: { head: SignedTreeHead } } }>(RECORD, { id: period.id });
    const latest = commentPeriod.record.head;
    const { recordInclusionProof: inclusion } = await t.client.ok<{ recordInclusionProof: { leafHash: string; path: string[] } }>(INCLUSION, {
      p: period.id,
      i: original.receipt.entryIndex,
      n: latest.treeSize,
    });
    expect(inclusion.leafHash).toBe(original.receipt.leafHash);
    expect(verifyInclusion(bytes(inclusion.leafHash), original.receipt.entryIndex, latest.treeSize, inclusion.path.map(bytes), bytes(latest.rootHash))).toEqual({ valid: true });
    const from = original.receipt.treeHead;
    const { recordConsistencyProof: consistency } = await t.client.ok<{ recordConsistencyProof: { path: string[] } }>(CONSISTENCY, { p: period.id, from: from.treeSize, to: latest.treeSize });
    expect(verifyConsistency(from.treeSize, latest.treeSize, bytes(from.rootHash), bytes(latest.rootHash), consistency.path.map(bytes))).toEqual({ valid: true });

    // the public archive verifies end to end and holds nothing of the hidden text, its salt or the moderator's reason
    const text = await (await fetch(`${t.url}/comment-periods/${period.id}/record`)).text();
    const archive = JSON.parse(text) as Archive;
    expect(archive).toMatchObject({ format: 'intersessional/record-archive/v1', log: period.id, audience: 'public', treeSize: latest.treeSize });
    expect(archiveProblems(archive)).toEqual([]);
    const hiddenText = original.openings.find((o) => o.name === 'text');
    expect(text).not.toContain('Novak');
    expect(text).not.toContain(hiddenText?.salt);
    expect(text).not.toContain('Personal data of a third person');
    const hiddenEntry = archive.entries[original.receipt.entryIndex];
    expect(Object.keys(hiddenEntry.openings ?? {})).toEqual(['byline']);
    const keptEntry = archive.entries[(kept.recordReceipt as CommentReceipt).receipt.entryIndex];
    expect(keptEntry.openings?.text?.value).toMatchObject({ body: 'Keep the annex on capacity building.', revision: 1 });
    expect(keptEntry.openings?.byline?.value).toMatchObject({ stakeholderGroup: 'GOVERNMENT', country: null, region: null });
    expect(archive.entries.some((e) => e.openings?.response?.value && (e.openings.response.value as { response: string }).response === 'Kept in the annex.')).toBe(true);
    // facilitators' archive opens everything, the hide reason included
    const full = await archiveOf(period.id, bpf.facilitator.token);
    expect(full.audience).toBe('facilitators');
    expect(archiveProblems(full)).toEqual([]);
    expect(JSON.stringify(full)).toContain('Personal data of a third person');

    // a rogue operator rewrites a stored comment in SQL: its author's receipt and the archive both say which entry
    const index = (kept.recordReceipt as CommentReceipt).receipt.entryIndex;
    await t.dataSource.query(`UPDATE comments SET body = 'Drop the annex.' WHERE id = $1`, [kept.id]);
    const { comment: tampered } = await commenter.client.ok<{ comment: { recordReceipt: CommentReceipt } }>(COMMENT_RECEIPT, { id: kept.id });
    expect(receiptProblems(tampered.recordReceipt, keys)).toEqual([`entry ${index}: text (commitment-mismatch)`]);
    expect(archiveProblems(await archiveOf(period.id))).toEqual([`entry ${index}: text (commitment-mismatch)`]);
    // the receipt the author kept from the submission still opens the entry with the words they wrote
    expect(receiptProblems(kept.recordReceipt as CommentReceipt, keys)).toEqual([]);
  });

  itOnPostgres('takes appends from two instances signing with different keys (a rotation under way) into one gapless tree; each head verifies by its key id', async () => {
    const rotated = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const peer = await startTestApp({ RECORD_HEAD_DELAY_MS: '50', RECORD_SIGNING_KEY: rotated }, { peerOf: t });
    try {
      const period = await given.commentPeriod(bpf, { participation: 'REGISTERED_AND_GUESTS' });
      const submitOn = async (instance: TestApp, i: number) => {
        const result = await instance.client.request<{ submitComment: Submitted }>(
          SUBMIT,
          { input: { periodId: period.id, anchor: { kind: 'DOCUMENT' }, body: `From instance ${instance === t ? 0 : 1}: ${i}.`, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, guest: guest() } },
          { 'x-forwarded-for': freshIp() },
        );
        if (!result.data) throw new Error(JSON.stringify(result.errors));
        return result.data.submitComment;
      };
      const submitted = await Promise.all(Array.from({ length: 20 }, (_, i) => submitOn(i % 2 ? peer : t, i)));
      // then one on each instance in turn, each signing its own head: both keys are sure to have signed
      await Promise.all([t.app.get(RecordService).settle(), peer.app.get(RecordService).settle()]);
      submitted.push(await submitOn(t, 20));
      await t.app.get(RecordService).settle();
      submitted.push(await submitOn(peer, 21));
      await peer.app.get(RecordService).settle();
      const published = (await (await fetch(`${peer.url}/.well-known/intersessional-record-keys`)).json()) as PublishedKeys;
      expect(published.keys).toHaveLength(2);
      for (const s of submitted) expect(receiptProblems(s.recordReceipt as CommentReceipt, trustedKeys(published))).toEqual([]);
      const archive = await archiveOf(period.id, bpf.facilitator.token);
      expect(archive.entries.map((e) => e.index)).toEqual([...Array(24).keys()]);
      expect(new Set(archive.heads.map((h) => h.keyId)).size).toBe(2);
      expect(archiveProblems(archive)).toEqual([]);
    } finally {
      await peer.close();
    }
  });

  it('publishes the archive to the public only with the synthesis, and the keys at a well-known address', async () => {
    const period = await given.commentPeriod(bpf);
    const early = await fetch(`${t.url}/comment-periods/${period.id}/record`);
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await archiveOf(period.id, bpf.facilitator.token)).audience).toBe('facilitators');

    const response = await fetch(`${t.url}/.well-known/intersessional-record-keys`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const published = (await response.json()) as PublishedKeys;
    // the first key is this instance's (a rotation adds keys after it, never removes one)
    expect(published.keys[0]).toEqual({
      keyId: expect.stringMatching(/^[0-9a-f]{64}$/),
      algorithm: 'Ed25519',
      publicKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY'),
      since: expect.any(String),
    });
    expect(trustedKeys(published)[0]).toEqual(keys[0]);
  });
});
