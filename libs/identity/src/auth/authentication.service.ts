import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { Database } from '@intersessional/database';
import { unauthenticated } from '@intersessional/graphql';
import { RateLimitService } from '@intersessional/rate-limit';
import { accountDisabled, invalidCredentials } from '../identity.errors';
import { normaliseEmail } from '../people/profile';
import { AccountStatus } from '../people/user.entity';
import { UserRepository } from '../people/user.repository';
import { SIGN_IN_FAILURES_PER_EMAIL, SIGN_IN_FAILURES_PER_IP, SIGN_IN_FAILURES_PER_IP_AND_EMAIL, signInDelayMs } from './auth-limits';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(emailInput: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    const email = normaliseEmail(emailInput);
    const pair = `${client.ip} ${email}`;
    await this.limits.consume('sign-in-ip', client.ip, SIGN_IN_FAILURES_PER_IP);
    await this.limits.consume('sign-in-ip-email', pair, SIGN_IN_FAILURES_PER_IP_AND_EMAIL);
    // the same wait whether the password is right, wrong, or the e-mail unknown: it tells nothing
    const failures = await this.limits.used('sign-in-email', email, SIGN_IN_FAILURES_PER_EMAIL);
    const delay = signInDelayMs(failures, this.config.SIGN_IN_SLOWDOWN_MAX_MS);
    if (delay > 0) await sleep(delay);
    const user = await this.users.findByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.limits.count('sign-in-email', email, SIGN_IN_FAILURES_PER_EMAIL);
      throw invalidCredentials();
    }
    // the right password: the attempt was no attack
    await this.limits.reward('sign-in-ip', client.ip, SIGN_IN_FAILURES_PER_IP);
    await this.limits.reset('sign-in-ip-email', pair, SIGN_IN_FAILURES_PER_IP_AND_EMAIL);
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
    const found = await this.sessions.standingOf(claims.sid);
    if (!found || found.userId !== claims.sub || found.revokedAt || found.expiresAt <= new Date()) {
      throw unauthenticated('This session has ended; sign in again.');
    }
    if (found.accountStatus !== AccountStatus.ACTIVE) throw accountDisabled();
    return { userId: found.userId, sessionId: found.sessionId, platformRole: found.platformRole, requestId };
  }
}
