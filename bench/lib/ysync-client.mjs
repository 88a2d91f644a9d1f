// A minimal Yjs sync client built on y-protocols, used unchanged against every server under test so
// the client side costs the same for all of them. It speaks two framings of the same messages:
// - 'y-websocket': the stock y-websocket protocol (one document per socket, named by the URL);
// - 'hocuspocus': Hocuspocus' framing, every message prefixed with the document name (varString),
//   and an Auth message (type 2, Token) before anything else is accepted.
// It does sync step 1/2 and updates; awareness (cursors) is not used.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export const Framing = { YWEBSOCKET: 'y-websocket', HOCUSPOCUS: 'hocuspocus' };

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_SYNC_REPLY = 4; // Hocuspocus: a sync message that must not trigger another step 1
const MESSAGE_SYNC_STATUS = 8; // Hocuspocus: ack of a stored update
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;
const AUTH_AUTHENTICATED = 2;

/** Answers sync step 1 for clients that keep no document (they hold nothing the server lacks). */
const EMPTY = new Y.Doc();

/** Close codes seen by any client, per server label: code -> count. */
export const closeCodes = new Map();

export class SyncClient {
  /**
   * @param {object} options
   * @param {string} options.url WebSocket URL
   * @param {'y-websocket'|'hocuspocus'} options.framing
   * @param {string} options.documentName
   * @param {string} [options.token] sent in the Hocuspocus Auth message (the URL carries it otherwise)
   * @param {Y.Doc|null} [options.doc] the client's replica; null: remote updates are only reported
   * @param {(update: Uint8Array, kind: 'step2'|'update') => void} [options.onUpdate]
   * @param {string} [options.label] for close code statistics
   */
  constructor({ url, framing, documentName, token = '', doc = null, onUpdate = () => {}, label = '' }) {
    Object.assign(this, { url, framing, documentName, token, doc, onUpdate, label });
    this.synced = false;
    this.acks = 0;
    this.closeCode = null;
    this.socket = null;
    this.localUpdate = (update, origin) => {
      if (origin !== this && this.socket?.readyState === WebSocket.OPEN) this.sendSync((e) => syncProtocol.writeUpdate(e, update));
    };
  }

  /** Opens the socket and resolves once the initial sync is done (sync step 2 received). */
  connect(timeoutMs = 20_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`sync of ${this.documentName} timed out`));
        this.socket?.terminate();
      }, timeoutMs);
      this.resolveSynced = () => {
        clearTimeout(timer);
        resolve(this);
      };
      const socket = new WebSocket(this.url, { perMessageDeflate: false });
      socket.binaryType = 'nodebuffer';
      this.socket = socket;
      socket.on('open', () => {
        if (this.framing === Framing.HOCUSPOCUS) {
          this.send(MESSAGE_AUTH, (e) => {
            encoding.writeVarUint(e, AUTH_TOKEN);
            encoding.writeVarString(e, this.token);
          });
        } else {
          this.sendStep1();
        }
      });
      socket.on('message', (data) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      socket.on('error', (error) => {
        if (!this.synced) {
          clearTimeout(timer);
          reject(error);
        }
      });
      socket.on('close', (code, reason) => {
        this.closeCode = code;
        const key = `${this.label}|${code}`;
        closeCodes.set(key, (closeCodes.get(key) ?? 0) + 1);
        this.doc?.off('update', this.localUpdate);
        if (!this.synced) {
          clearTimeout(timer);
          reject(new Error(`closed before sync: ${code} ${reason.toString()}`));
        }
      });
      this.doc?.on('update', this.localUpdate);
    });
  }

  sendStep1() {
    this.sendSync((e) => syncProtocol.writeSyncStep1(e, this.doc ?? EMPTY));
  }

  send(type, write) {
    const encoder = encoding.createEncoder();
    if (this.framing === Framing.HOCUSPOCUS) encoding.writeVarString(encoder, this.documentName);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  sendSync(write) {
    this.send(MESSAGE_SYNC, write);
  }

  /** Sends an update made elsewhere (clients without a replica). */
  sendUpdate(update) {
    this.sendSync((e) => syncProtocol.writeUpdate(e, update));
  }

  receive(data) {
    const decoder = decoding.createDecoder(data);
    if (this.framing === Framing.HOCUSPOCUS) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) {
      const step = decoding.readVarUint(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        this.sendSync((e) => {
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc ?? EMPTY, stateVector));
        });
        return;
      }
      const update = decoding.readVarUint8Array(decoder);
      if (this.doc) Y.applyUpdate(this.doc, update, this);
      const isStep2 = step === syncProtocol.messageYjsSyncStep2;
      this.onUpdate(update, isStep2 ? 'step2' : 'update');
      if (isStep2 && !this.synced) {
        this.synced = true;
        this.resolveSynced();
      }
      return;
    }
    if (type === MESSAGE_AUTH) {
      const kind = decoding.readVarUint(decoder);
      if (kind === AUTH_AUTHENTICATED) this.sendStep1();
      else if (kind === AUTH_PERMISSION_DENIED) this.socket.close(1000, 'permission denied');
      return;
    }
    if (type === MESSAGE_SYNC_STATUS) this.acks += 1;
    // awareness and everything else: ignored
    void MESSAGE_AWARENESS;
  }

  /** Closes the socket; resolves when it is closed. */
  close() {
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', resolve);
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000);
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 5000).unref();
    });
  }
}

/** Runs `tasks` (functions returning promises) with at most `limit` running at once. */
export async function inBatches(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
