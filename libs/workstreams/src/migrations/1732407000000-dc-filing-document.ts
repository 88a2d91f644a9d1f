import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A DC annual report may be a document written on the platform. No foreign key: documents are another
 * context (they depend on workstreams, not the other way round); the documents context checks the id.
 */
export class DcFilingDocument1732407000000 implements MigrationInterface {
  name = 'DcFilingDocument1732407000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dc_filings ADD COLUMN document_id uuid`);
    await db.query(`ALTER TABLE dc_filings ADD CONSTRAINT dc_filings_report_source CHECK (kind = 'SESSION_REQUEST' OR url IS NOT NULL OR document_id IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dc_filings DROP CONSTRAINT dc_filings_report_source`);
    await db.query(`ALTER TABLE dc_filings DROP COLUMN document_id`);
  }
}
