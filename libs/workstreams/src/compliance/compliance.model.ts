import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { WorkstreamModel } from '../workstream/workstream.model';
import { ComplianceCriterion } from './compliance';
import { DcFilingKind } from './dc-filing.entity';
import { IsNotBlank, Trim } from '@intersessional/graphql';

@ObjectType('ComplianceCriterionResult')
export class CriterionResultModel {
  @Field(() => ComplianceCriterion)
  criterion!: ComplianceCriterion;

  @Field({ description: 'False when the requirement does not apply (then it counts as met).' })
  applies!: boolean;

  @Field()
  met!: boolean;

  @Field()
  detail!: string;
}

@ObjectType('DcCompliance', { description: 'A Dynamic Coalition against the minimum requirements, computed from the data.' })
export class DcComplianceModel {
  @Field(() => WorkstreamModel)
  workstream!: WorkstreamModel;

  @Field(() => Int, { description: 'The cycle whose annual report is required.' })
  reportingYear!: number;

  @Field()
  compliant!: boolean;

  @Field(() => [CriterionResultModel])
  criteria!: CriterionResultModel[];
}

@ObjectType('DcComplianceCheckResult')
export class ComplianceCheckResultModel {
  @Field(() => Int)
  reportingYear!: number;

  @Field(() => [DcComplianceModel], { description: 'Every active DC checked.' })
  checked!: DcComplianceModel[];

  @Field(() => [WorkstreamModel], { description: 'DCs moved to inactive, with the reasons on each.' })
  deactivated!: WorkstreamModel[];
}

@ObjectType('DcFiling', { description: 'An annual report, session request or session report filed by a DC.' })
export class DcFilingModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DcFilingKind)
  kind!: DcFilingKind;

  @Field(() => Int)
  year!: number;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => ID, { nullable: true, description: 'The platform document that is the report, when it was written here.' })
  documentId!: string | null;

  @Field(() => GraphQLISODateTime)
  filedAt!: Date;
}

@InputType()
export class FileDcRecordInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a workstream id' })
  workstreamId!: string;

  @Field(() => DcFilingKind)
  @IsEnum(DcFilingKind)
  kind!: DcFilingKind;

  @Field(() => Int, { description: 'The cycle the report covers, or the meeting year of the session requested.' })
  @IsInt()
  @Min(2006)
  @Max(2100)
  year!: number;

  @Field()
  @Trim()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Link to the report (required for reports).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(1000)
  url?: string | null;
}

@ArgsType()
export class ReportingYearArgs {
  @Field(() => Int, { nullable: true, description: 'Defaults to last calendar year.' })
  @IsOptional()
  @IsInt()
  @Min(2006)
  @Max(2100)
  reportingYear?: number;
}
