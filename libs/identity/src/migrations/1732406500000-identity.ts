import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Identity1732406500000 implements MigrationInterface {
  name = 'Identity1732406500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        organisation text,
        country char(2),
        stakeholder_group text CHECK (stakeholder_group IN ('GOVERNMENT','PRIVATE_SECTOR','CIVIL_SOCIETY',
          'TECHNICAL_COMMUNITY','INTERGOVERNMENTAL_ORGANISATION','ACADEMIA','OTHER')),
        gender text CHECK (gender IN ('WOMAN','MAN','NON_BINARY','SELF_DESCRIBED','PREFER_NOT_TO_SAY')),
        preferred_language text NOT NULL DEFAULT 'en',
        platform_role text NOT NULL DEFAULT 'USER' CHECK (platform_role IN ('SECRETARIAT','MAG_MEMBER','USER')),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','DISABLED')),
        disabled_reason text,
        password_changed_at timestamptz(3) NOT NULL DEFAULT now(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await db.query(`CREATE INDEX users_created_idx ON users (created_at, id)`);
    await db.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        revoked_at timestamptz(3),
        revoked_reason text,
        user_agent text,
        ip text
      )`);
    await db.query(`CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL`);
    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_sessions(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        used_at timestamptz(3)
      )`);
    await db.query(`CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE auth_sessions`);
    await db.query(`DROP TABLE users`);
  }
}
