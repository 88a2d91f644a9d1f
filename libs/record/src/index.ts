// Browser-safe: nothing here imports a `node:` module (browser-safety.spec.ts keeps it so).
// Node-only helpers (node:crypto KeyObjects) are at `@intersessional/record/node`.
export { HASH_SIZE, equalBytes, isHash, parseHex, toHex } from './bytes';
export { canonicalBytes, canonicalJson, type JsonValue } from './canonical-json';
export { SALT_SIZE, commit, newSalt } from './commitment';
export { ENTRY_VERSION, checkOpening, entryLeaf, parseEntry, sealPart, type Opening, type OpeningFailure, type RecordEntry } from './entry';
export { KEY_SIZE, generateSecretKey, keyIdOf, publicKeyFromPem, publicKeyOf, publicKeyToPem, secretKeyFromPem, secretKeyToPem } from './keys';
export { consistencyProof, emptyRoot, inclusionProof, leafHash, nodeHash, rootOf } from './merkle';
export { MerkleLog } from './merkle-log';
export { verifyConsistency, verifyInclusion, type ConsistencyFailure, type InclusionFailure } from './merkle-verify';
export { issueReceipt, verifyReceipt, type Receipt, type ReceiptCheck, type ReceiptSubject, type ReceiptVerdict } from './receipt';
export {
  signTreeHead,
  treeHeadBytes,
  verifySignedTreeHead,
  verifyTreeHead,
  type SignedTreeHead,
  type TreeHead,
  type TreeHeadFailure,
} from './tree-head';
export type { Verdict } from './verdict';
