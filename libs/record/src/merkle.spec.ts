import { createHash } from 'node:crypto';
import { toHex } from './bytes';
import { consistencyProof, emptyRoot, inclusionProof, leafHash, nodeHash, rootOf } from './merkle';
import { MerkleLog } from './merkle-log';
import { verifyConsistency, verifyInclusion } from './merkle-verify';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

// Known answers from an independent implementation, transparency-dev/merkle (Go), at commit
// 417fb0c314750d94e53942e9f92e79b6d35915db:
// - testonly/constants.go: LeafInputs(), NodeHashes(), RootHashes() (the RFC 6962 test tree that
//   google/certificate-transparency also uses);
// - cmd/proofgen/main.go: inclusionProofs and consistencyProofs (leaf numbers there are 1-based).
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

/** Indexed by tree size, from the empty tree. */
const ROOT_HASHES = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** [leaf (1-based), tree size, audit path] */
const INCLUSION_PROOFS: readonly (readonly [number, number, readonly string[]])[] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [3, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    2,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

/** [old size, new size, consistency proof] */
const CONSISTENCY_PROOFS: readonly (readonly [number, number, readonly string[]])[] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const LEAF_HASHES = LEAF_INPUTS.map((input) => leafHash(hex(input)));

describe('RFC 9162 hashing, against transparency-dev/merkle known answers', () => {
  it('hashes each test leaf as SHA-256(0x00 || data)', () => {
    expect(LEAF_HASHES.map(toHex)).toEqual(NODE_HASHES[0]);
    // and as a second, independent SHA-256 computes it
    for (const input of LEAF_INPUTS) {
      expect(toHex(leafHash(hex(input)))).toBe(createHash('sha256').update(Buffer.from(`00${input}`, 'hex')).digest('hex'));
    }
  });

  it('hashes each complete subtree as SHA-256(0x01 || left || right)', () => {
    for (let level = 1; level < NODE_HASHES.length; level++) {
      const below = NODE_HASHES[level - 1].map(hex);
      const computed = NODE_HASHES[level].map((_, i) => toHex(nodeHash(below[2 * i], below[2 * i + 1])));
      expect(computed).toEqual(NODE_HASHES[level]);
    }
  });

  it('gives the published root for every tree size from 0 to 8, with the empty tree as SHA-256("")', () => {
    expect(toHex(emptyRoot())).toBe(ROOT_HASHES[0]);
    const log = MerkleLog.from(LEAF_HASHES);
    for (let size = 0; size <= 8; size++) {
      expect(toHex(rootOf(LEAF_HASHES.slice(0, size)))).toBe(ROOT_HASHES[size]);
      expect(toHex(log.root(size))).toBe(ROOT_HASHES[size]);
    }
  });

  it.each(INCLUSION_PROOFS)('builds and verifies the published audit path of leaf %i in a tree of %i', (leaf, size, path) => {
    const leaves = LEAF_HASHES.slice(0, size);
    expect(inclusionProof(leaves, leaf - 1).map(toHex)).toEqual(path);
    expect(MerkleLog.from(LEAF_HASHES).inclusionProof(leaf - 1, size).map(toHex)).toEqual(path);
    expect(verifyInclusion(LEAF_HASHES[leaf - 1], leaf - 1, size, path.map(hex), hex(ROOT_HASHES[size]))).toEqual({ valid: true });
  });

  it.each(CONSISTENCY_PROOFS)('builds and verifies the published consistency proof from size %i to %i', (oldSize, size, proof) => {
    expect(consistencyProof(LEAF_HASHES.slice(0, size), oldSize).map(toHex)).toEqual(proof);
    expect(MerkleLog.from(LEAF_HASHES).consistencyProof(oldSize, size).map(toHex)).toEqual(proof);
    expect(verifyConsistency(oldSize, size, hex(ROOT_HASHES[oldSize]), hex(ROOT_HASHES[size]), proof.map(hex))).toEqual({ valid: true });
  });

  it('refuses to build proofs for leaves or sizes outside the tree', () => {
    expect(() => inclusionProof(LEAF_HASHES, 8)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
    expect(() => consistencyProof(LEAF_HASHES, 0)).toThrow(RangeError);
    expect(() => consistencyProof(LEAF_HASHES, 9)).toThrow(RangeError);
    expect(() => nodeHash(new Uint8Array(31), new Uint8Array(32))).toThrow(RangeError);
    expect(() => rootOf([new Uint8Array(31)])).toThrow(RangeError);
  });
});
