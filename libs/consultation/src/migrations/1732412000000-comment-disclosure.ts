import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the commenter chose to show their country (and so its UN region) with a comment. Comments
 * made before the choice existed did not make it: they default to not shown.
 */
export class CommentDisclosure1732412000000 implements MigrationInterface {
  name = 'CommentDisclosure1732412000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE comments ADD COLUMN country_public boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE comments DROP COLUMN country_public`);
  }
}
