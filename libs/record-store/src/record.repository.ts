import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';

/** A stored entry: the canonical text the log commits to, its public salt and hashes, the sealed parts' salts. */
export interface EntryRow {
  index: number;
  kind: string;
  subject: string | null;
  entry: string;
  salt: Buffer;
  commitment: Buffer;
  leafHash: Buffer;
  /** Salts (hex) of the sealed parts, by part name: never published as such (see the archive's rules). */
  sealedSalts: Record<string, string>;
  createdAt: Date;
}

export interface HeadRow {
  logId: string;
  treeSize: number;
  rootHash: Buffer;
  /** Milliseconds since the epoch, as signed. */
  signedAt: number;
  keyId: string;
  signature: Buffer;
}

export interface KeyRow {
  keyId: string;
  publicKey: Buffer;
  createdAt: Date;
}

type RawEntry = { idx: number; kind: string; subject: string | null; entry: string; salt: Buffer; commitment: Buffer; leaf_hash: Buffer; sealed_salts: Record<string, string>; created_at: Date };
type RawHead = { log_id: string; tree_size: number; root_hash: Buffer; signed_at: string; key_id: string; signature: Buffer };

const ENTRY_COLUMNS = 'idx, kind, subject, entry, salt, commitment, leaf_hash, sealed_salts, created_at';
const HEAD_COLUMNS = 'log_id, tree_size, root_hash, signed_at, key_id, signature';

const toEntry = (r: RawEntry): EntryRow => ({
  index: r.idx,
  kind: r.kind,
  subject: r.subject,
  entry: r.entry,
  salt: r.salt,
  commitment: r.commitment,
  leafHash: r.leaf_hash,
  sealedSalts: r.sealed_salts,
  createdAt: r.created_at,
});
const toHead = (r: RawHead): HeadRow => ({ logId: r.log_id, treeSize: r.tree_size, rootHash: r.root_hash, signedAt: Number(r.signed_at), keyId: r.key_id, signature: r.signature });

/** All SQL of the record. Rows are only ever inserted: there is no UPDATE or DELETE of an entry, a head or a key here. */
@Injectable()
export class RecordRepository {
  constructor(private readonly db: Database) {}

  /**
   * The next `count` indices of the log (the first is returned), taken under the log row's lock, which
   * the caller's transaction holds until it ends: appends to one log are serialised across connections
   * and instances, so indices are gapless and the committed entries are always a prefix of the log. A
   * rolled-back append gives its indices back with its size increment. (On the embedded database, one
   * connection serialises anyway.)
   */
  async claimIndexes(logId: string, count: number): Promise<number> {
    const [row] = (await this.db.manager.query(
      `INSERT INTO record_logs AS l (log_id, size) VALUES ($1, $2)
       ON CONFLICT (log_id) DO UPDATE SET size = l.size + $2, updated_at = now()
       RETURNING l.size - $2 AS idx`,
      [logId, count],
    )) as { idx: number }[];
    return row.idx;
  }

  /** Entries in one statement (a batch of submissions appends together). */
  async insertEntries(logId: string, rows: readonly Omit<EntryRow, 'createdAt'>[]): Promise<void> {
    if (!rows.length) return;
    await this.db.manager.query(
      `INSERT INTO record_entries (log_id, idx, kind, subject, entry, salt, commitment, leaf_hash, sealed_salts)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::uuid[], $5::text[], $6::bytea[], $7::bytea[], $8::bytea[], $9::jsonb[])`,
      [
        logId,
        rows.map((r) => r.index),
        rows.map((r) => r.kind),
        rows.map((r) => r.subject),
        rows.map((r) => r.entry),
        rows.map((r) => r.salt),
        rows.map((r) => r.commitment),
        rows.map((r) => r.leafHash),
        rows.map((r) => JSON.stringify(r.sealedSalts)),
      ],
    );
  }

  /** Entries so far (committed, unless asked inside the appending transaction). */
  async size(logId: string): Promise<number> {
    const [row] = (await this.db.manager.query(`SELECT size FROM record_logs WHERE log_id = $1`, [logId])) as { size: number }[];
    return row?.size ?? 0;
  }

  async sizes(logIds: readonly string[]): Promise<Map<string, number>> {
    const rows = (await this.db.manager.query(`SELECT log_id, size FROM record_logs WHERE log_id = ANY($1::uuid[])`, [logIds])) as { log_id: string; size: number }[];
    return new Map(rows.map((r) => [r.log_id, r.size]));
  }

  /** Entries [from, from + limit) in order. */
  async entries(logId: string, from: number, limit: number): Promise<EntryRow[]> {
    const rows = (await this.db.manager.query(`SELECT ${ENTRY_COLUMNS} FROM record_entries WHERE log_id = $1 AND idx >= $2 ORDER BY idx LIMIT $3`, [logId, from, limit])) as RawEntry[];
    return rows.map(toEntry);
  }

  /** The entries about each (log, subject) pair, oldest first, in one query (receipts of a page of comments). */
  async entriesAboutMany(pairs: readonly { logId: string; subject: string }[]): Promise<(EntryRow & { logId: string })[]> {
    if (!pairs.length) return [];
    const rows = (await this.db.manager.query(
      `SELECT e.log_id, ${ENTRY_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}
         FROM unnest($1::uuid[], $2::uuid[]) AS k(log_id, subject)
         JOIN record_entries e ON e.log_id = k.log_id AND e.subject = k.subject
        ORDER BY e.log_id, e.idx`,
      [pairs.map((p) => p.logId), pairs.map((p) => p.subject)],
    )) as (RawEntry & { log_id: string })[];
    return rows.map((r) => ({ ...toEntry(r), logId: r.log_id }));
  }

  /** For each subject, the index of its latest entry of each of `kinds`. */
  async latestOfKinds(logId: string, kinds: readonly string[]): Promise<{ subject: string; kind: string; index: number }[]> {
    const rows = (await this.db.manager.query(
      `SELECT subject, kind, max(idx) AS idx FROM record_entries WHERE log_id = $1 AND subject IS NOT NULL AND kind = ANY($2) GROUP BY subject, kind`,
      [logId, kinds],
    )) as { subject: string; kind: string; idx: number }[];
    return rows.map((r) => ({ subject: r.subject, kind: r.kind, index: r.idx }));
  }

  async head(logId: string, treeSize: number): Promise<HeadRow | null> {
    const rows = (await this.db.manager.query(`SELECT ${HEAD_COLUMNS} FROM record_heads WHERE log_id = $1 AND tree_size = $2`, [logId, treeSize])) as RawHead[];
    return rows[0] ? toHead(rows[0]) : null;
  }

  async latestHead(logId: string): Promise<HeadRow | null> {
    const rows = (await this.db.manager.query(`SELECT ${HEAD_COLUMNS} FROM record_heads WHERE log_id = $1 ORDER BY tree_size DESC LIMIT 1`, [logId])) as RawHead[];
    return rows[0] ? toHead(rows[0]) : null;
  }

  /** For each (log, index), the smallest head covering it, in one query; absent where none does yet. */
  async firstHeadsCovering(requests: readonly { logId: string; index: number }[]): Promise<Map<string, HeadRow>> {
    if (!requests.length) return new Map();
    const rows = (await this.db.manager.query(
      `SELECT k.log_id AS key_log, k.idx AS key_idx, h.* FROM unnest($1::uuid[], $2::int[]) AS k(log_id, idx)
         CROSS JOIN LATERAL (SELECT ${HEAD_COLUMNS} FROM record_heads WHERE log_id = k.log_id AND tree_size > k.idx ORDER BY tree_size LIMIT 1) h`,
      [requests.map((r) => r.logId), requests.map((r) => r.index)],
    )) as (RawHead & { key_log: string; key_idx: number })[];
    return new Map(rows.map((r) => [`${r.key_log}:${r.key_idx}`, toHead(r)]));
  }

  /** Heads by tree size, after (or before, backwards) a size; `limit` rows. */
  async heads(logId: string, options: { after?: number; before?: number; limit: number; descending?: boolean }): Promise<HeadRow[]> {
    const rows = (await this.db.manager.query(
      `SELECT ${HEAD_COLUMNS} FROM record_heads
        WHERE log_id = $1 AND ($2::int IS NULL OR tree_size > $2) AND ($3::int IS NULL OR tree_size < $3)
        ORDER BY tree_size ${options.descending ? 'DESC' : 'ASC'} LIMIT $4`,
      [logId, options.after ?? null, options.before ?? null, options.limit],
    )) as RawHead[];
    return rows.map(toHead);
  }

  async headCount(logId: string): Promise<number> {
    const [row] = (await this.db.manager.query(`SELECT count(*)::int AS n FROM record_heads WHERE log_id = $1`, [logId])) as { n: number }[];
    return row.n;
  }

  /** Stores a signed head unless one of that size exists (another instance signed it first); returns the stored one. */
  async insertHead(head: HeadRow): Promise<HeadRow> {
    const rows = (await this.db.manager.query(
      `INSERT INTO record_heads (${HEAD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (log_id, tree_size) DO NOTHING RETURNING ${HEAD_COLUMNS}`,
      [head.logId, head.treeSize, head.rootHash, head.signedAt, head.keyId, head.signature],
    )) as RawHead[];
    if (rows[0]) return toHead(rows[0]);
    const stored = await this.head(head.logId, head.treeSize);
    if (!stored) throw new Error(`the head of ${head.logId} at ${head.treeSize} vanished`);
    return stored;
  }

  /** Logs with entries that no signed head covers yet (an instance stopped before its delayed signing). */
  async logsAhead(): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `SELECT l.log_id FROM record_logs l
        WHERE l.size > coalesce((SELECT max(h.tree_size) FROM record_heads h WHERE h.log_id = l.log_id), 0)`,
    )) as { log_id: string }[];
    return rows.map((r) => r.log_id);
  }

  async registerKey(keyId: string, publicKey: Uint8Array): Promise<void> {
    await this.db.manager.query(`INSERT INTO record_keys (key_id, public_key) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING`, [keyId, Buffer.from(publicKey)]);
  }

  async keys(): Promise<KeyRow[]> {
    const rows = (await this.db.manager.query(`SELECT key_id, public_key, created_at FROM record_keys ORDER BY created_at, key_id`)) as { key_id: string; public_key: Buffer; created_at: Date }[];
    return rows.map((r) => ({ keyId: r.key_id, publicKey: r.public_key, createdAt: r.created_at }));
  }
}
