import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@intersessional/graphql';
import { LifecycleAction } from './lifecycle';
import { CycleOutcome, JoinPolicy, WorkstreamKind, WorkstreamStatus } from './workstream-kind';

@ObjectType('WorkstreamCycle', { description: 'One IGF annual cycle of a BPF or PN.' })
export class WorkstreamCycleModel {
  @Field(() => Int)
  year!: number;

  @Field(() => GraphQLISODateTime)
  startedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  endedAt!: Date | null;

  @Field(() => CycleOutcome, { nullable: true, description: 'Null while the cycle runs.' })
  outcome!: CycleOutcome | null;
}

@ObjectType('Workstream', { description: 'A Best Practice Forum, Policy Network or Dynamic Coalition. Public to read.' })
export class WorkstreamModel {
  @Field(() => ID)
  id!: string;

  @Field(() => WorkstreamKind)
  kind!: WorkstreamKind;

  @Field()
  slug!: string;

  @Field()
  name!: string;

  @Field()
  summary!: string;

  @Field(() => [String])
  topics!: string[];

  @Field(() => String, { nullable: true })
  mailingListUrl!: string | null;

  @Field(() => String, { nullable: true })
  archiveUrl!: string | null;

  @Field(() => Int, { nullable: true, description: 'Current IGF cycle (BPF and PN).' })
  cycleYear!: number | null;

  @Field(() => WorkstreamStatus)
  status!: WorkstreamStatus;

  @Field(() => [String], { description: 'Why the workstream is inactive or declined.' })
  statusReasons!: string[];

  @Field(() => [LifecycleAction], { description: 'Lifecycle actions possible from the current status.' })
  availableActions!: LifecycleAction[];

  @Field(() => JoinPolicy)
  joinPolicy!: JoinPolicy;

  @Field(() => String, { nullable: true, description: 'DCs: the statement of purpose they were proposed with.' })
  statementOfPurpose!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const WorkstreamConnection = Connection(WorkstreamModel, 'Workstream');
