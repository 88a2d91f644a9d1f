import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { Metrics } from '@intersessional/metrics';
import { type WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { MAX_NESTING, SCHEMA_VERSION } from '@intersessional/document-schema';
import { Compactor, DocumentEvents, DocumentStore } from '@intersessional/documents';
import { CloseCode, CloseReason } from './close-codes';
import { type CollabClaims, CollaborationTokenService } from './collaboration-token.service';
import { AwarenessTooLargeError, DocumentTooDeepError, DocumentTooLargeError, MalformedMessageError } from './collaboration.errors';
import { AccessEpochRepository } from './access-epoch.repository';
import { type Access, CollabAccess, type Seat, deny } from './collab-access';
import { Connection, closeSocket } from './connection';
import { CollabFanOut, type PeerMessage } from './fan-out';
import { Room } from './room';
import { RoomFolder } from './room-folder';
import { TokenBucket } from './token-bucket';
import { UpdateWriter } from './update-writer';

const PATH = /^\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
const ANY_COLLAB_PATH = /^\/collab(\/|$)/;

/** Whether the sync server claims WebSocket upgrades on this path. */
export const isCollabPath = (pathname: string): boolean => ANY_COLLAB_PATH.test(pathname);
/** How often the access epoch is read: a change reaches open sockets within this. */
const RECHECK_MS = 2000;
/** Every open socket is judged at least this often, epoch or not: sessions that expire by the clock. */
const SWEEP_MS = 30_000;
/** How long shutdown waits for clients to answer the close frame. */
const CLOSE_HANDSHAKE_MS = 1000;

/**
 * The y-websocket sync server at /collab/<documentId>?token=…[&schemaVersion=N], on the API's HTTP server. It claims
 * that path only; other upgrade requests are left to other handlers. Written by hand because the
 * protocol server is ours: authentication per connect, read-only enforcement and write-ahead storage
 * are what the stock servers do not do.
 */
@Injectable()
export class CollabServer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('CollabServer');
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Promise<Room>>();
  /** What keeps each open room's update log short; kept until the room's last fold is done. */
  private readonly folders = new Map<Room, RoomFolder>();
  /** Rooms out of `rooms` (a new connection opens a fresh one) but still folding on their way out. */
  private unloading = 0;
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  private rechecking = false;
  /** The access epoch at the last round, whether it had moved then, and when every socket was last judged. */
  private epoch: string | null = null;
  private epochMoved = false;
  private sweptAt = 0;
  /** Open sockets per account, counted from the moment a token is accepted until the socket closes. */
  private readonly perAccount = new Map<string, number>();
  /** Server-initiated closes by code, for tests and metrics. */
  private readonly closes = new Map<number, number>();
  private readonly observeClose = (code: number) => {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
    this.closed.inc({ code: String(code) });
  };
  private readonly closed;
  private readonly received;
  private readonly delivered;
  private readonly resyncs;

  constructor(
    private readonly tokens: CollaborationTokenService,
    private readonly rights: CollabAccess,
    private readonly epochs: AccessEpochRepository,
    private readonly store: DocumentStore,
    private readonly writer: UpdateWriter,
    private readonly fanOut: CollabFanOut,
    private readonly events: DocumentEvents,
    private readonly compactor: Compactor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    metrics.gauge('collab_connections', 'Sync sockets this instance holds', (g) => g.set(this.openSockets));
    metrics.gauge('collab_open_documents', 'Documents open in memory on this instance', (g) => g.set(this.openDocuments));
    metrics.gauge('collab_buffered_bytes', 'Bytes waiting in sync sockets for clients to read them', (g) => g.set(this.bufferedBytes));
    this.closed = metrics.counter('collab_closes_total', 'Sync sockets the server closed, by close code (4429 rate limited, 4400 malformed, 4408 too slow, …)', ['code']);
    this.received = metrics.counter('collab_updates_stored_total', 'Document updates from clients stored in the update log (write-ahead)');
    this.delivered = metrics.counter('collab_update_frames_sent_total', 'Document update frames sent to sockets (one per socket)');
    this.resyncs = metrics.counter('collab_peer_resyncs_total', 'Rooms reloaded from storage after a message from another instance may have been lost (Redis)');
    // frames over the limit are closed by ws with 1009 "Max payload size exceeded"
    this.wss = new WebSocketServer({ noServer: true, maxPayload: config.COLLAB_MAX_MESSAGE_BYTES });
    events.onStoredUpdate((documentId, update) => {
      void this.rooms
        .get(documentId)
        ?.then((room) => {
          room.applyStored(update);
          this.grew(room);
        })
        .catch(() => undefined);
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
    // Frames that arrive while access is checked wait, within the message budget and the buffer limit.
    const rate = new TokenBucket(this.config.COLLAB_MAX_UPDATES_PER_SECOND);
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let handle = (data: Uint8Array): void => {
      early.push(data);
      earlyBytes += data.byteLength;
      if (earlyBytes > this.config.COLLAB_MAX_BUFFERED_BYTES) this.close(socket, CloseCode.RATE_LIMITED, CloseReason.RATE_LIMITED);
    };
    socket.on('message', (data: Buffer) => {
      if (!rate.take()) return this.close(socket, CloseCode.RATE_LIMITED, CloseReason.RATE_LIMITED);
      handle(new Uint8Array(data));
    });

    const documentId = PATH.exec(url.pathname)?.[1];
    if (!documentId) return this.close(socket, CloseCode.NOT_FOUND, CloseReason.NOT_FOUND);
    // before the token: a stale editor is told to reload even when its token has expired meanwhile
    const schemaVersion = url.searchParams.get('schemaVersion');
    if (schemaVersion !== null && schemaVersion !== String(SCHEMA_VERSION)) return this.close(socket, CloseCode.SCHEMA_MISMATCH, CloseReason.SCHEMA_MISMATCH);
    const claims = this.tokens.verify(url.searchParams.get('token') ?? '');
    if (!claims || claims.documentId !== documentId) return this.close(socket, CloseCode.UNAUTHENTICATED, CloseReason.INVALID_TOKEN);
    if (!this.reserve(claims.userId, socket)) return this.close(socket, CloseCode.TOO_MANY_CONNECTIONS, CloseReason.TOO_MANY_CONNECTIONS);
    const access = await this.access(claims).catch((error: unknown) => {
      this.logger.error(`could not check access to ${documentId}: ${String(error)}`);
      return deny(CloseCode.STORAGE_UNAVAILABLE, CloseReason.STORAGE_UNAVAILABLE);
    });
    if (!access.allowed) return this.close(socket, access.code, access.reason);

    const room = await this.room(documentId).catch((error: unknown) => {
      this.logger.error(`could not open ${documentId}: ${String(error)}`);
      return null;
    });
    if (!room) return this.close(socket, CloseCode.STORAGE_UNAVAILABLE, CloseReason.STORAGE_UNAVAILABLE);
    const { userId, sessionId } = claims;
    const connection = new Connection(socket, userId, sessionId, access.writable, access.user, this.config.COLLAB_MAX_BUFFERED_BYTES, this.observeClose);
    room.join(connection);
    // the client may have gone while access was checked: it leaves at once, and may unload the room
    if (socket.readyState !== socket.OPEN) return void this.leave(room, connection);
    socket.on('close', () => void this.leave(room, connection));
    handle = (data) =>
      void room.receive(connection, data).catch((error: unknown) => {
        if (error instanceof MalformedMessageError) {
          connection.close(CloseCode.MALFORMED, CloseReason.MALFORMED);
        } else if (error instanceof DocumentTooLargeError) {
          connection.close(CloseCode.DOCUMENT_TOO_LARGE, CloseReason.DOCUMENT_TOO_LARGE);
        } else if (error instanceof DocumentTooDeepError) {
          connection.close(CloseCode.DOCUMENT_TOO_DEEP, CloseReason.DOCUMENT_TOO_DEEP);
        } else if (error instanceof AwarenessTooLargeError) {
          connection.close(CloseCode.AWARENESS_TOO_LARGE, CloseReason.AWARENESS_TOO_LARGE);
        } else {
          this.logger.error(`could not store an update of ${documentId}: ${String(error)}`);
          connection.close(CloseCode.STORAGE_UNAVAILABLE, CloseReason.STORAGE_UNAVAILABLE);
        }
      });
    early.splice(0).forEach(handle);
  }

  private close(socket: WebSocket, code: number, reason: string): void {
    closeSocket(socket, code, reason, this.observeClose);
  }

  /**
   * Counts the socket against its account's cap until it closes; false if the account has none left.
   * Counted before access is checked, so a burst of connects cannot slip past the cap together.
   */
  private reserve(userId: string, socket: WebSocket): boolean {
    const open = this.perAccount.get(userId) ?? 0;
    if (open >= this.config.COLLAB_MAX_SOCKETS_PER_ACCOUNT) return false;
    this.perAccount.set(userId, open + 1);
    socket.once('close', () => {
      const left = (this.perAccount.get(userId) ?? 1) - 1;
      if (left > 0) this.perAccount.set(userId, left);
      else this.perAccount.delete(userId);
    });
    return true;
  }

  /** The current right of a token's holder on its document: checked on connect and again every few seconds. */
  private async access(claims: CollabClaims): Promise<Access> {
    const seat = { documentId: claims.documentId, userId: claims.userId, sessionId: claims.sessionId };
    return (await this.rights.of([seat]))(seat);
  }

  /**
   * Re-checks every open connection when access may have changed, so an ended session (sign-out,
   * password change, revocation), a removed member, a disabled account or a document made
   * members-only loses access within RECHECK_MS, and a demoted editor becomes read-only. Each round
   * reads the access epoch (one tiny query; triggers move it on every such write) and judges the
   * sockets only when it moved, in this round or the one before (the round that saw it move may have
   * run before the change committed: the next one judges again), and every SWEEP_MS regardless.
   */
  private async recheck(): Promise<void> {
    if (this.rechecking) return; // a slow round (many documents, slow database) is not stacked on
    if (!this.rooms.size) return;
    this.rechecking = true;
    try {
      const epoch = await this.epochs.current().catch(() => null);
      const moved = epoch === null || epoch !== this.epoch;
      const due = moved || this.epochMoved || Date.now() - this.sweptAt >= SWEEP_MS;
      this.epoch = epoch;
      this.epochMoved = moved;
      if (!due) return;
      this.sweptAt = Date.now();
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
    // Judged: the connections open now. One that joins while the queries run was checked when it
    // connected, and is not in these answers (judging it by them once closed a newcomer as "disabled").
    const open = rooms.flatMap((room) => [...room.connections].map((connection) => ({ room, connection })));
    if (!open.length) return;
    const seatOf = ({ room, connection }: (typeof open)[number]): Seat => ({ documentId: room.documentId, userId: connection.userId, sessionId: connection.sessionId });
    const rights = await this.rights.of(open.map(seatOf)).catch(() => null);
    if (!rights) return; // the database is unreachable: keep the connections, check again later
    for (const entry of open) {
      if (!entry.room.connections.has(entry.connection)) continue;
      const access = rights(seatOf(entry));
      if (!access.allowed) {
        entry.connection.close(access.code, access.reason);
      } else {
        entry.connection.writable = access.writable;
        entry.connection.user = access.user;
      }
    }
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
      if (message.kind === 'update') {
        room.applyStored(message.update); // stored and counted by the instance that wrote it
        this.events.logGrew(documentId);
      } else room.applyPeerAwareness(message.update);
    };
    await this.fanOut.join(documentId, { message: fromPeer, resync: () => room && void this.resync(room) });
    const opened = await this.store.open(documentId, { compactLater: false }); // the room folds a long log itself
    const persist = async (update: Uint8Array, connection: Connection) => {
      await this.writer.write(documentId, connection.userId, update);
      this.received.inc();
      if (room) this.grew(room);
      this.fanOut.publish(documentId, { kind: 'update', update }); // committed: peers may show it
      this.events.logGrew(documentId);
    };
    const limits = {
      maxDocumentBytes: this.config.COLLAB_MAX_DOCUMENT_BYTES,
      maxAwarenessBytes: this.config.COLLAB_MAX_AWARENESS_BYTES,
      maxNesting: MAX_NESTING,
    };
    room = new Room(documentId, opened.doc, persist, limits, {
      awarenessChanged: (update) => this.fanOut.publish(documentId, { kind: 'awareness', update }),
      delivered: (sockets) => this.delivered.inc(sockets),
    });
    const folder = new RoomFolder(documentId, opened.doc, opened, this.compactor, this.logger);
    this.folders.set(room, folder);
    folder.grew(0); // a long log found at the open is folded at once
    early.forEach(fromPeer);
    return room;
  }

  /** Brings an open room up to date with storage after a peer message may have been lost. */
  private async resync(room: Room): Promise<void> {
    this.resyncs.inc();
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
    this.unloading += 1;
    try {
      const folded = this.folders.get(room)?.unload(!this.closing);
      await this.fanOut.leave(room.documentId);
      await folded;
    } finally {
      this.folders.delete(room);
      room.destroy();
      this.unloading -= 1;
    }
  }

  /**
   * This instance stored one more row of the room's document: its log may be due for a live fold.
   * Rows other instances store are theirs to count (each folds what its doc holds, theirs included).
   */
  private grew(room: Room): void {
    if (!this.closing) this.folders.get(room)?.grew();
  }

  /** Documents in memory (loading, open, or folding on their way out), for tests and metrics. */
  get openDocuments(): number {
    return this.rooms.size + this.unloading;
  }

  /** Sockets this instance still holds (open, or closing until their close handshake ends), for tests and metrics. */
  get openSockets(): number {
    return this.wss.clients.size;
  }

  /** Open sockets of one account on this instance, for tests and metrics. */
  socketsOf(userId: string): number {
    return this.perAccount.get(userId) ?? 0;
  }

  /** Bytes waiting in this instance's socket buffers for clients to read them, for tests and metrics. */
  get bufferedBytes(): number {
    return [...this.wss.clients].reduce((sum, socket) => sum + socket.bufferedAmount, 0);
  }

  /** How many sockets this instance has closed with `code` since it started, for tests and metrics. */
  closedWith(code: number): number {
    return this.closes.get(code) ?? 0;
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
          socket.close(CloseCode.GOING_AWAY, CloseReason.GOING_AWAY);
        }),
    );
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, CLOSE_HANDSHAKE_MS).unref())]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.closeConnections();
    await this.writer.drain();
    await Promise.all([...this.folders.values()].map((folder) => folder.settled()));
    this.wss.close();
  }
}
