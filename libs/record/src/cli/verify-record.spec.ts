import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JsonValue, MerkleLog, type RecordEntry, entryLeaf, generateSecretKey, keyIdOf, publicKeyOf, publicKeyToPem, sealPart, signTreeHead, toHex } from '../index';
import { markdownCell } from './response-table';
import { main } from './verify-record';

/**
 * The checks that need no server: exports or figures that disagree with a well-formed, well-signed
 * record (apps/api/test/record-verifier.e2e-spec.ts runs the command on a real period's downloads).
 */
const LOG = '0b7c9a52-1f1e-4c55-9a4e-5d0c3c1b2a10';
const ids = { a: '11111111-1111-4111-8111-111111111111', b: '22222222-2222-4222-8222-222222222222', reply: '33333333-3333-4333-8333-333333333333' };

interface Fixture {
  archive: Record<string, JsonValue>;
  csv: string[][];
  md: string[];
}

function fixture(options: { totalComments?: number; unanswered?: number; signer?: Uint8Array } = {}): Fixture {
  const secret = generateSecretKey();
  const signer = options.signer ?? secret;
  const publicKey = publicKeyOf(secret);
  const tree = new MerkleLog();
  const entries: JsonValue[] = [];
  const heads: JsonValue[] = [];
  let at = Date.parse('2026-11-02T10:00:00.000Z');
  const append = (fields: { kind: string } & Record<string, JsonValue>, parts: Record<string, JsonValue> = {}, open = Object.keys(parts)): void => {
    const commitments: Record<string, string> = {};
    const openings: Record<string, JsonValue> = {};
    for (const [name, value] of Object.entries(parts)) {
      const { salt, commitment } = sealPart(value);
      commitments[name] = toHex(commitment);
      if (open.includes(name)) openings[name] = { salt: toHex(salt), value };
    }
    const salt = generateSecretKey();
    const entry = { v: 1, log: LOG, at: new Date((at += 1000)).toISOString(), ...fields, ...(Object.keys(parts).length ? { commitments } : {}) } as RecordEntry;
    const { text, leafHash } = entryLeaf(entry, salt);
    tree.append(leafHash);
    entries.push({ index: entries.length, entry: text, salt: toHex(salt), leafHash: toHex(leafHash), ...(Object.keys(openings).length ? { openings } : {}) });
    const head = { logId: LOG, treeSize: tree.size, rootHash: toHex(tree.root()), timestamp: at, keyId: keyIdOf(publicKeyOf(signer)) };
    heads.push({ ...head, signature: signTreeHead(head, signer) });
  };
  const text = (body: string, paragraph: number | null) => ({ revision: 1, body, bodyFormat: 'PLAIN', language: 'en', suggestion: null, anchor: paragraph ? { kind: 'PARAGRAPHS', startParagraph: paragraph, endParagraph: paragraph, quote: null } : null });
  const byline = (name: string, group: string) => ({ name, organisation: null, stakeholderGroup: group, speakingFor: 'PERSONAL', guest: false, country: null, region: null });
  const submitted = (comment: string, parent: string | null) => ({ kind: 'comment.submitted', comment, parent, official: false, late: false, state: 'PUBLISHED', revision: 1 });

  append({ kind: 'period.scheduled', title: 'Draft' });
  append({ kind: 'period.opened', opensAt: new Date(at).toISOString() });
  append(submitted(ids.a, null), { text: text('Say it plainly.', 2), byline: byline('Ana', 'GOVERNMENT') });
  append(submitted(ids.b, null), { text: text('A private matter.', null), byline: byline('Ben', 'ACADEMIA') }, ['byline']);
  append({ kind: 'comment.hidden', comment: ids.b, state: 'PUBLISHED', hidden: true }, { reason: { reason: 'Personal data' } }, []);
  append(submitted(ids.reply, ids.a), { text: text('Agreed.', null), byline: byline('Cy', 'ACADEMIA') });
  append({ kind: 'comment.answered', comment: ids.a, disposition: 'ACCEPTED', addressedVersion: null }, { response: { response: 'Done | in 8.' } });
  append({
    kind: 'synthesis.published',
    note: null,
    unanswered: options.unanswered ?? 0, // the hidden comment needs no answer
    figures: {
      totalComments: options.totalComments ?? 2,
      totalCommenters: 2,
      byStakeholderGroup: [{ category: 'ACADEMIA', comments: 1, suppressed: false }, { category: 'GOVERNMENT', comments: 1, suppressed: false }],
      byRegion: [{ category: 'NOT_STATED', comments: 2, suppressed: false }],
      byGender: [{ category: 'NOT_STATED', comments: 2, suppressed: false }],
      byDisposition: [{ disposition: 'ACCEPTED', count: 1 }, { disposition: 'HIDDEN', count: 1 }],
    },
  });
  const keys = [{ keyId: keyIdOf(publicKey), algorithm: 'Ed25519', publicKey: toHex(publicKey), publicKeyPem: publicKeyToPem(publicKey), since: '2026-11-01T00:00:00.000Z' }];
  const header = ['id', 'reply_to', 'paragraphs', 'anchor', 'quote', 'commenter', 'organisation', 'stakeholder_group', 'speaking_for', 'guest', 'official', 'language', 'body', 'suggestion', 'status', 'late', 'edits', 'disposition', 'response'];
  const csv = [
    header,
    [ids.a, '', '2', 'PARAGRAPHS', '', 'Ana', '', 'GOVERNMENT', 'PERSONAL', 'no', 'no', 'en', 'Say it plainly.', '', 'published', 'no', '0', 'ACCEPTED', 'Done | in 8.'],
    [ids.b, '', '', '', '', 'Ben', '', 'ACADEMIA', 'PERSONAL', 'no', 'no', 'en', '[hidden by the moderators]', '', 'hidden', 'no', '0', '', ''],
    [ids.reply, ids.a, '', '', '', 'Cy', '', 'ACADEMIA', 'PERSONAL', 'no', 'no', 'en', 'Agreed.', '', 'published', 'no', '0', '', ''],
  ];
  const md = [
    '# Draft: comments and responses',
    '',
    '| # | Paragraph | Commenter | Comment | Response |',
    '|---|---|---|---|---|',
    `| 1 | 2 | Ana, government | Say it plainly. | Accepted: ${markdownCell('Done | in 8.')} |`,
    '| 2 |  | Ben, academia | \\[hidden by the moderators\\] | No answer yet |',
  ];
  return { archive: { format: 'intersessional/record-archive/v1', log: LOG, audience: 'public', treeSize: tree.size, keys, heads, entries }, csv, md };
}

describe('verify-record on exports and figures', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verify-record-spec-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const run = async (f: Fixture, extra: string[] = []): Promise<{ code: number; out: string }> => {
    const lines: string[] = [];
    await writeFile(join(dir, 'record.json'), JSON.stringify(f.archive));
    await writeFile(join(dir, 'comments.csv'), `\uFEFF${f.csv.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\n')}\n`);
    await writeFile(join(dir, 'responses.md'), `${f.md.join('\n')}\n`);
    const code = await main([join(dir, 'record.json'), '--comments', join(dir, 'comments.csv'), '--responses', join(dir, 'responses.md'), ...extra], (line) => lines.push(line), (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  };

  it('passes a record whose exports and figures agree with it', async () => {
    const result = await run(fixture());
    expect(result.out).toContain('VERIFIED');
    expect(result.code).toBe(0);
  });

  it('names the entry a CSV field contradicts', async () => {
    const f = fixture();
    f.csv[1][12] = 'Say it later.';
    f.csv[3][1] = '';
    const result = await run(f);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`entry 2 (comment.submitted): CSV row 1 (comment ${ids.a}) shows body "Say it later.", the record "Say it plainly."`);
    expect(result.out).toContain(`entry 5 (comment.submitted): CSV row 3 (comment ${ids.reply}) shows reply_to "", the record "${ids.a}"`);
  });

  it('names the answer a response table row contradicts, and rows that match nothing or are missing', async () => {
    const f = fixture();
    f.md[4] = f.md[4].replace('Accepted: Done', 'Not accepted: Done');
    f.md[5] = '| 2 |  | Eve, academia | Not said. | No answer yet |';
    const result = await run(f);
    expect(result.code).toBe(1);
    expect(result.out).toContain('entry 6 (comment.answered): response table row 1 shows the answer "Not accepted: Done \\\\| in 8.", the record "Accepted: Done \\\\| in 8."');
    expect(result.out).toContain('response table row 2: refers to no comment in the record');
    expect(result.out).toContain(`entry 3 (comment.submitted): comment ${ids.b} is listed in the record but missing from the comment–response table`);
  });

  it('recomputes the published synthesis counts from the record', async () => {
    const result = await run(fixture({ totalComments: 3 }));
    expect(result.code).toBe(1);
    expect(result.out).toContain('entry 7 (synthesis.published): publishes 3 comments, the record counts 2');
  });

  it('counts a hidden comment without an answer as HIDDEN, not as unanswered, as publication does', async () => {
    const result = await run(fixture({ unanswered: 1 }));
    expect(result.code).toBe(1);
    expect(result.out).toContain('entry 7 (synthesis.published): publishes 1 comments unanswered, the record counts 0');
  });

  it('refuses heads signed by a key the published keys do not list', async () => {
    const f = fixture();
    await writeFile(join(dir, 'keys.json'), JSON.stringify({ keys: [] }));
    const result = await run(f, ['--keys', join(dir, 'keys.json')]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/head of size 1: signed by key [0-9a-f]{64}, which is not a trusted key/);
    expect(result.out).toContain('is not among the published keys (--keys)');
    const forged = await run(fixture({ signer: generateSecretKey() }));
    expect(forged.out).toMatch(/head of size 8: signed by key [0-9a-f]{64}, which is not a trusted key/);
  });

  it('exits 2 on input it cannot read', async () => {
    const f = fixture();
    f.csv[2] = ['only', 'two'];
    expect((await run(f)).code).toBe(2);
    expect(await main([], () => undefined, () => undefined)).toBe(2);
  });
});
