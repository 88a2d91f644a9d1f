import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import type { RequestContext } from '@intersessional/graphql';
import { toTreeHeadModel } from '@intersessional/record-store';
import { CommentModel } from '../comment/comment.model';
import { ConsultationLoaders } from '../consultation.loaders';
import { CommentReceipts } from './comment-receipts';
import { CommentRecordReceiptModel } from './record.model';

@Resolver(() => CommentModel)
export class CommentReceiptResolver {
  constructor(
    private readonly receipts: CommentReceipts,
    private readonly loaders: ConsultationLoaders,
  ) {}

  /**
   * Policy: the author only — signed in as the comment's account, or a guest holding the comment as
   * their submission or their private link returned it (`trackingNumber` is set on those paths only);
   * null for everyone else, facilitators included (the salts would open a hidden text to the public).
   */
  @Public()
  @ResolveField(() => CommentRecordReceiptModel, {
    nullable: true,
    description: 'For the author: the receipt of this comment’s current text in the period’s record, complete at once (a head is signed if none covers it yet).',
  })
  async recordReceipt(@Parent() comment: CommentModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext): Promise<CommentRecordReceiptModel | null> {
    const author = comment.commenter.userId !== null ? actor?.userId === comment.commenter.userId : Boolean(comment.trackingNumber);
    if (!author) return null;
    const entity = await this.loaders.comment(ctx.loaders).load(comment.id);
    const issued = entity && (await this.receipts.loader(ctx.loaders).load(entity));
    if (!issued) return null;
    const { receipt } = issued;
    return {
      receipt: {
        version: receipt.version,
        entryIndex: receipt.entryIndex,
        leafHash: receipt.leafHash,
        salt: receipt.salt,
        treeHead: toTreeHeadModel(issued.head),
        inclusionProof: [...(receipt.inclusionProof ?? [])],
      },
      entry: issued.entry.entry,
      openings: Object.entries(issued.openings).map(([name, part]) => ({ name, salt: part.salt, value: part.value as Record<string, unknown> })),
    };
  }
}
