import { ArgsType, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection, ConnectionArgs } from '@intersessional/graphql';
import { NotificationKind } from './notification-kind';

@ObjectType('Notification', { description: 'Something that happened which concerns the signed-in person.' })
export class NotificationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true, description: 'Where to look: a path in the web app, or an absolute URL.' })
  link!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Ids of what it is about: periodId, commentId, workstreamId, …' })
  data!: Record<string, string>;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was marked read; null while unread.' })
  readAt!: Date | null;
}

export const NotificationConnection = Connection(NotificationModel, 'Notification');

@ArgsType()
export class NotificationsArgs extends ConnectionArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only unread notifications (default false).' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

export const MAX_MARK_READ = 100;

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { description: `Up to ${MAX_MARK_READ} of your notifications; other ids are ignored.` })
  @IsArray()
  @ArrayMaxSize(MAX_MARK_READ)
  @IsUUID('all', { each: true, message: 'must be notification ids' })
  ids!: string[];
}
