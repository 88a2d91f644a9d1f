import DataLoader from 'dataloader';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { type RequestContext, toConnection, toPageRequest } from '@intersessional/graphql';
import { RecordConsistencyProofModel, RecordInclusionProofModel, RecordService, RecordTreeHeadConnection, RecordTreeHeadModel, toTreeHeadModel } from '@intersessional/record-store';
import { CommentPeriodModel } from '../period/comment-period.model';
import { CommentPeriodService } from '../period/comment-period.service';
import { ConsistencyProofArgs, InclusionProofArgs, PeriodRecordModel, RecordHeadsArgs } from './record.model';

@Resolver(() => CommentPeriodModel)
export class CommentPeriodRecordResolver {
  constructor(private readonly records: RecordService) {}

  /** Policy: as the period (public once scheduled); the record holds nothing the public may not see. */
  @Public()
  @ResolveField(() => PeriodRecordModel, { description: 'The period’s verifiable record: its signed heads, for receipts and proofs.' })
  async record(@Parent() period: CommentPeriodModel, @Context() ctx: RequestContext): Promise<PeriodRecordModel> {
    const sizes = ctx.loaders.get('consultation.recordSize', () => new DataLoader(async (ids: readonly string[]) => {
      const found = await this.records.sizes(ids);
      return ids.map((id) => found.get(id) ?? 0);
    }));
    return { periodId: period.id, size: await sizes.load(period.id) };
  }

  /**
   * Policy: as the period. On the period itself rather than on its record, like every connection of the
   * schema, so it is reached by the period's id (the connection-count and input-fuzz walkers rely on that).
   */
  @Public()
  @ResolveField(() => RecordTreeHeadConnection, { description: 'Every signed head of the period’s record, oldest (smallest) first: monitors check each against the one before with recordConsistencyProof.' })
  async recordHeads(@Parent() period: CommentPeriodModel, @Args() args: RecordHeadsArgs) {
    const page = toPageRequest(args, ['serial']);
    const cursor = page.cursor?.[0] as number | undefined;
    const [rows, total] = await Promise.all([
      this.records.headPage(period.id, page.backward ? { before: cursor, limit: page.limit + 1, descending: true } : { after: cursor, limit: page.limit + 1 }),
      this.records.headCount(period.id),
    ]);
    return toConnection(rows, page, total, (h) => [h.treeSize], toTreeHeadModel);
  }
}

@Resolver(() => PeriodRecordModel)
export class PeriodRecordResolver {
  constructor(
    private readonly record: RecordService,
    private readonly periods: CommentPeriodService,
  ) {}

  /** Policy: as the period. Signs a head for the current size first when none covers every entry yet. */
  @Public()
  @ResolveField(() => RecordTreeHeadModel, { nullable: true, description: 'The newest signed head; it covers every entry (null while the record is empty).' })
  async head(@Parent() record: PeriodRecordModel): Promise<RecordTreeHeadModel | null> {
    const head = await this.record.currentHead(record.periodId);
    return head && toTreeHeadModel(head);
  }

  /** Policy: anyone who may read the period. BAD_USER_INPUT when no signed head has `treeSize`, or `index` is outside it. */
  @Public()
  @Query(() => RecordInclusionProofModel, { description: 'Proves that entry `index` is in the period’s record as of the signed head of `treeSize` entries.' })
  async recordInclusionProof(@Args() { periodId, index, treeSize }: InclusionProofArgs, @OptionalActor() actor: Actor | null): Promise<RecordInclusionProofModel> {
    const period = await this.periods.readable(actor, periodId);
    const proof = await this.record.inclusionProof(period.id, index, treeSize);
    return { index, treeSize, leafHash: proof.leafHash, path: proof.path, head: toTreeHeadModel(proof.head) };
  }

  /** Policy: anyone who may read the period. BAD_USER_INPUT unless both sizes are those of signed heads, the first not the larger. */
  @Public()
  @Query(() => RecordConsistencyProofModel, { description: 'Proves that the period’s record of `fromSize` entries is a prefix of its record of `toSize`: nothing was changed or removed in between.' })
  async recordConsistencyProof(@Args() { periodId, fromSize, toSize }: ConsistencyProofArgs, @OptionalActor() actor: Actor | null): Promise<RecordConsistencyProofModel> {
    const period = await this.periods.readable(actor, periodId);
    const proof = await this.record.consistencyProof(period.id, fromSize, toSize);
    return { fromSize, toSize, path: proof.path, from: toTreeHeadModel(proof.from), to: toTreeHeadModel(proof.to) };
  }
}
