import { SetMetadata } from '@nestjs/common';
import { PlatformRole } from './platform-role';

/**
 * Every query, mutation and field resolver declares who may call it; the global guard denies
 * anything without a rule. Rules that depend on the object (workstream facilitator, the user
 * themself) are `signedIn()` here plus a policy check in the service, named in the resolver.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'ownCredentials' }
  | { kind: 'signedIn' }
  | { kind: 'platformRole'; roles: PlatformRole[] };

export const ACCESS_RULE = 'intersessional:access-rule';

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/**
 * Not a person's request: the route checks a credential of its own (the metrics scraper's token), and
 * the Authorization header is not read as a user's access token.
 */
export const OwnCredentials = () => SetMetadata(ACCESS_RULE, { kind: 'ownCredentials' } satisfies AccessRule);

/** Any signed-in, enabled account. */
export const SignedIn = () => SetMetadata(ACCESS_RULE, { kind: 'signedIn' } satisfies AccessRule);

/** Signed in with one of these platform roles. */
export const PlatformRoles = (...roles: PlatformRole[]) =>
  SetMetadata(ACCESS_RULE, { kind: 'platformRole', roles } satisfies AccessRule);
