import { Injectable } from '@nestjs/common';
import { Database, type PageRequest, fetchPage } from '@intersessional/database';
import { MembershipEntity, MembershipStatus, WorkstreamRole } from './membership.entity';

export interface MembershipQuery {
  role?: WorkstreamRole;
  status: MembershipStatus;
}

interface MembershipRow {
  id: string;
  workstream_id: string;
  user_id: string;
  role: WorkstreamRole;
  status: MembershipStatus;
  created_at: Date;
  updated_at: Date;
}

const fromRow = (r: MembershipRow): MembershipEntity =>
  Object.assign(new MembershipEntity(), {
    id: r.id,
    workstreamId: r.workstream_id,
    userId: r.user_id,
    role: r.role,
    status: r.status,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  });

@Injectable()
export class MembershipRepository {
  constructor(private readonly db: Database) {}

  find(workstreamId: string, userId: string): Promise<MembershipEntity | null> {
    return this.db.manager.findOneBy(MembershipEntity, { workstreamId, userId });
  }

  findById(id: string): Promise<MembershipEntity | null> {
    return this.db.manager.findOneBy(MembershipEntity, { id });
  }

  insert(membership: Pick<MembershipEntity, 'workstreamId' | 'userId' | 'role' | 'status'>): Promise<MembershipEntity> {
    return this.db.manager.save(this.db.manager.create(MembershipEntity, membership));
  }

  async update(id: string, changes: Partial<Pick<MembershipEntity, 'role' | 'status'>>): Promise<MembershipEntity> {
    await this.db.manager.update(MembershipEntity, { id }, changes);
    return this.db.manager.findOneByOrFail(MembershipEntity, { id });
  }

  async delete(id: string): Promise<void> {
    await this.db.manager.delete(MembershipEntity, { id });
  }

  countActive(workstreamId: string, role: WorkstreamRole): Promise<number> {
    return this.db.manager.countBy(MembershipEntity, { workstreamId, role, status: MembershipStatus.ACTIVE });
  }

  private filtered(workstreamId: string, query: MembershipQuery) {
    const qb = this.db.manager
      .createQueryBuilder(MembershipEntity, 'm')
      .where('m.workstream_id = :workstreamId AND m.status = :status', { workstreamId, status: query.status });
    if (query.role) qb.andWhere('m.role = :role', { role: query.role });
    return qb;
  }

  /** Oldest members first. Cursor: [created_at, id]. */
  page(workstreamId: string, query: MembershipQuery, page: PageRequest): Promise<MembershipEntity[]> {
    return fetchPage(this.filtered(workstreamId, query), page, { columns: ['m.created_at', 'm.id'], direction: 'ASC' });
  }

  /**
   * The first page of members of many workstreams in one query (window function), so a list of
   * workstreams with their members costs one query, not one per workstream.
   */
  async firstPages(workstreamIds: readonly string[], query: MembershipQuery, limit: number): Promise<MembershipEntity[]> {
    const rows: MembershipRow[] = await this.db.manager.query(
      `SELECT id, workstream_id, user_id, role, status, created_at, updated_at FROM (
         SELECT m.*, row_number() OVER (PARTITION BY m.workstream_id ORDER BY m.created_at, m.id) AS position
         FROM memberships m
         WHERE m.workstream_id = ANY($1::uuid[]) AND m.status = $2 AND ($3::text IS NULL OR m.role = $3)
       ) ranked WHERE position <= $4 ORDER BY workstream_id, position`,
      [workstreamIds, query.status, query.role ?? null, limit],
    );
    return rows.map(fromRow);
  }

  async counts(workstreamIds: readonly string[], query: MembershipQuery): Promise<Map<string, number>> {
    const rows: { workstream_id: string; count: string }[] = await this.db.manager.query(
      `SELECT workstream_id, count(*) AS count FROM memberships
       WHERE workstream_id = ANY($1::uuid[]) AND status = $2 AND ($3::text IS NULL OR role = $3)
       GROUP BY workstream_id`,
      [workstreamIds, query.status, query.role ?? null],
    );
    return new Map(rows.map((r) => [r.workstream_id, Number(r.count)]));
  }

  /** Memberships of one user in many workstreams (for "my role here"). */
  async ofUserIn(userId: string, workstreamIds: readonly string[]): Promise<MembershipEntity[]> {
    const rows: MembershipRow[] = await this.db.manager.query(
      `SELECT id, workstream_id, user_id, role, status, created_at, updated_at FROM memberships
       WHERE user_id = $1 AND workstream_id = ANY($2::uuid[])`,
      [userId, workstreamIds],
    );
    return rows.map(fromRow);
  }

  /** Active roles of some people in some workstreams, keyed `${workstreamId}:${userId}`. */
  async activeRolesIn(workstreamIds: readonly string[], userIds: readonly string[]): Promise<Map<string, WorkstreamRole>> {
    const rows: { workstream_id: string; user_id: string; role: WorkstreamRole }[] = await this.db.manager.query(
      `SELECT workstream_id, user_id, role FROM memberships WHERE status = 'ACTIVE' AND workstream_id = ANY($1::uuid[]) AND user_id = ANY($2::uuid[])`,
      [[...workstreamIds], [...userIds]],
    );
    return new Map(rows.map((r) => [`${r.workstream_id}:${r.user_id}`, r.role]));
  }

  /** Active members of one workstream holding one of `roles`. */
  async activeWithRoles(workstreamId: string, roles: readonly WorkstreamRole[]): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.manager.query(
      `SELECT user_id FROM memberships WHERE workstream_id = $1 AND status = 'ACTIVE' AND role = ANY($2::text[])`,
      [workstreamId, [...roles]],
    );
    return rows.map((r) => r.user_id);
  }

  /** Active members' user ids for many workstreams. */
  async activeMembersOf(workstreamIds: readonly string[]): Promise<{ workstreamId: string; userId: string }[]> {
    const rows: { workstream_id: string; user_id: string }[] = await this.db.manager.query(
      `SELECT workstream_id, user_id FROM memberships WHERE workstream_id = ANY($1::uuid[]) AND status = 'ACTIVE'`,
      [workstreamIds],
    );
    return rows.map((r) => ({ workstreamId: r.workstream_id, userId: r.user_id }));
  }

  private ofUser(userId: string) {
    return this.db.manager.createQueryBuilder(MembershipEntity, 'm').where('m.user_id = :userId', { userId });
  }

  pageOfUser(userId: string, page: PageRequest): Promise<MembershipEntity[]> {
    return fetchPage(this.ofUser(userId), page, { columns: ['m.created_at', 'm.id'], direction: 'DESC' });
  }

  countOfUser(userId: string): Promise<number> {
    return this.ofUser(userId).getCount();
  }
}
