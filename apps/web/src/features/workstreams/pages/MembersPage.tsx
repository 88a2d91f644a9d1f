import { useIntl } from 'react-intl';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { graphql } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { MembersConsole } from '../console/MembersConsole';
import { CONSOLE_ACCESS } from '../console/operations';
import { label } from '../labels';
import styles from '../workstreams.module.css';

const MEMBERS = graphql(`
  query WorkstreamMembers($slug: String!, $first: Int, $after: String, $last: Int, $before: String) {
    workstream(slug: $slug) {
      id slug name
      members(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { node { id role createdAt user { id displayName organisation } } }
      }
    }
  }
`);

const PAGE_SIZE = 50;

/**
 * `/workstreams/<slug>/members`, the address e-mails use for the facilitators' console: for its
 * facilitators and the Secretariat, requests to join and every member's role (MembersConsole); for
 * everyone else the public list of active members; the workstream page when it cannot load.
 */
export function MembersPage() {
  const t = useT();
  const intl = useIntl();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;
  const [{ data, fetching, error }] = useQuery({ query: MEMBERS, variables: { slug, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after }) } });
  const workstream = data?.workstream;
  const session = useSession();
  const [access] = useQuery({ query: CONSOLE_ACCESS, variables: { slug }, pause: !session });
  const mine = access.data?.workstream.myMembership;
  const manages = session?.user.platformRole === 'SECRETARIAT' || (mine?.status === 'ACTIVE' && mine.role === 'FACILITATOR');
  usePageTitle(workstream ? t('workstreams.members.title', { name: workstream.name }) : null);

  if (!workstream) {
    if (fetching) return <Loading />;
    if (error) return <Navigate to={`/workstreams/${slug}`} replace />;
    return <Loading />;
  }
  const { members } = workstream;
  const pageLink = (cursor: string, direction: 'after' | 'before') => `?${direction}=${encodeURIComponent(cursor)}`;

  return (
    <>
      <p>
        <Link to={`/workstreams/${workstream.slug}`}>{t('workstreams.members.back', { name: workstream.name })}</Link>
      </p>
      <h1 dir="auto">{t('workstreams.members.title', { name: workstream.name })}</h1>
      {manages ? <MembersConsole workstreamId={workstream.id} name={workstream.name} /> : null}
      {manages ? null : <p className={styles.count}>{t('workstreams.participation.total', { count: members.totalCount })}</p>}
      {manages ? null : (
        <div className={styles.scroll} role="region" tabIndex={0} aria-label={t('workstreams.members.region')}>
          <table className={styles.table}>
            <caption>{t('workstreams.members.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workstreams.members.name')}</th>
                <th scope="col">{t('workstreams.members.organisation')}</th>
                <th scope="col">{t('workstreams.members.role')}</th>
                <th scope="col">{t('workstreams.members.since')}</th>
              </tr>
            </thead>
            <tbody>
              {members.edges.map(({ node }) => (
                <tr key={node.id}>
                  <th scope="row" dir="auto">
                    {node.user.displayName}
                  </th>
                  <td dir="auto">{node.user.organisation ?? ''}</td>
                  <td>{label(t, 'role', node.role)}</td>
                  <td>{intl.formatDate(node.createdAt, { year: 'numeric', month: 'long', day: 'numeric' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!manages && (members.pageInfo.hasPreviousPage || members.pageInfo.hasNextPage) ? (
        <nav className={styles.pagination} aria-label={t('workstreams.pagination.label')}>
          {members.pageInfo.hasPreviousPage && members.pageInfo.startCursor ? (
            <Link to={pageLink(members.pageInfo.startCursor, 'before')} rel="prev">
              {t('workstreams.pagination.previous')}
            </Link>
          ) : (
            <span />
          )}
          {members.pageInfo.hasNextPage && members.pageInfo.endCursor ? (
            <Link to={pageLink(members.pageInfo.endCursor, 'after')} rel="next">
              {t('workstreams.pagination.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
