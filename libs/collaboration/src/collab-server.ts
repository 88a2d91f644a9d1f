import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { type WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { DocumentEvents, DocumentPolicy, DocumentRepository, DocumentStore, isEditableStatus } from '@intersessional/documents';
import { PeopleDirectory } from '@intersessional/identity';
import { CloseCode } from './close-codes';
import { CollaborationTokenService } from './collaboration-token.service';
import { CollabFanOut, type PeerMessage } from './fan-out';
import { type Connection, DocumentTooLargeError, MalformedMessageError, Room } from './room';
import { TokenBucket } from './token-bucket';
import { UpdateWriter } from './update-writer';

const PATH = /^\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
const ANY_COLLAB_PATH = /^\/collab(\/|$)/;

/** Whether the sync server claims WebSocket upgrades on this path. */
export const isCollabPath = (pathname: string): boolean => ANY_COLLAB_PATH.test(pathname);
/** How often open connections are re-checked against current roles. */
const RECHECK_MS = 2000;
/** How long shutdown waits for clients to answer the close frame. */
const CLOSE_HANDSHAKE_MS = 1000;

type Access = { allowed: true; writable: boolean } | { allowed: false; code: number; reason: string };

/**
 * The y-websocket sync server at /collab/<documentId>?token=…, on the API's HTTP server. It claims
 * that path only; other upgrade requests are left to other handlers. Written by hand because the
 * protocol server is ours: authentication per connect, read-only enforcement and write-ahead storage
 * are what the stock servers do not do.
 */
@Injectable()
export class CollabServer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('CollabServer');
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Promise<Room>>();
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  private rechecking = false;

  constructor(
    private readonly tokens: CollaborationTokenService,
    private readonly people: PeopleDirectory,
    private readonly documents: DocumentRepository,
    private readonly policy: DocumentPolicy,
    private readonly store: DocumentStore,
    private readonly writer: UpdateWriter,
    private readonly fanOut: CollabFanOut,
    events: DocumentEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // frames over the limit are closed by ws with 1009 "Max payload size exceeded"
    this.wss = new WebSocketServer({ noServer: true, maxPayload: config.COLLAB_MAX_MESSAGE_BYTES });
    events.onStoredUpdate((documentId, update) => {
      void this.rooms.get(documentId)?.then((room) => room.applyStored(update)).catch(() => undefined);
      this.fanOut.publish(documentId, { kind: 'update', update });
    });
  }

  attach(server: Server): void {
    this.timer = setInterval(() => void this.recheck(), RECHECK_MS);
    this.timer.unref();
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!ANY_COLLAB_PATH.test(url.pathname)) return;
      if (this.closing) return void socket.destroy(); // shutting down: the client retries elsewhere or later
      this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, url));
    });
  }

  private async accept(socket: WebSocket, url: URL): Promise<void> {
    // ws reports protocol violations (oversized frame, bad opcode) as an 'error' and closes the socket
    // itself (1009, 1002); without a listener the error would take the whole process down.
    socket.on('error', (error) => this.logger.debug(`socket error: ${error.message}`));
    const buffered: Uint8Array[] = [];
    socket.on('message', (data: Buffer) => buffered.push(new Uint8Array(data)));
    const documentId = PATH.exec(url.pathname)?.[1];
    if (!documentId) return socket.close(CloseCode.NOT_FOUND, 'no such document');
    const claims = this.tokens.verify(url.searchParams.get('token') ?? '');
    if (!claims || claims.documentId !== documentId) return socket.close(CloseCode.UNAUTHENTICATED, 'missing, invalid or expired token');
    const access = await this.access(claims.userId, documentId);
    if (!access.allowed) return socket.close(access.code, access.reason);

    const connection: Connection = { socket, userId: claims.userId, writable: access.writable, clientIds: new Set() };
    const room = await this.room(documentId).catch((error: unknown) => {
      this.logger.error(`could not open ${documentId}: ${String(error)}`);
      return null;
    });
    if (!room) return socket.close(CloseCode.STORAGE_UNAVAILABLE, 'storage unavailable, retry');
    socket.removeAllListeners('message');
    room.join(connection);
    const rate = new TokenBucket(this.config.COLLAB_MAX_UPDATES_PER_SECOND);
    const handle = (data: Uint8Array) => {
      if (!rate.take()) return socket.close(CloseCode.RATE_LIMITED, 'too many messages per second');
      return room.receive(connection, data).catch((error: unknown) => {
        if (error instanceof MalformedMessageError) {
          socket.close(CloseCode.MALFORMED, 'malformed message');
        } else if (error instanceof DocumentTooLargeError) {
          socket.close(CloseCode.DOCUMENT_TOO_LARGE, 'document size limit reached');
        } else {
          this.logger.error(`could not store an update of ${documentId}: ${String(error)}`);
          socket.close(CloseCode.STORAGE_UNAVAILABLE, 'storage unavailable, retry');
        }
      });
    };
    socket.on('message', (data: Buffer) => void handle(new Uint8Array(data)));
    socket.on('close', () => void this.leave(room, connection));
    buffered.forEach((data) => void handle(data));
  }

  /** The current right of `userId` on the document: checked on connect and again every few seconds. */
  private async access(userId: string, documentId: string): Promise<Access> {
    return (await this.rightsOf(new Map([[documentId, [userId]]])))(documentId, userId);
  }

  /**
   * Re-checks every open connection, so a removed member, a disabled account or a document made
   * members-only loses access within RECHECK_MS, and a demoted editor becomes read-only. Three queries
   * per open document (the document, its connected accounts, their roles), however many connections.
   */
  private async recheck(): Promise<void> {
    if (this.rechecking) return; // a slow round (many documents, slow database) is not stacked on
    this.rechecking = true;
    try {
      await this.recheckRooms();
    } finally {
      this.rechecking = false;
    }
  }

  /** Three queries per round, however many documents and connections are open. */
  private async recheckRooms(): Promise<void> {
    const rooms = (await Promise.all([...this.rooms.values()].map((pending) => pending.catch(() => null)))).filter(
      (room): room is Room => room !== null && room.connections.size > 0,
    );
    if (!rooms.length) return;
    const rights = await this.rightsOf(new Map(rooms.map((room) => [room.documentId, [...new Set([...room.connections].map((c) => c.userId))]]))).catch(() => null);
    if (!rights) return; // the database is unreachable: keep the connections, check again later
    for (const room of rooms) {
      for (const connection of room.connections) {
        const access = rights(room.documentId, connection.userId);
        if (!access.allowed) connection.socket.close(access.code, access.reason);
        else connection.writable = access.writable;
      }
    }
  }

  /**
   * The current access of some people to some documents (`people`: document id → user ids), in three
   * queries: the documents, the accounts, the memberships. Used on connect and by the re-check.
   */
  private async rightsOf(people: Map<string, string[]>): Promise<(documentId: string, userId: string) => Access> {
    const userIds = [...new Set([...people.values()].flat())];
    const [documents, accounts] = await Promise.all([this.documents.findByIds([...people.keys()]), this.people.accountsOf(userIds)]);
    const byId = new Map(documents.map((d) => [d.id, d]));
    const rights = await this.policy.rightsOnMany(
      documents.map((document) => ({
        document,
        people: (people.get(document.id) ?? []).flatMap((userId) => {
          const account = accounts.get(userId);
          return account?.active ? [{ userId, platformRole: account.platformRole }] : [];
        }),
      })),
    );
    return (documentId, userId) => {
      if (!accounts.get(userId)?.active) return { allowed: false, code: CloseCode.UNAUTHENTICATED, reason: 'account disabled' };
      const document = byId.get(documentId);
      if (!document) return { allowed: false, code: CloseCode.NOT_FOUND, reason: 'no such document' };
      const right = rights.get(`${documentId}:${userId}`);
      if (!right?.read) return { allowed: false, code: CloseCode.FORBIDDEN, reason: 'not allowed to read this document' };
      return { allowed: true, writable: isEditableStatus(document.status) && right.edit };
    };
  }

  private room(documentId: string): Promise<Room> {
    let room = this.rooms.get(documentId);
    if (!room) {
      room = this.openRoom(documentId);
      this.rooms.set(documentId, room);
      room.catch(() => {
        this.rooms.delete(documentId);
        void this.fanOut.leave(documentId);
      });
    }
    return room;
  }

  /**
   * Subscribes to the other instances first and loads from storage second, so no committed update
   * falls between the two (one that arrives both ways is applied once: Yjs updates are idempotent).
   */
  private async openRoom(documentId: string): Promise<Room> {
    let room: Room | null = null;
    const early: PeerMessage[] = [];
    const fromPeer = (message: PeerMessage) => {
      if (!room) return void early.push(message);
      if (message.kind === 'update') room.applyStored(message.update);
      else room.applyPeerAwareness(message.update);
    };
    await this.fanOut.join(documentId, { message: fromPeer, resync: () => room && void this.resync(room) });
    const state = await this.store.load(documentId);
    const persist = async (update: Uint8Array, connection: Connection) => {
      await this.writer.write(documentId, connection.userId, update);
      this.fanOut.publish(documentId, { kind: 'update', update }); // committed: peers may show it
    };
    room = new Room(documentId, state, persist, { maxDocumentBytes: this.config.COLLAB_MAX_DOCUMENT_BYTES }, {
      awarenessChanged: (update) => this.fanOut.publish(documentId, { kind: 'awareness', update }),
    });
    early.forEach(fromPeer);
    return room;
  }

  /** Brings an open room up to date with storage after a peer message may have been lost. */
  private async resync(room: Room): Promise<void> {
    try {
      const stored = await this.store.load(room.documentId);
      const missing = Y.encodeStateAsUpdate(stored, Y.encodeStateVector(room.doc));
      stored.destroy();
      room.applyStored(missing);
    } catch (error) {
      this.logger.warn(`could not resync ${room.documentId}: ${String(error)}`);
    }
  }

  /** The last one out unloads the document once its writes are stored. */
  private async leave(room: Room, connection: Connection): Promise<void> {
    room.leave(connection);
    if (room.connections.size) return;
    await room.settled();
    if (room.connections.size || (await this.rooms.get(room.documentId)) !== room) return;
    this.rooms.delete(room.documentId);
    room.destroy();
    await this.fanOut.leave(room.documentId);
  }

  /** Open documents, for tests and metrics. */
  get openDocuments(): number {
    return this.rooms.size;
  }

  /**
   * Closes every live socket with 1001 and waits briefly for the close handshakes, so clients see
   * "going away" and reconnect (to this instance after a restart, or to another one). Must run before
   * the HTTP server is drained: Apollo's drain ends every idle socket, upgraded ones included, and a
   * socket ended without a close frame looks like a network failure (1006) to the client.
   */
  async closeConnections(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.closing = true;
    const closed = [...this.wss.clients].map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.close(CloseCode.GOING_AWAY, 'server shutting down');
        }),
    );
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, CLOSE_HANDSHAKE_MS).unref())]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.closeConnections();
    await this.writer.drain();
    this.wss.close();
  }
}
