import { registerEnumType } from '@nestjs/graphql';

/** Platform-wide roles. Workstream roles (facilitator, member, …) live in the workstreams library. */
export enum PlatformRole {
  SECRETARIAT = 'SECRETARIAT',
  MAG_MEMBER = 'MAG_MEMBER',
  USER = 'USER',
}

registerEnumType(PlatformRole, {
  name: 'PlatformRole',
  description: 'Secretariat administers the platform; MAG members create BPFs and PNs; everyone else is a user.',
});
