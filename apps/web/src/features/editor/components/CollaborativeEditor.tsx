import { useEffect, useMemo } from 'react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { FRAGMENT, schemaExtensions } from '@intersessional/document-schema/tiptap';
import { Loading } from '../../../design/Loading';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import type { ReadOnlyReason } from '../pages/DocumentPage';
import { KeepCaret } from '../keep-caret';
import { type Collaboration as Live, useCollaboration } from '../use-collaboration';
import { ConnectionStatus, ReadOnlyNote } from './ConnectionStatus';
import { PresenceList } from './PresenceList';
import { EditorToolbar } from './EditorToolbar';
import styles from '../editor.module.css';

interface Props {
  documentId: string;
  language: string;
  /** Why the page already knows this person reads rather than edits (null: they may edit). */
  reason: ReadOnlyReason;
  frozenStatus: string;
}

/** The live draft: connection, presence, toolbar (for those who may edit) and the shared document. */
export function CollaborativeEditor({ documentId, language, reason, frozenStatus }: Props) {
  const live = useCollaboration(documentId, true);
  if (!live.provider) {
    return live.ending ? <ConnectionStatus live={live} /> : <Loading />;
  }
  return <LiveEditor live={{ ...live, provider: live.provider }} language={language} reason={reason} frozenStatus={frozenStatus} />;
}

function LiveEditor({ live, language, reason, frozenStatus }: { live: Live & { provider: WebsocketProvider }; language: string; reason: ReadOnlyReason; frozenStatus: string }) {
  const t = useT();
  const session = useSession();
  const { doc, provider } = live;
  const editable = live.mode === 'READ_WRITE' && reason === null && live.ending === null;
  const why: ReadOnlyReason | 'ended' = live.ending ? 'ended' : reason ?? (live.mode === 'READ_ONLY' ? 'noRight' : null);

  const extensions = useMemo(
    () => [
      ...schemaExtensions(),
      Collaboration.configure({ document: doc as Y.Doc, field: FRAGMENT }),
      KeepCaret,
      // the server replaces name and colour with the account's before anyone else sees them
      CollaborationCaret.configure({ provider, user: { name: session?.user.displayName ?? '', color: '#005a8c' } }),
    ],
    // the editor is made once per live document; the name others see comes from the server anyway
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, provider],
  );

  const editor = useEditor(
    {
      extensions,
      editable,
      editorProps: {
        attributes: {
          class: styles.content,
          lang: language,
          dir: 'auto',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('editor.content.label'),
        },
      },
    },
    [extensions],
  );

  useEffect(() => {
    if (!editor) return;
    if (editor.isEditable !== editable) editor.setEditable(editable, false);
    editor.view.dom.setAttribute('aria-readonly', String(!editable));
    editor.view.dom.setAttribute('aria-label', t('editor.content.label'));
  }, [editor, editable, t]);

  return (
    <div className={styles.workspace}>
      <div className={styles.side}>
        <ConnectionStatus live={live} editable={editable} />
        <PresenceList provider={provider} self={session?.user.displayName ?? ''} />
      </div>
      <div className={styles.main}>
        {why ? <ReadOnlyNote reason={why} status={frozenStatus} /> : null}
        {editable && editor ? <EditorToolbar editor={editor} /> : null}
        {live.loaded ? null : <Loading label={t('editor.connection.connecting')} />}
        <EditorContent editor={editor} className={styles.surface} hidden={!live.loaded} />
      </div>
    </div>
  );
}

/** A public document for a signed-out reader: the stored HTML in the same view, read-only. */
export function StaticDocument({ html, failed, language }: { html: string | null; failed: boolean; language: string }) {
  const t = useT();
  const editor = useEditor(
    {
      extensions: schemaExtensions(),
      editable: false,
      content: html ?? '',
      editorProps: {
        attributes: { class: styles.content, lang: language, dir: 'auto', role: 'textbox', 'aria-multiline': 'true', 'aria-readonly': 'true', 'aria-label': t('editor.content.label') },
      },
    },
    [html],
  );
  if (failed) return <p>{t('editor.loadError.body')}</p>;
  if (html === null) return <Loading />;
  return (
    <div className={styles.main}>
      <ReadOnlyNote reason="signedOut" status="DRAFTING" />
      <EditorContent editor={editor} className={styles.surface} />
    </div>
  );
}
