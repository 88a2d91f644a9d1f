import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PlatformRole } from '@intersessional/access';
import { Connection } from '@intersessional/graphql';
import { Gender, StakeholderGroup } from './stakeholder-group';
import { UnRegion } from './un-region';
import { AccountStatus } from './user.entity';

registerEnumType(AccountStatus, { name: 'AccountStatus' });

@ObjectType('User', { description: 'A person. E-mail is shown to the person and the Secretariat; gender only to the person.' })
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string | null;

  @Field(() => UnRegion, { nullable: true, description: 'UN regional group derived from the country.' })
  region!: UnRegion | null;

  @Field(() => StakeholderGroup, { nullable: true })
  stakeholderGroup!: StakeholderGroup | null;

  @Field({ description: 'BCP 47 language tag.' })
  preferredLanguage!: string;

  @Field(() => PlatformRole)
  platformRole!: PlatformRole;

  @Field(() => AccountStatus)
  status!: AccountStatus;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  /** Resolved by UserResolver.email, which hides it from others. */
  email!: string;

  /** Resolved by UserResolver.gender, which hides it from others. */
  gender!: Gender | null;

  disabledReason!: string | null;

  /** Resolved by UserResolver.emailVerified, which hides it from others. */
  emailVerifiedAt!: Date | null;
}

export const UserConnection = Connection(UserModel, 'User');

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @Field(() => GraphQLISODateTime)
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Single use: exchange it with `refreshSession` for a new pair.' })
  refreshToken!: string;

  @Field(() => GraphQLISODateTime)
  refreshTokenExpiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;
}
