import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Single-use links sent by e-mail (password reset, e-mail verification): only a SHA-256 of each
 * secret is stored, with its purpose, the address it went to, its expiry and when it was used.
 * Accounts record when their e-mail address was verified.
 */
export class AccountLinks1732414000000 implements MigrationInterface {
  name = 'AccountLinks1732414000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz(3)`);
    await db.query(`
      CREATE TABLE account_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('PASSWORD_RESET','EMAIL_VERIFICATION')),
        token_hash bytea NOT NULL,
        email text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        used_at timestamptz(3)
      )`);
    await db.query(`CREATE UNIQUE INDEX account_links_token_key ON account_links (token_hash)`);
    await db.query(`CREATE INDEX account_links_user_idx ON account_links (user_id, purpose) WHERE used_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_links`);
    await db.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}
