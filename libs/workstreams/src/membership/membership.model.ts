import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { Connection, ConnectionArgs } from '@intersessional/graphql';
import { MembershipStatus, WorkstreamRole } from './membership.entity';

@ObjectType('Membership', { description: "A person's place in a workstream." })
export class MembershipModel {
  @Field(() => ID)
  id!: string;

  @Field(() => WorkstreamRole)
  role!: WorkstreamRole;

  @Field(() => MembershipStatus, { description: 'PENDING while a facilitator has not approved the request.' })
  status!: MembershipStatus;

  @Field(() => GraphQLISODateTime, { description: 'When the person joined or asked to join.' })
  createdAt!: Date;

  workstreamId!: string;
  userId!: string;
}

export const MembershipConnection = Connection(MembershipModel, 'Membership');

@ArgsType()
export class MembersArgs extends ConnectionArgs {
  @Field(() => WorkstreamRole, { nullable: true })
  @IsOptional()
  @IsEnum(WorkstreamRole)
  role?: WorkstreamRole;

  @Field(() => MembershipStatus, {
    nullable: true,
    description: 'ACTIVE (default) or PENDING requests (facilitators and the Secretariat only).',
  })
  @IsOptional()
  @IsEnum(MembershipStatus)
  status?: MembershipStatus;
}

@InputType()
export class JoinWorkstreamInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a workstream id' })
  workstreamId!: string;

  @Field(() => WorkstreamRole, { nullable: true, description: 'MEMBER (default) or OBSERVER.' })
  @IsOptional()
  @IsIn([WorkstreamRole.MEMBER, WorkstreamRole.OBSERVER], { message: 'must be MEMBER or OBSERVER' })
  role?: WorkstreamRole;
}

@InputType()
export class AddMemberInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a workstream id' })
  workstreamId!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a user id' })
  userId!: string;

  @Field(() => WorkstreamRole)
  @IsEnum(WorkstreamRole)
  role!: WorkstreamRole;
}

@ArgsType()
export class MembershipIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a membership id' })
  membershipId!: string;
}

@ArgsType()
export class SetMemberRoleArgs extends MembershipIdArgs {
  @Field(() => WorkstreamRole)
  @IsEnum(WorkstreamRole)
  role!: WorkstreamRole;
}

@ArgsType()
export class WorkstreamRefArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a workstream id' })
  workstreamId!: string;
}
