import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, OptionalActor, Public } from '@intersessional/access';
import { EventBus } from '@intersessional/events';
import { ConsultationEvents } from '../consultation.events';
import { toCommentModel } from '../consultation.mapper';
import { PeriodIdArgs } from '../period/comment-period.model';
import { CommentPeriodService } from '../period/comment-period.service';
import { CommentModel } from './comment.model';
import { isPublic } from './comment.repository';

const topic = (periodId: string) => `consultation.comments:${periodId}`;

/** A comment as it crosses the event bus (JSON: dates arrive as strings). */
type Wire = Omit<CommentModel, 'createdAt' | 'updatedAt' | 'withdrawnAt' | 'suggestionAppliedAt' | 'answer'> & {
  createdAt: string;
  updatedAt: string;
};

const fromWire = (c: Wire): CommentModel => ({ ...c, createdAt: new Date(c.createdAt), updatedAt: new Date(c.updatedAt), withdrawnAt: null, suggestionAppliedAt: null, answer: null });

/** Publishes every comment the moment the public may see it (at submission, or when approved), after commit. */
@Injectable()
export class CommentFeed implements OnModuleInit {
  constructor(
    private readonly events: ConsultationEvents,
    private readonly bus: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.listen(async (event) => {
      if (event.type === 'comment.submitted' || event.type === 'comment.published') {
        if (isPublic(event.comment)) await this.bus.publish(topic(event.period.id), toCommentModel(event.comment));
      } else if (event.type === 'comment.replied' && isPublic(event.reply)) {
        await this.bus.publish(topic(event.period.id), toCommentModel(event.reply));
      }
    });
  }

  stream(periodId: string) {
    return this.bus.subscribe<Wire>(topic(periodId));
  }
}

@Resolver(() => CommentModel)
export class CommentFeedResolver {
  constructor(
    private readonly feed: CommentFeed,
    private readonly periods: CommentPeriodService,
  ) {}

  /** Policy: whoever may read the period; only comments the public may see are streamed. */
  @Public()
  @Subscription(() => CommentModel, {
    description: 'New public comments and replies of a period, live (graphql-ws on /graphql).',
    resolve: (comment: Wire) => fromWire(comment),
  })
  async commentAdded(@Args() { id }: PeriodIdArgs, @OptionalActor() actor: Actor | null) {
    await this.periods.readable(actor, id);
    return this.feed.stream(id);
  }
}
