import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { TestUser } from './given';
import { waitFor } from './wait';

export interface Editor {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The document's XML, for comparing what two editors see. */
  text(): string;
  /** Disconnects and destroys the document (which also ends the awareness timer y-websocket leaves running). */
  close(): void;
}

/** A live-editing token for `user` on one document, from the real GraphQL mutation. */
export async function collaborationToken(user: TestUser, documentId: string): Promise<{ token: string; mode: string }> {
  return (
    await user.client.ok<{ collaborationToken: { token: string; mode: string } }>(`mutation($id: ID!) { collaborationToken(documentId: $id) { token mode } }`, {
      id: documentId,
    })
  ).collaborationToken;
}

/**
 * An unmodified y-websocket client, exactly as an editor would create it, connected to `baseUrl`
 * (an API instance or a proxy in front of one) and synced.
 */
export async function openEditor(baseUrl: string, user: TestUser, documentId: string, options: { maxBackoffTime?: number } = {}): Promise<Editor> {
  const { token } = await collaborationToken(user, documentId);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace('http', 'ws')}/collab`, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    ...options,
  });
  await waitFor(() => provider.synced, 'initial sync');
  return {
    doc,
    provider,
    text: () => doc.getXmlFragment('default').toString(),
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A paragraph node holding `text`, as an editor would insert it. */
export function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}
