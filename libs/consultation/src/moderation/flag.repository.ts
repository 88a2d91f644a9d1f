import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { CommentFlagEntity } from '../comment/comment.entity';

/**
 * The "reported" filter on comments aliased `c`: reports not yet dismissed. A kept comment's reports
 * stay in the table, dismissed; only a report made after that brings it back.
 */
export const OPEN_REPORTS_SQL = `EXISTS (SELECT 1 FROM comment_flags f WHERE f.comment_id = c.id AND f.dismissed_at IS NULL)`;

export interface Dismissal {
  by: string;
  at: Date;
  reason: string | null;
}

@Injectable()
export class FlagRepository {
  constructor(private readonly db: Database) {}

  /** False when this person already has an open report on the comment. */
  async insert(flag: Pick<CommentFlagEntity, 'commentId' | 'userId' | 'reason' | 'note'>): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO comment_flags (comment_id, user_id, reason, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (comment_id, user_id) WHERE dismissed_at IS NULL DO NOTHING RETURNING id`,
      [flag.commentId, flag.userId, flag.reason, flag.note],
    );
    return rows.length === 1;
  }

  /** Marks the comment's open reports dismissed (kept for the record); how many there were. */
  async dismissOpen(commentId: string, dismissal: Dismissal): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affected count]
    const [, affected]: [unknown[], number] = await this.db.manager.query(
      `UPDATE comment_flags SET dismissed_at = $2, dismissed_by = $3, dismissal_reason = $4
        WHERE comment_id = $1 AND dismissed_at IS NULL`,
      [commentId, dismissal.at, dismissal.by, dismissal.reason],
    );
    return affected;
  }

  /** Open reports per comment and reason, for the moderators' view. */
  async summaries(commentIds: readonly string[]): Promise<Map<string, { reason: string; count: number }[]>> {
    const rows: { comment_id: string; reason: string; n: string }[] = await this.db.manager.query(
      `SELECT comment_id, reason, count(*) AS n FROM comment_flags
        WHERE comment_id = ANY($1) AND dismissed_at IS NULL GROUP BY comment_id, reason ORDER BY comment_id, reason`,
      [[...commentIds]],
    );
    const out = new Map<string, { reason: string; count: number }[]>();
    for (const r of rows) out.set(r.comment_id, [...(out.get(r.comment_id) ?? []), { reason: r.reason, count: Number(r.n) }]);
    return out;
  }
}
