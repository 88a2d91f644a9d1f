import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { REDIS, REDIS_OPTIONS, type RedisOptions } from '@intersessional/redis';

/** What crosses instances: a stored document update, or an awareness (cursor) update. */
export type PeerMessage = { kind: 'update'; update: Uint8Array } | { kind: 'awareness'; update: Uint8Array };

export interface PeerHandlers {
  message(message: PeerMessage): void;
  /** A message from a peer may have been missed: reload the document from storage. */
  resync(): void;
}

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;

/**
 * Carries document updates between API instances over Redis pub/sub, one channel per open document.
 *
 * It only ever carries updates that are already committed to the update log (the sync server publishes
 * after the write-ahead commit), so every instance keeps the invariant that no client sees an edit the
 * server could lose. Pub/sub is lossy by design, so each message carries the sender's instance id and a
 * per-document sequence number: a gap, or a reconnect of the subscriber, makes the receiving room
 * reload from storage, which holds everything. Written by hand: the Yjs Redis adapters we know of
 * (y-redis, Hocuspocus' Redis extension) bring their own storage model and would bypass ours.
 *
 * Without Redis (one instance) every method is a no-op.
 */
@Injectable()
export class CollabFanOut implements OnApplicationShutdown {
  private readonly logger = new Logger('CollabFanOut');
  readonly instanceId = randomUUID();
  private readonly subscriber: Redis | null;
  private readonly handlers = new Map<string, PeerHandlers>();
  /** Per joined document: this instance's stream id for it (instance and join) and its last sequence number. */
  private readonly sent = new Map<string, { stream: string; seq: number }>();
  private joins = 0;
  /** Last sequence number seen per document and sending instance. */
  private readonly seen = new Map<string, Map<string, number>>();
  private connectedOnce = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(REDIS_OPTIONS) private readonly options: RedisOptions,
  ) {
    this.subscriber = redis?.duplicate({ connectionName: `${options.keyPrefix}collab-subscriber-${this.instanceId}`, lazyConnect: false }) ?? null;
    this.subscriber?.on('error', (error) => this.logger.warn(`Redis subscriber: ${error.message}`));
    this.subscriber?.on('ready', () => {
      // ioredis re-subscribes by itself; whatever was published meanwhile is missing here
      if (this.connectedOnce) for (const handlers of this.handlers.values()) handlers.resync();
      this.connectedOnce = true;
    });
    this.subscriber?.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.receive(channel.toString(), payload));
  }

  get enabled(): boolean {
    return this.subscriber !== null;
  }

  private channel(documentId: string): string {
    return `${this.options.keyPrefix}collab:${documentId}`;
  }

  /** Resolves once peers' messages for the document are being delivered to `handlers`. */
  async join(documentId: string, handlers: PeerHandlers): Promise<void> {
    if (!this.subscriber) return;
    this.handlers.set(documentId, handlers);
    this.seen.set(documentId, new Map());
    this.sent.set(documentId, { stream: `${this.instanceId}/${++this.joins}`, seq: 0 });
    await this.subscriber.subscribe(this.channel(documentId));
  }

  async leave(documentId: string): Promise<void> {
    if (!this.subscriber) return;
    this.handlers.delete(documentId);
    this.seen.delete(documentId);
    this.sent.delete(documentId);
    await this.subscriber.unsubscribe(this.channel(documentId)).catch(() => undefined);
  }

  /** Tells peers about an update that is committed to the log, or about an awareness change. */
  publish(documentId: string, message: PeerMessage): void {
    if (!this.redis) return;
    // documents this instance does not hold open (a server-side edit) are sent unsequenced: seq 0
    const sent = this.sent.get(documentId);
    if (sent) sent.seq += 1;
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, sent?.stream ?? this.instanceId);
    encoding.writeVarUint(encoder, sent?.seq ?? 0);
    encoding.writeVarUint(encoder, message.kind === 'update' ? KIND_UPDATE : KIND_AWARENESS);
    encoding.writeVarUint8Array(encoder, message.update);
    // a failed publish leaves a gap in the sequence; the peer notices it with the next message and resyncs
    this.redis.publish(this.channel(documentId), Buffer.from(encoding.toUint8Array(encoder))).catch((error: unknown) => {
      this.logger.warn(`could not publish to peers: ${String(error)}`);
    });
  }

  private receive(channel: string, payload: Buffer): void {
    const documentId = channel.slice(channel.lastIndexOf(':') + 1);
    const handlers = this.handlers.get(documentId);
    const seen = this.seen.get(documentId);
    if (!handlers || !seen) return;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(payload));
      const sender = decoding.readVarString(decoder);
      if (sender.startsWith(this.instanceId)) return;
      const seq = decoding.readVarUint(decoder);
      const kind = decoding.readVarUint(decoder);
      const update = decoding.readVarUint8Array(decoder);
      const last = seq === 0 ? undefined : seen.get(sender);
      if (seq !== 0) seen.set(sender, seq);
      if (kind === KIND_UPDATE) handlers.message({ kind: 'update', update });
      else if (kind === KIND_AWARENESS) handlers.message({ kind: 'awareness', update });
      // the first message of a stream we have not heard from since joining cannot show a gap: the
      // room loaded from storage after subscribing, so anything committed earlier is in what it loaded
      if (last !== undefined && seq !== last + 1) handlers.resync();
    } catch (error) {
      this.logger.warn(`ignored a malformed peer message on ${channel}: ${String(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber && this.subscriber.status !== 'end') await this.subscriber.quit().catch(() => this.subscriber?.disconnect());
  }
}
