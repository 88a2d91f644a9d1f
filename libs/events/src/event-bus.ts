import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS, REDIS_OPTIONS, type RedisOptions } from '@intersessional/redis';
import { EventStream } from './event-stream';

interface Topic {
  streams: Set<EventStream<unknown>>;
  /** The Redis channel subscription is confirmed (at once without Redis). */
  live: boolean;
}

/**
 * Publish/subscribe between the parts of the API and across its instances, for GraphQL subscriptions
 * (`notificationAdded`, new public comments, …). Without Redis, events stay in this process; with
 * Redis (REDIS_URL) every instance receives them, through one subscriber connection per instance and
 * one channel per topic that has subscribers here.
 *
 * Payloads cross as JSON in both modes, so subscribers see the same shapes either way (a Date arrives
 * as an ISO string). Redis pub/sub delivers at most once: an instance whose subscriber connection is
 * down misses what is published meanwhile. Publish only what is committed, and keep the record in the
 * database: a subscription is a live hint; clients re-read the list when they reconnect.
 *
 * In a resolver: `@Subscription(() => Thing, { resolve: (payload) => toModel(payload) })` returning
 * `this.events.subscribe(topic)`; the `filter` option works on the same payloads.
 */
@Injectable()
export class EventBus implements OnApplicationShutdown {
  private readonly logger = new Logger('EventBus');
  private readonly topics = new Map<string, Topic>();
  private readonly subscriber: Redis | null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(REDIS_OPTIONS) private readonly options: RedisOptions,
  ) {
    this.subscriber = redis?.duplicate({ connectionName: `${options.keyPrefix}events-subscriber`, lazyConnect: false }) ?? null;
    this.subscriber?.on('error', (error: Error) => this.logger.warn(`Redis subscriber: ${error.message}`));
    this.subscriber?.on('message', (channel: string, message: string) => this.deliver(channel.slice(this.prefix.length), message));
  }

  private get prefix(): string {
    return `${this.options.keyPrefix}events:`;
  }

  /** Sends `payload` (JSON-serialisable) to every subscriber of `topic`, on every instance. */
  async publish(topic: string, payload: unknown): Promise<void> {
    const message = JSON.stringify(payload);
    if (this.redis) await this.redis.publish(this.prefix + topic, message);
    else this.deliver(topic, message);
  }

  /** The topic's events from now on, until the iterator's `return()`. */
  subscribe<T>(topic: string): EventStream<T> {
    let entry = this.topics.get(topic);
    if (!entry) {
      entry = { streams: new Set(), live: false };
      this.topics.set(topic, entry);
      this.listen(topic, entry);
    }
    const stream: EventStream<T> = new EventStream<T>(() => this.detach(topic, stream as EventStream<unknown>));
    entry.streams.add(stream as EventStream<unknown>);
    return stream;
  }

  /** Whether events published now on any instance reach this instance's subscribers of `topic`. */
  listening(topic: string): boolean {
    return this.topics.get(topic)?.live ?? false;
  }

  /** Number of open subscriptions to `topic` on this instance. */
  subscriberCount(topic: string): number {
    return this.topics.get(topic)?.streams.size ?? 0;
  }

  private listen(topic: string, entry: Topic): void {
    if (!this.subscriber) {
      entry.live = true;
      return;
    }
    this.subscriber.subscribe(this.prefix + topic).then(
      () => {
        // a later subscribe/unsubscribe of the same topic replaced this entry: its state is its own
        if (this.topics.get(topic) === entry) entry.live = true;
      },
      (error: unknown) => this.logger.warn(`could not subscribe to ${topic}: ${String(error)}`),
    );
  }

  private detach(topic: string, stream: EventStream<unknown>): void {
    const entry = this.topics.get(topic);
    if (!entry?.streams.delete(stream) || entry.streams.size > 0) return;
    this.topics.delete(topic);
    this.subscriber?.unsubscribe(this.prefix + topic).catch(() => undefined);
  }

  private deliver(topic: string, message: string): void {
    const entry = this.topics.get(topic);
    if (!entry) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch {
      this.logger.warn(`dropped a malformed event on ${topic}`);
      return;
    }
    for (const stream of entry.streams) stream.push(payload);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const entry of [...this.topics.values()]) for (const stream of [...entry.streams]) stream.end();
    if (this.subscriber && this.subscriber.status !== 'end') {
      await this.subscriber.quit().catch(() => this.subscriber?.disconnect());
    }
  }
}
