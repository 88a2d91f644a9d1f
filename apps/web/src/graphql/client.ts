import { authExchange } from '@urql/exchange-auth';
import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, fetchExchange, stringifyDocument, subscriptionExchange } from 'urql';
import type { Client as WsClient } from 'graphql-ws';
import { SESSION_FIELDS } from '../features/account/session/session-fields';
import { type Session, sessionStore } from '../features/account/session/session-store';
import { graphql } from './graphql';
import { cacheConfig } from './cache';

const REFRESH = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) { ...SessionFields }
  }
`, [SESSION_FIELDS]);

/** Exchanges a refresh token with a bare fetch (not through the client, whose auth exchange waits on this). */
async function exchangeRefreshToken(refreshToken: string): Promise<Session | null> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // a gql.tada document is an AST: printed, not toString()ed (which gave "[object Object]")
    body: JSON.stringify({ query: stringifyDocument(REFRESH), variables: { refreshToken } }),
  });
  const body = (await response.json()) as { data?: { refreshSession: Session }; errors?: { extensions?: { code?: string } }[] };
  if (body.data?.refreshSession) return body.data.refreshSession;
  // the session ended (signed out elsewhere, revoked, expired): sign out here too
  if (body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED' || e.extensions?.code === 'BAD_USER_INPUT')) return null;
  throw new Error('could not refresh the session');
}

/** The current access token, refreshed first (once for all tabs) when it is about to expire. */
export async function accessToken(): Promise<string | null> {
  let session = sessionStore.get();
  if (session && sessionStore.needsRefresh(session)) session = await sessionStore.refresh(exchangeRefreshToken);
  return session?.accessToken ?? null;
}

let ws: Promise<WsClient> | null = null;
const connectedListeners = new Set<() => void>();

/**
 * Calls `listener` each time the subscription socket is connected (the first time and after every
 * reconnection), so what happened while it was down can be read again; returns the unsubscribe.
 */
export function onSubscriptionsConnected(listener: () => void): () => void {
  connectedListeners.add(listener);
  return () => connectedListeners.delete(listener);
}

/**
 * graphql-ws over the same origin; reconnects with the current token when the session changes. Its
 * code is fetched when the first subscription starts, not with the app: most pages never subscribe.
 */
function subscriptions(): Promise<WsClient> {
  ws ??= import('graphql-ws').then(({ createClient }) => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    const client = createClient({
      url,
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: { connected: () => connectedListeners.forEach((listener) => listener()) },
      connectionParams: async () => {
        const token = await accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    });
    let signedInAs = sessionStore.get()?.user.id ?? null;
    sessionStore.subscribe((session) => {
      const next = session?.user.id ?? null;
      if (next !== signedInAs) {
        signedInAs = next;
        client.terminate();
      }
    });
    return client;
  });
  ws.catch(() => (ws = null)); // a failed download is retried by the next subscription
  return ws;
}

export function createGraphqlClient(): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    exchanges: [
      cacheExchange(cacheConfig),
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = sessionStore.get()?.accessToken;
          return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
        },
        willAuthError: () => sessionStore.needsRefresh(),
        didAuthError: (error) => error.graphQLErrors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED'),
        async refreshAuth() {
          await sessionStore.refresh(exchangeRefreshToken).catch(() => null);
        },
      })),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              let stop: (() => void) | null = null;
              let stopped = false;
              subscriptions().then(
                (client) => {
                  if (!stopped) stop = client.subscribe(input, sink);
                },
                (error: unknown) => sink.error(error),
              );
              return {
                unsubscribe() {
                  stopped = true;
                  stop?.();
                },
              };
            },
          };
        },
      }),
    ],
  });
}
