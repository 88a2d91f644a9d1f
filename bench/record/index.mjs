// The verifiable record's cryptographic core (libs/record) at the size of a busy consultation:
// building an RFC 9162 tree of 100,000 entries, then producing and verifying inclusion and
// consistency proofs over it, with the proofs' sizes. Pure CPU, no server: it runs against the
// built library (dist/, which `npm run bench` builds; BENCH_RECORD_DIST=<build root> picks another
// build, e.g. one made with `node scripts/build.mjs <folder>`), and also on its own:
// `node bench/record/index.mjs`. Indices come from a seeded PRNG, so every run asks the same proofs.
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Prng } from '../lib/prng.mjs';
import { describeMachine, fmt, machineInfo, table } from '../lib/report.mjs';
import { median, percentile } from '../lib/stats.mjs';

export const title = 'Verifiable record: a 100,000-entry Merkle tree, its proofs and their sizes';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LEAVES = 100_000;
const BUILDS = 3;
const PROOFS = 200;
const SEED = 9162;

async function loadRecord() {
  const build = resolve(process.env.BENCH_RECORD_DIST ?? join(root, 'dist'));
  const module = await import(pathToFileURL(join(build, 'libs', 'record', 'src', 'index.js')).href);
  // the server build is CommonJS: its exports are the module's default
  return module.default ?? module;
}

function timed(fn) {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

const stats = (samples) => ({ p50: median(samples), p99: percentile(samples, 99) });

export async function run({ log = console.log } = {}) {
  const record = await loadRecord();
  const { MerkleLog, canonicalBytes, commit, leafHash, inclusionProof, verifyInclusion, verifyConsistency, toHex } = record;
  const { generateSecretKey, publicKeyOf, keyIdOf, signTreeHead, issueReceipt, verifyReceipt } = record;
  const prng = new Prng(SEED);
  const salt = Uint8Array.from({ length: 32 }, (_, i) => i);
  const entry = (i) => canonicalBytes({ consultation: 'bpf-2026', paragraph: i % 60, author: `member-${i % 997}`, comment: `Comment number ${i}` });

  log(`committing ${fmt(LEAVES)} entries (canonical JSON + salted commitment + leaf hash)`);
  const commitments = timed(() => Array.from({ length: LEAVES }, (_, i) => leafHash(commit(salt, entry(i)))));
  const leafHashes = commitments.value;

  const builds = [];
  let merkleLog;
  for (let i = 0; i < BUILDS; i++) {
    const build = timed(() => MerkleLog.from(leafHashes));
    builds.push(build.ms);
    merkleLog = build.value;
  }
  log(`built the tree ${BUILDS} times: ${builds.map((ms) => fmt(ms)).join(', ')} ms`);
  const rootTime = timed(() => merkleLog.root());
  const rootHash = rootTime.value;

  const produceInclusion = [];
  const verifyInclusionMs = [];
  const inclusionNodes = [];
  for (let i = 0; i < PROOFS; i++) {
    const index = prng.int(0, LEAVES - 1);
    const proof = timed(() => merkleLog.inclusionProof(index));
    produceInclusion.push(proof.ms);
    inclusionNodes.push(proof.value.length);
    const check = timed(() => verifyInclusion(leafHashes[index], index, LEAVES, proof.value, rootHash));
    if (!check.value.valid) throw new Error(`inclusion proof of ${index} did not verify`);
    verifyInclusionMs.push(check.ms);
  }

  const produceConsistency = [];
  const verifyConsistencyMs = [];
  const consistencyNodes = [];
  for (let i = 0; i < PROOFS; i++) {
    const oldSize = prng.int(1, LEAVES);
    const proof = timed(() => merkleLog.consistencyProof(oldSize));
    produceConsistency.push(proof.ms);
    consistencyNodes.push(proof.value.length);
    const oldRoot = merkleLog.root(oldSize);
    const check = timed(() => verifyConsistency(oldSize, LEAVES, oldRoot, rootHash, proof.value));
    if (!check.value.valid) throw new Error(`consistency proof from ${oldSize} did not verify`);
    verifyConsistencyMs.push(check.ms);
  }

  // signing a tree head, and what a browser does with a receipt: signature, commitment, inclusion
  const secretKey = generateSecretKey();
  const trusted = [publicKeyOf(secretKey)];
  const head = { logId: 'bpf-2026', treeSize: LEAVES, rootHash: toHex(rootHash), timestamp: Date.now(), keyId: keyIdOf(trusted[0]) };
  const signMs = [];
  const receiptMs = [];
  let treeHead;
  for (let i = 0; i < 50; i++) {
    const signing = timed(() => signTreeHead(head, secretKey));
    signMs.push(signing.ms);
    treeHead = { ...head, signature: signing.value };
  }
  let receiptBytes = 0;
  for (let i = 0; i < 50; i++) {
    const index = prng.int(0, LEAVES - 1);
    const receipt = JSON.parse(JSON.stringify(issueReceipt(merkleLog, index, salt, treeHead)));
    receiptBytes = Math.max(receiptBytes, JSON.stringify(receipt).length);
    const check = timed(() => verifyReceipt(receipt, { entryBytes: entry(index) }, trusted));
    if (!check.value.valid) throw new Error(`receipt of ${index} did not verify: ${JSON.stringify(check.value)}`);
    receiptMs.push(check.ms);
  }

  // the O(n) reference, from the leaf list alone: what a server without MerkleLog would pay per proof
  const reference = timed(() => inclusionProof(leafHashes, 54_321));

  const sizeOf = (nodes) => ({ nodes, bytes: nodes * 32, hexJsonBytes: nodes === 0 ? 2 : nodes * 67 + 1 });
  const inclusionMax = sizeOf(Math.max(...inclusionNodes));
  const consistencyMax = sizeOf(Math.max(...consistencyNodes));

  const data = {
    leaves: LEAVES,
    commitMs: commitments.ms,
    buildMs: builds,
    rootMs: rootTime.ms,
    rootHash: toHex(rootHash),
    inclusion: { produce: stats(produceInclusion), verify: stats(verifyInclusionMs), nodes: { min: Math.min(...inclusionNodes), max: Math.max(...inclusionNodes) } },
    consistency: {
      produce: stats(produceConsistency),
      verify: stats(verifyConsistencyMs),
      nodes: { min: Math.min(...consistencyNodes), max: Math.max(...consistencyNodes) },
    },
    referenceInclusionMs: reference.ms,
    signTreeHead: stats(signMs),
    verifyReceipt: stats(receiptMs),
    receiptJsonBytes: receiptBytes,
    machine: machineInfo(),
  };

  const ms = (value) => fmt(value, value < 1 ? 3 : 1);
  const rows = [
    ['commit 100,000 entries (canonical JSON, commitment, leaf hash)', ms(data.commitMs), '', ''],
    ['build the tree from 100,000 leaf hashes (MerkleLog.from)', ms(median(builds)), '', ''],
    ['root of the whole tree', ms(data.rootMs), '', ''],
    ['produce one inclusion proof (MerkleLog)', ms(data.inclusion.produce.p50), ms(data.inclusion.produce.p99), `${inclusionMax.nodes} nodes`],
    ['verify one inclusion proof', ms(data.inclusion.verify.p50), ms(data.inclusion.verify.p99), `${inclusionMax.bytes} B raw`],
    ['produce one consistency proof (MerkleLog)', ms(data.consistency.produce.p50), ms(data.consistency.produce.p99), `${consistencyMax.nodes} nodes`],
    ['verify one consistency proof', ms(data.consistency.verify.p50), ms(data.consistency.verify.p99), `${consistencyMax.bytes} B raw`],
    ['sign a tree head (Ed25519)', ms(data.signTreeHead.p50), ms(data.signTreeHead.p99), ''],
    ['verify a receipt (signature, commitment, inclusion)', ms(data.verifyReceipt.p50), ms(data.verifyReceipt.p99), `${fmt(receiptBytes)} B JSON`],
    ['inclusion proof from the bare leaf list (O(n) reference)', ms(data.referenceInclusionMs), '', ''],
  ];
  const tableText = table(['step, 100,000 leaves', 'ms (p50)', 'ms (p99)', 'largest proof'], rows);
  const markdown = [
    `### ${title}`,
    '',
    `${PROOFS} inclusion proofs of random leaves and ${PROOFS} consistency proofs from random older sizes to the full tree.`,
    `Proofs are at most ${inclusionMax.nodes} (inclusion) and ${consistencyMax.nodes} (consistency) SHA-256 nodes; in a JSON receipt as hex`,
    `that is at most ${fmt(inclusionMax.hexJsonBytes)} and ${fmt(consistencyMax.hexJsonBytes)} bytes.`,
    '',
    tableText,
    '',
    `_${describeMachine(data.machine)}_`,
  ].join('\n');
  return { markdown, text: tableText, data };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { text, data } = await run();
  console.log(`\n${text}\n`);
  console.log(JSON.stringify({ inclusionNodes: data.inclusion.nodes, consistencyNodes: data.consistency.nodes }));
}
