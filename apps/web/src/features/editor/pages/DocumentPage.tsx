import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { graphql } from '../../../graphql/graphql';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { CollaborativeEditor, StaticDocument } from '../components/CollaborativeEditor';
import styles from '../editor.module.css';

const DOCUMENT = graphql(`
  query EditorDocument($id: ID!) {
    document(id: $id) {
      id
      title
      status
      language
      visibility
      workstreamId
    }
  }
`);

const WORKSTREAM = graphql(`
  query EditorWorkstream($id: ID!) {
    workstream(id: $id) {
      id
      name
      myMembership {
        id
        role
        status
      }
    }
  }
`);

/** Why a person reads rather than edits, as far as the page can tell before the server says more. */
export type ReadOnlyReason = 'signedOut' | 'observer' | 'notMember' | 'frozen' | 'noRight' | null;

export function DocumentPage() {
  const t = useT();
  const { documentId = '' } = useParams();
  const session = useSession();
  // Once the live editor has been shown, it stays when the session ends (signed out elsewhere, revoked):
  // it says its changes can no longer be saved and keeps the text on screen, instead of being swapped
  // for the signed-out reader's view.
  const editing = useRef(false);
  if (session) editing.current = true;
  const [documentResult] = useQuery({ query: DOCUMENT, variables: { id: documentId } });
  const document = documentResult.data?.document;
  const [workstreamResult] = useQuery({ query: WORKSTREAM, variables: { id: document?.workstreamId ?? '' }, pause: !document || !session });
  usePageTitle(document?.title ?? t('editor.title'));

  if (documentResult.fetching && !document) return <Loading />;
  if (!document) {
    const code = errorCode(documentResult.error);
    return (
      <>
        <h1>{code === 'NOT_FOUND' || code === 'FORBIDDEN' ? t('editor.notFound.title') : t('editor.loadError.title')}</h1>
        <p>{code === 'NOT_FOUND' || code === 'FORBIDDEN' ? t('editor.notFound.body') : t('editor.loadError.body')}</p>
      </>
    );
  }

  const workstream = workstreamResult.data?.workstream;
  const membership = workstream?.myMembership?.status === 'ACTIVE' ? workstream.myMembership : null;
  const reason: ReadOnlyReason = !session
    ? editing.current
      ? null
      : 'signedOut'
    : document.status !== 'DRAFTING'
      ? 'frozen'
      : membership?.role === 'OBSERVER'
        ? 'observer'
        : workstream && !membership
          ? 'notMember'
          : null;

  return (
    <article className={styles.page}>
      <header className={styles.pageHeader}>
        {workstream ? <p className={styles.kicker}>{workstream.name}</p> : null}
        <h1 className={styles.title} dir="auto" lang={document.language}>
          {document.title}
        </h1>
        <p className={styles.meta}>
          <span>{t('editor.status', { status: document.status })}</span>
          <Link to={`/documents/${document.id}/versions`}>{t('editor.versionsLink')}</Link>
        </p>
      </header>
      {session || editing.current ? (
        workstreamResult.fetching && !workstream ? (
          <Loading />
        ) : (
          <CollaborativeEditor key={documentId} documentId={document.id} language={document.language} reason={reason} frozenStatus={document.status} />
        )
      ) : (
        <PublicReader documentId={document.id} language={document.language} />
      )}
    </article>
  );
}

/** A signed-out reader of a public document: the stored text, read-only, and how to take part. */
function PublicReader({ documentId, language }: { documentId: string; language: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    fetch(`/documents/${encodeURIComponent(documentId)}/export?format=html`)
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((page) => {
        if (!live) return;
        // the export is a whole page whose <main> starts with the title, already shown above
        const main = new DOMParser().parseFromString(page, 'text/html').querySelector('main');
        main?.querySelector(':scope > h1:first-child')?.remove();
        setHtml(main?.innerHTML ?? '');
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [documentId]);
  return <StaticDocument html={html} failed={failed} language={language} />;
}
