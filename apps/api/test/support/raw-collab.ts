import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import type { TestUser } from './given';
import { collaborationToken } from './editors';

/** y-websocket message types. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export interface Closed {
  code: number;
  reason: string;
}

/** A hand-driven /collab client: frames in, frames out, nothing done behind the test's back. */
export interface RawClient {
  socket: WebSocket;
  /** Every frame received so far, in order (none kept with `keep: false`). */
  received: Uint8Array[];
  /** How many frames of a kind arrived: `count(MESSAGE_AWARENESS)`, `count(MESSAGE_SYNC, 2)` for updates. */
  count(type: number, step?: number): number;
  closed: Promise<Closed>;
  /** Set once the socket has closed. */
  closedWith(): Closed | null;
}

/** Opens a raw socket with `token` (or `user`'s fresh token) and resolves once it is open, or closed. */
export async function openRaw(baseUrl: string, documentId: string, who: TestUser | { token: string }, options: { keep?: boolean } = {}): Promise<RawClient> {
  const token = 'client' in who ? (await collaborationToken(who, documentId)).token : who.token;
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/collab/${documentId}?token=${token}`);
  const received: Uint8Array[] = [];
  let result: Closed | null = null;
  const tally = new Map<string, number>();
  socket.on('message', (data: Buffer) => {
    const frame = new Uint8Array(data);
    for (const key of keysOf(frame)) tally.set(key, (tally.get(key) ?? 0) + 1);
    if (options.keep !== false) received.push(frame);
  });
  socket.on('error', () => undefined);
  const closed = new Promise<Closed>((resolve) =>
    socket.on('close', (code, reason) => {
      result = { code, reason: reason.toString() };
      resolve(result);
    }),
  );
  await new Promise<void>((resolve) => {
    socket.once('open', () => resolve());
    void closed.then(() => resolve());
  });
  return { socket, received, closed, closedWith: () => result, count: (type, step) => tally.get(step === undefined ? `${type}` : `${type}.${step}`) ?? 0 };
}

/** The close code and reason a connect with this token gets. */
export async function refusal(baseUrl: string, documentId: string, token: string): Promise<Closed> {
  return (await openRaw(baseUrl, documentId, { token })).closed;
}

/** An awareness message, as y-protocols encodes it: states as given (null: the client left). */
export function awarenessFrame(entries: readonly { clientId: number; clock: number; state: object | null }[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId);
    encoding.writeVarUint(update, entry.clock);
    encoding.writeVarString(update, JSON.stringify(entry.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

export const queryAwarenessFrame = (): Uint8Array => Uint8Array.of(MESSAGE_QUERY_AWARENESS);

/** Sync step 1 with an empty state vector: "send me the whole document". */
export const syncStep1Frame = (): Uint8Array => Uint8Array.of(MESSAGE_SYNC, 0, 1, 0);

/** A sync "update" frame carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function keysOf(frame: Uint8Array): string[] {
  const { type, step } = kindOf(frame);
  return step === undefined ? [`${type}`] : [`${type}`, `${type}.${step}`];
}

/** The message type of a received frame, and for sync frames the step (0: step 1, 1: step 2, 2: update). */
export function kindOf(frame: Uint8Array): { type: number; step?: number } {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  return type === MESSAGE_SYNC ? { type, step: decoding.readVarUint(decoder) } : { type };
}
