import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { useT, useTRich } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { canSteward, DOCUMENT_VERSIONS, WORKSTREAM_ROLE } from '../api';
import { DraftDownloads } from '../components/DraftDownloads';
import { FreezeForm } from '../components/FreezeForm';
import { LoadProblem } from '../components/LoadProblem';
import { RestoreDialog } from '../components/RestoreDialog';
import { VersionDownloads } from '../components/VersionDownloads';
import styles from '../versions.module.css';
import { SignInLink } from '../../account/SignInLink';

/** /documents/:documentId/versions: the versions of a document, newest first; freeze, view, compare, restore, download. */
export function VersionsPage() {
  const t = useT();
  const tRich = useTRich();
  const intl = useIntl();
  const session = useSession();
  const { documentId = '' } = useParams();
  const [result, refetch] = useQuery({ query: DOCUMENT_VERSIONS, variables: { id: documentId } });
  const document = result.data?.document;
  const [role] = useQuery({ query: WORKSTREAM_ROLE, variables: { id: document?.workstreamId }, pause: !document || !session });
  const [restoring, setRestoring] = useState<{ id: string; number: number; label: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(document ? t('versions.page.documentTitle', { title: document.title }) : t('versions.page.title'));

  if (!document) {
    if (result.fetching) return <Loading />;
    return <LoadProblem code={errorCode(result.error)} />;
  }

  const membership = role.data?.workstream.myMembership;
  const steward = canSteward(membership?.role, membership?.status, session?.user.platformRole);
  const versions = [...document.versions].sort((a, b) => b.number - a.number);
  const latest = versions[0];
  const previous = versions[1];
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to={`/documents/${document.id}`}>
          <span aria-hidden="true" className="mirror-rtl">
            ←
          </span>{' '}
          {t('versions.page.back')}
        </Link>
      </p>
      <h1>
        {tRich('versions.page.heading', {
          title: document.title,
          doc: (chunks) => (
            <span lang={document.language} dir="auto">
              {chunks}
            </span>
          ),
        })}
      </h1>

      {steward ? (
        <p>
          <Link to={`/documents/${document.id}/comment-periods/new`}>{t('versions.page.openPeriod')}</Link>
        </p>
      ) : null}

      <div role="status" aria-live="polite" className={notice ? styles.notice : undefined}>
        {notice}
      </div>

      <section aria-labelledby="draft-downloads">
        <h2 id="draft-downloads">{t('versions.draft.title')}</h2>
        <p className={styles.hintText}>{t('versions.draft.hint')}</p>
        <DraftDownloads documentId={document.id} title={document.title} />
      </section>

      {steward ? (
        <FreezeForm
          documentId={document.id}
          onFrozen={(version) => {
            setNotice(t('versions.freeze.done', { number: version.number, label: version.label }));
            refresh();
          }}
        />
      ) : (
        <p className={styles.note}>
          {session
            ? t('versions.freeze.onlyStewards')
            : tRich('versions.freeze.signIn', { link: (chunks) => <SignInLink>{chunks}</SignInLink> })}
        </p>
      )}

      <section aria-labelledby="versions-list">
        <h2 id="versions-list">{t('versions.list.title', { count: versions.length })}</h2>
        {latest && previous ? (
          <p>
            <Link to={`/documents/${document.id}/versions/compare?from=${previous.id}&to=${latest.id}`}>{t('versions.list.compare')}</Link>
          </p>
        ) : null}
        {versions.length === 0 ? <p>{t('versions.list.empty')}</p> : null}
        <ol className={styles.versions} reversed>
          {versions.map((version, index) => {
            const older = versions[index + 1];
            return (
              <li key={version.id} className={styles.version}>
                <h3 className={styles.versionTitle}>
                  {tRich('versions.item.heading', {
                    number: version.number,
                    label: version.label,
                    bdi: (chunks) => <bdi>{chunks}</bdi>,
                  })}
                </h3>
                <p className={styles.meta}>
                  {t('versions.item.frozenBy', {
                    name: version.createdByUser.displayName,
                    date: intl.formatDate(version.createdAt, { dateStyle: 'long', timeStyle: 'short' }),
                  })}
                </p>
                <ul className={styles.actions}>
                  <li>
                    <Link to={`/documents/${document.id}/versions/${version.id}`}>
                      {t('versions.item.view')}
                      <span className="visually-hidden"> {t('versions.item.which', { label: version.label })}</span>
                    </Link>
                  </li>
                  {older ? (
                    <li>
                      <Link to={`/documents/${document.id}/versions/compare?from=${older.id}&to=${version.id}`}>
                        {t('versions.item.compareWithPrevious')}
                        <span className="visually-hidden"> {t('versions.item.which', { label: version.label })}</span>
                      </Link>
                    </li>
                  ) : null}
                  {steward ? (
                    <li>
                      <button type="button" className={styles.linkButton} onClick={() => setRestoring(version)}>
                        {t('versions.item.restore')}
                        <span className="visually-hidden"> {t('versions.item.which', { label: version.label })}</span>
                      </button>
                    </li>
                  ) : null}
                </ul>
                <VersionDownloads versionId={version.id} versionLabel={version.label} title={document.title} language={document.language} />
              </li>
            );
          })}
        </ol>
      </section>

      <RestoreDialog
        key={restoring?.id ?? 'closed'}
        version={restoring}
        onClose={() => setRestoring(null)}
        onRestored={(version) => {
          setRestoring(null);
          setNotice(t('versions.restore.done', { number: version.number, label: version.label }));
          refresh();
        }}
      />
    </div>
  );
}
