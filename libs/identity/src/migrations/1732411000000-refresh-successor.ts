import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A spent refresh token keeps its successor pair, sealed with a key only the spent token yields, so a
 * second tab refreshing with the same token within the grace window gets the same pair back.
 */
export class RefreshSuccessor1732411000000 implements MigrationInterface {
  name = 'RefreshSuccessor1732411000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens ADD COLUMN successor_sealed bytea`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens DROP COLUMN successor_sealed`);
  }
}
