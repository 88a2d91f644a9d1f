import { Injectable } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { COMMENTER_KEY_SQL, PUBLIC_SQL } from '../comment/comment.repository';
import { DISCLOSED_SQL } from '../comment/disclosure';

/** The comments a synthesis counts: top-level, not rejected, not withdrawn (hidden ones stay in the record). */
const COUNTED_ROWS = `c.parent_id IS NULL AND c.state <> 'REJECTED' AND c.withdrawn_at IS NULL`;
const COUNTED = `c.period_id = $1 AND ${COUNTED_ROWS}`;
/** A counted comment without a disposition: hidden ones need no answer (as in the publication check). */
const UNANSWERED_OR_HIDDEN = `CASE WHEN c.hidden_at IS NOT NULL THEN 'HIDDEN' ELSE 'UNANSWERED' END`;

export interface DimensionRow {
  category: string;
  comments: number;
  commenters: number;
  /** Commenters the public already sees in this category, person by person (they made it public). */
  disclosed: number;
}

export interface ParagraphRow {
  paragraph: number;
  comments: number;
  suggestions: number;
  accepted: number;
  notAccepted: number;
  unanswered: number;
}

@Injectable()
export class SynthesisRepository {
  constructor(private readonly db: Database) {}

  async totals(periodId: string): Promise<{ comments: number; commenters: number }> {
    const [row]: { comments: string; commenters: string }[] = await this.db.manager.query(
      `SELECT count(*) AS comments, count(DISTINCT ${COMMENTER_KEY_SQL}) AS commenters FROM comments c WHERE ${COUNTED}`,
      [periodId],
    );
    return { comments: Number(row?.comments ?? 0), commenters: Number(row?.commenters ?? 0) };
  }

  /** Counts per stakeholder group, region or gender (NOT_STATED when unknown), and how many of the people made it public. */
  async byDimension(periodId: string, column: 'stakeholder_group' | 'region' | 'gender'): Promise<DimensionRow[]> {
    const rows: { category: string; comments: string; commenters: string; disclosed: string }[] = await this.db.manager.query(
      `SELECT coalesce(c.${column}, 'NOT_STATED') AS category, count(*) AS comments, count(DISTINCT ${COMMENTER_KEY_SQL}) AS commenters,
              count(DISTINCT ${COMMENTER_KEY_SQL}) FILTER (WHERE ${DISCLOSED_SQL[column]}) AS disclosed
         FROM comments c WHERE ${COUNTED} GROUP BY 1`,
      [periodId],
    );
    return rows.map((r) => ({ category: r.category, comments: Number(r.comments), commenters: Number(r.commenters), disclosed: Number(r.disclosed) }));
  }

  /**
   * Counts per disposition; without one, UNANSWERED (waiting for an answer: what publishing counts as
   * unanswered) or HIDDEN (hidden by a moderator, which needs no answer), so the published figures and
   * the number a facilitator must account for are the same.
   */
  async byDisposition(periodId: string): Promise<{ disposition: string; count: number }[]> {
    const rows: { disposition: string; n: string }[] = await this.db.manager.query(
      `SELECT coalesce(c.disposition, ${UNANSWERED_OR_HIDDEN}) AS disposition, count(*) AS n FROM comments c WHERE ${COUNTED} GROUP BY 1 ORDER BY 1`,
      [periodId],
    );
    return rows.map((r) => ({ disposition: r.disposition, count: Number(r.n) }));
  }

  /** Per paragraph: how contested it is (the data for a heat map). */
  async byParagraph(periodId: string): Promise<ParagraphRow[]> {
    const rows: Record<string, string>[] = await this.db.manager.query(
      `SELECT cp.paragraph,
              count(*) AS comments,
              count(*) FILTER (WHERE c.suggestion IS NOT NULL) AS suggestions,
              count(*) FILTER (WHERE c.disposition IN ('ACCEPTED', 'PARTLY_ACCEPTED')) AS accepted,
              count(*) FILTER (WHERE c.disposition = 'NOT_ACCEPTED') AS not_accepted,
              count(*) FILTER (WHERE c.disposition IS NULL AND c.hidden_at IS NULL) AS unanswered
         FROM comment_paragraphs cp JOIN comments c ON c.id = cp.comment_id
        WHERE cp.period_id = $1 AND ${COUNTED_ROWS}
        GROUP BY cp.paragraph ORDER BY cp.paragraph`,
      [periodId],
    );
    return rows.map((r) => ({
      paragraph: Number(r.paragraph),
      comments: Number(r.comments),
      suggestions: Number(r.suggestions),
      accepted: Number(r.accepted),
      notAccepted: Number(r.not_accepted),
      unanswered: Number(r.unanswered),
    }));
  }

  texts(periodId: string): Promise<{ id: string; fingerprint: string; body: string; public: boolean }[]> {
    return this.db.manager.query(
      `SELECT c.id, c.fingerprint, c.body, (${PUBLIC_SQL}) AS public FROM comments c WHERE ${COUNTED} ORDER BY c.created_at, c.id`,
      [periodId],
    );
  }
}
