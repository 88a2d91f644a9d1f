import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsISO31661Alpha2, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { Connection, ConnectionArgs, IsLanguageTag, IsNotBlank, Trim } from '@intersessional/graphql';
import { StakeholderGroup } from '@intersessional/identity';
import { AnchorKind, BodyFormat, CommentState, Disposition, SpeakingFor } from './comment.entity';
import { HoldReason } from '../moderation/hold-reason';

export enum AnchorStatus {
  EXACT = 'EXACT',
  MOVED = 'MOVED',
  CHANGED = 'CHANGED',
  ORPHANED = 'ORPHANED',
}
registerEnumType(HoldReason, { name: 'HoldReason', description: 'Why a comment waits for a moderator.' });

registerEnumType(AnchorStatus, {
  name: 'AnchorStatus',
  description: "Where the commented passage is in today's draft: EXACT same text and place, MOVED same text elsewhere, CHANGED edited since, ORPHANED deleted.",
});

@ObjectType('TextQuote', { description: 'The commented text with a little context, as in the version.' })
export class TextQuoteModel {
  @Field()
  exact!: string;

  @Field()
  prefix!: string;

  @Field()
  suffix!: string;
}

@ObjectType('CommentAnchor', { description: 'What a comment is on, in the frozen version.' })
export class CommentAnchorModel {
  @Field(() => AnchorKind)
  kind!: AnchorKind;

  @Field(() => Int, { nullable: true })
  startParagraph!: number | null;

  @Field(() => Int, { nullable: true })
  endParagraph!: number | null;

  @Field(() => String, { nullable: true })
  startBlockId!: string | null;

  @Field(() => Int, { nullable: true })
  startOffset!: number | null;

  @Field(() => String, { nullable: true })
  endBlockId!: string | null;

  @Field(() => Int, { nullable: true })
  endOffset!: number | null;

  @Field(() => TextQuoteModel, { nullable: true })
  quote!: TextQuoteModel | null;
}

@ObjectType('LiveAnchor', { description: "The commented passage in today's draft." })
export class LiveAnchorModel {
  @Field(() => AnchorStatus)
  status!: AnchorStatus;

  @Field(() => Int, { nullable: true })
  startParagraph!: number | null;

  @Field(() => Int, { nullable: true })
  endParagraph!: number | null;

  @Field(() => String, { nullable: true, description: "Today's text of the passage." })
  text!: string | null;
}

@ObjectType('Commenter', { description: 'Who spoke, as they were when they commented.' })
export class CommenterModel {
  @Field({ description: 'Stable within the period: the same person has the same key (for the by-commenter view).' })
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  organisation!: string | null;

  @Field(() => StakeholderGroup)
  stakeholderGroup!: StakeholderGroup;

  /** Resolved by CommenterResolver.country: shown only where the commenter chose to show it. */
  country!: string | null;

  /** Resolved by CommenterResolver.region, as the country. */
  region!: string | null;

  @Field({ description: 'Whether the commenter chose to show their country and UN region with the comment.' })
  countryPublic!: boolean;

  /** The comment's period (for the facilitators' view of undisclosed attributes). */
  periodId!: string;

  @Field(() => SpeakingFor)
  speakingFor!: SpeakingFor;

  @Field({ description: 'Commented as a guest, without an account.' })
  guest!: boolean;

  @Field(() => ID, { nullable: true })
  userId!: string | null;
}

@ObjectType('CommentAnswer', { description: 'What the facilitators did with the comment, published with the synthesis.' })
export class CommentAnswerModel {
  @Field(() => Disposition)
  disposition!: Disposition;

  @Field()
  response!: string;

  @Field(() => ID, { nullable: true })
  addressedVersionId!: string | null;

  @Field(() => GraphQLISODateTime)
  answeredAt!: Date;
}

@ObjectType('Comment', { description: 'A comment, a reply or a submission to a call.' })
export class CommentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  periodId!: string;

  @Field(() => ID, { nullable: true, description: 'Set on replies.' })
  parentId!: string | null;

  @Field(() => CommentAnchorModel, { nullable: true, description: 'Null on replies.' })
  anchor!: CommentAnchorModel | null;

  @Field({ description: 'As written; render `bodyHtml` rather than this as HTML.' })
  body!: string;

  @Field(() => BodyFormat)
  bodyFormat!: BodyFormat;

  @Field({ description: 'BCP 47.' })
  language!: string;

  @Field(() => CommenterModel)
  commenter!: CommenterModel;

  @Field({ description: "A facilitator's reply." })
  official!: boolean;

  @Field(() => String, { nullable: true, description: 'Proposed replacement text for the anchored passage.' })
  suggestion!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  suggestionAppliedAt!: Date | null;

  @Field(() => [String])
  links!: string[];

  @Field(() => CommentState)
  state!: CommentState;

  @Field({ description: 'Whether the commenter agreed to publish it; without consent only facilitators see it.' })
  consentToPublish!: boolean;

  @Field({ description: 'Received after the inclusion cut-off.' })
  late!: boolean;

  @Field()
  hidden!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => CommentAnswerModel, { nullable: true })
  answer!: CommentAnswerModel | null;

  @Field(() => Int, { description: 'How many times it was edited.' })
  editCount!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  /** Set where the viewer is the guest themselves (their submission, their private link); see GuestCommentResolver. */
  trackingNumber?: string | null;
}

export const CommentConnection = Connection(CommentModel, 'Comment');

@ObjectType('CommenterSummary', { description: 'Someone who commented in a period, and how many comments they made.' })
export class CommenterSummaryModel {
  @Field({ description: 'Pass it as comments(commenterKey:) for their comments.' })
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  organisation!: string | null;

  @Field(() => StakeholderGroup)
  stakeholderGroup!: StakeholderGroup;

  @Field()
  guest!: boolean;

  @Field(() => Int)
  comments!: number;
}

export const CommenterSummaryConnection = Connection(CommenterSummaryModel, 'CommenterSummary');

@ObjectType('CommentModeration', { description: 'Facilitators only: why it is held, hidden or rejected, and its reports.' })
export class CommentModerationModel {
  @Field(() => String, { nullable: true, description: 'Why it waits for a moderator, as recorded (English).' })
  heldReason!: string | null;

  @Field(() => HoldReason, { nullable: true, description: 'Why it waits for a moderator, as a code to show in the reader’s language.' })
  heldReasonCode!: HoldReason | null;

  @Field(() => String, { nullable: true })
  hiddenReason!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  hiddenAt!: Date | null;

  @Field(() => [FlagCountModel], { description: 'Open reports per reason (reports dismissed when the comment was kept are left out).' })
  flags!: FlagCountModel[];
}

@ObjectType('FlagCount')
export class FlagCountModel {
  @Field()
  reason!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('CommentRevision', { description: 'An earlier text of an edited comment.' })
export class CommentRevisionModel {
  @Field(() => Int)
  revision!: number;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true })
  suggestion!: string | null;

  @Field(() => GraphQLISODateTime)
  editedAt!: Date;
}

// ---------- inputs ----------

@InputType()
export class PointInput {
  @Field(() => Int, { nullable: true, description: 'Paragraph number in the version…' })
  @IsOptional()
  @IsInt()
  @Min(1)
  paragraph?: number;

  @Field(() => String, { nullable: true, description: '…or the block id (headings too).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  blockId?: string;

  @Field(() => Int, { description: "Character offset in the paragraph's text." })
  @IsInt()
  @Min(0)
  offset!: number;
}

@InputType()
export class CommentAnchorInput {
  @Field(() => AnchorKind)
  @IsEnum(AnchorKind)
  kind!: AnchorKind;

  @Field(() => PointInput, { nullable: true, description: 'RANGE: where the passage starts.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PointInput)
  start?: PointInput;

  @Field(() => PointInput, { nullable: true, description: 'RANGE: where it ends (exclusive).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PointInput)
  end?: PointInput;

  @Field(() => Int, { nullable: true, description: 'PARAGRAPHS: first paragraph number.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  fromParagraph?: number;

  @Field(() => Int, { nullable: true, description: 'PARAGRAPHS: last paragraph number (defaults to the first).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  toParagraph?: number;
}

@InputType()
export class GuestInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  @Field({ description: 'Never published; used to tell you about answers.' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @IsNotBlank()
  @MaxLength(300)
  organisation!: string;

  @Field(() => StakeholderGroup)
  @IsEnum(StakeholderGroup)
  stakeholderGroup!: StakeholderGroup;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' })
  @IsOptional()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code' })
  country?: string;
}

@InputType({ isAbstract: true })
class CommentContentInput {
  @Field()
  @IsString()
  @IsNotBlank()
  @MaxLength(20_000)
  body!: string;

  @Field(() => BodyFormat, { nullable: true, description: 'Defaults to PLAIN.' })
  @IsOptional()
  @IsEnum(BodyFormat)
  bodyFormat?: BodyFormat;

  @Field({ description: 'BCP 47 language of the comment.' })
  @IsLanguageTag()
  language!: string;

  @Field(() => SpeakingFor)
  @IsEnum(SpeakingFor)
  speakingFor!: SpeakingFor;

  @Field(() => String, { nullable: true, description: 'For this comment; defaults to your profile.' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotBlank({ message: 'must not be blank; leave it out to use your profile' })
  @MaxLength(300)
  organisation?: string;

  @Field(() => StakeholderGroup, { nullable: true, description: 'Defaults to your profile.' })
  @IsOptional()
  @IsEnum(StakeholderGroup)
  stakeholderGroup?: StakeholderGroup;

  @Field({ description: 'Publish it with your name, organisation and stakeholder group; without consent only the facilitators see it.' })
  @IsBoolean()
  consentToPublish!: boolean;

  @Field({ nullable: true, description: 'Show your country and UN region with the comment (default false: they are then only counted in suppressed aggregates).' })
  @IsOptional()
  @IsBoolean()
  showCountry?: boolean;

  @Field(() => GuestInput, { nullable: true, description: 'Guests (not signed in), where the period allows them.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GuestInput)
  guest?: GuestInput;

  @Field(() => String, {
    nullable: true,
    description:
      'A UUID the client makes once per form. Sending the same key again (a double-click, a retry) returns the first comment instead of making another; the same key with different content is CONFLICT.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  clientKey?: string;
}

@InputType()
export class SubmitCommentInput extends CommentContentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a comment period id' })
  periodId!: string;

  @Field(() => CommentAnchorInput)
  @ValidateNested()
  @Type(() => CommentAnchorInput)
  anchor!: CommentAnchorInput;

  @Field(() => String, { nullable: true, description: 'Proposed replacement text for the anchored passage.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  suggestion?: string;
}

@InputType()
export class ReplyInput extends CommentContentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a comment id' })
  commentId!: string;
}

@InputType()
export class EditCommentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a comment id' })
  id!: string;

  @Field()
  @IsString()
  @IsNotBlank()
  @MaxLength(20_000)
  body!: string;

  @Field(() => String, { nullable: true, description: 'Omit to keep the suggestion; null to remove it.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  suggestion?: string | null;
}

@ArgsType()
export class CommentIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a comment id' })
  id!: string;
}

@ArgsType()
export class CommentsFilterArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Facilitators: only comments without an answer.' })
  @IsOptional()
  @IsBoolean()
  unanswered?: boolean;

  @Field(() => CommentState, { nullable: true, description: 'Facilitators: PENDING is the moderation queue.' })
  @IsOptional()
  @IsEnum(CommentState)
  state?: CommentState;

  @Field({ nullable: true, description: 'Facilitators: hidden (true) or not hidden (false) only.' })
  @IsOptional()
  @IsBoolean()
  hidden?: boolean;

  @Field({ nullable: true, description: 'Facilitators: comments with open reports only (keepComment dismisses them).' })
  @IsOptional()
  @IsBoolean()
  flagged?: boolean;

  @Field({ nullable: true, description: 'One commenter’s comments (Commenter.key).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  commenterKey?: string;
}
