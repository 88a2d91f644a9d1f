import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SubmissionReceipts1732413000000 implements MigrationInterface {
  name = 'SubmissionReceipts1732413000000';

  async up(db: QueryRunner): Promise<void> {
    // A key the client makes once per form: a double-click or a retry with the same key from the
    // same commenter (account, or guest e-mail) in the same period finds the first comment. The
    // unique index is what holds under concurrency (INSERT … ON CONFLICT DO NOTHING), also across
    // instances.
    await db.query(`ALTER TABLE comments ADD COLUMN client_key uuid`);
    await db.query(`
      CREATE UNIQUE INDEX comments_client_key_idx ON comments (period_id, (coalesce(author_id::text, lower(guest_email))), client_key)
       WHERE client_key IS NOT NULL`);
    // The same for a facilitator's double-click on "open for comment" (which may also freeze a version).
    await db.query(`ALTER TABLE comment_periods ADD COLUMN client_key uuid`);
    await db.query(`CREATE UNIQUE INDEX comment_periods_client_key_idx ON comment_periods (created_by, client_key) WHERE client_key IS NOT NULL`);
    // A guest's receipt: a tracking number to quote, and the SHA-256 of the secret in their private
    // link (the secret itself is only ever in the e-mail).
    await db.query(`
      CREATE TABLE guest_comment_receipts (
        comment_id uuid PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
        tracking_number text NOT NULL UNIQUE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE guest_comment_receipts`);
    await db.query(`DROP INDEX comment_periods_client_key_idx`);
    await db.query(`ALTER TABLE comment_periods DROP COLUMN client_key`);
    await db.query(`DROP INDEX comments_client_key_idx`);
    await db.query(`ALTER TABLE comments DROP COLUMN client_key`);
  }
}
