import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '@intersessional/graphql';

@ObjectType('AuditEvent', { description: 'One recorded state change: who did what, when, on what.' })
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Null for system actions (scheduled checks).' })
  actorId!: string | null;

  @Field({ description: 'Dotted action name, e.g. `workstream.recognised`.' })
  action!: string;

  @Field()
  entityType!: string;

  @Field()
  entityId!: string;

  @Field(() => ID, { nullable: true })
  workstreamId!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Before/after values of what changed, and details.' })
  summary!: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  requestId!: string | null;
}

export const AuditEventConnection = Connection(AuditEventModel, 'AuditEvent');

@InputType()
export class AuditLogFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  workstreamId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @Field({ nullable: true, description: 'An action, or a prefix such as `workstream`.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  since?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  until?: Date;
}
