import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { CommentFlagEntity } from '../comment/comment.entity';

@Injectable()
export class FlagRepository {
  constructor(private readonly db: Database) {}

  /** False when this person already reported the comment. */
  async insert(flag: Pick<CommentFlagEntity, 'commentId' | 'userId' | 'reason' | 'note'>): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO comment_flags (comment_id, user_id, reason, note) VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, user_id) DO NOTHING RETURNING id`,
      [flag.commentId, flag.userId, flag.reason, flag.note],
    );
    return rows.length === 1;
  }

  /** Flags per comment and reason, for the moderators' view. */
  async summaries(commentIds: readonly string[]): Promise<Map<string, { reason: string; count: number }[]>> {
    const rows: { comment_id: string; reason: string; n: string }[] = await this.db.manager.query(
      `SELECT comment_id, reason, count(*) AS n FROM comment_flags WHERE comment_id = ANY($1) GROUP BY comment_id, reason ORDER BY comment_id, reason`,
      [[...commentIds]],
    );
    const out = new Map<string, { reason: string; count: number }[]>();
    for (const r of rows) out.set(r.comment_id, [...(out.get(r.comment_id) ?? []), { reason: r.reason, count: Number(r.n) }]);
    return out;
  }
}
