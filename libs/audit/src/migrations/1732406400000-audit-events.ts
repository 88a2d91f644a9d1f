import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AuditEvents1732406400000 implements MigrationInterface {
  name = 'AuditEvents1732406400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        workstream_id uuid,
        summary jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id text
      )`);
    await db.query(`CREATE INDEX audit_events_workstream_idx ON audit_events (workstream_id, id DESC)`);
    await db.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id DESC)`);
    await db.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
  }
}
