import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Actor } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { Clock, Database } from '@intersessional/database';
import { notFound } from '@intersessional/graphql';
import { RateLimitService } from '@intersessional/rate-limit';
import { PasswordService } from '../auth/password.service';
import { type ClientInfo } from '../auth/client-info';
import { SessionRepository } from '../auth/session.repository';
import { linkExpired, linkInvalid, linkUsed } from '../identity.errors';
import { normaliseEmail } from '../people/profile';
import { AccountStatus, type UserEntity } from '../people/user.entity';
import { UserRepository } from '../people/user.repository';
import { AccountLinkPurpose, type AccountLinkEntity } from './account-link.entity';
import { EMAIL_VERIFICATION_TTL_MS, PASSWORD_RESET_TTL_MS, accountLinkLimits } from './account-link-limits';
import { AccountLinkRepository } from './account-link.repository';
import { accountMailText } from './account-mail-text';
import { AccountMailbox } from './account-mailbox';

/** The secret of a link: 256 random bits, base64url (43 characters). */
const newSecret = (): string => randomBytes(32).toString('base64url');
const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();
/** What a well-formed secret looks like; anything else is LINK_INVALID without a query. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * The web-app pages that take the secrets. They travel in the fragment, which browsers never send to
 * a server: out of HTTP access logs and Referer headers (the outbox strips them once mail is sent).
 */
export const passwordResetLink = (secret: string) => `/reset-password#${secret}`;
export const emailVerificationLink = (secret: string) => `/verify-email#${secret}`;

/**
 * Single-use links by e-mail: password reset and e-mail verification. Secrets are stored as SHA-256,
 * expire (1 hour, 48 hours) and are spent atomically.
 */
@Injectable()
export class AccountLinks {
  private readonly rules: ReturnType<typeof accountLinkLimits>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly links: AccountLinkRepository,
    private readonly sessions: SessionRepository,
    private readonly passwords: PasswordService,
    private readonly mailbox: AccountMailbox,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = accountLinkLimits(config);
  }

  /**
   * E-mails a reset link when `emailInput` names an active account. The answer is the same either way,
   * and so is the work: a secret is drawn and hashed, and a transaction looks the address up, whether
   * or not there is an account to write the link for.
   */
  async requestPasswordReset(emailInput: string, client: ClientInfo): Promise<void> {
    const email = normaliseEmail(emailInput);
    await this.limits.consume('password-reset-ip', client.ip, this.rules.perAddress);
    await this.limits.consume('password-reset-email', email, this.rules.perRecipient);
    const secret = newSecret();
    const tokenHash = hashSecret(secret);
    await this.db.transaction(async () => {
      const user = await this.users.findByEmail(email);
      if (!user || user.status !== AccountStatus.ACTIVE) return;
      await this.issue(user, AccountLinkPurpose.PASSWORD_RESET, secret, tokenHash);
    });
  }

  /** Sets a new password with a reset link, ends every session of the account and spends the link. */
  async resetPassword(secret: string, newPassword: string, client: ClientInfo): Promise<void> {
    const link = await this.usable(secret, AccountLinkPurpose.PASSWORD_RESET);
    const user = await this.users.findById(link.userId);
    if (!user || user.status !== AccountStatus.ACTIVE) throw linkInvalid();
    this.passwords.assertStrong(newPassword, [user.email, user.email.split('@')[0] ?? '', user.displayName], 'newPassword');
    const passwordHash = await this.passwords.hash(newPassword);
    await this.db.transaction(async () => {
      await this.claim(link);
      const now = this.clock.now();
      // the link came to this address: it is the person's
      await this.users.update(user.id, {
        passwordHash,
        passwordChangedAt: now,
        ...(user.emailVerifiedAt === null && link.email === user.email ? { emailVerifiedAt: now } : {}),
      });
      const ended = await this.sessions.revokeAllOf(user.id, 'password_reset');
      await this.audit.record(
        { userId: user.id, requestId: client.requestId },
        { action: 'user.password_reset', entityType: 'user', entityId: user.id, summary: { sessionsEnded: ended, ip: client.ip } },
      );
    });
  }

  /** The signed-in person asks for a (new) verification e-mail; false when the address is already verified. */
  async requestEmailVerification(actor: Actor, client: ClientInfo): Promise<boolean> {
    await this.limits.consume('email-verification-ip', client.ip, this.rules.perAddress);
    await this.limits.consume('email-verification-account', actor.userId, this.rules.perRecipient);
    return this.db.transaction(async () => {
      const user = await this.users.findById(actor.userId);
      if (!user) throw notFound('User', actor.userId);
      if (user.emailVerifiedAt) return false;
      await this.sendVerification(user);
      return true;
    });
  }

  /** In the caller's transaction (registration): writes a verification link and queues its e-mail. */
  async sendVerification(user: UserEntity): Promise<void> {
    const secret = newSecret();
    await this.issue(user, AccountLinkPurpose.EMAIL_VERIFICATION, secret, hashSecret(secret));
  }

  /** Marks the account's address verified (if it is still the address the link went to) and spends the link. */
  async verifyEmail(secret: string, client: ClientInfo): Promise<UserEntity> {
    const link = await this.usable(secret, AccountLinkPurpose.EMAIL_VERIFICATION);
    return this.db.transaction(async () => {
      const user = await this.users.lock(link.userId);
      if (!user || user.email !== link.email) throw linkInvalid();
      await this.claim(link);
      if (user.emailVerifiedAt) return user;
      const after = await this.users.update(user.id, { emailVerifiedAt: this.clock.now() });
      await this.audit.record(
        { userId: user.id, requestId: client.requestId },
        { action: 'user.email_verified', entityType: 'user', entityId: user.id, summary: { email: user.email } },
      );
      return after;
    });
  }

  private async issue(user: UserEntity, purpose: AccountLinkPurpose, secret: string, tokenHash: Buffer): Promise<void> {
    const reset = purpose === AccountLinkPurpose.PASSWORD_RESET;
    const ttlMs = reset ? PASSWORD_RESET_TTL_MS : EMAIL_VERIFICATION_TTL_MS;
    await this.links.insert({ userId: user.id, purpose, tokenHash, email: user.email, expiresAt: new Date(this.clock.now().getTime() + ttlMs) });
    const { subject, text } = accountMailText(reset ? 'passwordReset' : 'emailVerification', user.preferredLanguage, user.displayName, ttlMs / 3_600_000);
    await this.mailbox.send({
      to: { address: user.email, name: user.displayName },
      subject,
      text,
      link: reset ? passwordResetLink(secret) : emailVerificationLink(secret),
    });
  }

  /** The link a secret stands for, if it can still be used; else the error that says why not. */
  private async usable(secret: string, purpose: AccountLinkPurpose): Promise<AccountLinkEntity> {
    if (!SECRET.test(secret)) throw linkInvalid();
    const link = await this.links.findByHash(hashSecret(secret), purpose);
    if (!link) throw linkInvalid();
    if (link.usedAt) throw linkUsed();
    if (link.expiresAt <= this.clock.now()) throw linkExpired();
    return link;
  }

  /** Spends the link in the current transaction; a concurrent use that won first makes this one LINK_USED. */
  private async claim(link: AccountLinkEntity): Promise<void> {
    const now = this.clock.now();
    if (await this.links.claim(link, now)) return;
    throw link.expiresAt <= now ? linkExpired() : linkUsed();
  }
}
