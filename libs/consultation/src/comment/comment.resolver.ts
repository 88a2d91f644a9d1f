import { Args, ArgsType, Context, Field, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { type Actor, CurrentActor, OptionalActor, Public, SignedIn, actorOfContext } from '@intersessional/access';
import { BY_CREATION, ConnectionArgs, IsNotBlank, type RequestContext, toConnection, toPageRequest } from '@intersessional/graphql';
import { Client, type ClientInfo } from '@intersessional/identity';
import { AnswerService } from '../answers/answer.service';
import { ConsultationLoaders } from '../consultation.loaders';
import { toCommentModel, toPeriodModel } from '../consultation.mapper';
import { FlagReason, ModerationService } from '../moderation/moderation.service';
import { renderBodyHtml } from './comment-body';
import { AnchorKind, Disposition } from './comment.entity';
import {
  AnchorStatus,
  CommentConnection,
  CommentIdArgs,
  CommentModel,
  CommentModerationModel,
  CommentRevisionModel,
  EditCommentInput,
  LiveAnchorModel,
  ReplyInput,
  SubmitCommentInput,
} from './comment.model';
import { CommentRepository } from './comment.repository';
import { CommentService, type Submitted } from './comment.service';
import { CommentPeriodModel } from '../period/comment-period.model';
import { CommentPeriodService } from '../period/comment-period.service';
import { holdReasonCode } from '../moderation/hold-reason';

@ArgsType()
class FlagArgs extends CommentIdArgs {
  @Field(() => FlagReason)
  @IsEnum(FlagReason)
  reason!: FlagReason;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@ArgsType()
class ModerationArgs extends CommentIdArgs {
  @Field({ description: 'Kept in the record.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  reason!: string;
}

@ArgsType()
class AnswerArgs extends CommentIdArgs {
  @Field(() => Disposition)
  @IsEnum(Disposition)
  disposition!: Disposition;

  @Field({ description: 'The public response.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(20_000)
  response!: string;

  @Field(() => ID, { nullable: true, description: 'The version that addressed the comment.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a version id' })
  addressedVersionId?: string;
}

@ArgsType()
class ApplySuggestionArgs extends CommentIdArgs {
  @Field({ nullable: true, description: 'Apply even though the passage was edited since (after ANCHOR_CHANGED).' })
  @IsOptional()
  @IsBoolean()
  confirmChanged?: boolean;

  @Field(() => String, { nullable: true, description: 'Public response; a default one is recorded otherwise.' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: 'must not be blank; leave it out for the default response' })
  @MaxLength(20_000)
  response?: string;
}

@ArgsType()
class RepliesArgs extends ConnectionArgs {}

/** A guest sees their tracking number in the answer to their submission. */
const toSubmittedModel = ({ comment, trackingNumber }: Submitted): CommentModel => ({ ...toCommentModel(comment), trackingNumber });

@Resolver(() => CommentModel)
export class CommentResolver {
  constructor(
    private readonly comments: CommentService,
    private readonly rows: CommentRepository,
    private readonly moderationService: ModerationService,
    private readonly answers: AnswerService,
    private readonly loaders: ConsultationLoaders,
    private readonly periods: CommentPeriodService,
  ) {}

  /** Policy: public comments for everyone; others for their author and the facilitators (NOT_FOUND otherwise). */
  @Public()
  @Query(() => CommentModel)
  async comment(@Args() { id }: CommentIdArgs, @OptionalActor() actor: Actor | null) {
    return toCommentModel(await this.comments.visible(actor, id));
  }

  /** Policy: the signed-in person's own comments and replies only. */
  @SignedIn()
  @Query(() => CommentConnection, { description: 'Your comments and replies in every period and state, newest first.' })
  async myComments(@Args() args: RepliesArgs, @CurrentActor() actor: Actor) {
    const page = toPageRequest(args, BY_CREATION);
    const [rows, total] = await Promise.all([this.rows.pageByAuthor(actor.userId, page), this.rows.countByAuthor(actor.userId)]);
    return toConnection(rows, page, total, (c) => [c.createdAt.toISOString(), c.id], toCommentModel);
  }

  /** Policy: anyone who may comment in the open period: signed in, or a guest where the period allows guests. */
  @Public()
  @Mutation(() => CommentModel, { description: 'Comments on a passage, paragraphs or the whole document, optionally suggesting new wording.' })
  async submitComment(@Args('input') input: SubmitCommentInput, @OptionalActor() actor: Actor | null, @Client() client: ClientInfo) {
    return toSubmittedModel(await this.comments.submit(actor, input, { ip: client.ip }));
  }

  /** Policy: anyone who may comment, while the period is open; facilitators (official replies) at any time. */
  @Public()
  @Mutation(() => CommentModel)
  async replyToComment(@Args('input') { commentId, ...content }: ReplyInput, @OptionalActor() actor: Actor | null, @Client() client: ClientInfo) {
    return toSubmittedModel(await this.comments.reply(actor, commentId, content, { ip: client.ip }));
  }

  /** Policy: the author, while the period is open. */
  @SignedIn()
  @Mutation(() => CommentModel, { description: 'Changes your comment; earlier texts are kept.' })
  async editComment(@Args('input') input: EditCommentInput, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.comments.edit(actor, input.id, input.body, input.suggestion));
  }

  /** Policy: the author, while the period is open. */
  @SignedIn()
  @Mutation(() => CommentModel)
  async withdrawComment(@Args() { id }: CommentIdArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.comments.withdraw(actor, id));
  }

  /** Policy: anyone signed in who can see the comment, not its author. */
  @SignedIn()
  @Mutation(() => CommentModel, { description: 'Reports a comment under the Code of Conduct.' })
  async flagComment(@Args() { id, reason, note }: FlagArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.moderationService.flag(actor, id, reason, note ?? null));
  }

  /** Policy: the period's facilitators. */
  @SignedIn()
  @Mutation(() => CommentModel)
  async hideComment(@Args() { id, reason }: ModerationArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.moderationService.hide(actor, id, reason));
  }

  /** Policy: the period's facilitators. */
  @SignedIn()
  @Mutation(() => CommentModel)
  async unhideComment(@Args() { id, reason }: ModerationArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.moderationService.unhide(actor, id, reason));
  }

  /** Policy: the period's facilitators. */
  @SignedIn()
  @Mutation(() => CommentModel, { description: 'Publishes a comment from the moderation queue.' })
  async approveComment(@Args() { id }: CommentIdArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.moderationService.approve(actor, id));
  }

  /** Policy: the period's facilitators. */
  @SignedIn()
  @Mutation(() => CommentModel)
  async rejectComment(@Args() { id, reason }: ModerationArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.moderationService.reject(actor, id, reason));
  }

  /** Policy: the period's facilitators. */
  @SignedIn()
  @Mutation(() => CommentModel, { description: 'Records what was done with a comment, with a public response.' })
  async answerComment(@Args() { id, disposition, response, addressedVersionId }: AnswerArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.answers.answer(actor, id, { disposition, response, addressedVersionId }));
  }

  /** Policy: the period's facilitators. */
  @SignedIn()
  @Mutation(() => CommentModel, { description: 'Applies the suggested wording to the live draft (editors see it live) and records the answer.' })
  async applySuggestion(@Args() { id, confirmChanged, response }: ApplySuggestionArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.answers.applySuggestion(actor, id, { confirmChanged: confirmChanged ?? false, response }));
  }

  /** Policy: as the comment. Rendered only when asked for. */
  @Public()
  @ResolveField(() => String, { description: 'Safe HTML rendering of the body (no HTML from the commenter passes through), in a <div> with dir="auto" and the lang of the comment.' })
  bodyHtml(@Parent() comment: CommentModel): string {
    return renderBodyHtml(comment.body, comment.bodyFormat, comment.language);
  }

  /** Policy: public replies for everyone (plus your own); facilitators see all. */
  @Public()
  @ResolveField(() => CommentConnection, { description: 'Replies, oldest first; load them when the reader opens the thread.' })
  async replies(@Parent() comment: CommentModel, @Args() args: RepliesArgs, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    const page = toPageRequest(args, BY_CREATION);
    const publicOnly = !(await this.facilitates(comment, actor, ctx));
    const viewer = actor?.userId ?? null;
    const [rows, total] = await Promise.all([this.rows.pageReplies(comment.id, publicOnly, viewer, page), this.rows.countReplies(comment.id, publicOnly, viewer)]);
    return toConnection(rows, page, total, (c) => [c.createdAt.toISOString(), c.id], toCommentModel);
  }

  /** Policy: public replies (facilitators: all); batched across a page of comments. */
  @Public()
  @ResolveField(() => Int)
  async replyCount(@Parent() comment: CommentModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    const publicOnly = !(await this.facilitates(comment, actor, ctx));
    return this.loaders.replyCount(ctx.loaders, publicOnly).load(comment.id);
  }

  /**
   * Policy: workstream members, observers and the Secretariat (the public reads the version); null for
   * others. Written without parameter decorators, so Nest hands it to GraphQL as it is: the answer board
   * asks for it on every row, and the parameter pipeline cost more than the batched projection.
   */
  @Public()
  @ResolveField(() => LiveAnchorModel, { nullable: true, description: "Where the passage is in today's draft: members only." })
  async liveAnchor(comment: CommentModel, _args: unknown, ctx: RequestContext): Promise<LiveAnchorModel | null> {
    if (!comment.anchor || comment.anchor.kind === AnchorKind.DOCUMENT) return comment.anchor ? { status: AnchorStatus.EXACT, startParagraph: null, endParagraph: null, text: null } : null;
    const projection = await this.loaders.liveAnchor(ctx.loaders, actorOfContext(ctx)).load(comment.id);
    if (!projection) return null;
    return {
      status: AnchorStatus[projection.status],
      startParagraph: projection.startParagraph ?? null,
      endParagraph: projection.endParagraph ?? null,
      text: projection.text ?? null,
    };
  }

  /** Policy: the period's facilitators; null for everyone else. */
  @Public()
  @ResolveField(() => CommentModerationModel, { nullable: true })
  async moderation(@Parent() comment: CommentModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext): Promise<CommentModerationModel | null> {
    if (!(await this.facilitates(comment, actor, ctx))) return null;
    const entity = await this.loaders.comment(ctx.loaders).load(comment.id);
    if (!entity) return null;
    const flags = await this.loaders.flags(ctx.loaders).load(comment.id);
    return { heldReason: entity.heldReason, heldReasonCode: holdReasonCode(entity.heldReason), hiddenReason: entity.hiddenReason, hiddenAt: entity.hiddenAt, flags };
  }

  /** Policy: the author and the period's facilitators; empty for everyone else. */
  @Public()
  @ResolveField(() => [CommentRevisionModel], { description: 'Earlier texts, oldest first.' })
  async revisions(@Parent() comment: CommentModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext): Promise<CommentRevisionModel[]> {
    const own = actor !== null && comment.commenter.userId === actor.userId;
    if (!own && !(await this.facilitates(comment, actor, ctx))) return [];
    return this.loaders.revisions(ctx.loaders).load(comment.id);
  }

  /** Policy: as the comment (whoever sees a comment may read its period's title, times and status). */
  @Public()
  @ResolveField(() => CommentPeriodModel, { description: 'The period the comment was made in.' })
  async period(@Parent() comment: CommentModel, @Context() ctx: RequestContext): Promise<CommentPeriodModel> {
    const period = await this.loaders.period(ctx.loaders).load(comment.periodId);
    if (!period) throw new Error(`comment ${comment.id} has no period`);
    return toPeriodModel(period, this.periods.status(period));
  }

  private async facilitates(comment: CommentModel, actor: Actor | null, ctx: RequestContext): Promise<boolean> {
    if (!actor) return false;
    const period = await this.loaders.period(ctx.loaders).load(comment.periodId);
    return period ? this.loaders.canFacilitate(ctx.loaders, actor).load(period.workstreamId) : false;
  }
}
