import { Args, ArgsType, Context, Field, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { IsNotBlank, type RequestContext } from '@intersessional/graphql';
import { toCommentModel } from '../consultation.mapper';
import { ConsultationLoaders } from '../consultation.loaders';
import { CommentModel } from '../comment/comment.model';
import { GuestReceiptRepository } from './guest-receipt.repository';
import { GuestCommentService, type GuestView } from './guest-comment.service';
import DataLoader from 'dataloader';

@ArgsType()
class GuestTokenArgs {
  @Field({ description: 'The secret from the private link in the receipt e-mail.' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

@ArgsType()
class UpdateGuestCommentArgs extends GuestTokenArgs {
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

const toGuestModel = (view: GuestView): CommentModel => ({ ...toCommentModel(view.comment), trackingNumber: view.trackingNumber });

@Resolver(() => CommentModel)
export class GuestCommentResolver {
  constructor(
    private readonly guests: GuestCommentService,
    private readonly receipts: GuestReceiptRepository,
    private readonly loaders: ConsultationLoaders,
  ) {}

  /** Policy: whoever holds the private link of a guest's receipt (the token is the key); NOT_FOUND otherwise. */
  @Public()
  @Query(() => CommentModel, { description: "A guest's own comment through their private link: in any state, with the answer once given." })
  async guestComment(@Args() { token }: GuestTokenArgs) {
    return toGuestModel(await this.guests.read(token));
  }

  /** Policy: the holder of the private link, under the author's edit rules (period open, not withdrawn). */
  @Public()
  @Mutation(() => CommentModel, { description: "Changes a guest's comment through their private link; earlier texts are kept." })
  async updateGuestComment(@Args() { token, body, suggestion }: UpdateGuestCommentArgs) {
    return toGuestModel(await this.guests.update(token, body, suggestion));
  }

  /** Policy: the holder of the private link, while the period is open. */
  @Public()
  @Mutation(() => CommentModel, { description: "Withdraws a guest's comment through their private link; it stays in the record, marked withdrawn." })
  async withdrawGuestComment(@Args() { token }: GuestTokenArgs) {
    return toGuestModel(await this.guests.withdraw(token));
  }

  /** Policy: the guest (on their receipt and private link) and the period's facilitators; null for everyone else. */
  @Public()
  @ResolveField(() => String, { nullable: true, description: "A guest's receipt number (e.g. IGF-7K3Q-9D): for the guest and the facilitators." })
  async trackingNumber(@Parent() comment: CommentModel, @OptionalActor() actor: Actor | null, @Context() ctx: RequestContext): Promise<string | null> {
    if (comment.trackingNumber) return comment.trackingNumber;
    if (!comment.commenter.guest || !actor) return null;
    const period = await this.loaders.period(ctx.loaders).load(comment.periodId);
    if (!period || !(await this.loaders.canFacilitate(ctx.loaders, actor).load(period.workstreamId))) return null;
    const numbers = ctx.loaders.get('consultation.trackingNumber', () =>
      new DataLoader(async (ids: readonly string[]) => {
        const found = await this.receipts.trackingNumbers(ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
    );
    return numbers.load(comment.id);
  }
}
