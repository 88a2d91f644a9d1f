import { Injectable } from '@nestjs/common';
import type { PlatformRole } from '@intersessional/access';
import { Database } from '@intersessional/database';
import { UserEntity } from '../people/user.entity';
import { AuthSessionEntity } from './auth-session.entity';

export interface SessionStatusRow {
  sessionId: string;
  userId: string;
  revokedAt: Date | null;
  expiresAt: Date;
  accountStatus: string;
  platformRole: PlatformRole;
  displayName: string;
}

/** Sessions with their accounts, many at once, for long-lived connections that re-check them. */
@Injectable()
export class SessionStatusRepository {
  constructor(private readonly db: Database) {}

  /** One query, however many sessions. */
  async findMany(sessionIds: readonly string[]): Promise<SessionStatusRow[]> {
    if (!sessionIds.length) return [];
    const rows = await this.db.manager
      .createQueryBuilder(AuthSessionEntity, 's')
      .innerJoin(UserEntity, 'u', 'u.id = s.user_id')
      .select(['s.id AS session_id', 's.user_id AS user_id', 's.revoked_at AS revoked_at', 's.expires_at AS expires_at'])
      .addSelect(['u.status AS status', 'u.platform_role AS platform_role', 'u.display_name AS display_name'])
      .where('s.id IN (:...ids)', { ids: [...new Set(sessionIds)] })
      .getRawMany<{
        session_id: string;
        user_id: string;
        revoked_at: Date | null;
        expires_at: Date;
        status: string;
        platform_role: PlatformRole;
        display_name: string;
      }>();
    return rows.map((r) => ({
      sessionId: r.session_id,
      userId: r.user_id,
      revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
      expiresAt: new Date(r.expires_at),
      accountStatus: r.status,
      platformRole: r.platform_role,
      displayName: r.display_name,
    }));
  }
}
