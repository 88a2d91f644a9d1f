import { type Client, type FormattedExecutionResult, createClient } from 'graphql-ws';
import { WebSocket } from 'ws';

import { waitFor } from './wait';

export { waitFor };

export interface TestSubscriptionClient {
  client: Client;
  /** Close codes of the connection, in order. */
  closes: number[];
  /** Close reasons, in the same order. */
  reasons: string[];
  /** The current WebSocket, once connected (to pause its reading, for instance). */
  socket: WebSocket | null;
  dispose(): Promise<void>;
}

export interface ClientOptions {
  /** The client address the server sees (sent as X-Forwarded-For; test apps trust it). */
  address?: string;
}

/** A graphql-ws client for `baseUrl`/graphql, as a browser would create it, signed in when given a token. */
export function subscriptionClient(
  baseUrl: string,
  token?: string,
  connectionParams?: Record<string, unknown>,
  options: ClientOptions = {},
): TestSubscriptionClient {
  const { address } = options;
  const impl = address
    ? class extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, { headers: { 'x-forwarded-for': address } });
        }
      }
    : WebSocket;
  const state: TestSubscriptionClient = {
    client: createClient({
      url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: impl,
      connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
      retryAttempts: 0,
      on: {
        connected: (socket) => {
          state.socket = socket as WebSocket;
        },
        closed: (event) => {
          const { code, reason } = event as { code: number; reason?: unknown };
          state.closes.push(code);
          state.reasons.push(String(reason ?? ''));
        },
      },
    }),
    closes: [],
    reasons: [],
    socket: null,
    dispose: async () => state.client.dispose(),
  };
  return state;
}

export interface Subscribed<T> {
  results: FormattedExecutionResult<T>[];
  /** Data of the results without errors. */
  readonly data: T[];
  error: unknown;
  completed: boolean;
  unsubscribe(): void;
}

/** Starts an operation and records everything the server sends for it. */
export function subscribe<T = Record<string, unknown>>(client: Client, query: string, variables?: Record<string, unknown>): Subscribed<T> {
  const state: Subscribed<T> = {
    results: [],
    get data() {
      return state.results.filter((r) => !r.errors && r.data).map((r) => r.data as T);
    },
    error: undefined,
    completed: false,
    unsubscribe: () => undefined,
  };
  state.unsubscribe = client.subscribe<T, Record<string, unknown>>(
    { query, variables },
    {
      next: (result) => void state.results.push(result),
      error: (error) => {
        state.error = error;
      },
      complete: () => {
        state.completed = true;
      },
    },
  );
  return state;
}

/**
 * Disposes the sockets a test opened and waits until the server has counted every one closed, so the
 * next test starts from no socket (per-address and per-account limits count the open ones).
 */
export async function closeAll(clients: TestSubscriptionClient[], openSockets: () => number): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await waitFor(() => openSockets() === 0, 'every socket of the test to close', 10_000);
}
