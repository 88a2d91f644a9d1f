import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentVersions1732406900000 implements MigrationInterface {
  name = 'DocumentVersions1732406900000';

  async up(db: QueryRunner): Promise<void> {
    // A version is a full Yjs state (sharing item ids with the live document, so positions taken in it
    // resolve in the live draft later) plus its Markdown rendering.
    await db.query(`
      CREATE TABLE document_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number int NOT NULL,
        label text NOT NULL,
        state bytea NOT NULL,
        markdown text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (document_id, number)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE document_versions`);
  }
}
