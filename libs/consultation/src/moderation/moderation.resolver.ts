import { ArgsType, Args, Field, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { type Actor, CurrentActor, SignedIn } from '@intersessional/access';
import { IsNotBlank } from '@intersessional/graphql';
import { CommentIdArgs, CommentModel } from '../comment/comment.model';
import { toCommentModel } from '../consultation.mapper';
import { ModerationService } from './moderation.service';

@ArgsType()
class KeepArgs extends CommentIdArgs {
  @Field(() => String, { nullable: true, description: 'Why the reports are unfounded; kept in the record.' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: 'must not be blank; leave it out to keep the comment without a reason' })
  @MaxLength(2000)
  reason?: string;
}

@Resolver(() => CommentModel)
export class ModerationResolver {
  constructor(private readonly moderation: ModerationService) {}

  /** Policy: the period's facilitators (NOT_FOUND otherwise, as for hiding). */
  @SignedIn()
  @Mutation(() => CommentModel, {
    description: 'Keeps a reported comment public: its reports are dismissed (kept in the record) and it leaves the reported comments; a new report brings it back.',
  })
  async keepComment(@Args() { id, reason }: KeepArgs, @CurrentActor() actor: Actor) {
    return toCommentModel(await this.moderation.keep(actor, id, reason ?? null));
  }
}
