import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@intersessional/audit';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { Clock, Database } from '@intersessional/database';
import { unauthenticated } from '@intersessional/graphql';
import { AccountStatus } from '../people/user.entity';
import { UserRepository } from '../people/user.repository';
import { type RefreshTokenEntity } from './auth-session.entity';
import { type ClientInfo } from './client-info';
import { SessionRepository } from './session.repository';
import { type IssuedSession, SessionIssuer } from './session-issuer.service';
import { openSuccessor, sealSuccessor } from './successor-seal';
import { TokenService } from './token.service';

type Outcome = { issued: IssuedSession } | { failure: string };

/**
 * Exchanges a refresh token for a new pair. Tokens are single use: a spent token presented again
 * means it leaked (or was replayed), and the whole chain is revoked, so thief and owner both sign in
 * again. One exception keeps two tabs of one browser from signing their person out: within
 * `REFRESH_REUSE_GRACE_SECONDS` of the first use, the spent token gets the very pair the first use got
 * (sealed in the token's row, so it holds across instances sharing the database).
 */
@Injectable()
export class SessionRefresher {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
    private readonly issuer: SessionIssuer,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedSession> {
    // the refusal is thrown after the transaction, so the revocation of a reused chain commits
    const outcome = await this.db.transaction(() => this.exchange(refreshToken, client));
    if ('failure' in outcome) throw unauthenticated(outcome.failure);
    return outcome.issued;
  }

  private async exchange(refreshToken: string, client: ClientInfo): Promise<Outcome> {
    const token = await this.sessions.findRefreshToken(this.tokens.hashRefreshToken(refreshToken));
    if (!token) return { failure: 'This refresh token is not valid; sign in again.' };
    const now = this.clock.now();
    const session = await this.sessions.findSession(token.sessionId);
    if (!session || session.revokedAt || session.expiresAt <= now) return { failure: 'This session has ended; sign in again.' };
    const user = await this.users.findById(session.userId);
    if (!user || user.status !== AccountStatus.ACTIVE) return { failure: 'This account is disabled; sign in again.' };

    const next = this.issuer.successor(user, session.id, session.expiresAt);
    const sealed = sealSuccessor(refreshToken, token.id, {
      accessToken: next.issued.access.token,
      accessExpiresAt: next.issued.access.expiresAt,
      refreshToken: next.issued.refresh.token,
    });
    if (await this.sessions.claim(token.id, now, sealed)) {
      await this.issuer.store(session.id, next.refreshHash);
      return { issued: next.issued };
    }
    // Spent already: read it again (this statement sees the winner's commit) for its successor.
    const spent = await this.sessions.findRefreshTokenById(token.id);
    const again = spent && this.withinGrace(spent, now) ? openSuccessor(refreshToken, token.id, spent.successorSealed ?? Buffer.alloc(0)) : null;
    if (again) {
      const access = { token: again.accessToken, expiresAt: again.accessExpiresAt };
      return { issued: { sessionId: session.id, user, access, refresh: { token: again.refreshToken, expiresAt: session.expiresAt } } };
    }
    await this.sessions.revoke(session.id, 'refresh_token_reuse');
    await this.audit.record(
      { userId: session.userId, requestId: client.requestId },
      {
        action: 'session.refresh_reuse_detected',
        entityType: 'session',
        entityId: session.id,
        summary: { ip: client.ip, after: { revoked: true } },
      },
    );
    return { failure: 'This refresh token was already used; sign in again.' };
  }

  private withinGrace(token: RefreshTokenEntity, now: Date): boolean {
    const graceMs = this.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
    return token.usedAt !== null && graceMs > 0 && now.getTime() - token.usedAt.getTime() <= graceMs;
  }
}
