import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { CommentEntity } from '../comment/comment.entity';

/** Rows per round trip: memory stays constant however many comments a period has. */
const BATCH = 500;

@Injectable()
export class ExportRepository {
  constructor(private readonly db: Database) {}

  /**
   * Every comment and reply of a period, oldest first, in keyset batches. `topLevelOnly` for the
   * comment–response table.
   */
  async *comments(periodId: string, options: { topLevelOnly: boolean }): AsyncGenerator<CommentEntity[]> {
    let cursor: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const qb = this.db.manager.createQueryBuilder(CommentEntity, 'c').where('c.period_id = :periodId', { periodId });
      if (options.topLevelOnly) qb.andWhere('c.parent_id IS NULL');
      if (cursor) qb.andWhere('(c.created_at, c.id) > (:at, :id)', { at: cursor.createdAt, id: cursor.id });
      const rows = await qb.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').limit(BATCH).getMany();
      if (!rows.length) return;
      yield rows;
      const last = rows[rows.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
      if (rows.length < BATCH) return;
    }
  }
}
