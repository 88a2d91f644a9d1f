import { Injectable } from '@nestjs/common';
import { type Actor, PlatformRole } from '@intersessional/access';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { badInput, conflict, notFound } from '@intersessional/graphql';
import { RateLimitService } from '@intersessional/rate-limit';
import { PASSWORD_CHECKS_PER_ACCOUNT } from '../auth/auth-limits';
import { PasswordService } from '../auth/password.service';
import { SessionRepository } from '../auth/session.repository';
import { lastSecretariat } from '../identity.errors';
import { type ProfileFields, profileSnapshot } from '../people/profile';
import { AccountStatus, UserEntity } from '../people/user.entity';
import { UserRepository } from '../people/user.repository';

export interface ProfileUpdate extends ProfileFields {
  displayName?: string;
}

@Injectable()
export class AccountService {
  constructor(
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
  ) {}

  async updateProfile(actor: Actor, update: ProfileUpdate): Promise<UserEntity> {
    return this.db.transaction(async () => {
      const before = await this.users.lock(actor.userId);
      if (!before) throw notFound('User', actor.userId);
      const changes: Partial<UserEntity> = {};
      if (update.displayName !== undefined) changes.displayName = update.displayName.trim();
      if (update.organisation !== undefined) changes.organisation = update.organisation?.trim() || null;
      if (update.country !== undefined) changes.country = update.country?.toUpperCase() ?? null;
      if (update.stakeholderGroup !== undefined) changes.stakeholderGroup = update.stakeholderGroup;
      if (update.gender !== undefined) changes.gender = update.gender;
      if (update.preferredLanguage !== undefined) changes.preferredLanguage = update.preferredLanguage;
      const after = await this.users.update(actor.userId, changes);
      await this.audit.record(actor, {
        action: 'user.profile_updated',
        entityType: 'user',
        entityId: actor.userId,
        summary: {
          before: profileSnapshot(before),
          after: profileSnapshot(after),
          genderChanged: update.gender !== undefined && update.gender !== before.gender,
        },
      });
      return after;
    });
  }

  /** Changes the password and ends every other session of the account. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw notFound('User', actor.userId);
    // the current password is a sign-in too: a borrowed access token must not give unlimited guesses
    await this.limits.consume('password-check', user.id, PASSWORD_CHECKS_PER_ACCOUNT);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw badInput('currentPassword', 'is not your current password');
    }
    await this.limits.reward('password-check', user.id, PASSWORD_CHECKS_PER_ACCOUNT);
    if (currentPassword === newPassword) throw badInput('newPassword', 'must differ from the current password');
    this.passwords.assertStrong(newPassword, [user.email, user.displayName], 'newPassword');
    const passwordHash = await this.passwords.hash(newPassword);
    await this.db.transaction(async () => {
      await this.users.update(user.id, { passwordHash, passwordChangedAt: new Date() });
      const ended = await this.sessions.revokeAllOf(user.id, 'password_changed', actor.sessionId);
      await this.audit.record(actor, {
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        summary: { otherSessionsEnded: ended },
      });
    });
  }

  async setStatus(actor: Actor, userId: string, status: AccountStatus, reason: string | null): Promise<UserEntity> {
    return this.db.transaction(async () => {
      const before = await this.users.lock(userId);
      if (!before) throw notFound('User', userId);
      if (before.status === status) throw conflict(`The account is already ${status.toLowerCase()}.`);
      if (status === AccountStatus.DISABLED) {
        if (userId === actor.userId) throw conflict('You cannot disable your own account.');
        await this.assertNotLastSecretariat(before);
      }
      const after = await this.users.update(userId, {
        status,
        disabledReason: status === AccountStatus.DISABLED ? reason : null,
      });
      const ended =
        status === AccountStatus.DISABLED ? await this.sessions.revokeAllOf(userId, 'account_disabled') : 0;
      await this.audit.record(actor, {
        action: status === AccountStatus.DISABLED ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: userId,
        summary: { before: { status: before.status }, after: { status }, reason, sessionsEnded: ended },
      });
      return after;
    });
  }

  async setPlatformRole(actor: Actor, userId: string, role: PlatformRole): Promise<UserEntity> {
    return this.db.transaction(async () => {
      const before = await this.users.lock(userId);
      if (!before) throw notFound('User', userId);
      if (before.platformRole === role) return before;
      if (role !== PlatformRole.SECRETARIAT) await this.assertNotLastSecretariat(before);
      const after = await this.users.update(userId, { platformRole: role });
      await this.audit.record(actor, {
        action: 'user.platform_role_changed',
        entityType: 'user',
        entityId: userId,
        summary: { before: { platformRole: before.platformRole }, after: { platformRole: role } },
      });
      return after;
    });
  }

  private async assertNotLastSecretariat(user: UserEntity): Promise<void> {
    if (user.platformRole !== PlatformRole.SECRETARIAT || user.status !== AccountStatus.ACTIVE) return;
    await this.users.lockPlatformRoles();
    if ((await this.users.countActive(PlatformRole.SECRETARIAT)) <= 1) throw lastSecretariat();
  }
}
