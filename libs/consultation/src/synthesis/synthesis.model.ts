import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SynthesisCell', {
  description: 'One category of a breakdown. Suppressed when fewer than 3 of its commenters did not make the attribute public (gender: never public), or when such a cell could be recovered from the others.',
})
export class SynthesisCellModel {
  @Field({ description: 'A stakeholder group, UN region or gender value, or NOT_STATED.' })
  category!: string;

  @Field(() => Int, { nullable: true, description: 'Distinct commenters; null when suppressed.' })
  commenters!: number | null;

  @Field(() => Int, { nullable: true, description: 'Comments; null when suppressed.' })
  comments!: number | null;

  @Field()
  suppressed!: boolean;

  @Field({ description: 'What to show: the count, "fewer than 3", "withheld" or "at least N" (N: the people the public list already shows).' })
  display!: string;
}

@ObjectType('DispositionCount')
export class DispositionCountModel {
  @Field({ description: 'A disposition; without one, UNANSWERED (waiting for an answer) or HIDDEN (hidden by a moderator: it needs none).' })
  disposition!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ParagraphSynthesis', { description: 'How contested a paragraph was (0: the whole document).' })
export class ParagraphSynthesisModel {
  @Field(() => Int)
  paragraph!: number;

  @Field(() => Int)
  comments!: number;

  @Field(() => Int)
  suggestions!: number;

  @Field(() => Int, { description: 'Accepted or partly accepted.' })
  accepted!: number;

  @Field(() => Int)
  notAccepted!: number;

  @Field(() => Int)
  unanswered!: number;
}

@ObjectType('CommentCluster', { description: 'Identical or near-identical comments (e.g. a campaign); every submission is kept and counted.' })
export class CommentClusterModel {
  @Field(() => Int)
  size!: number;

  @Field(() => Int, { description: 'Members that are word-for-word the same as another member.' })
  identical!: number;

  @Field(() => [ID], { description: 'The comments in the cluster.' })
  commentIds!: string[];

  @Field({ description: 'The start of the first comment.' })
  excerpt!: string;
}

@ObjectType('Synthesis', { description: 'Who commented and what was done with it; public once published, facilitators any time.' })
export class SynthesisModel {
  @Field(() => Int)
  totalComments!: number;

  @Field(() => Int)
  totalCommenters!: number;

  @Field(() => [SynthesisCellModel])
  byStakeholderGroup!: SynthesisCellModel[];

  @Field(() => [SynthesisCellModel])
  byRegion!: SynthesisCellModel[];

  @Field(() => [SynthesisCellModel])
  byGender!: SynthesisCellModel[];

  @Field(() => [DispositionCountModel])
  byDisposition!: DispositionCountModel[];

  @Field(() => [ParagraphSynthesisModel])
  byParagraph!: ParagraphSynthesisModel[];

  @Field(() => [CommentClusterModel])
  clusters!: CommentClusterModel[];
}
