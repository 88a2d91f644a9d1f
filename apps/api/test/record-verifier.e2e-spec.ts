import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PeriodScheduler } from '@intersessional/consultation';
import { RecordService } from '@intersessional/record-store';
import { freshIp, Given, type TestUser } from './support/given';
import type { Archive } from './support/record-check';
import { type TestApp, startTestApp } from './support/test-app';

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The verifier as a person runs it: `npm run verify-record -- …` is `node scripts/verify-record.mjs …`, from the sources, no build. */
async function verifyRecord(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['scripts/verify-record.mjs', ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the offline record verifier, run on a published period’s downloads', () => {
  let t: TestApp;
  let bpf: { id: string; facilitator: TestUser };
  let dir: string;
  let periodId: string;
  const ids: Record<'kept' | 'answered' | 'hidden' | 'guest' | 'reply', string> = { kept: '', answered: '', hidden: '', guest: '', reply: '' };

  const submit = async (user: TestUser | null, input: Record<string, unknown>): Promise<string> => {
    const result = await (user ? user.client : t.client).request<{ submitComment: { id: string } }>(
      SUBMIT,
      { input: { periodId, anchor: { kind: 'DOCUMENT' }, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, ...input } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment.id;
  };
  const ok = (query: string, variables: Record<string, unknown>) => bpf.facilitator.client.ok(query, variables);

  /** Downloads what anyone can download after publication (the archive for facilitators with `token`) into `dir`. */
  const download = async (token?: string): Promise<{ archive: string; csv: string; md: string; html: string; keys: string }> => {
    const get = async (path: string, name: string, auth?: string): Promise<string> => {
      const response = await fetch(`${t.url}${path}`, auth ? { headers: { authorization: `Bearer ${auth}` } } : {});
      expect(response.status).toBe(200);
      const file = join(dir, name);
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      return file;
    };
    return {
      archive: await get(`/comment-periods/${periodId}/record`, token ? 'record-facilitators.json' : 'record.json', token),
      csv: await get(`/comment-periods/${periodId}/comments?format=csv`, 'comments.csv'),
      md: await get(`/comment-periods/${periodId}/responses?format=markdown`, 'responses.md'),
      html: await get(`/comment-periods/${periodId}/responses?format=html`, 'responses.html'),
      keys: await get(`/.well-known/intersessional-record-keys`, 'keys.json'),
    };
  };
  const entryOf = async (kind: string, commentId: string): Promise<number> => {
    const rows = (await t.dataSource.query(`SELECT idx FROM record_entries WHERE log_id = $1 AND kind = $2 AND subject = $3 ORDER BY idx DESC LIMIT 1`, [periodId, kind, commentId])) as { idx: string | number }[];
    return Number(rows[0].idx);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verify-record-'));
    t = await startTestApp({ RECORD_HEAD_DELAY_MS: '50' });
    const given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    const commenter = await given.user({ stakeholderGroup: 'GOVERNMENT', country: 'BR' });
    const other = await given.user({ stakeholderGroup: 'ACADEMIA', country: 'JP' });
    periodId = (await given.commentPeriod(bpf, { participation: 'REGISTERED_AND_GUESTS' })).id;

    ids.kept = await submit(commenter, { anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body: 'Keep the annex | on *capacity* building.\nIt matters.', suggestion: 'Keep annex B.' });
    ids.answered = await submit(other, { body: '=SUM(A1) looks like a formula; “quotes” & <tags> too.' });
    ids.hidden = await submit(other, { body: 'My neighbour Jan Novak disagrees.' });
    ids.guest = await submit(null, { body: 'A guest’s view.', guest: { name: 'Ama Mensah', email: `ama-${randomBytes(4).toString('hex')}@example.org`, organisation: 'Ghana IGF', stakeholderGroup: 'CIVIL_SOCIETY', country: 'GH' } });
    await ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: ids.guest });
    ids.reply = (await ok(`mutation($input: ReplyInput!) { replyToComment(input: $input) { id } }`, { input: { commentId: ids.kept, body: 'Thank you.', language: 'en', speakingFor: 'ORGANISATION', consentToPublish: true } }) as { replyToComment: { id: string } }).replyToComment.id;
    await commenter.client.ok(`mutation($id: ID!) { editComment(input: { id: $id, body: "Keep the annex on capacity building, please." }) { id } }`, { id: ids.kept });
    await ok(`mutation($id: ID!) { hideComment(id: $id, reason: "Personal data of a third person") { id } }`, { id: ids.hidden });
    await ok(`mutation($id: ID!) { answerComment(id: $id, disposition: NOTED, response: "First thoughts.") { id } }`, { id: ids.answered });
    await ok(`mutation($id: ID!) { answerComment(id: $id, disposition: PARTLY_ACCEPTED, response: "We will look at *it* | again.") { id } }`, { id: ids.answered });
    await ok(`mutation($id: ID!) { answerComment(id: $id, disposition: ACCEPTED, response: "Kept in the annex.") { id } }`, { id: ids.kept });
    await ok(`mutation($id: ID!) { closeCommentPeriodEarly(id: $id, reason: "Enough input") { status } }`, { id: periodId });
    await t.app.get(PeriodScheduler).tick();
    await ok(`mutation($id: ID!) { publishSynthesis(id: $id, reason: "Some comments were answered in the session") { status } }`, { id: periodId });
    await t.app.get(RecordService).settle();
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies the published archive, the CSV export and both comment–response tables against the published keys (exit 0)', async () => {
    const files = await download();
    const run = await verifyRecord(files.archive, '--comments', files.csv, '--responses', files.md, '--keys', files.keys);
    expect(run.stdout).toContain('VERIFIED');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 published synthesis entry/);
    expect(run.stdout).toMatch(/5 CSV rows compared/);
    expect(run.stdout).toMatch(/4 rows of the markdown comment–response table matched to the record, 2 answers compared/);
    expect((await verifyRecord(files.archive, '--responses', files.html)).code).toBe(0);
    const full = await download(bpf.facilitator.token);
    expect(await verifyRecord(full.archive, '--keys', full.keys)).toMatchObject({ code: 0 });
  });

  it('fails, naming the entry, after a rogue SQL edit of a comment, an answer or a moderation reason', async () => {
    const expectFailure = async (files: { archive: string; csv: string; md: string }, ...expected: string[]): Promise<void> => {
      const run = await verifyRecord(files.archive, '--comments', files.csv, '--responses', files.md);
      expect(run.code).toBe(1);
      for (const line of expected) expect(run.stdout).toContain(line);
    };
    const edited = await entryOf('comment.edited', ids.kept);
    await t.dataSource.query(`UPDATE comments SET body = 'Drop the annex.' WHERE id = $1`, [ids.kept]);
    await expectFailure(
      await download(),
      `entry ${edited} (comment.edited): text does not match its commitment`,
      `entry ${edited} (comment.edited): CSV row`,
      `entry ${edited} (comment.edited): response table row 1: its comment text does not match the text committed to`,
    );
    await t.dataSource.query(`UPDATE comments SET body = 'Keep the annex on capacity building, please.' WHERE id = $1`, [ids.kept]);

    const answered = await entryOf('comment.answered', ids.answered);
    await t.dataSource.query(`UPDATE comments SET response = 'Rejected outright.' WHERE id = $1`, [ids.answered]);
    await expectFailure(await download(), `entry ${answered} (comment.answered): response does not match its commitment`, `entry ${answered} (comment.answered): response table row 2: its answer does not match`);
    await t.dataSource.query(`UPDATE comments SET response = 'We will look at *it* | again.' WHERE id = $1`, [ids.answered]);

    // reasons are only ever opened to facilitators: their archive shows the edit
    const hidden = await entryOf('comment.hidden', ids.hidden);
    await t.dataSource.query(`UPDATE comments SET hidden_reason = 'Spam' WHERE id = $1`, [ids.hidden]);
    const full = await download(bpf.facilitator.token);
    const run = await verifyRecord(full.archive, '--keys', full.keys);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`entry ${hidden} (comment.hidden): reason does not match its commitment`);
    await t.dataSource.query(`UPDATE comments SET hidden_reason = 'Personal data of a third person' WHERE id = $1`, [ids.hidden]);
    expect((await verifyRecord((await download()).archive)).code).toBe(0);
  });

  it('refuses an edit of the record itself, and fails a downloaded archive whose entry was changed or dropped', async () => {
    await expect(t.dataSource.query(`UPDATE record_entries SET entry = replace(entry, '"late":false', '"late":true') WHERE log_id = $1`, [periodId])).rejects.toThrow(/append-only/);
    const files = await download();
    const archive = JSON.parse(await readFile(files.archive, 'utf8')) as Archive;
    const index = await entryOf('comment.submitted', ids.guest);

    // a changed entry (still canonical) no longer hashes to its leaf
    const changed = structuredClone(archive);
    changed.entries[index].entry = changed.entries[index].entry.replace('"late":false', '"late":true');
    await writeFile(join(dir, 'changed.json'), JSON.stringify(changed));
    const run = await verifyRecord(join(dir, 'changed.json'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`entry ${index} (comment.submitted): leaf hash does not match its entry and salt`);

    // a dropped entry leaves a gap, and the signed heads no longer match what is left
    const dropped = structuredClone(archive);
    dropped.entries.splice(index, 1);
    await writeFile(join(dir, 'dropped.json'), JSON.stringify(dropped));
    const gone = await verifyRecord(join(dir, 'dropped.json'));
    expect(gone.code).toBe(1);
    expect(gone.stdout).toContain(`entry ${index}: is missing: the archive goes on with entry ${index + 1}`);
    expect(gone.stdout).toMatch(/head of size \d+: root hash does not match entries/);

    // a file that is no archive is unreadable input
    await writeFile(join(dir, 'not.json'), '{"format":"something else"}');
    expect(await verifyRecord(join(dir, 'not.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('not intersessional/record-archive/v1') });
  });
});
