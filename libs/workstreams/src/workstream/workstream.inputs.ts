import { ArgsType, Field, ID, InputType, Int, PartialType, PickType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { JoinPolicy, WorkstreamKind, WorkstreamStatus } from './workstream-kind';
import { IsNotBlank, Trim } from '@intersessional/graphql';

const WEB_URL = { protocols: ['http', 'https'], require_protocol: true };

@InputType({ isAbstract: true })
class WorkstreamDetailsInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(160)
  name!: string;

  @Field({ nullable: true, description: 'URL name, e.g. `bpf-cybersecurity`; derived from the name when omitted.' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case letters and digits separated by hyphens' })
  @MaxLength(80)
  slug?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @Trim()
  @IsString({ each: true })
  @IsNotBlank({ message: 'must not contain blank topics' })
  @MaxLength(60, { each: true })
  topics?: string[];

  @Field(() => String, { nullable: true, description: 'Mailing list page (https) or address (mailto:).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https', 'mailto'], require_protocol: true }, { message: 'must be an http(s) or mailto: URL' })
  @MaxLength(500)
  mailingListUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Public archive of the mailing list.' })
  @IsOptional()
  @IsUrl(WEB_URL, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  archiveUrl?: string | null;
}

@InputType({ description: 'A Best Practice Forum or Policy Network for an IGF cycle.' })
export class CreateWorkstreamInput extends WorkstreamDetailsInput {
  @Field(() => WorkstreamKind, { description: 'BPF or PN. Dynamic Coalitions are proposed with `proposeDynamicCoalition`.' })
  @IsIn([WorkstreamKind.BPF, WorkstreamKind.PN], { message: 'must be BPF or PN; propose a DC with proposeDynamicCoalition' })
  kind!: WorkstreamKind;

  @Field(() => Int, { description: 'The IGF cycle year.' })
  @IsInt()
  @Min(2006)
  @Max(2100)
  cycleYear!: number;

  @Field(() => JoinPolicy, { nullable: true, description: 'Defaults to APPROVAL.' })
  @IsOptional()
  @IsEnum(JoinPolicy)
  joinPolicy?: JoinPolicy;

  @Field(() => [ID], { nullable: true, description: 'Initial facilitators; defaults to you.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be user ids' })
  facilitatorIds?: string[];
}

@InputType()
export class ProposeDynamicCoalitionInput extends WorkstreamDetailsInput {
  @Field({ description: 'What the coalition is for and how it will work.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(10000)
  statementOfPurpose!: string;
}

@InputType()
export class UpdateWorkstreamInput extends PartialType(PickType(WorkstreamDetailsInput, ['name', 'summary', 'topics', 'mailingListUrl', 'archiveUrl'] as const)) {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a workstream id' })
  id!: string;

  @Field(() => JoinPolicy, { nullable: true })
  @IsOptional()
  @IsEnum(JoinPolicy)
  joinPolicy?: JoinPolicy;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(10000)
  statementOfPurpose?: string;
}

@InputType()
export class WorkstreamFilter {
  @Field(() => WorkstreamKind, { nullable: true })
  @IsOptional()
  @IsEnum(WorkstreamKind)
  kind?: WorkstreamKind;

  @Field(() => WorkstreamStatus, { nullable: true })
  @IsOptional()
  @IsEnum(WorkstreamStatus)
  status?: WorkstreamStatus;

  @Field({ nullable: true, description: 'Exact topic, case-insensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  topic?: string;

  @Field({ nullable: true, description: 'Words in the name, summary or topics.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2006)
  @Max(2100)
  cycleYear?: number;
}

@ArgsType()
export class WorkstreamIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a workstream id' })
  id!: string;
}

@ArgsType()
export class LifecycleArgs extends WorkstreamIdArgs {
  @Field(() => String, { nullable: true, description: 'Why; kept with the status and in the audit log.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

@ArgsType()
export class RenewArgs extends WorkstreamIdArgs {
  @Field(() => Int, { nullable: true, description: 'The new cycle year; defaults to the next one.' })
  @IsOptional()
  @IsInt()
  @Min(2006)
  @Max(2100)
  cycleYear?: number;
}
