import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';

export interface StoredUpdate {
  id: string;
  update: Uint8Array;
}

/** Batches of up to this many rows are appended by a prepared statement (one per size and connection). */
const PREPARED_BATCH = 16;

/** SQL for the Yjs update log and snapshots (see the migration for the model). */
@Injectable()
export class UpdateLogRepository {
  constructor(private readonly db: Database) {}

  async append(documentId: string, update: Uint8Array, authorId: string | null): Promise<string> {
    const rows: { id: string }[] = await this.db.manager.query(
      `INSERT INTO document_updates (document_id, author_id, update) VALUES ($1, $2, $3) RETURNING id`,
      [documentId, authorId, Buffer.from(update)],
    );
    return String(rows[0]?.id);
  }

  /**
   * Many updates (of any documents) in one statement: one commit for the whole batch, order kept. A
   * batch of up to PREPARED_BATCH rows (every batch at light load, where each edit waits for a commit of
   * its own) runs as a prepared statement kept per size; larger ones are rare and pay the parse.
   */
  async appendMany(rows: { documentId: string; authorId: string | null; update: Uint8Array }[]): Promise<void> {
    if (!rows.length) return;
    const values = rows.map((_, i) => `($${i * 3 + 1}::uuid, $${i * 3 + 2}::uuid, $${i * 3 + 3}::bytea)`).join(', ');
    const text = `INSERT INTO document_updates (document_id, author_id, update) VALUES ${values}`;
    const params = rows.flatMap((r) => [r.documentId, r.authorId, Buffer.from(r.update)]);
    if (rows.length <= PREPARED_BATCH) await this.db.prepared(`document_updates.append.${rows.length}`, text, params);
    else await this.db.dataSource.query(text, params);
  }

  /** The snapshot, the last row folded into it, and its version (the row's xmin: it changes with every fold). */
  async snapshot(documentId: string): Promise<{ state: Uint8Array; lastUpdateId: string; version: string } | null> {
    const rows: { state: Buffer; last_update_id: string; version: string }[] = await this.db.manager.query(
      `SELECT state, last_update_id, xmin::text AS version FROM document_snapshots WHERE document_id = $1`,
      [documentId],
    );
    const row = rows[0];
    return row ? { state: new Uint8Array(row.state), lastUpdateId: String(row.last_update_id), version: String(row.version) } : null;
  }

  /** The snapshot's version ('' without one), to tell whether another fold replaced it since it was read. */
  async snapshotVersion(documentId: string): Promise<string> {
    const rows: { version: string }[] = await this.db.manager.query(`SELECT xmin::text AS version FROM document_snapshots WHERE document_id = $1`, [documentId]);
    return rows[0] ? String(rows[0].version) : '';
  }

  /**
   * Everything stored for a document: its snapshot (with its version, '' without one) and every row of
   * the log not yet folded into it, in id order. One statement, so a compaction committing meanwhile
   * cannot fall between the snapshot and the rows (it would delete rows the snapshot read here lacks).
   */
  async stored(documentId: string): Promise<{ state: Uint8Array | null; version: string; updates: Uint8Array[] }> {
    // The log as one row holding every update, each after its length (4 bytes, big-endian), rather than
    // a row per update: a long log uncompacted (100,000 keystrokes) reads in about half the time,
    // without a row's parsing and objects per keystroke.
    const rows: { state: Buffer | null; version: string | null; log: Buffer | null }[] = await this.db.manager.query(
      `SELECT s.state, s.xmin::text AS version,
         (SELECT string_agg(int4send(length(u.update)) || u.update, ''::bytea ORDER BY u.id) FROM document_updates u WHERE u.document_id = $1) AS log
       FROM (SELECT 1) one LEFT JOIN document_snapshots s ON s.document_id = $1`,
      [documentId],
    );
    const { state, version, log } = rows[0] ?? { state: null, version: null, log: null };
    const updates: Uint8Array[] = [];
    for (let at = 0; log && at < log.length; ) {
      const length = log.readInt32BE(at);
      updates.push(log.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
    return { state: state ? new Uint8Array(state) : null, version: version ?? '', updates };
  }

  /**
   * The log rows after `afterId`, and the last row folded into the snapshot ('0' without one), read in
   * one statement so that a compaction running meanwhile cannot fall between the two. Always outside
   * any transaction of the caller: a live copy must only ever hold what was committed.
   */
  async updatesSince(documentId: string, afterId: string): Promise<{ snapshotMark: string; snapshotVersion: string; rows: StoredUpdate[] }> {
    const rows: { kind: number; id: string; update: Buffer | null; version: string | null }[] = await this.db.dataSource.query(
      `SELECT 0 AS kind, last_update_id AS id, NULL::bytea AS update, xmin::text AS version FROM document_snapshots WHERE document_id = $1
       UNION ALL
       SELECT 1 AS kind, id, update, NULL FROM document_updates WHERE document_id = $1 AND id > $2
       ORDER BY kind, id`,
      [documentId, afterId],
    );
    const mark = rows[0]?.kind === 0 ? String(rows[0].id) : '0';
    // the snapshot row's xmin changes with every fold, also one that folded only rows with lower ids
    const version = rows[0]?.kind === 0 ? String(rows[0].version) : '';
    return { snapshotMark: mark, snapshotVersion: version, rows: rows.filter((r) => r.kind === 1).map((r) => ({ id: String(r.id), update: new Uint8Array(r.update as Buffer) })) };
  }

  /** Documents whose log has grown past `threshold` rows since their snapshot. */
  async documentsToCompact(threshold: number, limit: number): Promise<string[]> {
    const rows: { document_id: string }[] = await this.db.manager.query(
      `SELECT document_id FROM document_updates GROUP BY document_id HAVING count(*) > $1 ORDER BY count(*) DESC LIMIT $2`,
      [threshold, limit],
    );
    return rows.map((r) => r.document_id);
  }

  /** Serialises compactions of one document (several instances may run the scheduler). */
  async lockForCompaction(documentId: string): Promise<void> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtext('compact:' || $1))`, [documentId]);
  }

  /** The oldest `limit` log rows (after the row `afterId`, if given), for one bounded compaction pass. */
  async oldest(documentId: string, limit: number, afterId = '0'): Promise<StoredUpdate[]> {
    const rows: { id: string; update: Buffer }[] = await this.db.manager.query(
      `SELECT id, update FROM document_updates WHERE document_id = $1 AND id > $3 ORDER BY id LIMIT $2`,
      [documentId, limit, afterId],
    );
    return rows.map((r) => ({ id: String(r.id), update: new Uint8Array(r.update) }));
  }

  /**
   * Replaces the snapshot with `state`, which holds the rows `ids` (and everything folded before), and
   * deletes exactly those rows. Never "every row up to the last id": with several instances writing,
   * a row with a lower id can commit after rows with higher ones (its id was taken first), and it may
   * become visible between the read of the pass and this delete, unfolded. The authorship of those
   * rows is added to the contributions table first. Returns the snapshot's new version.
   */
  async foldIntoSnapshot(documentId: string, state: Uint8Array, ids: readonly string[]): Promise<string> {
    const lastId = ids.reduce((max, id) => (BigInt(id) > BigInt(max) ? id : max), '0');
    await this.db.manager.query(
      `INSERT INTO document_contributions (document_id, author_id, updates, bytes, first_at, last_at)
       SELECT document_id, author_id, count(*), sum(octet_length(update)), min(created_at), max(created_at)
       FROM document_updates WHERE document_id = $1 AND id = ANY($2::bigint[]) AND author_id IS NOT NULL
       GROUP BY document_id, author_id
       ON CONFLICT (document_id, author_id) DO UPDATE SET
         updates = document_contributions.updates + EXCLUDED.updates,
         bytes = document_contributions.bytes + EXCLUDED.bytes,
         first_at = least(document_contributions.first_at, EXCLUDED.first_at),
         last_at = greatest(document_contributions.last_at, EXCLUDED.last_at)`,
      [documentId, ids],
    );
    const written: { version: string }[] = await this.db.manager.query(
      `INSERT INTO document_snapshots (document_id, state, last_update_id, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (document_id) DO UPDATE SET state = EXCLUDED.state,
         last_update_id = greatest(document_snapshots.last_update_id, EXCLUDED.last_update_id), updated_at = now()
       RETURNING xmin::text AS version`,
      [documentId, Buffer.from(state), lastId],
    );
    await this.db.manager.query(`DELETE FROM document_updates WHERE document_id = $1 AND id = ANY($2::bigint[])`, [documentId, ids]);
    return String(written[0]?.version);
  }

  /** Who contributed and how much: folded contributions plus the log not yet compacted. */
  async contributors(documentId: string): Promise<{ authorId: string; updates: number; bytes: number; firstAt: Date; lastAt: Date }[]> {
    const rows: { author_id: string; updates: string; bytes: string; first_at: Date; last_at: Date }[] = await this.db.manager.query(
      `SELECT author_id, sum(updates) AS updates, sum(bytes) AS bytes, min(first_at) AS first_at, max(last_at) AS last_at FROM (
         SELECT author_id, updates, bytes, first_at, last_at FROM document_contributions WHERE document_id = $1
         UNION ALL
         SELECT author_id, count(*), sum(octet_length(update)), min(created_at), max(created_at)
         FROM document_updates WHERE document_id = $1 AND author_id IS NOT NULL GROUP BY author_id
       ) c GROUP BY author_id ORDER BY sum(bytes) DESC, author_id`,
      [documentId],
    );
    return rows.map((r) => ({ authorId: r.author_id, updates: Number(r.updates), bytes: Number(r.bytes), firstAt: new Date(r.first_at), lastAt: new Date(r.last_at) }));
  }
}
