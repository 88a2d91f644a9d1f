import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { AwarenessTooLargeError, MalformedMessageError } from './collaboration.errors';
import type { Connection } from './connection';

/** y-websocket's awareness message type. */
export const MESSAGE_AWARENESS = 1;

/** Cursor and presence changes are applied at most this often per connection; the newest state per client id wins. */
export const AWARENESS_INTERVAL_MS = 100;

/** "Send me everyone's presence" (message type 3) is answered at most this often per connection. */
export const QUERY_AWARENESS_INTERVAL_MS = 1000;

/** Origin of changes that came from another instance: applied and shown here, never sent back. */
const PEER = Symbol('peer');

/** One client's entry in an awareness update, its state still as JSON text ("null" when it left). */
interface Entry {
  clientId: number;
  clock: number;
  state: string;
}

/** Per connection: when its presence was last applied and queried, and what waits for the next interval. */
interface Pace {
  appliedAt: number;
  pending: Map<number, Entry>;
  timer?: NodeJS.Timeout;
  queriedAt: number;
  queryTimer?: NodeJS.Timeout;
}

export interface PresenceOutput {
  /** To every connection of the room (encoded once). */
  broadcast(message: Uint8Array): void;
  /** Cursor and presence changes made here, for the other instances. */
  changed?(update: Uint8Array): void;
}

/**
 * Awareness (cursors, selections, who is here) of one open document, under rules a client cannot
 * bend: a connection sets only the client id it announced, the name and colour others see are the
 * account's, a state has a size limit, and updates and queries are paced per connection.
 *
 * A connection announces its client id (its Y.Doc's clientID) with the first state it sends. An id
 * is not given to a connection while another connection holds it (unless both are the same account's:
 * a reconnect takes it over), nor while it is live on another instance, nor with a clock the room has
 * already seen (that is an echo of an old state, not a new client). Everything else a connection sends
 * about other ids is ignored: y-websocket clients echo every change they receive, so that is normal.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which connection holds each announced client id. */
  private readonly owners = new Map<number, Connection>();
  private readonly pace = new Map<Connection, Pace>();

  constructor(
    doc: Y.Doc,
    private readonly maxStateBytes: number,
    private readonly output: PresenceOutput,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null); // the server has no cursor
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
      this.output.broadcast(awarenessMessage(update));
      if (origin !== PEER) this.output.changed?.(update);
    });
  }

  /** Everyone's current presence, for a newcomer (null when nobody has any). */
  snapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length ? awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)) : null;
  }

  /**
   * An awareness update from a client. Throws MalformedMessageError for what cannot be decoded and
   * AwarenessTooLargeError for a state of its own over the limit.
   */
  receive(connection: Connection, update: Uint8Array): void {
    const pace = this.paceOf(connection);
    for (const entry of decodeEntries(update)) {
      if (connection.clientId !== entry.clientId && !this.announce(connection, entry)) continue;
      if (Buffer.byteLength(entry.state) > this.maxStateBytes) throw new AwarenessTooLargeError(`awareness state over ${this.maxStateBytes} bytes`);
      const own = { ...entry, state: withUser(entry.state, connection) };
      const waiting = pace.pending.get(own.clientId);
      if (!waiting || own.clock > waiting.clock || (own.clock === waiting.clock && own.state === 'null')) pace.pending.set(own.clientId, own);
    }
    if (!pace.pending.size) return;
    const wait = pace.appliedAt + AWARENESS_INTERVAL_MS - Date.now();
    if (wait <= 0 && !pace.timer) return this.flush(connection, pace);
    pace.timer ??= setTimeout(() => {
      pace.timer = undefined;
      this.flush(connection, pace);
    }, Math.max(wait, 0));
  }

  /** Answers a query for everyone's presence, at most once per interval (a later query waits for it). */
  query(connection: Connection, send: (message: Uint8Array) => void): void {
    const pace = this.paceOf(connection);
    const answer = () => {
      pace.queriedAt = Date.now();
      send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
    };
    const wait = pace.queriedAt + QUERY_AWARENESS_INTERVAL_MS - Date.now();
    if (wait <= 0 && !pace.queryTimer) return answer();
    pace.queryTimer ??= setTimeout(() => {
      pace.queryTimer = undefined;
      answer();
    }, Math.max(wait, 0));
  }

  /** The connection is gone: its presence is removed (here and, through `changed`, on the other instances). */
  leave(connection: Connection): void {
    const pace = this.pace.get(connection);
    if (pace) {
      clearTimeout(pace.timer);
      clearTimeout(pace.queryTimer);
      this.pace.delete(connection);
    }
    const id = connection.clientId;
    if (id === null || this.owners.get(id) !== connection) return;
    this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, [id], null);
  }

  /** Cursor and presence changes from another instance's clients (already checked there). */
  applyPeer(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PEER);
  }

  destroy(): void {
    for (const pace of this.pace.values()) {
      clearTimeout(pace.timer);
      clearTimeout(pace.queryTimer);
    }
    this.pace.clear();
    this.awareness.destroy();
  }

  /** Gives `entry`'s client id to a connection that has none yet, if it may have it (see the class comment). */
  private announce(connection: Connection, entry: Entry): boolean {
    const id = entry.clientId;
    if (connection.clientId !== null || entry.state === 'null' || id === this.awareness.clientID) return false;
    const owner = this.owners.get(id);
    if (owner && owner.userId !== connection.userId) return false;
    if (!owner && this.awareness.getStates().has(id)) return false; // live on another instance
    const known = this.awareness.meta.get(id)?.clock;
    if (known !== undefined && entry.clock <= known) return false;
    if (owner) owner.clientId = null; // the same person reconnected; the old socket is on its way out
    this.owners.set(id, connection);
    connection.clientId = id;
    return true;
  }

  /** Applies what waited, for the ids the connection still holds. */
  private flush(connection: Connection, pace: Pace): void {
    const entries = [...pace.pending.values()].filter((e) => this.owners.get(e.clientId) === connection);
    pace.pending.clear();
    pace.appliedAt = Date.now();
    if (entries.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(entries), connection);
  }

  private paceOf(connection: Connection): Pace {
    let pace = this.pace.get(connection);
    if (!pace) {
      pace = { appliedAt: 0, pending: new Map(), queriedAt: 0 };
      this.pace.set(connection, pace);
    }
    return pace;
  }
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The wire format of y-protocols' awareness update: a count, then (client id, clock, JSON state) each. */
function decodeEntries(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i += 1) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  return entries;
}

function encodeEntries(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The client's state with `user` (name and colour) replaced by the account's; the client's own fields
 * (cursor, selection, anything else) are kept. A state must be a JSON object, or null when it leaves.
 */
function withUser(json: string, connection: Connection): string {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    throw new MalformedMessageError('awareness state is not JSON');
  }
  if (state === null) return 'null';
  if (typeof state !== 'object' || Array.isArray(state)) throw new MalformedMessageError('awareness state is not an object');
  return JSON.stringify({ ...state, user: connection.user });
}
