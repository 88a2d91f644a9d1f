import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { AwarenessTooLargeError, DocumentTooDeepError, DocumentTooLargeError, MalformedMessageError, StorageUnavailableError } from './collaboration.errors';
import type { Connection } from './connection';
import { DecodedStructs, NestingGuard } from './nesting-guard';
import { MESSAGE_AWARENESS, Presence } from './presence';

/** y-websocket message types (awareness is MESSAGE_AWARENESS). */
const MESSAGE_SYNC = 0;
const MESSAGE_QUERY_AWARENESS = 3;

/** An update on its way into the document. */
interface Incoming {
  update: Uint8Array;
  /** The connection that sent it, or the server (an update stored elsewhere). */
  origin: Connection | 'server';
  /** Its structs, held against the nesting limit until the update is applied or dropped. */
  structs: DecodedStructs | null;
  /** Unknown while its commit runs. */
  outcome: null | 'stored' | { error: Error };
  /** Settles once it is applied, or rejects when it could not be stored or applied. */
  applied: Promise<void>;
  done(): void;
  fail(error: unknown): void;
}

export type Persist = (update: Uint8Array, connection: Connection) => Promise<void>;

export interface RoomLimits {
  maxDocumentBytes: number;
  maxAwarenessBytes: number;
  /** How deeply shared types may nest (MAX_NESTING in production). */
  maxNesting: number;
}

export interface RoomHooks {
  /** Cursor and presence changes made here, for the other instances. */
  awarenessChanged?(update: Uint8Array): void;
  /** A document update frame went to `sockets` sockets (for metrics). */
  delivered?(sockets: number): void;
}

/**
 * One open document: its Y.Doc (only ever containing stored updates), presence, and connections.
 * Incoming updates go through `persist` (the write-ahead log) before they touch the doc; the doc's
 * update event then broadcasts them, encoded once, to every other connection.
 */
export class Room {
  readonly presence: Presence;
  readonly connections = new Set<Connection>();
  /** Updates on their way in, in arrival (and so log) order: each is applied once stored, never before. */
  private readonly incoming: Incoming[] = [];
  private applyScheduled = false;
  /** What a joiner with nothing is sent (sync step 2 of the whole document), encoded once per version. */
  private wholeState: Uint8Array | null = null;
  /** Stored size: the loaded state plus every update since (an upper bound of the encoded size). */
  private bytes: number;
  private readonly nesting: NestingGuard;

  private readonly delivered: (sockets: number) => void;

  constructor(
    readonly documentId: string,
    /** The document as loaded from storage; the room owns it from now on. */
    readonly doc: Y.Doc,
    private readonly persist: Persist,
    private readonly limits: RoomLimits,
    hooks: RoomHooks = {},
  ) {
    this.bytes = Y.encodeStateAsUpdate(doc).byteLength;
    this.delivered = hooks.delivered ?? (() => undefined);
    this.nesting = new NestingGuard(doc, limits.maxNesting);
    this.presence = new Presence(doc, limits.maxAwarenessBytes, {
      broadcast: (message) => this.broadcast(message, null),
      changed: hooks.awarenessChanged,
    });
    // any transaction, even one that only parked updates waiting for others, may change what a joiner gets
    this.doc.on('afterTransaction', () => {
      this.wholeState = null;
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.delivered(this.broadcast(encoding.toUint8Array(encoder), origin));
    });
  }

  join(connection: Connection): void {
    this.connections.add(connection);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    connection.send(encoding.toUint8Array(encoder));
    const presence = this.presence.snapshot();
    if (presence) connection.send(presence);
  }

  leave(connection: Connection): void {
    this.connections.delete(connection);
    this.presence.leave(connection);
  }

  /**
   * Handles one frame; rejects with MalformedMessageError for anything it cannot decode. Async, so a
   * hostile frame can only ever reject, never throw into the socket's event handler.
   */
  async receive(connection: Connection, data: Uint8Array): Promise<void> {
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) return await this.receiveSync(connection, decoder);
      if (type === MESSAGE_AWARENESS) return this.presence.receive(connection, decoding.readVarUint8Array(decoder));
      if (type === MESSAGE_QUERY_AWARENESS) return this.presence.query(connection, (message) => connection.send(message));
      throw new MalformedMessageError(`unknown message type ${type}`);
    } catch (error) {
      if (
        error instanceof MalformedMessageError ||
        error instanceof StorageUnavailableError ||
        error instanceof DocumentTooLargeError ||
        error instanceof DocumentTooDeepError ||
        error instanceof AwarenessTooLargeError
      ) {
        throw error;
      }
      throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
    }
  }

  private receiveSync(connection: Connection, decoder: decoding.Decoder): Promise<void> {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      connection.send(this.syncStep2(decoding.readVarUint8Array(decoder)), true);
      return Promise.resolve();
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      throw new MalformedMessageError(`unknown sync step ${step}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (!connection.writable) return Promise.resolve(); // read-only: never applied, never stored
    const decoded = Y.decodeUpdate(update); // throws on a malformed update, before anything is stored
    // Every y-websocket client answers the server's sync step 1 with a step 2, empty when it has nothing
    // new: storing it would write a row each time someone merely opens the document.
    if (!decoded.structs.length && !decoded.ds.clients.size) return Promise.resolve();
    const structs = new DecodedStructs(decoded.structs);
    if (this.bytes + update.byteLength > this.limits.maxDocumentBytes) {
      throw new DocumentTooLargeError(`document would exceed ${this.limits.maxDocumentBytes} bytes`);
    }
    if (!this.nesting.admit(structs)) throw new DocumentTooDeepError(`document would nest deeper than ${this.limits.maxNesting}`);
    this.bytes += update.byteLength;
    // Stored at once (updates arriving together share a group commit), applied in arrival order, each
    // only after its own commit: the write-ahead rule holds and a busy document is not limited to one
    // commit at a time.
    const item = this.enqueue(update, connection, structs);
    this.persist(update, connection).then(
      () => this.settle(item, null),
      (error: unknown) => this.settle(item, new StorageUnavailableError(String(error))),
    );
    return item.applied;
  }

  /** Applies an update the server already stored (import, restore, accepted suggestion) and broadcasts it. */
  applyStored(update: Uint8Array): void {
    this.bytes += update.byteLength;
    this.settle(this.enqueue(update, 'server', null), null);
  }

  /** Resolves when every update received so far is stored and applied (or failed). */
  settled(): Promise<void> {
    return this.incoming.at(-1)?.applied.catch(() => undefined) ?? Promise.resolve();
  }

  /** Sync step 2 for a client holding `stateVector`: the whole document is encoded once per version. */
  private syncStep2(stateVector: Uint8Array): Uint8Array {
    const whole = Y.decodeStateVector(stateVector).size === 0;
    if (whole && this.wholeState) return this.wholeState;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    const message = encoding.toUint8Array(encoder);
    if (whole) this.wholeState = message;
    return message;
  }

  private enqueue(update: Uint8Array, origin: Connection | 'server', structs: DecodedStructs | null): Incoming {
    let done!: () => void;
    let fail!: (error: unknown) => void;
    const applied = new Promise<void>((resolve, reject) => {
      done = resolve;
      fail = reject;
    });
    applied.catch(() => undefined); // the caller handles it; never an unhandled rejection meanwhile
    const item: Incoming = { update, origin, structs, outcome: null, applied, done, fail };
    this.incoming.push(item);
    return item;
  }

  /**
   * Records an update's commit (or its failure) and applies, once the commits that resolved together
   * have all been recorded (process.nextTick runs after the promise callbacks of this turn), every
   * update at the head of the queue whose commit is known.
   */
  private settle(item: Incoming, error: Error | null): void {
    item.outcome = error ? { error } : 'stored';
    if (this.applyScheduled) return;
    this.applyScheduled = true;
    process.nextTick(() => this.applyReady());
  }

  /**
   * The updates of one group commit go into the document in one transaction, so each reader gets one
   * merged frame (the doc's update event) instead of one per update. The frame skips the writer when
   * all of it is theirs; when several wrote, each gets it (Yjs ignores what it already holds, as the
   * y-websocket server's readers always do).
   */
  private applyReady(): void {
    this.applyScheduled = false;
    const ready: Incoming[] = [];
    while (this.incoming.length && this.incoming[0].outcome) ready.push(this.incoming.shift() as Incoming);
    const stored = ready.filter((item) => item.outcome === 'stored');
    const origins = new Set(stored.map((item) => item.origin));
    const failures = new Map<Incoming, unknown>();
    if (stored.length) {
      this.doc.transact(
        () => {
          for (const item of stored) {
            try {
              Y.applyUpdate(this.doc, item.update);
            } catch (error) {
              failures.set(item, error);
            }
          }
        },
        origins.size === 1 ? stored[0].origin : null,
      );
    }
    for (const item of ready) {
      if (item.structs) this.nesting.release(item.structs); // the document (or nothing, if not stored) answers for it now
      const outcome = item.outcome;
      if (outcome !== 'stored' && outcome) item.fail(outcome.error);
      else if (failures.has(item)) item.fail(failures.get(item));
      else item.done();
    }
  }

  /** Cursor and presence changes from another instance's clients. */
  applyPeerAwareness(update: Uint8Array): void {
    this.presence.applyPeer(update);
  }

  /** Encoded once by the caller; the same buffer goes to every connection. */
  private broadcast(message: Uint8Array, except: unknown): number {
    let sent = 0;
    for (const connection of this.connections) {
      if (connection === except) continue;
      connection.send(message);
      sent += 1;
    }
    return sent;
  }

  destroy(): void {
    this.presence.destroy();
    this.doc.destroy();
  }
}
