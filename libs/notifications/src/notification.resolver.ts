import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { type Actor, CurrentActor, SignedIn } from '@intersessional/access';
import { BY_CREATION, toConnection, toPageRequest } from '@intersessional/graphql';
import { type NotificationEvent, fromNotificationEvent, toNotificationModel } from './notification.mapper';
import { MarkNotificationsReadArgs, NotificationConnection, NotificationModel, NotificationsArgs } from './notification.model';
import { NotificationService } from './notification.service';

/** Everything here is the signed-in person's own: no argument names another person. */
@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @SignedIn()
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  async notifications(@Args() args: NotificationsArgs, @CurrentActor() actor: Actor) {
    const page = toPageRequest(args, BY_CREATION);
    const { rows, total } = await this.service.list(actor, args.unreadOnly ?? false, page);
    return toConnection(rows, page, total, (row) => [row.createdAt.toISOString(), row.id], toNotificationModel);
  }

  @SignedIn()
  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@CurrentActor() actor: Actor) {
    return this.service.unreadCount(actor);
  }

  @SignedIn()
  @Mutation(() => Int, { description: 'Marks your notifications read; ids of others are ignored. Returns how many changed.' })
  markNotificationsRead(@Args() { ids }: MarkNotificationsReadArgs, @CurrentActor() actor: Actor) {
    return this.service.markRead(actor, ids);
  }

  @SignedIn()
  @Mutation(() => Int, { description: 'Marks all your notifications read. Returns how many changed.' })
  markAllNotificationsRead(@CurrentActor() actor: Actor) {
    return this.service.markAllRead(actor);
  }

  @SignedIn()
  @Subscription(() => NotificationModel, {
    description: 'Your new notifications as they are created (graphql-ws on /graphql).',
    resolve: (event: NotificationEvent) => fromNotificationEvent(event),
  })
  notificationAdded(@CurrentActor() actor: Actor) {
    return this.service.added(actor);
  }
}
