import { Injectable } from '@nestjs/common';
import { AuditService } from '@intersessional/audit';
import { Database } from '@intersessional/database';
import { conflict } from '@intersessional/graphql';
import { RateLimitService } from '@intersessional/rate-limit';
import { PlatformRole } from '@intersessional/access';
import { type ProfileFields, normaliseEmail, profileSnapshot } from '../people/profile';
import { UserRepository } from '../people/user.repository';
import { REGISTER_PER_IP } from './auth-limits';
import { type ClientInfo } from './client-info';
import { PasswordService } from './password.service';
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
  ) {}

  async register(input: Registration, client: ClientInfo): Promise<IssuedSession> {
    await this.limits.consume('register', client.ip, REGISTER_PER_IP);
    const email = normaliseEmail(input.email);
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
      return this.issuer.open(user, client);
    });
  }
}
