import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database, type PageRequest, fetchPage, getPlainMany } from '@intersessional/database';
import { OPEN_REPORTS_SQL } from '../moderation/flag.repository';
import { CommentEntity, CommentRevisionEntity, CommentState } from './comment.entity';

export type NewComment = Omit<
  CommentEntity,
  'id' | 'createdAt' | 'updatedAt' | 'revision' | 'hiddenAt' | 'hiddenReason' | 'withdrawnAt' | 'disposition' | 'response' | 'addressedVersionId' | 'disposedBy' | 'disposedAt' | 'suggestionAppliedAt'
>;

/** What the public may see: published, not hidden, not withdrawn, and the commenter agreed to publish. */
export const PUBLIC_SQL = `c.state = 'PUBLISHED' AND c.hidden_at IS NULL AND c.withdrawn_at IS NULL AND c.consent_to_publish`;
export const isPublic = (c: Pick<CommentEntity, 'state' | 'hiddenAt' | 'withdrawnAt' | 'consentToPublish'>): boolean =>
  c.state === CommentState.PUBLISHED && !c.hiddenAt && !c.withdrawnAt && c.consentToPublish;

export interface CommentFilter {
  /** Only what the public may see. */
  publicOnly: boolean;
  /** Also show this user's own comments, whatever their state (authors see their pending comments). */
  includeAuthor?: string | null;
  unanswered?: boolean;
  state?: CommentState;
  hidden?: boolean;
  flagged?: boolean;
  commenterKey?: string;
  /** Top-level comments on the whole document (paragraph 0). */
  documentLevel?: boolean;
}

export interface CommenterRow {
  key: string;
  name: string;
  organisation: string | null;
  stakeholderGroup: string;
  guest: boolean;
  comments: number;
  sortName: string;
}

/** The stable key of a commenter in one period: the account, or the guest's e-mail (hashed, never shown). */
export const COMMENTER_KEY_SQL = `coalesce(c.author_id::text, 'guest-' || md5(c.period_id::text || lower(c.guest_email)))`;

@Injectable()
export class CommentRepository {
  constructor(private readonly db: Database) {}

  /**
   * Null when a comment with the same client key from the same commenter exists in the period (see
   * findByClientKey): the unique index decides, so two identical requests at the same moment, on one
   * instance or two, make one comment. A concurrent twin waits for the first to commit, then yields.
   */
  async insert(comment: NewComment, paragraphs: readonly number[]): Promise<CommentEntity | null> {
    const [saved] = await this.insertMany([{ comment, paragraphs }]);
    return saved;
  }

  /**
   * New comments in three statements whatever their number (a batch of submissions written together):
   * the rows, read back, then the paragraph index rows of the top-level ones. In the order given, each
   * entity or null as `insert` says, in the order they arrived.
   */
  async insertMany(batch: readonly { comment: NewComment; paragraphs: readonly number[] }[]): Promise<(CommentEntity | null)[]> {
    if (!batch.length) return [];
    // Ids are made here so each row can be matched to its submission; ON CONFLICT DO NOTHING leaves
    // out the ones that yielded (the only unique key a new row can hit is comments_client_key_idx).
    // Rows of one statement share created_at (the transaction's time), and lists order by
    // (created_at, id): ascending ids keep them in the order they arrived.
    const ids = batch.map(() => randomUUID()).sort();
    await this.db.manager
      .createQueryBuilder()
      .insert()
      .into(CommentEntity)
      .values(batch.map(({ comment }, i) => ({ ...comment, id: ids[i], revision: 1 })))
      .orIgnore()
      .updateEntity(false)
      .execute();
    const saved = new Map((await this.findByIds(ids)).map((c) => [c.id, c]));
    const indexed = batch.flatMap(({ paragraphs }, i) => (saved.get(ids[i])?.parentId === null ? paragraphs.map((paragraph) => [ids[i], paragraph] as const) : []));
    if (indexed.length) {
      await this.db.manager.query(
        `INSERT INTO comment_paragraphs (period_id, paragraph, created_at, comment_id, public)
         SELECT c.period_id, p.paragraph, c.created_at, c.id, ${PUBLIC_SQL}
           FROM unnest($1::uuid[], $2::int[]) AS p(comment_id, paragraph) JOIN comments c ON c.id = p.comment_id`,
        [indexed.map(([id]) => id), indexed.map(([, paragraph]) => paragraph)],
      );
    }
    return ids.map((id) => saved.get(id) ?? null);
  }

  /**
   * For each text (in order), how many comments with the same fingerprint its commenter (account or
   * guest e-mail) already has in the period, in one query.
   */
  async countSameTexts(texts: readonly { periodId: string; fingerprint: string; authorId: string | null; guestEmail: string | null }[]): Promise<number[]> {
    if (!texts.length) return [];
    const rows: { n: string; same: string }[] = await this.db.manager.query(
      `SELECT t.n, count(c.id) AS same
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) WITH ORDINALITY AS t(period_id, fingerprint, author_id, guest_email, n)
         LEFT JOIN comments c ON c.period_id = t.period_id AND c.fingerprint = t.fingerprint
          AND ((c.author_id IS NOT NULL AND c.author_id = t.author_id) OR (c.guest_email IS NOT NULL AND lower(c.guest_email) = lower(t.guest_email)))
        GROUP BY t.n`,
      [texts.map((t) => t.periodId), texts.map((t) => t.fingerprint), texts.map((t) => t.authorId), texts.map((t) => t.guestEmail)],
    );
    const counts = new Array<number>(texts.length).fill(0);
    for (const row of rows) counts[Number(row.n) - 1] = Number(row.same);
    return counts;
  }

  findById(id: string): Promise<CommentEntity | null> {
    return this.db.manager.findOneBy(CommentEntity, { id });
  }

  /** The comment a commenter (account, or guest e-mail) made in a period with a client key. */
  findByClientKey(periodId: string, commenter: { authorId: string | null; guestEmail: string | null }, clientKey: string): Promise<CommentEntity | null> {
    return this.db.manager
      .createQueryBuilder(CommentEntity, 'c')
      .where('c.period_id = :periodId AND c.client_key = :clientKey', { periodId, clientKey })
      .andWhere('coalesce(c.author_id::text, lower(c.guest_email)) = :who', { who: commenter.authorId ?? commenter.guestEmail?.toLowerCase() ?? '' })
      .getOne();
  }

  findByIds(ids: readonly string[]): Promise<CommentEntity[]> {
    return getPlainMany(this.db.manager.createQueryBuilder(CommentEntity, 'c').where('c.id = ANY(:ids)', { ids: [...ids] }));
  }

  lock(id: string): Promise<CommentEntity | null> {
    return this.db.manager.createQueryBuilder(CommentEntity, 'c').where('c.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Applies changes and keeps the paragraph index's public flag in step. */
  async update(id: string, changes: Partial<CommentEntity>): Promise<CommentEntity> {
    await this.db.manager.update(CommentEntity, { id }, changes);
    const after = await this.db.manager.findOneByOrFail(CommentEntity, { id });
    await this.db.manager.query(`UPDATE comment_paragraphs SET public = $2 WHERE comment_id = $1 AND public <> $2`, [id, isPublic(after)]);
    return after;
  }

  insertRevision(revision: CommentRevisionEntity): Promise<CommentRevisionEntity> {
    return this.db.manager.save(this.db.manager.create(CommentRevisionEntity, revision));
  }

  /** Earlier texts of many comments, oldest first. */
  revisionsOf(commentIds: readonly string[]): Promise<CommentRevisionEntity[]> {
    return this.db.manager
      .createQueryBuilder(CommentRevisionEntity, 'r')
      .where('r.comment_id = ANY(:ids)', { ids: [...commentIds] })
      .orderBy('r.comment_id')
      .addOrderBy('r.revision', 'ASC')
      .getMany();
  }

  private filtered(periodId: string, filter: CommentFilter) {
    const qb = this.db.manager.createQueryBuilder(CommentEntity, 'c').where('c.period_id = :periodId', { periodId }).andWhere('c.parent_id IS NULL');
    if (filter.publicOnly) {
      if (filter.includeAuthor) qb.andWhere(`((${PUBLIC_SQL}) OR c.author_id = :author)`, { author: filter.includeAuthor });
      else qb.andWhere(PUBLIC_SQL);
    }
    if (filter.unanswered) {
      qb.andWhere(`c.disposition IS NULL AND c.state <> 'REJECTED' AND c.withdrawn_at IS NULL AND c.hidden_at IS NULL`);
    }
    if (filter.state) qb.andWhere('c.state = :state', { state: filter.state });
    if (filter.hidden !== undefined) qb.andWhere(filter.hidden ? 'c.hidden_at IS NOT NULL' : 'c.hidden_at IS NULL');
    if (filter.flagged) qb.andWhere(OPEN_REPORTS_SQL);
    if (filter.commenterKey) qb.andWhere(`${COMMENTER_KEY_SQL} = :key`, { key: filter.commenterKey });
    if (filter.documentLevel) qb.andWhere(`c.anchor_kind = 'DOCUMENT'`);
    return qb;
  }

  page(periodId: string, filter: CommentFilter, page: PageRequest): Promise<CommentEntity[]> {
    return fetchPage(this.filtered(periodId, filter), page, { columns: ['c.created_at', 'c.id'], direction: 'ASC' }, getPlainMany);
  }

  count(periodId: string, filter: CommentFilter): Promise<number> {
    return this.filtered(periodId, filter).getCount();
  }

  /**
   * One paragraph's comments, oldest first, keyset-paginated on the paragraph index: constant cost
   * per page at any depth. The public read walks only the public rows of the partial index.
   */
  async pageOnParagraph(periodId: string, paragraph: number, publicOnly: boolean, page: PageRequest): Promise<CommentEntity[]> {
    const ascending = !page.backward;
    const params: unknown[] = [periodId, paragraph, page.limit + 1];
    let after = '';
    if (page.cursor) {
      params.push(new Date(String(page.cursor[0])), String(page.cursor[1]));
      after = `AND (cp.created_at, cp.comment_id) ${ascending ? '>' : '<'} ($4, $5)`;
    }
    const ids: { comment_id: string }[] = await this.db.manager.query(
      `SELECT cp.comment_id FROM comment_paragraphs cp
        WHERE cp.period_id = $1 AND cp.paragraph = $2 ${publicOnly ? 'AND cp.public' : ''} ${after}
        ORDER BY cp.created_at ${ascending ? 'ASC' : 'DESC'}, cp.comment_id ${ascending ? 'ASC' : 'DESC'}
        LIMIT $3`,
      params,
    );
    const rows = await this.findByIds(ids.map((r) => r.comment_id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((r) => byId.get(r.comment_id)).filter((c): c is CommentEntity => c !== undefined);
  }

  async countOnParagraph(periodId: string, paragraph: number, publicOnly: boolean): Promise<number> {
    const [row]: { n: string }[] = await this.db.manager.query(
      `SELECT count(*) AS n FROM comment_paragraphs WHERE period_id = $1 AND paragraph = $2 ${publicOnly ? 'AND public' : ''}`,
      [periodId, paragraph],
    );
    return Number(row?.n ?? 0);
  }

  /** Comment counts per paragraph number (0 = the whole document). */
  async countsByParagraph(periodId: string, publicOnly: boolean): Promise<Map<number, number>> {
    const rows: { paragraph: number; n: string }[] = await this.db.manager.query(
      `SELECT paragraph, count(*) AS n FROM comment_paragraphs WHERE period_id = $1 ${publicOnly ? 'AND public' : ''} GROUP BY paragraph`,
      [periodId],
    );
    return new Map(rows.map((r) => [Number(r.paragraph), Number(r.n)]));
  }

  private replies(parentId: string, publicOnly: boolean, viewer: string | null) {
    const qb = this.db.manager.createQueryBuilder(CommentEntity, 'c').where('c.parent_id = :parentId', { parentId });
    if (publicOnly) {
      if (viewer) qb.andWhere(`((${PUBLIC_SQL}) OR c.author_id = :viewer)`, { viewer });
      else qb.andWhere(PUBLIC_SQL);
    }
    return qb;
  }

  pageReplies(parentId: string, publicOnly: boolean, viewer: string | null, page: PageRequest): Promise<CommentEntity[]> {
    return fetchPage(this.replies(parentId, publicOnly, viewer), page, { columns: ['c.created_at', 'c.id'], direction: 'ASC' });
  }

  countReplies(parentId: string, publicOnly: boolean, viewer: string | null): Promise<number> {
    return this.replies(parentId, publicOnly, viewer).getCount();
  }

  /** Everything one account wrote (comments and replies, in every state), newest first. */
  pageByAuthor(authorId: string, page: PageRequest): Promise<CommentEntity[]> {
    const qb = this.db.manager.createQueryBuilder(CommentEntity, 'c').where('c.author_id = :authorId', { authorId });
    return fetchPage(qb, page, { columns: ['c.created_at', 'c.id'], direction: 'DESC' });
  }

  countByAuthor(authorId: string): Promise<number> {
    return this.db.manager.createQueryBuilder(CommentEntity, 'c').where('c.author_id = :authorId', { authorId }).getCount();
  }

  /** Reply counts for many comments at once (DataLoader batch). */
  async replyCounts(parentIds: readonly string[], publicOnly: boolean): Promise<Map<string, number>> {
    const rows: { parent_id: string; n: string }[] = await this.db.manager.query(
      `SELECT c.parent_id, count(*) AS n FROM comments c WHERE c.parent_id = ANY($1) ${publicOnly ? `AND ${PUBLIC_SQL}` : ''} GROUP BY c.parent_id`,
      [[...parentIds]],
    );
    return new Map(rows.map((r) => [r.parent_id, Number(r.n)]));
  }

  /** Recent comments by the same account or address with the same text: repeated submissions. */
  async countSameText(periodId: string, fingerprint: string, authorId: string | null, guestEmail: string | null, exceptId: string | null = null): Promise<number> {
    const [row]: { n: string }[] = await this.db.manager.query(
      `SELECT count(*) AS n FROM comments WHERE period_id = $1 AND fingerprint = $2
          AND ((author_id IS NOT NULL AND author_id = $3) OR (guest_email IS NOT NULL AND lower(guest_email) = lower($4)))
          AND ($5::uuid IS NULL OR id <> $5::uuid)`,
      [periodId, fingerprint, authorId, guestEmail, exceptId],
    );
    return Number(row?.n ?? 0);
  }

  /**
   * The people who commented, by name, with how many comments each (public comments only unless
   * `publicOnly` is false): the "comments by commenter" view. Keyset on (lower(name), key).
   */
  async commenters(periodId: string, publicOnly: boolean, page: PageRequest): Promise<CommenterRow[]> {
    const ascending = !page.backward;
    const params: unknown[] = [periodId, page.limit + 1];
    let after = '';
    if (page.cursor) {
      params.push(String(page.cursor[0]), String(page.cursor[1]));
      after = `WHERE (sort_name, key) ${ascending ? '>' : '<'} ($3, $4)`;
    }
    const rows: { key: string; name: string; organisation: string | null; stakeholder_group: string; guest: boolean; n: string; sort_name: string }[] =
      await this.db.manager.query(
        `SELECT * FROM (
           SELECT ${COMMENTER_KEY_SQL} AS key, max(c.commenter_name) AS name, max(c.organisation) AS organisation,
                  max(c.stakeholder_group) AS stakeholder_group, bool_and(c.author_id IS NULL) AS guest, count(*) AS n,
                  lower(max(c.commenter_name)) AS sort_name
             FROM comments c WHERE c.period_id = $1 AND c.parent_id IS NULL ${publicOnly ? `AND ${PUBLIC_SQL}` : ''}
            GROUP BY 1) commenters
         ${after}
         ORDER BY sort_name ${ascending ? 'ASC' : 'DESC'}, key ${ascending ? 'ASC' : 'DESC'}
         LIMIT $2`,
        params,
      );
    return rows.map((r) => ({ key: r.key, name: r.name, organisation: r.organisation, stakeholderGroup: r.stakeholder_group, guest: r.guest, comments: Number(r.n), sortName: r.sort_name }));
  }

  async countCommenters(periodId: string, publicOnly: boolean): Promise<number> {
    const [row]: { n: string }[] = await this.db.manager.query(
      `SELECT count(DISTINCT ${COMMENTER_KEY_SQL}) AS n FROM comments c WHERE c.period_id = $1 AND c.parent_id IS NULL ${publicOnly ? `AND ${PUBLIC_SQL}` : ''}`,
      [periodId],
    );
    return Number(row?.n ?? 0);
  }

  /** Whoever commented in the period (accounts), for notices such as an extension. */
  async commenterIds(periodId: string): Promise<string[]> {
    const rows: { author_id: string }[] = await this.db.manager.query(
      `SELECT DISTINCT author_id FROM comments WHERE period_id = $1 AND author_id IS NOT NULL`,
      [periodId],
    );
    return rows.map((r) => r.author_id);
  }

  async guestAddresses(periodId: string): Promise<{ email: string; name: string }[]> {
    return this.db.manager.query(
      `SELECT DISTINCT ON (lower(guest_email)) guest_email AS email, commenter_name AS name FROM comments WHERE period_id = $1 AND guest_email IS NOT NULL`,
      [periodId],
    );
  }
}
