import { Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { unauthenticated } from '@intersessional/graphql';
import { RateLimitService } from '@intersessional/rate-limit';
import { accountDisabled, invalidCredentials } from '../identity.errors';
import { normaliseEmail } from '../people/profile';
import { AccountStatus } from '../people/user.entity';
import { UserRepository } from '../people/user.repository';
import { SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP } from './auth-limits';
import { type ClientInfo } from './client-info';
import { PasswordService } from './password.service';
import { SessionRepository } from './session.repository';
import { type IssuedSession, SessionIssuer } from './session-issuer.service';
import { TokenService } from './token.service';

@Injectable()
export class AuthenticationService {
  constructor(
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly issuer: SessionIssuer,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
  ) {}

  async signIn(emailInput: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const email = normaliseEmail(emailInput);
    await this.limits.consume('sign-in-ip', client.ip, SIGN_IN_PER_IP);
    await this.limits.consume('sign-in-email', email, SIGN_IN_PER_EMAIL);
    const user = await this.users.findByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) throw invalidCredentials();
    if (user.status !== AccountStatus.ACTIVE) throw accountDisabled();
    return this.db.transaction(async () => {
      const issued = await this.issuer.open(user, client);
      await this.audit.record(
        { userId: user.id, requestId: client.requestId },
        { action: 'session.signed_in', entityType: 'session', entityId: issued.sessionId, summary: { ip: client.ip } },
      );
      return issued;
    });
  }

  async signOut(actor: Actor): Promise<void> {
    await this.db.transaction(async () => {
      await this.sessions.revoke(actor.sessionId, 'signed_out');
      await this.audit.record(actor, {
        action: 'session.signed_out',
        entityType: 'session',
        entityId: actor.sessionId,
        summary: {},
      });
    });
  }

  /**
   * Resolves a bearer token to the actor it stands for, checking the session and the account on
   * every request, so sign-out, password change and disabling take effect at once.
   */
  async authenticate(accessToken: string, requestId: string): Promise<Actor> {
    const claims = this.tokens.verifyAccessToken(accessToken);
    if (!claims) throw unauthenticated('The access token is invalid or expired; refresh it or sign in again.');
    const found = await this.sessions.findWithUser(claims.sid);
    if (!found || found.user.id !== claims.sub || found.session.revokedAt || found.session.expiresAt <= new Date()) {
      throw unauthenticated('This session has ended; sign in again.');
    }
    if (found.user.status !== AccountStatus.ACTIVE) throw accountDisabled();
    return { userId: found.user.id, sessionId: found.session.id, platformRole: found.user.platformRole, requestId };
  }
}
