import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { Connection, ConnectionArgs, IsNotBlank, Trim } from '@intersessional/graphql';
import { ModerationMode, Participation, PeriodKind, PeriodStatus } from './comment-period.entity';

@ObjectType('CommentPeriod', {
  description: 'A public comment period on a frozen version of a document, or a call for contributions. Times are UTC; timeZone says how to show them.',
})
export class CommentPeriodModel {
  @Field(() => ID)
  id!: string;

  @Field(() => PeriodKind)
  kind!: PeriodKind;

  @Field(() => ID)
  workstreamId!: string;

  @Field(() => ID, { nullable: true })
  documentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The frozen version under comment.' })
  versionId!: string | null;

  @Field()
  title!: string;

  @Field()
  instructions!: string;

  @Field(() => [String])
  guidingQuestions!: string[];

  @Field({ description: 'IANA time zone the facilitators announce the times in, e.g. Europe/Zurich.' })
  timeZone!: string;

  @Field({ description: 'The zone’s UTC offset at the closing time, e.g. +01:00.' })
  closesAtUtcOffset!: string;

  @Field(() => GraphQLISODateTime)
  opensAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Comments after this time are accepted, marked late.' })
  inclusionCutoffAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  closesAt!: Date;

  @Field(() => Participation)
  participation!: Participation;

  @Field(() => ModerationMode)
  moderation!: ModerationMode;

  @Field(() => PeriodStatus)
  status!: PeriodStatus;

  @Field(() => GraphQLISODateTime, { nullable: true })
  synthesisPublishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the synthesis was published with comments unanswered.' })
  synthesisNote!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

export const CommentPeriodConnection = Connection(CommentPeriodModel, 'CommentPeriod');

const CLIENT_KEY = 'A UUID the client makes once per form: the same key again (a double-click, a retry) returns the first period instead of making another.';

@InputType({ isAbstract: true })
class PeriodSettingsInput {
  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  instructions?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotBlank({ message: 'must not contain blank questions' })
  @MaxLength(2000, { each: true })
  guidingQuestions?: string[];

  @Field({ nullable: true, description: 'IANA time zone, e.g. Europe/Zurich.' })
  @IsOptional()
  @IsString()
  timeZone?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  opensAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  inclusionCutoffAt?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  closesAt?: Date;

  @Field(() => Participation, { nullable: true, description: 'Defaults to REGISTERED.' })
  @IsOptional()
  @IsEnum(Participation)
  participation?: Participation;

  @Field(() => ModerationMode, { nullable: true, description: 'Defaults to PUBLISH_AT_ONCE.' })
  @IsOptional()
  @IsEnum(ModerationMode)
  moderation?: ModerationMode;

  @Field({ nullable: true, description: 'Schedule at once: it then opens and closes by itself. Otherwise it stays a draft.' })
  @IsOptional()
  @IsBoolean()
  schedule?: boolean;
}

@InputType()
export class CreateCommentPeriodInput extends PeriodSettingsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a document id' })
  documentId!: string;

  @Field(() => ID, { nullable: true, description: 'A frozen version of the document…' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a version id' })
  versionId?: string;

  @Field({ nullable: true, description: '…or a label to freeze the live draft as a new version now, e.g. "Draft for public comment".' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  freezeVersionLabel?: string;

  @Field(() => String, { nullable: true, description: CLIENT_KEY })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  clientKey?: string;
}

@InputType()
export class CreateCallForContributionsInput extends PeriodSettingsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a workstream id' })
  workstreamId!: string;

  @Field(() => String, { nullable: true, description: CLIENT_KEY })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  clientKey?: string;
}

@InputType()
export class UpdateCommentPeriodInput extends PeriodSettingsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a comment period id' })
  id!: string;
}

@ArgsType()
export class PeriodIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a comment period id' })
  id!: string;
}

@ArgsType()
export class ExtendPeriodArgs extends PeriodIdArgs {
  @Field(() => GraphQLISODateTime)
  @Type(() => Date)
  @IsDate()
  closesAt!: Date;

  @Field(() => String, { nullable: true, description: 'Told to everyone who commented.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

@ArgsType()
export class ReasonArgs extends PeriodIdArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

@ArgsType()
export class PeriodsArgs extends ConnectionArgs {}

@ObjectType('PeriodParagraph', { description: 'A paragraph of the version under comment, with its public comment count.' })
export class PeriodParagraphModel {
  @Field(() => Int, { description: '1-based; headings are 0.' })
  number!: number;

  @Field(() => String, { nullable: true })
  blockId!: string | null;

  @Field({ description: 'paragraph or heading' })
  type!: string;

  @Field()
  text!: string;

  @Field(() => Int)
  commentCount!: number;
}

@ArgsType()
export class ParagraphCommentsArgs extends ConnectionArgs {
  @Field(() => Int, { description: 'Paragraph number; 0 for comments on the whole document.' })
  @IsInt()
  @Min(0)
  paragraph!: number;
}
