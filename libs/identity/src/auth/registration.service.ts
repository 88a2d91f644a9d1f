import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@intersessional/audit';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { Database } from '@intersessional/database';
import { conflict } from '@intersessional/graphql';
import { RateLimitService } from '@intersessional/rate-limit';
import { PlatformRole } from '@intersessional/access';
import { AccountLinks } from '../accounts/account-links.service';
import { type ProfileFields, normaliseEmail, profileSnapshot } from '../people/profile';
import { UserRepository } from '../people/user.repository';
import { type ClientInfo } from './client-info';
import { PasswordService } from './password.service';
import { registrationLimits } from './registration-limits';
import { type IssuedSession, SessionIssuer } from './session-issuer.service';

export interface Registration extends ProfileFields {
  email: string;
  password: string;
  displayName: string;
}

@Injectable()
export class RegistrationService {
  constructor(
    private readonly db: Database,
    private readonly users: UserRepository,
    private readonly passwords: PasswordService,
    private readonly issuer: SessionIssuer,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
    private readonly links: AccountLinks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = registrationLimits(config);
  }

  private readonly rules: ReturnType<typeof registrationLimits>;

  /** `sendVerification: false` only for accounts made by the system itself (demo data). */
  async register(input: Registration, client: ClientInfo, { sendVerification = true } = {}): Promise<IssuedSession> {
    const email = normaliseEmail(input.email);
    await this.limits.consume('register-email', email, this.rules.perEmail);
    await this.limits.consume('register', client.ip, this.rules.perAddress);
    this.passwords.assertStrong(input.password, [email, email.split('@')[0] ?? '', input.displayName]);
    const passwordHash = await this.passwords.hash(input.password);
    return this.db.transaction(async () => {
      if (await this.users.findByEmail(email)) {
        throw conflict('An account with this e-mail address already exists.', { field: 'email' });
      }
      const user = await this.users.insert({
        email,
        passwordHash,
        displayName: input.displayName.trim(),
        organisation: input.organisation?.trim() || null,
        country: input.country?.toUpperCase() ?? null,
        stakeholderGroup: input.stakeholderGroup ?? null,
        gender: input.gender ?? null,
        preferredLanguage: input.preferredLanguage ?? 'en',
        platformRole: PlatformRole.USER,
      });
      const actor = { userId: user.id, requestId: client.requestId };
      await this.audit.record(actor, {
        action: 'user.registered',
        entityType: 'user',
        entityId: user.id,
        summary: { after: profileSnapshot(user) },
      });
      if (sendVerification) await this.links.sendVerification(user);
      return this.issuer.open(user, client);
    });
  }
}
