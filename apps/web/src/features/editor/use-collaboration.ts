import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SCHEMA_VERSION } from '@intersessional/document-schema/tiptap';
import { sessionStore } from '../account/session/session-store';
import { graphql } from '../../graphql/graphql';
import { errorCode } from '../../graphql/errors';

const TOKEN = graphql(`
  mutation CollaborationToken($documentId: ID!) {
    collaborationToken(documentId: $documentId) {
      token
      expiresAt
      mode
    }
  }
`);

/** Renew the collaboration token this long before it expires (or at 90% of its life, if sooner). */
const RENEW_AHEAD_MS = 10 * 60_000;
/** After 4429 (too many messages or connections), wait this long before trying again, doubling each time. */
const RATE_LIMIT_PAUSE_MS = 5_000;
/** Give up on 4401 after this many fresh tokens in a row were refused without a sync in between. */
const MAX_TOKEN_RETRIES = 3;

/**
 * Why the connection ended for good: each is explained to the person, none is retried by itself.
 * `signedOut`: the sign-in ended; `forbidden`: no longer allowed to read; `notFound`: the document is
 * gone; `tooLarge`: the last change was refused (size or nesting limit); `outdated`: this page is an
 * older or newer editor than the server's (reload); `broken`: the server could not read what was sent.
 */
export type Ending = 'signedOut' | 'forbidden' | 'notFound' | 'tooLarge' | 'outdated' | 'broken';

export type Phase = 'connecting' | 'saved' | 'saving' | 'offline' | 'renewing' | 'paused' | 'ended';

export interface Collaboration {
  doc: Y.Doc;
  provider: WebsocketProvider | null;
  /** READ_WRITE or READ_ONLY, from the latest token (the server enforces it too). */
  mode: 'READ_WRITE' | 'READ_ONLY' | null;
  phase: Phase;
  ending: Ending | null;
  /** True once the document's content has arrived (the editor shows nothing meaningful before). */
  loaded: boolean;
}

/** The close codes of /collab (libs/collaboration/src/close-codes.ts) and what they mean here. */
const ENDINGS: Record<number, Ending> = { 4400: 'broken', 4403: 'forbidden', 4404: 'notFound', 4413: 'tooLarge', 4426: 'outdated' };

/**
 * The live document: a Y.Doc kept for the page's life and a y-websocket provider on
 * /collab/<documentId> with a collaboration token and the schema version. It
 * - renews the token ahead of its expiry and reconnects with it (the Y.Doc is kept, so edits not yet
 *   sent are sent after the reconnect);
 * - after a close y-websocket treats as final (4400–4499), gets a fresh token and reconnects where that
 *   is right (4401 while the sign-in lasts, 4429 after a pause, 4408) and explains the rest;
 * - tells the person honestly where their edits are: "saved" means connected, in sync with the server
 *   and every local change handed to the socket (the server stores each update before it forwards it,
 *   but sends no acknowledgement, so this is what a client can know); "saving" means changes made
 *   while not in sync, kept in this tab's memory and merged when the connection returns.
 */
export function useCollaboration(documentId: string, enabled: boolean): Collaboration {
  const client = useClient();
  const [doc] = useState(() => new Y.Doc());
  const [state, setState] = useState<Omit<Collaboration, 'doc'>>({ provider: null, mode: null, phase: 'connecting', ending: null, loaded: false });

  useEffect(() => {
    if (!enabled) return;
    let disposed = false;
    let provider: WebsocketProvider | null = null;
    let renewTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let drainTimer: ReturnType<typeof setTimeout> | undefined;
    let tokenRetries = 0;
    let ratePause = RATE_LIMIT_PAUSE_MS;
    let unsent = false;
    let renewing = false;
    let paused = false;
    let ended: Ending | null = null;
    let mode: Collaboration['mode'] = null;
    let loaded = false;

    const phaseNow = (): Phase => {
      if (ended) return 'ended';
      if (paused) return 'paused';
      if (renewing) return 'renewing';
      if (!provider || (!provider.wsconnected && !loaded)) return 'connecting';
      if (!provider.wsconnected) return 'offline';
      if (!provider.synced) return loaded ? (unsent ? 'saving' : 'connecting') : 'connecting';
      const socket = provider.ws;
      return unsent || (socket && socket.bufferedAmount > 0) ? 'saving' : 'saved';
    };
    const publish = () => {
      if (disposed) return;
      const phase = phaseNow();
      setState({ provider, mode, phase, ending: ended, loaded });
      // the socket's buffer drains without an event: on a slow link look again until it has, or
      // "saving" would stay on screen after everything was sent
      clearTimeout(drainTimer);
      if (phase === 'saving' && (provider?.ws?.bufferedAmount ?? 0) > 0) drainTimer = setTimeout(publish, 300);
    };

    const end = (ending: Ending) => {
      ended = ending;
      clearTimeout(renewTimer);
      clearTimeout(retryTimer);
      provider?.disconnect();
      publish();
    };

    /** A fresh token, or null after telling why (the caller stops). */
    const fetchToken = async (): Promise<{ token: string; expiresAt: string; mode: 'READ_WRITE' | 'READ_ONLY' } | null> => {
      const result = await client.mutation(TOKEN, { documentId }, { requestPolicy: 'network-only' }).toPromise();
      if (disposed) return null;
      const code = errorCode(result.error);
      if (result.data) return result.data.collaborationToken;
      if (code === 'NOT_FOUND') end('notFound');
      else if (code === 'FORBIDDEN') end('forbidden');
      else if (code === 'UNAUTHENTICATED' || !sessionStore.get()) end('signedOut');
      else {
        // the network or the server: try again shortly, the edits stay in the Y.Doc meanwhile
        retryTimer = setTimeout(() => void connectWithFreshToken(), 5_000);
        publish();
      }
      return null;
    };

    const scheduleRenewal = (expiresAt: string) => {
      clearTimeout(renewTimer);
      const left = Date.parse(expiresAt) - Date.now();
      const wait = Math.max(5_000, Math.min(left - RENEW_AHEAD_MS, left * 0.9));
      renewTimer = setTimeout(() => void renew(), Math.min(wait, 2 ** 31 - 1));
    };

    /** A new token ahead of expiry: the provider reconnects with it, keeping the Y.Doc and what it has not sent. */
    const renew = async () => {
      renewing = true;
      publish();
      const fresh = await fetchToken();
      renewing = false;
      if (!fresh || !provider) return;
      mode = fresh.mode;
      provider.params = { ...provider.params, token: fresh.token };
      provider.disconnect();
      provider.connect();
      scheduleRenewal(fresh.expiresAt);
      publish();
    };

    const connectWithFreshToken = async () => {
      const fresh = await fetchToken();
      if (!fresh) return;
      mode = fresh.mode;
      if (!provider) {
        provider = new WebsocketProvider(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`, documentId, doc, {
          params: { token: fresh.token, schemaVersion: String(SCHEMA_VERSION) },
          // same-origin tabs would otherwise sync over BroadcastChannel, past the server's checks
          disableBc: true,
        });
        attach(provider);
      } else {
        provider.params = { ...provider.params, token: fresh.token };
        provider.connect();
      }
      scheduleRenewal(fresh.expiresAt);
      publish();
    };

    const attach = (p: WebsocketProvider) => {
      p.on('status', () => publish());
      p.on('sync', (synced: boolean) => {
        if (synced) {
          loaded = true;
          unsent = false;
          tokenRetries = 0;
          ratePause = RATE_LIMIT_PAUSE_MS;
        }
        publish();
      });
      p.on('closed', ({ code }: { code: number; reason: string }) => {
        if (code === 4401) {
          tokenRetries += 1;
          if (!sessionStore.get() || tokenRetries > MAX_TOKEN_RETRIES) return end('signedOut');
          void connectWithFreshToken();
        } else if (code === 4429 || code === 4408) {
          paused = true;
          publish();
          retryTimer = setTimeout(() => {
            paused = false;
            p.connect();
            publish();
          }, ratePause);
          ratePause = Math.min(ratePause * 2, 60_000);
        } else {
          end(ENDINGS[code] ?? 'broken');
        }
      });
    };

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return; // from the server
      // y-websocket sends a local update at once when connected and in sync; otherwise it waits for the next sync
      if (!provider?.wsconnected || !provider.synced) unsent = true;
      publish();
      // the socket's buffer drains asynchronously: look again shortly
      setTimeout(publish, 300);
    };
    doc.on('update', onUpdate);
    const onSession = () => {
      if (!sessionStore.get() && !ended) end('signedOut');
    };
    const unsubscribe = sessionStore.subscribe(onSession);
    void connectWithFreshToken();

    return () => {
      disposed = true;
      clearTimeout(renewTimer);
      clearTimeout(retryTimer);
      clearTimeout(drainTimer);
      unsubscribe();
      doc.off('update', onUpdate);
      provider?.destroy();
    };
  }, [client, doc, documentId, enabled]);

  return { doc, ...state };
}
