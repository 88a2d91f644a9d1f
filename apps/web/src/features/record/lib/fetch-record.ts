import type { Client } from 'urql';
import { errorCode } from '../../../graphql/errors';
import { readFragment } from '../../../graphql/graphql';
import { LATEST_CONSISTENCY, LATEST_HEAD, LATEST_INCLUSION, PUBLISHED_COMMENT, TreeHeadFields } from '../operations';
import { type Latest, type ParsedReceipt, type Published, type PublishedKey, readKeys } from './check-receipt';

/** Every request of /verify ends: an answer, or this long and "could not be fetched". */
const TIMEOUT_MS = 15_000;

function bounded<T>(work: Promise<T>): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), TIMEOUT_MS)));
  return Promise.race([work.catch(() => null), late]).finally(() => clearTimeout(timer));
}

/** The published keys (GET /.well-known/intersessional-record-keys), or null when they could not be fetched. */
export async function fetchKeys(): Promise<PublishedKey[] | null> {
  return bounded(
    (async () => {
      const response = await fetch('/.well-known/intersessional-record-keys', { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) return null;
      return readKeys(await response.json());
    })(),
  );
}

/** The period's newest head and the proofs from the receipt to it: data only, checked by checkLatest. */
export async function fetchLatest(client: Client, parsed: ParsedReceipt): Promise<{ latest: Latest | null; title: string | null }> {
  const id = parsed.entry.log;
  const current = await bounded(client.query(LATEST_HEAD, { id }, { requestPolicy: 'network-only' }).toPromise());
  const period = current?.data?.commentPeriod;
  const masked = period?.record.head;
  if (!period || !masked) return { latest: null, title: period?.title ?? null };
  const h = readFragment(TreeHeadFields, masked);
  const head = { logId: h.logId, treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.timestamp, keyId: h.keyId, signature: h.signature };
  const [inclusion, consistency] = await Promise.all([
    bounded(client.query(LATEST_INCLUSION, { id, index: parsed.receipt.entryIndex, treeSize: head.treeSize }, { requestPolicy: 'network-only' }).toPromise()),
    bounded(client.query(LATEST_CONSISTENCY, { id, fromSize: parsed.receipt.treeHead.treeSize, toSize: head.treeSize }, { requestPolicy: 'network-only' }).toPromise()),
  ]);
  const consistencyData = consistency?.data?.recordConsistencyProof;
  return {
    title: period.title,
    latest: {
      head,
      inclusion: inclusion?.data?.recordInclusionProof ?? null,
      consistency: consistencyData ?? (consistency && errorCode(consistency.error) === 'BAD_USER_INPUT' ? 'no-such-head' : null),
    },
  };
}

/** The comment of the receipt's entry as the site shows it now: data only, compared by checkPublished. */
export async function fetchPublished(client: Client, parsed: ParsedReceipt): Promise<Published> {
  const id = parsed.entry.comment;
  if (typeof id !== 'string') return 'not-public';
  const result = await bounded(client.query(PUBLISHED_COMMENT, { id }, { requestPolicy: 'network-only' }).toPromise());
  if (!result) return null;
  const comment = result.data?.comment;
  if (!comment) return errorCode(result.error) === 'NOT_FOUND' ? 'not-public' : null;
  if (comment.state !== 'PUBLISHED' || !comment.consentToPublish) return 'not-public';
  return { body: comment.body, suggestion: comment.suggestion ?? null, hidden: comment.hidden, withdrawn: comment.withdrawnAt !== null, revision: comment.editCount + 1 };
}
