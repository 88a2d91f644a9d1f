import { Module } from '@nestjs/common';
import { EventBus } from './event-bus';

/** Import it where events are published or subscribed to; every importer shares one EventBus. */
@Module({
  providers: [EventBus],
  exports: [EventBus],
})
export class EventsModule {}
