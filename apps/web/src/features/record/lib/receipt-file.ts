import { readFragment } from '../../../graphql/graphql';
import { type CommentReceiptData, TreeHeadFields } from '../operations';

/**
 * The file an author keeps: the receipt, the entry it commits to and the openings of the entry's
 * sealed parts, as libs/record/README.md describes a saved receipt ("these three fields as one JSON
 * object"), with a format tag so a reader can tell it from an archive. Plain JSON, every hash in
 * lower-case hex. No crypto here: this module is in the comment page's bundle; checking is /verify's.
 */
export const RECEIPT_FORMAT = 'intersessional/comment-receipt/v1';

export interface ReceiptFileHead {
  logId: string;
  treeSize: number;
  rootHash: string;
  timestamp: number;
  keyId: string;
  signature: string;
}

export interface ReceiptFile {
  format: typeof RECEIPT_FORMAT;
  receipt: {
    version: 1;
    entryIndex: number;
    leafHash: string;
    salt: string;
    treeHead: ReceiptFileHead;
    inclusionProof: string[];
  };
  entry: string;
  openings: { name: string; salt: string; value: Record<string, unknown> }[];
}

/** Only what the checks read, field by field (the API's answer also carries __typename and signedAt). */
export function toReceiptFile(data: CommentReceiptData): ReceiptFile {
  const { receipt } = data;
  const head = readFragment(TreeHeadFields, receipt.treeHead);
  return {
    format: RECEIPT_FORMAT,
    receipt: {
      version: 1,
      entryIndex: receipt.entryIndex,
      leafHash: receipt.leafHash,
      salt: receipt.salt,
      treeHead: { logId: head.logId, treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId, signature: head.signature },
      inclusionProof: [...receipt.inclusionProof],
    },
    entry: data.entry,
    openings: data.openings.map((o) => ({ name: o.name, salt: o.salt, value: o.value })),
  };
}

export function receiptJson(file: ReceiptFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `comment-receipt-<period>-entry-<n>.json`: several receipts of one person sort by period and entry. */
export function receiptFileName(file: ReceiptFile): string {
  return `comment-receipt-${file.receipt.treeHead.logId.slice(0, 8)}-entry-${file.receipt.entryIndex}.json`;
}

/** A hash as people compare it by eye: its first 16 hex digits in groups of four. */
export function fingerprint(hex: string): string {
  return (hex.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}
