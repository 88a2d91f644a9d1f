import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';

export interface StoredUpdate {
  id: string;
  update: Uint8Array;
}

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

  /** Many updates (of any documents) in one statement: one commit for the whole batch, order kept. */
  async appendMany(rows: { documentId: string; authorId: string | null; update: Uint8Array }[]): Promise<void> {
    if (!rows.length) return;
    const values = rows.map((_, i) => `($${i * 3 + 1}::uuid, $${i * 3 + 2}::uuid, $${i * 3 + 3}::bytea)`).join(', ');
    await this.db.dataSource.query(
      `INSERT INTO document_updates (document_id, author_id, update) VALUES ${values}`,
      rows.flatMap((r) => [r.documentId, r.authorId, Buffer.from(r.update)]),
    );
  }

  async snapshot(documentId: string): Promise<{ state: Uint8Array; lastUpdateId: string } | null> {
    const rows: { state: Buffer; last_update_id: string }[] = await this.db.manager.query(
      `SELECT state, last_update_id FROM document_snapshots WHERE document_id = $1`,
      [documentId],
    );
    const row = rows[0];
    return row ? { state: new Uint8Array(row.state), lastUpdateId: String(row.last_update_id) } : null;
  }

  async updatesAfter(documentId: string, afterId: string): Promise<StoredUpdate[]> {
    const rows: { id: string; update: Buffer }[] = await this.db.manager.query(
      `SELECT id, update FROM document_updates WHERE document_id = $1 AND id > $2 ORDER BY id`,
      [documentId, afterId],
    );
    return rows.map((r) => ({ id: String(r.id), update: new Uint8Array(r.update) }));
  }
}
