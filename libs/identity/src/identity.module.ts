import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditModule } from '@intersessional/audit';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { AccountLinkRepository } from './accounts/account-link.repository';
import { AccountLinks } from './accounts/account-links.service';
import { AccountLinksResolver } from './accounts/account-links.resolver';
import { AccountMailbox } from './accounts/account-mailbox';
import { AccountService } from './accounts/account.service';
import { AuditActorResolver } from './accounts/audit-actor.resolver';
import { AuthResolver } from './auth/auth.resolver';
import { AuthenticationService } from './auth/authentication.service';
import { PasswordService } from './auth/password.service';
import { RegistrationService } from './auth/registration.service';
import { SessionIssuer } from './auth/session-issuer.service';
import { SessionRepository } from './auth/session.repository';
import { SessionRefresher } from './auth/session-refresher.service';
import { SessionDirectory } from './auth/session.directory';
import { SessionStatusRepository } from './auth/session-status.repository';
import { TokenService } from './auth/token.service';
import { AccessGuard } from './guard/access.guard';
import { PeopleDirectory } from './people/people.directory';
import { UserLoader } from './people/user.loader';
import { UserRepository } from './people/user.repository';
import { UserResolver } from './people/user.resolver';

@Module({
  imports: [AuditModule, JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // a KeyObject: given the string, jsonwebtoken first tries to parse it as a PEM key, on every call
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.JWT_SECRET)) }),
    })],
  providers: [
    UserRepository,
    SessionRepository,
    PasswordService,
    TokenService,
    SessionIssuer,
    SessionRefresher,
    RegistrationService,
    AuthenticationService,
    AccountService,
    AccountLinkRepository,
    AccountMailbox,
    AccountLinks,
    AccountLinksResolver,
    UserLoader,
    PeopleDirectory,
    SessionStatusRepository,
    SessionDirectory,
    AuthResolver,
    UserResolver,
    AuditActorResolver,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AccountMailbox, UserLoader, PeopleDirectory, SessionDirectory, PasswordService, RegistrationService, AccountService, AuthenticationService],
})
export class IdentityModule {}
