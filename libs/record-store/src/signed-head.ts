import { type SignedTreeHead, toHex } from '@intersessional/record';
import type { HeadRow } from './record.repository';

/** A stored head in the record's JSON form (lower-case hex), as `verifySignedTreeHead` and receipts take it. */
export const toSignedHead = (head: HeadRow): SignedTreeHead => ({
  logId: head.logId,
  treeSize: head.treeSize,
  rootHash: toHex(head.rootHash),
  timestamp: head.signedAt,
  keyId: head.keyId,
  signature: toHex(head.signature),
});
