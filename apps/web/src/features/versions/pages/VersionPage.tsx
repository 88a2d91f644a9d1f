import { useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { useT, useTRich } from '../../../i18n/t';
import { DOCUMENT_VERSIONS, VERSION_CONTENT } from '../api';
import { LoadProblem } from '../components/LoadProblem';
import { VersionDownloads } from '../components/VersionDownloads';
import styles from '../versions.module.css';

/**
 * The version's headings one level down (h1 becomes h2…), so the page keeps its own h1 and a sound
 * outline. The tags are the API's own (all text in its HTML is escaped), so matching them is safe.
 */
const demoteHeadings = (html: string) => html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, level: string) => `<${slash}h${Math.min(Number(level) + 1, 6)}`);

/** /documents/:documentId/versions/:versionId: one frozen version, read only. */
export function VersionPage() {
  const t = useT();
  const tRich = useTRich();
  const intl = useIntl();
  const { documentId = '', versionId = '' } = useParams();
  const [doc] = useQuery({ query: DOCUMENT_VERSIONS, variables: { id: documentId } });
  const [result] = useQuery({ query: VERSION_CONTENT, variables: { id: versionId } });
  const document = doc.data?.document;
  const version = result.data?.documentVersion;
  usePageTitle(version && document ? t('versions.view.documentTitle', { title: document.title, label: version.label }) : null);

  if (!document || !version || version.documentId !== document.id) {
    if (doc.fetching || result.fetching) return <Loading />;
    return <LoadProblem code={errorCode(doc.error ?? result.error)} />;
  }

  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to={`/documents/${document.id}/versions`}>
          <span aria-hidden="true" className="mirror-rtl">
            ←
          </span>{' '}
          {t('versions.view.back')}
        </Link>
      </p>
      <h1>
        {tRich('versions.view.heading', {
          number: version.number,
          label: version.label,
          bdi: (chunks) => <bdi>{chunks}</bdi>,
        })}
      </h1>
      <p className={styles.meta}>
        <span lang={document.language} dir="auto">
          {document.title}
        </span>
        {' · '}
        {t('versions.item.frozenBy', {
          name: version.createdByUser.displayName,
          date: intl.formatDate(version.createdAt, { dateStyle: 'long', timeStyle: 'short' }),
        })}
      </p>
      <VersionDownloads versionId={version.id} versionLabel={version.label} title={document.title} language={document.language} />
      {/* The API renders the version to HTML from the document schema, escaping all text and keeping
          only safe link targets: no markup a member typed reaches the page as markup. */}
      <article className={styles.content} lang={document.language} dir="auto" aria-label={t('versions.view.content')} dangerouslySetInnerHTML={{ __html: demoteHeadings(version.html) }} />
    </div>
  );
}
