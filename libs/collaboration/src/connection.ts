import type { WebSocket } from 'ws';
import { CloseCode, CloseReason } from './close-codes';

/** How long a closing socket may go without sending anything before it is cut off. */
const CLOSE_PROGRESS_MS = 1000;

/** The name and colour others see next to a person's cursor: the account's, set by the server. */
export interface PresenceUser {
  name: string;
  color: string;
}

/** Told every time the server closes a socket, with the code (counted for tests and metrics). */
export type CloseObserver = (code: number) => void;

/**
 * Closes with a code and a reason, and makes sure the socket goes away even if the close frame
 * cannot be delivered: a client that stopped reading never takes the frame queued behind what it
 * did not read, so once the outgoing buffer stops draining the socket is terminated and its buffers
 * are freed (ws alone would keep them for 30 s).
 */
export function closeSocket(socket: WebSocket, code: number, reason: string, observe?: CloseObserver): void {
  if (socket.readyState === socket.CLOSING || socket.readyState === socket.CLOSED) return;
  observe?.(code);
  socket.close(code, reason);
  let waiting = socket.bufferedAmount;
  const watch = setInterval(() => {
    if (socket.readyState === socket.CLOSED) return clearInterval(watch);
    const now = socket.bufferedAmount;
    // nothing left to send: the frame is out, and ws's own close timeout waits for the answer
    if (now === 0) return clearInterval(watch);
    if (now < waiting) return void (waiting = now);
    clearInterval(watch);
    socket.terminate();
  }, CLOSE_PROGRESS_MS);
  watch.unref();
}

/** One client socket on one document, with what the server knows about it. */
export class Connection {
  /** The awareness client id this connection announced (its Y.Doc's clientID), once it has. */
  clientId: number | null = null;
  /**
   * The largest document state sent to it (answers to sync step 1). A client loading a large
   * document may have that much waiting on top of the limit; anything more means it stopped reading.
   */
  private stateBytes = 0;

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
    public writable: boolean,
    public user: PresenceUser,
    private readonly maxBufferedBytes: number,
    private readonly observe?: CloseObserver,
  ) {}

  /**
   * Sends one frame, unless the client has stopped reading (its outgoing buffer is over the limit):
   * then it is closed with 4408 and nothing more is queued for it, so one slow client cannot grow
   * the server's memory. `state` marks a whole-document answer (see `stateBytes`).
   */
  send(message: Uint8Array, state = false): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes + this.stateBytes) {
      return this.close(CloseCode.CLIENT_TOO_SLOW, CloseReason.CLIENT_TOO_SLOW);
    }
    if (state) this.stateBytes = Math.max(this.stateBytes, message.byteLength);
    this.socket.send(message);
  }

  close(code: number, reason: string): void {
    closeSocket(this.socket, code, reason, this.observe);
  }
}
