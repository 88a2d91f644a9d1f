import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, OptionalActor, Public, SignedIn } from '@intersessional/access';
import { BY_CREATION, type RequestContext, badInput, toConnection, toPageRequest } from '@intersessional/graphql';
import type { PageRequest } from '@intersessional/database';
import { DocumentModel } from '@intersessional/documents';
import { WorkstreamModel } from '@intersessional/workstreams';
import { CommentConnection, CommenterSummaryConnection, CommentsFilterArgs } from '../comment/comment.model';
import type { StakeholderGroup } from '@intersessional/identity';
import { CommentRepository } from '../comment/comment.repository';
import { toCommentModel, toPeriodModel } from '../consultation.mapper';
import { ConsultationLoaders } from '../consultation.loaders';
import { Anchoring } from '../comment/anchoring';
import { type CommentPeriodEntity, PeriodStatus } from './comment-period.entity';
import { SynthesisModel } from '../synthesis/synthesis.model';
import { SynthesisService } from '../synthesis/synthesis.service';
import {
  CommentPeriodConnection,
  CommentPeriodModel,
  CreateCallForContributionsInput,
  CreateCommentPeriodInput,
  ExtendPeriodArgs,
  ParagraphCommentsArgs,
  PeriodIdArgs,
  PeriodParagraphModel,
  PeriodsArgs,
  ReasonArgs,
  UpdateCommentPeriodInput,
} from './comment-period.model';
import { CommentPeriodService } from './comment-period.service';

const required = <T>(value: T | undefined, field: string): T => {
  if (value === undefined || value === null) throw badInput(field, 'is required');
  return value;
};

/** The settings a new period must have (the input type shares optional fields with updates). */
const settings = (input: { title?: string; timeZone?: string; opensAt?: Date; closesAt?: Date }) => ({
  title: required(input.title, 'title'),
  timeZone: input.timeZone ?? 'UTC',
  opensAt: required(input.opensAt, 'opensAt'),
  closesAt: required(input.closesAt, 'closesAt'),
});

@Resolver(() => CommentPeriodModel)
export class CommentPeriodResolver {
  constructor(
    private readonly periods: CommentPeriodService,
    private readonly commentRows: CommentRepository,
    private readonly anchoring: Anchoring,
    private readonly loaders: ConsultationLoaders,
    private readonly synthesisService: SynthesisService,
  ) {}

  private model(period: CommentPeriodEntity): CommentPeriodModel {
    return toPeriodModel(period, this.periods.status(period));
  }

  /** Policy: scheduled periods are public (within the document's visibility); drafts for facilitators only. */
  @Public()
  @Query(() => CommentPeriodModel)
  async commentPeriod(@Args() { id }: PeriodIdArgs, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    const period = await this.periods.readable(actor, id);
    // its comments' fields (live anchors, moderation, the period) need not read it again
    this.loaders.period(ctx.loaders).prime(period.id, period);
    return this.model(period);
  }

  /** Policy: facilitators and lead experts of the document's workstream, or the Secretariat. */
  @SignedIn()
  @Mutation(() => CommentPeriodModel, { description: 'Opens a draft to public comment on a frozen version (optionally freezing it now).' })
  async createCommentPeriod(@Args('input') input: CreateCommentPeriodInput, @CurrentActor() actor: Actor) {
    return this.model(await this.periods.createOnDocument(actor, { ...input, ...settings(input) }));
  }

  /** Policy: facilitators and lead experts of the workstream, or the Secretariat. */
  @SignedIn()
  @Mutation(() => CommentPeriodModel, { description: 'A call for contributions, not tied to a document.' })
  async createCallForContributions(@Args('input') input: CreateCallForContributionsInput, @CurrentActor() actor: Actor) {
    return this.model(await this.periods.createCall(actor, { ...input, ...settings(input) }));
  }

  /** Policy: facilitators; until the period opens. */
  @SignedIn()
  @Mutation(() => CommentPeriodModel)
  async updateCommentPeriod(@Args('input') { id, schedule, ...changes }: UpdateCommentPeriodInput, @CurrentActor() actor: Actor) {
    return this.model(await this.periods.updateAndSchedule(actor, id, changes, schedule ?? false));
  }

  /** Policy: facilitators. */
  @SignedIn()
  @Mutation(() => CommentPeriodModel, { description: 'Draft → scheduled: it opens and closes by itself at its times.' })
  async scheduleCommentPeriod(@Args() { id }: PeriodIdArgs, @CurrentActor() actor: Actor) {
    return this.model(await this.periods.schedule(actor, id));
  }

  /** Policy: facilitators. */
  @SignedIn()
  @Mutation(() => CommentPeriodModel, { description: 'A later closing time; everyone who commented is told.' })
  async extendCommentPeriod(@Args() { id, closesAt, reason }: ExtendPeriodArgs, @CurrentActor() actor: Actor) {
    return this.model(await this.periods.extend(actor, id, closesAt, reason ?? null));
  }

  /** Policy: facilitators. */
  @SignedIn()
  @Mutation(() => CommentPeriodModel)
  async closeCommentPeriodEarly(@Args() { id, reason }: ReasonArgs, @CurrentActor() actor: Actor) {
    return this.model(await this.periods.closeEarly(actor, id, reason ?? null));
  }

  /** Policy: facilitators; every comment answered, or a reason given. */
  @SignedIn()
  @Mutation(() => CommentPeriodModel, { description: 'Publishes the synthesis of a closed period.' })
  async publishSynthesis(@Args() { id, reason }: ReasonArgs, @CurrentActor() actor: Actor) {
    return this.model(await this.periods.publishSynthesis(actor, id, reason ?? null));
  }

  /** Policy: as the period. */
  @Public()
  @ResolveField(() => [PeriodParagraphModel], { description: 'The version under comment, paragraph by paragraph, with public comment counts (empty for calls).' })
  async paragraphs(@Parent() period: CommentPeriodModel, @Context() ctx: RequestContext): Promise<PeriodParagraphModel[]> {
    if (!period.versionId) return [];
    const [{ index }, counts] = await Promise.all([this.anchoring.versionText(period.versionId), this.loaders.paragraphCounts(ctx.loaders).load(period.id)]);
    return index.blocks.map((b) => ({ number: b.number, blockId: b.blockId, type: b.type, text: b.text, commentCount: b.number ? counts.get(b.number) ?? 0 : 0 }));
  }

  /** Policy: as the period; public comments (facilitators see all). */
  @Public()
  @ResolveField(() => Int, { description: 'Comments on the whole document (paragraph 0) or the call.' })
  async documentCommentCount(@Parent() period: CommentPeriodModel, @Context() ctx: RequestContext) {
    return (await this.loaders.paragraphCounts(ctx.loaders).load(period.id)).get(0) ?? 0;
  }

  /** Policy: public comments for everyone; facilitators see every comment of the paragraph. */
  @Public()
  @ResolveField(() => CommentConnection, { description: "One paragraph's comments, oldest first (0: the whole document). Replies load per comment." })
  async paragraphComments(@Parent() period: CommentPeriodModel, @Args() args: ParagraphCommentsArgs, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    const page = toPageRequest(args, BY_CREATION);
    const publicOnly = !(await this.loaders.canFacilitate(ctx.loaders, actor).load(period.workstreamId));
    const [rows, total] = await Promise.all([
      this.commentRows.pageOnParagraph(period.id, args.paragraph, publicOnly, page),
      this.commentRows.countOnParagraph(period.id, args.paragraph, publicOnly),
    ]);
    this.loaders.primeComments(ctx.loaders, rows);
    return toConnection(rows, page, total, (c) => [c.createdAt.toISOString(), c.id], toCommentModel);
  }

  /** Policy: public comments for everyone (plus your own); facilitators see all and may filter by answer, state, report. */
  @Public()
  @ResolveField(() => CommentConnection, { description: 'Top-level comments, oldest first.' })
  async comments(@Parent() period: CommentPeriodModel, @Args() args: CommentsFilterArgs, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    const page = toPageRequest(args, BY_CREATION);
    const facilitator = await this.loaders.canFacilitate(ctx.loaders, actor).load(period.workstreamId);
    const filter = facilitator
      ? { publicOnly: false, unanswered: args.unanswered, state: args.state, hidden: args.hidden, flagged: args.flagged, commenterKey: args.commenterKey }
      : { publicOnly: true, includeAuthor: actor?.userId ?? null, commenterKey: args.commenterKey };
    const [rows, total] = await Promise.all([this.commentRows.page(period.id, filter, page), this.commentRows.count(period.id, filter)]);
    this.loaders.primeComments(ctx.loaders, rows);
    return toConnection(rows, page, total, (c) => [c.createdAt.toISOString(), c.id], toCommentModel);
  }

  /** Policy: as the period; public comments only (facilitators: all). */
  @Public()
  @ResolveField(() => CommenterSummaryConnection, { description: 'Who commented, by name, with their number of comments: the "comments by commenter" view.' })
  async commenters(@Parent() period: CommentPeriodModel, @Args() args: PeriodsArgs, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    const page = toPageRequest(args, ['text', 'text']);
    const publicOnly = !(await this.loaders.canFacilitate(ctx.loaders, actor).load(period.workstreamId));
    const [rows, total] = await Promise.all([this.commentRows.commenters(period.id, publicOnly, page), this.commentRows.countCommenters(period.id, publicOnly)]);
    return toConnection(rows, page, total, (r) => [r.sortName, r.key], (r) => ({ ...r, stakeholderGroup: r.stakeholderGroup as StakeholderGroup }));
  }

  /** Policy: facilitators at any time; everyone once the synthesis is published; null otherwise. */
  @Public()
  @ResolveField(() => SynthesisModel, { nullable: true })
  async synthesis(@Parent() period: CommentPeriodModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    const facilitator = await this.loaders.canFacilitate(ctx.loaders, actor).load(period.workstreamId);
    if (!facilitator && period.status !== PeriodStatus.SYNTHESIS_PUBLISHED) return null;
    return this.synthesisService.of(period.id, !facilitator);
  }

  /** Policy: signed-in viewers learn whether they run this period (clients show the facilitator tools). */
  @Public()
  @ResolveField(() => Boolean)
  async viewerCanFacilitate(@Parent() period: CommentPeriodModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext) {
    return this.loaders.canFacilitate(ctx.loaders, actor).load(period.workstreamId);
  }
}

const periodConnection = (periods: CommentPeriodService, { rows, total }: { rows: CommentPeriodEntity[]; total: number }, page: PageRequest) =>
  toConnection(rows, page, total, (p) => [p.createdAt.toISOString(), p.id], (p) => toPeriodModel(p, periods.status(p)));

@Resolver(() => WorkstreamModel)
export class WorkstreamPeriodsResolver {
  constructor(private readonly periods: CommentPeriodService) {}

  /** Policy: the periods the viewer may read (drafts for facilitators only). */
  @Public()
  @ResolveField(() => CommentPeriodConnection, { description: 'Comment periods and calls for contributions, newest first.' })
  async commentPeriods(@Parent() workstream: WorkstreamModel, @Args() args: PeriodsArgs, @OptionalActor() actor: Actor | null) {
    const page = toPageRequest(args, BY_CREATION);
    return periodConnection(this.periods, await this.periods.readablePage(actor, workstream.id, undefined, page), page);
  }
}

@Resolver(() => DocumentModel)
export class DocumentPeriodsResolver {
  constructor(private readonly periods: CommentPeriodService) {}

  /** Policy: as the document; drafts for facilitators only. */
  @Public()
  @ResolveField(() => CommentPeriodConnection, { description: 'Comment periods on this document, newest first.' })
  async commentPeriods(@Parent() document: DocumentModel, @Args() args: PeriodsArgs, @OptionalActor() actor: Actor | null) {
    const page = toPageRequest(args, BY_CREATION);
    return periodConnection(this.periods, await this.periods.readablePage(actor, document.workstreamId, document.id, page), page);
  }
}
