import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Workstreams1732406600000 implements MigrationInterface {
  name = 'Workstreams1732406600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workstreams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('BPF','PN','DC')),
        slug text NOT NULL,
        name text NOT NULL,
        summary text NOT NULL DEFAULT '',
        topics text[] NOT NULL DEFAULT '{}',
        mailing_list_url text,
        archive_url text,
        cycle_year int CHECK (cycle_year BETWEEN 2006 AND 2100),
        status text NOT NULL CHECK (status IN ('PROPOSED','ACTIVE','INACTIVE','DECLINED','CONCLUDED')),
        join_policy text NOT NULL CHECK (join_policy IN ('OPEN','APPROVAL')),
        statement_of_purpose text,
        status_reasons text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((kind = 'DC') = (cycle_year IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX workstreams_slug_key ON workstreams (slug)`);
    await db.query(`CREATE INDEX workstreams_name_idx ON workstreams (lower(name), id)`);
    await db.query(`CREATE INDEX workstreams_kind_status_idx ON workstreams (kind, status)`);
    await db.query(`
      CREATE TABLE workstream_cycles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workstream_id uuid NOT NULL REFERENCES workstreams(id) ON DELETE CASCADE,
        year int NOT NULL,
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        ended_at timestamptz(3),
        outcome text CHECK (outcome IN ('RENEWED','CONCLUDED')),
        UNIQUE (workstream_id, year)
      )`);
    await db.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workstream_id uuid NOT NULL REFERENCES workstreams(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('FACILITATOR','LEAD_EXPERT','MEMBER','OBSERVER')),
        status text NOT NULL CHECK (status IN ('PENDING','ACTIVE')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (workstream_id, user_id)
      )`);
    await db.query(`CREATE INDEX memberships_workstream_idx ON memberships (workstream_id, status, created_at, id)`);
    await db.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);
    await db.query(`
      CREATE TABLE dc_filings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workstream_id uuid NOT NULL REFERENCES workstreams(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('ANNUAL_REPORT','SESSION_REQUEST','SESSION_REPORT')),
        year int NOT NULL CHECK (year BETWEEN 2006 AND 2100),
        title text NOT NULL,
        url text,
        filed_by uuid NOT NULL REFERENCES users(id),
        filed_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (workstream_id, kind, year)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE dc_filings`);
    await db.query(`DROP TABLE memberships`);
    await db.query(`DROP TABLE workstream_cycles`);
    await db.query(`DROP TABLE workstreams`);
  }
}
