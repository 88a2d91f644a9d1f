import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1732406700000 implements MigrationInterface {
  name = 'Documents1732406700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workstream_id uuid NOT NULL REFERENCES workstreams(id) ON DELETE CASCADE,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('WORK_PLAN','BACKGROUND_PAPER','DRAFT_OUTPUT','POLICY_RECOMMENDATIONS',
          'ANNUAL_REPORT','SESSION_REPORT','MEETING_NOTES','OTHER')),
        language text NOT NULL DEFAULT 'en',
        visibility text NOT NULL CHECK (visibility IN ('MEMBERS','PUBLIC')),
        status text NOT NULL CHECK (status IN ('DRAFTING','FROZEN','PUBLISHED','ARCHIVED')),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX documents_workstream_idx ON documents (workstream_id, created_at, id)`);
    // The Yjs update log: every accepted update, in order, with its author. Loading a document is its
    // snapshot plus the log rows after it; compaction folds rows into the snapshot.
    await db.query(`
      CREATE TABLE document_updates (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        update bytea NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX document_updates_document_idx ON document_updates (document_id, id)`);
    await db.query(`
      CREATE TABLE document_snapshots (
        document_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        state bytea NOT NULL,
        last_update_id bigint NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE document_snapshots`);
    await db.query(`DROP TABLE document_updates`);
    await db.query(`DROP TABLE documents`);
  }
}
