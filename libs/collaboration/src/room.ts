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
}

/**
 * One open document: its Y.Doc (only ever containing stored updates), presence, and connections.
 * Incoming updates go through `persist` (the write-ahead log) before they touch the doc; the doc's
 * update event then broadcasts them, encoded once, to every other connection.
 */
export class Room {
  readonly presence: Presence;
  readonly connections = new Set<Connection>();
  /** Serialises store-then-apply per document, so the doc applies updates in log order. */
  private pipeline: Promise<void> = Promise.resolve();
  /** Stored size: the loaded state plus every update since (an upper bound of the encoded size). */
  private bytes: number;
  private readonly nesting: NestingGuard;

  constructor(
    readonly documentId: string,
    /** The document as loaded from storage; the room owns it from now on. */
    readonly doc: Y.Doc,
    private readonly persist: Persist,
    private readonly limits: RoomLimits,
    hooks: RoomHooks = {},
  ) {
    this.bytes = Y.encodeStateAsUpdate(doc).byteLength;
    this.nesting = new NestingGuard(doc, limits.maxNesting);
    this.presence = new Presence(doc, limits.maxAwarenessBytes, {
      broadcast: (message) => this.broadcast(message, null),
      changed: hooks.awarenessChanged,
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder), origin);
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
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, this.doc, decoding.readVarUint8Array(decoder));
      connection.send(encoding.toUint8Array(encoder), true);
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
    const stored = this.persist(update, connection).catch((error: unknown) => {
      throw new StorageUnavailableError(String(error));
    });
    stored.catch(() => undefined); // handled below, in order; never an unhandled rejection meanwhile
    const work = this.pipeline.then(async () => {
      try {
        await stored;
        Y.applyUpdate(this.doc, update, connection);
      } finally {
        this.nesting.release(structs); // the document (or nothing, if not stored) answers for it now
      }
    });
    this.pipeline = work.catch(() => undefined);
    return work;
  }

  /** Applies an update the server already stored (import, restore, accepted suggestion) and broadcasts it. */
  applyStored(update: Uint8Array): void {
    this.bytes += update.byteLength;
    this.pipeline = this.pipeline.then(() => Y.applyUpdate(this.doc, update, 'server'));
  }

  /** Cursor and presence changes from another instance's clients. */
  applyPeerAwareness(update: Uint8Array): void {
    this.presence.applyPeer(update);
  }

  /** Resolves when every update received so far is stored and applied. */
  settled(): Promise<void> {
    return this.pipeline;
  }

  /** Encoded once by the caller; the same buffer goes to every connection. */
  private broadcast(message: Uint8Array, except: unknown): void {
    for (const connection of this.connections) if (connection !== except) connection.send(message);
  }

  destroy(): void {
    this.presence.destroy();
    this.doc.destroy();
  }
}
