import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Database } from '@intersessional/database';
import { type PlatformRole } from '@intersessional/access';
import { AccountStatus, UserEntity } from '../people/user.entity';
import { AuthSessionEntity, RefreshTokenEntity } from './auth-session.entity';

/** What deciding whether a session still stands needs: the session's dates and its account's state. */
export interface SessionStanding {
  sessionId: string;
  userId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  accountStatus: AccountStatus;
  platformRole: PlatformRole;
}

@Injectable()
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async create(session: Pick<AuthSessionEntity, 'userId' | 'expiresAt' | 'userAgent' | 'ip'>): Promise<AuthSessionEntity> {
    return this.db.manager.save(this.db.manager.create(AuthSessionEntity, session));
  }

  async addRefreshToken(sessionId: string, tokenHash: string): Promise<void> {
    await this.db.manager.insert(RefreshTokenEntity, { sessionId, tokenHash });
  }

  findRefreshToken(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.db.manager.findOneBy(RefreshTokenEntity, { tokenHash });
  }

  findRefreshTokenById(id: string): Promise<RefreshTokenEntity | null> {
    return this.db.manager.findOneBy(RefreshTokenEntity, { id });
  }

  /**
   * Marks a refresh token used, with the sealed pair it is exchanged for, if, and only if, nobody
   * used it before. Of concurrent refreshes with the same token exactly one wins; on PostgreSQL the
   * others wait for the winner's row lock and then find the token spent, its successor committed.
   */
  async claim(tokenId: string, usedAt: Date, successorSealed: Buffer): Promise<boolean> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ usedAt, successorSealed })
      .where('id = :tokenId AND used_at IS NULL', { tokenId })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  findSession(id: string): Promise<AuthSessionEntity | null> {
    return this.db.manager.findOneBy(AuthSessionEntity, { id });
  }

  /**
   * The session and its account's state, in one narrow statement: every authenticated request asks, so
   * it is plain SQL with the six columns needed (TypeORM's builder with a joined entity, both of them
   * whole, took about 7 % of the server's CPU under the cheapest query; bench profile, issue 13).
   */
  async standingOf(sessionId: string): Promise<SessionStanding | null> {
    const rows: { session_id: string; user_id: string; expires_at: Date; revoked_at: Date | null; status: AccountStatus; platform_role: PlatformRole }[] = await this.db.manager.query(
      `SELECT s.id AS session_id, s.user_id, s.expires_at, s.revoked_at, u.status, u.platform_role
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    return { sessionId: row.session_id, userId: row.user_id, expiresAt: row.expires_at, revokedAt: row.revoked_at, accountStatus: row.status, platformRole: row.platform_role };
  }

  /**
   * Which of `sessionIds` still stand (not revoked, not expired, account active), in one query, for
   * long-lived connections that re-check their sessions.
   */
  async standing(sessionIds: readonly string[], now: Date): Promise<Set<string>> {
    if (!sessionIds.length) return new Set();
    const rows = await this.db.manager
      .createQueryBuilder(AuthSessionEntity, 's')
      .innerJoin(UserEntity, 'u', 'u.id = s.user_id')
      .select('s.id', 'id')
      .where('s.id = ANY(:ids) AND s.revoked_at IS NULL AND s.expires_at > :now AND u.status = :active', {
        ids: [...sessionIds],
        now,
        active: AccountStatus.ACTIVE,
      })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  async revoke(sessionId: string, reason: string): Promise<boolean> {
    const result = await this.db.manager.update(
      AuthSessionEntity,
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Revokes every open session of a user, except `keep` if given. Returns how many ended. */
  async revokeAllOf(userId: string, reason: string, keep?: string): Promise<number> {
    const qb = this.db.manager
      .createQueryBuilder()
      .update(AuthSessionEntity)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keep) qb.andWhere('id <> :keep', { keep });
    const result = await qb.execute();
    return result.affected ?? 0;
  }
}
