import { Injectable } from '@nestjs/common';
import type { PlatformRole } from '@intersessional/access';
import { AccountStatus } from '../people/user.entity';
import { SessionStatusRepository } from './session-status.repository';

/** Whether a sign-in still stands, and if not, why. */
export type SessionState = 'ACTIVE' | 'ENDED' | 'ACCOUNT_DISABLED';

export interface SessionStatus {
  sessionId: string;
  userId: string;
  /** ENDED: signed out, revoked (password change, refresh-token reuse) or expired. */
  state: SessionState;
  platformRole: PlatformRole;
  /** The name others see for this person next to their cursor. */
  displayName: string;
}

/**
 * Identity's read API for connections that outlive a request (the sync socket): the state of many
 * sessions and their accounts in one query, so a periodic re-check costs the same for 1 or 1,000
 * open connections. A session id that is not in the result does not exist.
 */
@Injectable()
export class SessionDirectory {
  constructor(private readonly sessions: SessionStatusRepository) {}

  async statusOf(sessionIds: readonly string[], now = new Date()): Promise<Map<string, SessionStatus>> {
    const rows = await this.sessions.findMany(sessionIds);
    return new Map(
      rows.map((row) => [
        row.sessionId,
        {
          sessionId: row.sessionId,
          userId: row.userId,
          state: row.accountStatus !== AccountStatus.ACTIVE ? 'ACCOUNT_DISABLED' : row.revokedAt || row.expiresAt <= now ? 'ENDED' : 'ACTIVE',
          platformRole: row.platformRole,
          displayName: row.displayName,
        },
      ]),
    );
  }
}
