import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The verifiable record (issue 14): one append-only log per comment period. Entries and signed heads
 * are never changed or removed, by the code (no such path) nor by hand: triggers refuse UPDATE,
 * DELETE and TRUNCATE on them, and on the keys that signed them. `record_logs` holds each log's size
 * and is the lock that serialises its appends (see RecordRepository.claimIndexes).
 */
export class Record1732417000000 implements MigrationInterface {
  name = 'Record1732417000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE record_keys (
        key_id text PRIMARY KEY,
        public_key bytea NOT NULL CHECK (octet_length(public_key) = 32),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE record_logs (
        log_id uuid PRIMARY KEY,
        size integer NOT NULL CHECK (size >= 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE record_entries (
        log_id uuid NOT NULL REFERENCES record_logs (log_id),
        idx integer NOT NULL CHECK (idx >= 0),
        kind text NOT NULL,
        subject uuid,
        entry text NOT NULL,
        salt bytea NOT NULL CHECK (octet_length(salt) = 32),
        commitment bytea NOT NULL CHECK (octet_length(commitment) = 32),
        leaf_hash bytea NOT NULL CHECK (octet_length(leaf_hash) = 32),
        sealed_salts jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (log_id, idx)
      )`);
    await db.query(`CREATE INDEX record_entries_subject_idx ON record_entries (log_id, subject, idx) WHERE subject IS NOT NULL`);
    await db.query(`
      CREATE TABLE record_heads (
        log_id uuid NOT NULL REFERENCES record_logs (log_id),
        tree_size integer NOT NULL CHECK (tree_size > 0),
        root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
        signed_at bigint NOT NULL,
        key_id text NOT NULL REFERENCES record_keys (key_id),
        signature bytea NOT NULL CHECK (octet_length(signature) = 64),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (log_id, tree_size)
      )`);
    await db.query(`
      CREATE FUNCTION record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the record is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'raise_exception';
      END
      $$`);
    for (const table of ['record_entries', 'record_heads', 'record_keys']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION record_refuse_change()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION record_refuse_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['record_heads', 'record_entries', 'record_logs', 'record_keys']) await db.query(`DROP TABLE ${table}`);
    await db.query(`DROP FUNCTION record_refuse_change()`);
  }
}
