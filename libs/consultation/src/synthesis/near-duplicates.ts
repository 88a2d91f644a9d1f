import { createHash } from 'node:crypto';
import { normalise } from '../comment/comment-body';

/**
 * Groups identical and near-identical texts (organised campaigns: one template, small edits).
 * Identical texts share a normalised fingerprint. Near-identical ones are found with MinHash over
 * word 3-shingles and locality-sensitive hashing (16 bands of 4 rows), then confirmed by the estimated
 * Jaccard similarity. Written here because it is a few dozen lines over data we already hold; the npm
 * MinHash packages are unmaintained.
 */

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
export const NEAR_DUPLICATE_SIMILARITY = 0.7;

/** Fixed seeds, so the same texts always cluster the same way. */
const SEEDS = Array.from({ length: HASHES }, (_, i) => createHash('sha256').update(`minhash-${i}`).digest().readUInt32LE(0));

function hash32(text: string): number {
  // FNV-1a
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function shingles(text: string): Set<number> {
  const words = normalise(text).split(' ').filter(Boolean);
  const out = new Set<number>();
  if (words.length < 3) out.add(hash32(words.join(' ')));
  for (let i = 0; i + 3 <= words.length; i += 1) out.add(hash32(words.slice(i, i + 3).join(' ')));
  return out;
}

function signature(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const value of set) {
    for (let i = 0; i < HASHES; i += 1) {
      const h = (Math.imul(value ^ SEEDS[i], 0x9e3779b1) ^ SEEDS[i]) >>> 0;
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

const similarity = (a: Uint32Array, b: Uint32Array): number => {
  let same = 0;
  for (let i = 0; i < HASHES; i += 1) if (a[i] === b[i]) same += 1;
  return same / HASHES;
};

export interface Text {
  id: string;
  fingerprint: string;
  body: string;
}

export interface Cluster {
  /** Every member, in input order. */
  ids: string[];
  /** How many are word-for-word the same as another member. */
  identical: number;
}

/** Clusters of two or more texts, largest first. */
export function clusterTexts(texts: Text[]): Cluster[] {
  // identical texts first: one representative per fingerprint
  const groups = new Map<string, Text[]>();
  for (const t of texts) groups.set(t.fingerprint, [...(groups.get(t.fingerprint) ?? []), t]);
  const reps = [...groups.values()];
  const sigs = reps.map((g) => signature(shingles(g[0].body)));

  const parent = reps.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const buckets = new Map<string, number[]>();
  sigs.forEach((sig, i) => {
    for (let band = 0; band < BANDS; band += 1) {
      const key = `${band}:${Array.from(sig.subarray(band * ROWS, band * ROWS + ROWS)).join(',')}`;
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, [i]);
        continue;
      }
      for (const j of bucket) if (find(i) !== find(j) && similarity(sig, sigs[j]) >= NEAR_DUPLICATE_SIMILARITY) parent[find(i)] = find(j);
      if (bucket.length < 50) bucket.push(i); // a bucket that large is already one cluster
    }
  });

  const clusters = new Map<number, Text[][]>();
  reps.forEach((group, i) => clusters.set(find(i), [...(clusters.get(find(i)) ?? []), group]));
  return [...clusters.values()]
    .map((members) => ({
      ids: members.flat().map((t) => t.id),
      identical: members.filter((g) => g.length > 1).reduce((n, g) => n + g.length, 0),
    }))
    .filter((c) => c.ids.length > 1)
    .sort((a, b) => b.ids.length - a.ids.length);
}
