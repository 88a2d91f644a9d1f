import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  IsEmail,
  IsEnum,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { PlatformRole } from '@intersessional/access';
import { IsLanguageTag, IsNotBlank, Trim } from '@intersessional/graphql';
import { Gender, StakeholderGroup } from './stakeholder-group';
import { AccountStatus } from './user.entity';

@InputType({ description: 'Profile fields a person may state about themself.' })
export class ProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotBlank({ message: 'must not be blank; send null for none' })
  @MaxLength(200)
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code, e.g. KE, BR, DE.' })
  @IsOptional()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code' })
  country?: string | null;

  @Field(() => StakeholderGroup, { nullable: true })
  @IsOptional()
  @IsEnum(StakeholderGroup)
  stakeholderGroup?: StakeholderGroup | null;

  @Field(() => Gender, { nullable: true, description: 'Optional and self-declared; only you and aggregates see it.' })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender | null;

  @Field({ nullable: true, description: 'BCP 47 language tag; defaults to en.' })
  @IsOptional()
  @IsLanguageTag()
  preferredLanguage?: string;
}

@InputType()
export class RegisterInput extends ProfileInput {
  @Field()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'At least 10 characters and hard to guess; a passphrase works well.' })
  @IsString()
  password!: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(120)
  displayName!: string;
}

@InputType()
export class UpdateProfileInput extends ProfileInput {
  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(120)
  displayName?: string;
}

@InputType()
export class SignInInput {
  @Field()
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(1024)
  password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  @Field()
  @IsString()
  newPassword!: string;
}

@ArgsType()
export class UserIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a user id' })
  userId!: string;
}

@InputType()
export class UserFilter {
  @Field({ nullable: true, description: 'Matches name, e-mail or organisation.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => AccountStatus, { nullable: true })
  @IsOptional()
  @IsEnum(AccountStatus)
  status?: AccountStatus;

  @Field(() => PlatformRole, { nullable: true })
  @IsOptional()
  @IsEnum(PlatformRole)
  platformRole?: PlatformRole;
}

@ArgsType()
export class DisableAccountArgs extends UserIdArgs {
  @Field(() => String, { nullable: true, description: 'Shown to the Secretariat and kept in the audit log.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@ArgsType()
export class RequestPasswordResetArgs {
  @Field()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'The secret of the link in the e-mail (after `#`).' })
  @IsString()
  @MaxLength(100)
  token!: string;

  @Field({ description: 'At least 10 characters and hard to guess, as at registration.' })
  @IsString()
  newPassword!: string;
}

@ArgsType()
export class VerifyEmailArgs {
  @Field({ description: 'The secret of the link in the e-mail (after `#`).' })
  @IsString()
  @MaxLength(100)
  token!: string;
}
