import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';

export interface VersionRow {
  id: string;
  documentId: string;
  number: number;
  label: string;
  markdown: string;
  createdBy: string;
  createdAt: Date;
}

interface Raw {
  id: string;
  document_id: string;
  number: number;
  label: string;
  markdown: string;
  created_by: string;
  created_at: Date;
}

const fromRaw = (r: Raw): VersionRow => ({
  id: r.id,
  documentId: r.document_id,
  number: Number(r.number),
  label: r.label,
  markdown: r.markdown,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
});

const COLUMNS = 'id, document_id, number, label, markdown, created_by, created_at';

@Injectable()
export class VersionRepository {
  constructor(private readonly db: Database) {}

  /** Numbers versions 1, 2, … per document; callers hold the document's row lock. */
  async insert(documentId: string, label: string, state: Uint8Array, markdown: string, createdBy: string): Promise<VersionRow> {
    const rows: Raw[] = await this.db.manager.query(
      `INSERT INTO document_versions (document_id, number, label, state, markdown, created_by)
       VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM document_versions WHERE document_id = $1), $2, $3, $4, $5)
       RETURNING ${COLUMNS}`,
      [documentId, label, Buffer.from(state), markdown, createdBy],
    );
    return fromRaw(rows[0] as Raw);
  }

  async list(documentId: string): Promise<VersionRow[]> {
    const rows: Raw[] = await this.db.manager.query(`SELECT ${COLUMNS} FROM document_versions WHERE document_id = $1 ORDER BY number`, [documentId]);
    return rows.map(fromRaw);
  }

  async find(id: string): Promise<VersionRow | null> {
    const rows: Raw[] = await this.db.manager.query(`SELECT ${COLUMNS} FROM document_versions WHERE id = $1`, [id]);
    return rows[0] ? fromRaw(rows[0]) : null;
  }

  async state(id: string): Promise<Uint8Array | null> {
    const rows: { state: Buffer }[] = await this.db.manager.query(`SELECT state FROM document_versions WHERE id = $1`, [id]);
    return rows[0] ? new Uint8Array(rows[0].state) : null;
  }
}
