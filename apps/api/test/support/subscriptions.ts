import { type Client, type FormattedExecutionResult, createClient } from 'graphql-ws';
import { WebSocket } from 'ws';

export { waitFor } from './wait';

export interface TestSubscriptionClient {
  client: Client;
  /** Close codes of the connection, in order. */
  closes: number[];
  dispose(): Promise<void>;
}

/** A graphql-ws client for `baseUrl`/graphql, as a browser would create it, signed in when given a token. */
export function subscriptionClient(baseUrl: string, token?: string, connectionParams?: Record<string, unknown>): TestSubscriptionClient {
  const closes: number[] = [];
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: 0,
    on: { closed: (event) => void closes.push((event as { code: number }).code) },
  });
  return { client, closes, dispose: async () => client.dispose() };
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
