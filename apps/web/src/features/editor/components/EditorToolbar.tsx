import { type FormEvent, useState } from 'react';
import { Button as AriaButton, Dialog, Heading, Modal, ModalOverlay, Separator, ToggleButton, Toolbar } from 'react-aria-components';
import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { type MessageId, useT } from '../../../i18n/t';
import styles from '../editor.module.css';

/** What the schema has, and only that: a toolbar cannot make what the exports would drop. */
type Toggle = { id: string; label: MessageId; glyph: string; active: (e: Editor) => boolean; run: (e: Editor) => void };

const TOGGLES: Toggle[][] = [
  [
    { id: 'bold', label: 'editor.toolbar.bold', glyph: 'B', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
    { id: 'italic', label: 'editor.toolbar.italic', glyph: 'I', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  ],
  [
    { id: 'h2', label: 'editor.toolbar.heading', glyph: 'H2', active: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
    { id: 'h3', label: 'editor.toolbar.subheading', glyph: 'H3', active: (e) => e.isActive('heading', { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  ],
  [
    { id: 'bullet', label: 'editor.toolbar.bulletList', glyph: '•', active: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
    { id: 'ordered', label: 'editor.toolbar.orderedList', glyph: '1.', active: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
    { id: 'quote', label: 'editor.toolbar.blockquote', glyph: '❝', active: (e) => e.isActive('blockquote'), run: (e) => e.chain().focus().toggleBlockquote().run() },
  ],
];

/** Formatting for those who may edit: one tab stop, arrow keys between the buttons (React Aria's Toolbar). */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const t = useT();
  const [linkOpen, setLinkOpen] = useState(false);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ ...Object.fromEntries(TOGGLES.flat().map((b) => [b.id, b.active(e)])), link: e.isActive('link'), inTable: e.isActive('table') }),
  });

  return (
    <>
      <Toolbar aria-label={t('editor.toolbar.label')} className={styles.toolbar}>
        {TOGGLES.map((group, i) => (
          <div key={i} className={styles.toolGroup} role="group" aria-label={t(i === 0 ? 'editor.toolbar.groupText' : i === 1 ? 'editor.toolbar.groupHeadings' : 'editor.toolbar.groupBlocks')}>
            {i > 0 ? <Separator orientation="vertical" className={styles.separator} /> : null}
            {group.map((b) => (
              <ToggleButton key={b.id} className={styles.tool} aria-label={t(b.label)} isSelected={Boolean(active?.[b.id as keyof typeof active])} onChange={() => b.run(editor)}>
                <span aria-hidden="true" dir="ltr" className={b.id === 'bold' ? styles.glyphBold : b.id === 'italic' ? styles.glyphItalic : undefined}>
                  {b.glyph}
                </span>
              </ToggleButton>
            ))}
          </div>
        ))}
        <div className={styles.toolGroup} role="group" aria-label={t('editor.toolbar.groupInsert')}>
          <Separator orientation="vertical" className={styles.separator} />
          <ToggleButton className={styles.tool} aria-label={t('editor.toolbar.link')} isSelected={Boolean(active?.link)} onChange={() => setLinkOpen(true)}>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
              <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1.2 1.2" />
              <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1.2-1.2" />
            </svg>
          </ToggleButton>
          <AriaButton
            className={styles.tool}
            aria-label={t('editor.toolbar.table')}
            isDisabled={Boolean(active?.inTable)}
            onPress={() => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
          >
            <span aria-hidden="true">▦</span>
          </AriaButton>
        </div>
      </Toolbar>
      <LinkDialog editor={editor} isOpen={linkOpen} onClose={() => setLinkOpen(false)} />
    </>
  );
}

const ALLOWED = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/** The address of a link: added, changed or removed, in an accessible modal dialog. */
function LinkDialog({ editor, isOpen, onClose }: { editor: Editor; isOpen: boolean; onClose: () => void }) {
  const t = useT();
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get('href') ?? '').trim();
    const href = /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(raw) ? `https://${raw}` : raw;
    if (!ALLOWED.test(href)) {
      setError(t('editor.link.invalid'));
      return;
    }
    setError(null);
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose();
        }
      }}
      isDismissable
      className={styles.overlay}
    >
      <Modal className={styles.modal}>
        <Dialog className={styles.dialog}>
          <form onSubmit={submit} noValidate>
            <Heading slot="title" className={styles.dialogTitle}>
              {t('editor.link.title')}
            </Heading>
            <Field label={t('editor.link.address')} hint={t('editor.link.hint')} error={error}>
              <input name="href" type="url" inputMode="url" dir="ltr" defaultValue={current} autoFocus autoComplete="url" />
            </Field>
            <div className={styles.dialogActions}>
              <Button type="submit">{t('editor.link.apply')}</Button>
              {current ? (
                <Button variant="secondary" onClick={remove}>
                  {t('editor.link.remove')}
                </Button>
              ) : null}
              <Button variant="quiet" onClick={onClose}>
                {t('editor.link.cancel')}
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
