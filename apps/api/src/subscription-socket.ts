import type { Server } from 'graphql-ws';
import type { WebSocket } from 'ws';
import { SubscriptionCloseCode } from './subscription.errors';

export interface SocketBounds {
  /** What may wait for one client, unsent, before it is dropped. */
  maxBufferedBytes: number;
  /** A ping every so often; a socket that has not answered by the next one is dropped (graphql-ws: 12 s). */
  keepAliveMs: number;
  onTooSlow(bufferedBytes: number): void;
  onInternalError(error: unknown): void;
}

/**
 * Serves one ws socket with graphql-ws. Replaces graphql-ws's own adapter (graphql-ws/use/ws), which
 * waits for each message to reach the network before it takes the next event: a client that stops
 * reading then stalls its subscriptions while their events pile up out of sight, in the event streams,
 * and it is never closed. Here messages go to ws at once, so everything not yet delivered to a client is
 * in one place, ws's `bufferedAmount`; once that passes the bound the socket is closed (4008, with a
 * reason) and dropped at once, and its subscriptions end, which frees their streams. A client that
 * stopped reading will not read the close frame either, so waiting for its handshake would only hold the
 * memory longer.
 */
export function serveSocket<E>(server: Server<E>, ws: WebSocket, extra: E, bounds: SocketBounds): void {
  const closed = server.opened(
    {
      protocol: ws.protocol,
      send: (data) => {
        if (ws.readyState !== ws.OPEN) return;
        // checked before adding: one message may overshoot, a healthy burst of small ones does not trip it
        if (ws.bufferedAmount > bounds.maxBufferedBytes) return drop(ws, bounds);
        ws.send(data);
      },
      close: (code, reason) => ws.close(code, reason),
      onMessage: (handle) =>
        ws.on('message', (data) => {
          handle(String(data)).catch((error: unknown) => {
            bounds.onInternalError(error);
            ws.close(SubscriptionCloseCode.INTERNAL_ERROR, 'Internal server error');
          });
        }),
    },
    extra,
  );
  let answered = true;
  const keepAlive = setInterval(() => {
    if (!answered) return void ws.terminate();
    answered = false;
    ws.ping();
  }, bounds.keepAliveMs);
  keepAlive.unref();
  ws.on('pong', () => {
    answered = true;
  });
  ws.once('close', (code, reason) => {
    clearInterval(keepAlive);
    void closed(code, reason.toString());
  });
}

function drop(ws: WebSocket, bounds: SocketBounds): void {
  bounds.onTooSlow(ws.bufferedAmount);
  ws.close(SubscriptionCloseCode.TOO_SLOW, 'client too slow: undelivered messages passed the limit');
  ws.terminate();
}
