import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter that moves whenever something an open sync socket's access depends on may have changed:
 * a session ended or was revoked, an account was disabled or renamed or changed platform role, a
 * membership changed, a document's status, visibility or workstream changed. The sync server reads it
 * every few seconds and re-checks its sockets only when it moved, so idle documents cost one tiny
 * query instead of three per round. Triggers, not calls from the services: every path that writes
 * these tables moves it (a script, another instance, an operator in psql), and nobody can forget to.
 */
export class AccessEpoch1732415000000 implements MigrationInterface {
  name = 'AccessEpoch1732415000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE collab_access_epoch`);
    await db.query(`
      CREATE FUNCTION collab_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('collab_access_epoch');
        RETURN NULL;
      END $$`);
    const on = (table: string, events: string) =>
      db.query(`CREATE TRIGGER collab_access_${table} AFTER ${events} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION collab_access_changed()`);
    await on('auth_sessions', 'UPDATE OF user_id, expires_at, revoked_at OR DELETE');
    await on('users', 'UPDATE OF status, platform_role, display_name OR DELETE');
    await on('memberships', 'INSERT OR UPDATE OR DELETE');
    await on('documents', 'UPDATE OF workstream_id, status, visibility OR DELETE');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['auth_sessions', 'users', 'memberships', 'documents']) await db.query(`DROP TRIGGER collab_access_${table} ON ${table}`);
    await db.query(`DROP FUNCTION collab_access_changed()`);
    await db.query(`DROP SEQUENCE collab_access_epoch`);
  }
}
