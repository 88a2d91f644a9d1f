import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A facilitator who keeps a reported comment dismisses its reports: they stay in the record, marked
 * with who dismissed them, when and why, and stop counting. One open report per person: someone whose
 * report was dismissed may report the comment again (it may have been edited since), which brings it
 * back to the queue.
 */
export class FlagDismissal1732416000000 implements MigrationInterface {
  name = 'FlagDismissal1732416000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE comment_flags ADD COLUMN dismissed_at timestamptz(3)`);
    await db.query(`ALTER TABLE comment_flags ADD COLUMN dismissed_by uuid REFERENCES users(id)`);
    await db.query(`ALTER TABLE comment_flags ADD COLUMN dismissal_reason text`);
    await db.query(`ALTER TABLE comment_flags ADD CONSTRAINT comment_flags_dismissal_check CHECK ((dismissed_at IS NULL) = (dismissed_by IS NULL))`);
    // The partial index also serves "has open reports" (the reported view) and the open counts per comment.
    await db.query(`ALTER TABLE comment_flags DROP CONSTRAINT comment_flags_comment_id_user_id_key`);
    await db.query(`CREATE UNIQUE INDEX comment_flags_open_idx ON comment_flags (comment_id, user_id) WHERE dismissed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    // One report per person again: the latest of each person's reports on a comment is the one kept.
    await db.query(`
      DELETE FROM comment_flags f USING comment_flags g
       WHERE f.comment_id = g.comment_id AND f.user_id = g.user_id AND (f.created_at, f.id) < (g.created_at, g.id)`);
    await db.query(`DROP INDEX comment_flags_open_idx`);
    await db.query(`ALTER TABLE comment_flags ADD CONSTRAINT comment_flags_comment_id_user_id_key UNIQUE (comment_id, user_id)`);
    await db.query(`ALTER TABLE comment_flags DROP CONSTRAINT comment_flags_dismissal_check`);
    await db.query(`ALTER TABLE comment_flags DROP COLUMN dismissal_reason`);
    await db.query(`ALTER TABLE comment_flags DROP COLUMN dismissed_by`);
    await db.query(`ALTER TABLE comment_flags DROP COLUMN dismissed_at`);
  }
}
