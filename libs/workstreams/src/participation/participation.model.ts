import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ParticipationCell')
export class ParticipationCellModel {
  @Field({ description: 'A stakeholder group, region or gender value, or NOT_STATED.' })
  category!: string;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  count!: number | null;

  @Field({ description: 'True when the cell is hidden to protect individuals.' })
  suppressed!: boolean;

  @Field({ description: 'What to show: the count, "fewer than 3", or "withheld".' })
  display!: string;
}

@ObjectType('Participation', {
  description: 'Active members by stakeholder group, region and gender; aggregates only, cells under 3 suppressed.',
})
export class ParticipationModel {
  @Field(() => Int)
  totalMembers!: number;

  @Field(() => [ParticipationCellModel])
  byStakeholderGroup!: ParticipationCellModel[];

  @Field(() => [ParticipationCellModel])
  byRegion!: ParticipationCellModel[];

  @Field(() => [ParticipationCellModel])
  byGender!: ParticipationCellModel[];
}
