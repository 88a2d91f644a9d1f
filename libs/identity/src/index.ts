import { AccountLinkEntity } from './accounts/account-link.entity';
import { AuthSessionEntity, RefreshTokenEntity } from './auth/auth-session.entity';
import { AccountLinks1732414000000 } from './migrations/1732414000000-account-links';
import { Identity1732406500000 } from './migrations/1732406500000-identity';
import { RefreshSuccessor1732411000000 } from './migrations/1732411000000-refresh-successor';
import { UserEntity } from './people/user.entity';

export * from './identity.errors';
export * from './identity.module';
export * from './accounts/account.service';
export * from './accounts/account-mailbox';
export * from './auth/authentication.service';
export * from './auth/password.service';
export * from './auth/registration.service';
export * from './auth/session.directory';
export * from './people/people.directory';
export * from './people/stakeholder-group';
export * from './people/un-region';
export * from './people/user.entity';
export * from './people/user.loader';
export * from './people/user.mapper';
export * from './people/user.model';

export const identityEntities = [UserEntity, AuthSessionEntity, RefreshTokenEntity, AccountLinkEntity];
export const identityMigrations = [Identity1732406500000, RefreshSuccessor1732411000000, AccountLinks1732414000000];
export * from './auth/client-info';
export * from './auth/client-info.decorator';
