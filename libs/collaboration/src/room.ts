import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';

/** y-websocket message types. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

export interface Connection {
  socket: WebSocket;
  userId: string;
  writable: boolean;
  /** Awareness client ids this connection announced, removed when it leaves. */
  clientIds: Set<number>;
  /** Awareness throttling: when the last one was applied, and the newest one waiting. */
  awarenessAt?: number;
  awarenessPending?: Uint8Array;
  awarenessTimer?: NodeJS.Timeout;
}

/** Cursor and presence updates are applied at most this often per connection; the newest one wins. */
export const AWARENESS_INTERVAL_MS = 100;

export type Persist = (update: Uint8Array, connection: Connection) => Promise<void>;

export class MalformedMessageError extends Error {}

/** The update could not be stored; it was neither applied nor broadcast. */
export class StorageUnavailableError extends Error {}

/** The update would grow the document past its size limit; refused before storage. */
export class DocumentTooLargeError extends Error {}

export interface RoomLimits {
  maxDocumentBytes: number;
}

/** Origin of changes that came from another instance: applied and shown here, never sent back. */
const PEER = Symbol('peer');

export interface RoomHooks {
  /** Cursor and presence changes made here, for the other instances. */
  awarenessChanged?(update: Uint8Array): void;
}

/**
 * One open document: its Y.Doc (only ever containing stored updates), awareness, and connections.
 * Incoming updates go through `persist` (the write-ahead log) before they touch the doc; the doc's
 * update event then broadcasts them, encoded once, to every other connection.
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  /** Serialises store-then-apply per document, so the doc applies updates in log order. */
  private pipeline: Promise<void> = Promise.resolve();
  /** Stored size: the loaded state plus every update since (an upper bound of the encoded size). */
  private bytes: number;

  constructor(
    readonly documentId: string,
    /** The document as loaded from storage; the room owns it from now on. */
    readonly doc: Y.Doc,
    private readonly persist: Persist,
    private readonly limits: RoomLimits,
    private readonly hooks: RoomHooks = {},
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.bytes = Y.encodeStateAsUpdate(doc).byteLength;
    this.awareness.setLocalState(null); // the server has no cursor
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder), origin);
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const source = [...this.connections].find((c) => c === origin);
      if (source) {
        added.forEach((id) => source.clientIds.add(id));
        removed.forEach((id) => source.clientIds.delete(id));
      }
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, update);
      this.broadcast(encoding.toUint8Array(encoder), null);
      if (origin !== PEER) this.hooks.awarenessChanged?.(update);
    });
  }

  join(connection: Connection): void {
    this.connections.add(connection);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(connection, encoding.toUint8Array(encoder));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) this.send(connection, this.awarenessMessage(states));
  }

  leave(connection: Connection): void {
    this.connections.delete(connection);
    if (connection.awarenessTimer) clearTimeout(connection.awarenessTimer);
    if (connection.clientIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.clientIds], null);
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
      if (type === MESSAGE_AWARENESS) {
        this.receiveAwareness(connection, decoding.readVarUint8Array(decoder));
        return;
      }
      if (type === MESSAGE_QUERY_AWARENESS) {
        this.send(connection, this.awarenessMessage([...this.awareness.getStates().keys()]));
        return;
      }
      throw new MalformedMessageError(`unknown message type ${type}`);
    } catch (error) {
      if (error instanceof MalformedMessageError || error instanceof StorageUnavailableError || error instanceof DocumentTooLargeError) throw error;
      throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
    }
  }

  /** Applies at most one awareness update per interval per connection, keeping the newest. */
  private receiveAwareness(connection: Connection, update: Uint8Array): void {
    const wait = (connection.awarenessAt ?? 0) + AWARENESS_INTERVAL_MS - Date.now();
    if (wait <= 0 && !connection.awarenessTimer) {
      connection.awarenessAt = Date.now();
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
      return;
    }
    connection.awarenessPending = update;
    connection.awarenessTimer ??= setTimeout(() => {
      connection.awarenessTimer = undefined;
      const pending = connection.awarenessPending;
      connection.awarenessPending = undefined;
      if (pending && this.connections.has(connection)) {
        connection.awarenessAt = Date.now();
        awarenessProtocol.applyAwarenessUpdate(this.awareness, pending, connection);
      }
    }, Math.max(wait, 0));
  }

  private receiveSync(connection: Connection, decoder: decoding.Decoder): Promise<void> {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, this.doc, decoding.readVarUint8Array(decoder));
      this.send(connection, encoding.toUint8Array(encoder));
      return Promise.resolve();
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      throw new MalformedMessageError(`unknown sync step ${step}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (!connection.writable) return Promise.resolve(); // read-only: never applied, never stored
    Y.decodeUpdate(update); // throws on a malformed update, before anything is stored
    if (this.bytes + update.byteLength > this.limits.maxDocumentBytes) {
      throw new DocumentTooLargeError(`document would exceed ${this.limits.maxDocumentBytes} bytes`);
    }
    this.bytes += update.byteLength;
    // Stored at once (updates arriving together share a group commit), applied in arrival order, each
    // only after its own commit: the write-ahead rule holds and a busy document is not limited to one
    // commit at a time.
    const stored = this.persist(update, connection).catch((error: unknown) => {
      throw new StorageUnavailableError(String(error));
    });
    stored.catch(() => undefined); // handled below, in order; never an unhandled rejection meanwhile
    const work = this.pipeline.then(async () => {
      await stored;
      Y.applyUpdate(this.doc, update, connection);
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
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PEER);
  }

  /** Resolves when every update received so far is stored and applied. */
  settled(): Promise<void> {
    return this.pipeline;
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  /** Encoded once by the caller; the same buffer goes to every connection. */
  private broadcast(message: Uint8Array, except: unknown): void {
    for (const connection of this.connections) if (connection !== except) this.send(connection, message);
  }

  private send(connection: Connection, message: Uint8Array): void {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(message);
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
