import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentContributions1732406800000 implements MigrationInterface {
  name = 'DocumentContributions1732406800000';

  async up(db: QueryRunner): Promise<void> {
    // Compaction deletes log rows; their authorship is first added up here, so "who contributed and
    // how much" survives it.
    await db.query(`
      CREATE TABLE document_contributions (
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        updates bigint NOT NULL,
        bytes bigint NOT NULL,
        first_at timestamptz(3) NOT NULL,
        last_at timestamptz(3) NOT NULL,
        PRIMARY KEY (document_id, author_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE document_contributions`);
  }
}
