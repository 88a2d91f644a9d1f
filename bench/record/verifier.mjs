// The offline verifier's time for a period of 10,000 comments: `node bench/record/verifier.mjs`.
// A synthetic archive (libs/record: canonical entries with sealed text and byline, answers, heads
// signed with a node:crypto Ed25519 key every HEAD_EVERY entries, a published synthesis), its CSV
// export and its comment–response table are written to a temporary folder, then
// `node scripts/verify-record.mjs` runs on them as a person would, RUNS times; the median is
// reported. No build, no server: the library is loaded from its sources (scripts/ts-hooks.mjs).
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Prng } from '../lib/prng.mjs';
import { median } from '../lib/stats.mjs';

register('../../scripts/ts-hooks.mjs', import.meta.url);
const record = await import('../../libs/record/src/index.ts');
const { keyIdOfKeyObject, rawPublicKey, signTreeHeadWithKeyObject } = await import('../../libs/record/src/node/index.ts');
const { markdownCell } = await import('../../libs/record/src/cli/response-table.ts');
const { canonicalJson, entryLeaf, sealPart, MerkleLog, newSalt, toHex, publicKeyToPem } = record;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMMENTS = Number(process.env.BENCH_VERIFIER_COMMENTS ?? 10_000);
const HEAD_EVERY = Number(process.env.BENCH_VERIFIER_HEAD_EVERY ?? 10);
const RUNS = Number(process.env.BENCH_VERIFIER_RUNS ?? 3);
const GROUPS = ['GOVERNMENT', 'CIVIL_SOCIETY', 'PRIVATE_SECTOR', 'TECHNICAL_COMMUNITY', 'ACADEMIA'];
const DISPOSITIONS = ['ACCEPTED', 'PARTLY_ACCEPTED', 'NOT_ACCEPTED', 'NOTED'];
const LABELS = { ACCEPTED: 'Accepted', PARTLY_ACCEPTED: 'Partly accepted', NOT_ACCEPTED: 'Not accepted', NOTED: 'Noted' };

const uuid = (prng) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(prng.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
};
const csvField = (value) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function synthesize() {
  const prng = new Prng(9162);
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKey(privateKey);
  const keyId = keyIdOfKeyObject(privateKey);
  const log = uuid(prng);
  const tree = new MerkleLog();
  const entries = [];
  const heads = [];
  let clock = Date.parse('2026-11-02T10:00:00.000Z');
  const sign = () => {
    if (heads.at(-1)?.treeSize === tree.size) return;
    const head = { logId: log, treeSize: tree.size, rootHash: toHex(tree.root()), timestamp: clock, keyId };
    heads.push({ ...head, signature: signTreeHeadWithKeyObject(head, privateKey) });
  };
  const append = (fields, openings) => {
    clock += 1000;
    const salt = newSalt();
    const entry = { v: 1, log, at: new Date(clock).toISOString(), ...fields };
    const { text, leafHash } = entryLeaf(entry, salt);
    tree.append(leafHash);
    entries.push({ index: entries.length, entry: text, salt: toHex(salt), leafHash: toHex(leafHash), ...(openings ? { openings } : {}) });
    if (tree.size % HEAD_EVERY === 0) sign();
  };
  const sealed = (values) => {
    const commitments = {};
    const openings = {};
    for (const [name, value] of Object.entries(values)) {
      const { salt, commitment } = sealPart(value);
      commitments[name] = toHex(commitment);
      openings[name] = { salt: toHex(salt), value };
    }
    return { commitments, openings };
  };

  append({ kind: 'period.scheduled', periodKind: 'DOCUMENT', title: 'Synthetic period' });
  append({ kind: 'period.opened', opensAt: new Date(clock).toISOString() });
  const comments = [];
  for (let i = 0; i < COMMENTS; i++) {
    const id = uuid(prng);
    const group = GROUPS[i % GROUPS.length];
    const paragraph = 1 + (i % 40);
    const text = { revision: 1, body: `Comment ${i}: paragraph ${paragraph} should say more about capacity building, and *why* it matters.`, bodyFormat: 'PLAIN', language: 'en', suggestion: null, anchor: { kind: 'PARAGRAPHS', startParagraph: paragraph, endParagraph: paragraph, quote: null } };
    const byline = { name: `Commenter ${i % 3000}`, organisation: i % 2 ? `Organisation ${i % 50}` : null, stakeholderGroup: group, speakingFor: 'PERSONAL', guest: i % 4 === 0, country: null, region: null };
    const { commitments, openings } = sealed({ text, byline });
    append({ kind: 'comment.submitted', comment: id, commitments, late: false, official: false, parent: null, revision: 1, state: 'PUBLISHED' }, openings);
    comments.push({ id, text, byline });
  }
  for (const [i, c] of comments.entries()) {
    if (i % 3 !== 0) continue;
    c.disposition = DISPOSITIONS[i % DISPOSITIONS.length];
    c.response = `Answer to comment ${i}: thank you, we ${c.disposition === 'NOT_ACCEPTED' ? 'keep' : 'changed'} the wording.`;
    const { commitments, openings } = sealed({ response: { response: c.response } });
    append({ kind: 'comment.answered', comment: c.id, disposition: c.disposition, addressedVersion: null, commitments }, openings);
  }
  // closing and publication are signed at once, as the server does
  append({ kind: 'period.closed', closesAt: new Date(clock).toISOString() });
  sign();
  const byDisposition = new Map();
  for (const c of comments) byDisposition.set(c.disposition ?? 'UNANSWERED', (byDisposition.get(c.disposition ?? 'UNANSWERED') ?? 0) + 1);
  const cells = GROUPS.map((g) => {
    const n = comments.filter((c) => c.byline.stakeholderGroup === g).length;
    return { category: g, commenters: null, comments: n, suppressed: false, display: String(n) };
  });
  const figures = { totalComments: COMMENTS, totalCommenters: 3000, byStakeholderGroup: cells, byRegion: [], byGender: [], byDisposition: [...byDisposition].sort().map(([disposition, count]) => ({ disposition, count })) };
  // byRegion and byGender are left empty here: their sums would not add up, so give each one cell of every comment
  figures.byRegion = [{ category: 'NOT_STATED', commenters: 3000, comments: COMMENTS, suppressed: false, display: '3000' }];
  figures.byGender = [{ category: 'NOT_STATED', commenters: 3000, comments: COMMENTS, suppressed: false, display: '3000' }];
  append({ kind: 'synthesis.published', note: null, unanswered: byDisposition.get('UNANSWERED'), figures });
  sign();

  const keys = [{ keyId, algorithm: 'Ed25519', publicKey: toHex(publicKey), publicKeyPem: publicKeyToPem(publicKey), since: new Date(0).toISOString() }];
  const archive = { format: 'intersessional/record-archive/v1', log, audience: 'public', generatedAt: new Date(clock).toISOString(), period: { id: log, title: 'Synthetic period' }, treeSize: tree.size, keys, heads, entries };

  const columns = ['id', 'reply_to', 'paragraphs', 'anchor', 'quote', 'commenter', 'organisation', 'stakeholder_group', 'country', 'region', 'speaking_for', 'guest', 'official', 'language', 'body', 'suggestion', 'status', 'late', 'edits', 'disposition', 'response'];
  const csv = [columns.join(',')];
  const md = ['# Synthetic period: comments and responses', '', '| # | Paragraph | Commenter | Comment | Response |', '|---|---|---|---|---|'];
  comments.forEach((c, n) => {
    const p = String(c.text.anchor.startParagraph);
    const row = [c.id, '', p, 'PARAGRAPHS', '', c.byline.name, c.byline.organisation ?? '', c.byline.stakeholderGroup, '', '', 'PERSONAL', c.byline.guest ? 'yes' : 'no', 'no', 'en', c.text.body, '', 'published', 'no', '0', c.disposition ?? '', c.response ?? ''];
    csv.push(row.map(csvField).join(','));
    const commenter = [c.byline.name, c.byline.organisation, c.byline.stakeholderGroup.replace(/_/g, ' ').toLowerCase()].filter(Boolean).join(', ');
    const answer = c.disposition ? `${LABELS[c.disposition]}: ${markdownCell(c.response)}` : 'No answer yet';
    md.push(`| ${n + 1} | ${p} | ${markdownCell(commenter)} | ${markdownCell(c.text.body)} | ${answer} |`);
  });
  return { archive: canonicalJson(archive), keys: JSON.stringify({ keys }), csv: `\uFEFF${csv.join('\n')}\n`, md: `${md.join('\n')}\n`, heads: heads.length, entries: entries.length };
}

const started = performance.now();
const data = synthesize();
const generated = performance.now() - started;
const dir = await mkdtemp(join(tmpdir(), 'bench-verifier-'));
try {
  const files = { archive: join(dir, 'record.json'), keys: join(dir, 'keys.json'), csv: join(dir, 'comments.csv'), md: join(dir, 'responses.md') };
  await Promise.all([writeFile(files.archive, data.archive), writeFile(files.keys, data.keys), writeFile(files.csv, data.csv), writeFile(files.md, data.md)]);
  const size = (await stat(files.archive)).size;
  console.log(`synthetic period: ${COMMENTS} comments, ${data.entries} entries, ${data.heads} signed heads; archive ${(size / 1e6).toFixed(1)} MB (generated in ${(generated / 1000).toFixed(1)} s)`);
  const runs = [];
  let report = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    report = execFileSync(process.execPath, ['scripts/verify-record.mjs', files.archive, '--keys', files.keys, '--comments', files.csv, '--responses', files.md], { cwd: root, encoding: 'utf8' });
    runs.push(performance.now() - t0);
  }
  const archiveOnly = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, ['scripts/verify-record.mjs', files.archive, '--keys', files.keys], { cwd: root, encoding: 'utf8' });
    archiveOnly.push(performance.now() - t0);
  }
  console.log(report.trimEnd());
  console.log(`verifier, whole process (archive + keys + CSV + table): median ${(median(runs) / 1000).toFixed(2)} s over ${RUNS} runs [${runs.map((ms) => (ms / 1000).toFixed(2)).join(', ')}]`);
  console.log(`verifier, archive + keys only: median ${(median(archiveOnly) / 1000).toFixed(2)} s [${archiveOnly.map((ms) => (ms / 1000).toFixed(2)).join(', ')}]`);
} finally {
  // BENCH_VERIFIER_KEEP=1 keeps the files, to profile the verifier on them
  if (process.env.BENCH_VERIFIER_KEEP) console.log(`files kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
