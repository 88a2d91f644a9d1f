import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { graphql, type ResultOf } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { ComplianceCriteria } from '../components/ComplianceCriteria';
import { DcFilings } from '../filings/DcFilings';
import { ParticipationChart, suppressionThreshold } from '../components/ParticipationChart';
import { label } from '../labels';
import styles from '../workstreams.module.css';
import { SignInLink } from '../../account/SignInLink';

const WORKSTREAM = graphql(`
  query WorkstreamPage($slug: String!) {
    workstream(slug: $slug) {
      id slug name kind status statusReasons summary statementOfPurpose topics cycleYear joinPolicy mailingListUrl archiveUrl
      facilitators: members(role: FACILITATOR, first: 20) { edges { node { id user { id displayName organisation } } } }
      leadExperts: members(role: LEAD_EXPERT, first: 20) { edges { node { id user { id displayName organisation } } } }
      myMembership { id status role }
      documents(first: 50) { totalCount edges { node { id title kind status visibility language updatedAt } } }
      commentPeriods(first: 20) { edges { node { id title kind status opensAt closesAt } } }
      participation {
        totalMembers
        byStakeholderGroup { category count suppressed display }
        byRegion { category count suppressed display }
        byGender { category count suppressed display }
      }
      compliance { compliant reportingYear criteria { criterion met applies detail } }
    }
  }
`);

const JOIN = graphql(`
  mutation JoinWorkstream($id: ID!) {
    joinWorkstream(input: { workstreamId: $id }) { id status role }
  }
`);

const WITHDRAW = graphql(`
  mutation WithdrawJoinRequest($id: ID!) {
    leaveWorkstream(workstreamId: $id)
  }
`);

type Workstream = ResultOf<typeof WORKSTREAM>['workstream'];

export function WorkstreamPage() {
  const t = useT();
  const intl = useIntl();
  const { slug = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: WORKSTREAM, variables: { slug } });
  const session = useSession();
  const workstream = data?.workstream;
  usePageTitle(workstream?.name ?? (errorCode(error) === 'NOT_FOUND' ? t('workstreams.page.notFound') : null));

  if (!workstream) {
    if (fetching) return <Loading />;
    if (errorCode(error) === 'NOT_FOUND')
      return (
        <>
          <h1>{t('workstreams.page.notFound')}</h1>
          <p>{t('workstreams.page.notFoundBody')}</p>
          <p>
            <Link to="/workstreams">{t('workstreams.page.directoryLink')}</Link>
          </p>
        </>
      );
    return (
      <div role="alert">
        <h1>{t('workstreams.title')}</h1>
        <p>{t('workstreams.loadError')}</p>
        <Button variant="secondary" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          {t('workstreams.retry')}
        </Button>
      </div>
    );
  }

  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const manages = session?.user.platformRole === 'SECRETARIAT' || (workstream.myMembership?.status === 'ACTIVE' && workstream.myMembership.role === 'FACILITATOR');
  const threshold = suppressionThreshold([...workstream.participation.byStakeholderGroup, ...workstream.participation.byRegion, ...workstream.participation.byGender]);

  return (
    <article>
      <p>
        <Link to={`/workstreams?kind=${workstream.kind}`}>{label(t, 'kind', workstream.kind)}</Link>
      </p>
      <h1 dir="auto">{workstream.name}</h1>
      <ul className={styles.tags} aria-label={t('workstreams.filter.status')}>
        <li className={styles.tagStrong}>{label(t, 'kind', workstream.kind)}</li>
        <li className={styles.tag}>{label(t, 'status', workstream.status)}</li>
        {workstream.cycleYear ? <li className={styles.tag}>{t('workstreams.cycle', { year: String(workstream.cycleYear) })}</li> : null}
      </ul>
      <p className={styles.lede} dir="auto">
        {workstream.summary}
      </p>
      {workstream.topics.length ? (
        <p className={styles.muted}>
          {t('workstreams.topics')}: <span dir="auto">{workstream.topics.join(', ')}</span>
        </p>
      ) : null}
      {workstream.statementOfPurpose ? (
        <section className={styles.section} aria-labelledby="purpose">
          <h2 id="purpose">{t('workstreams.page.purpose')}</h2>
          <p dir="auto">{workstream.statementOfPurpose}</p>
        </section>
      ) : null}
      {workstream.statusReasons.length ? (
        <section className={styles.panel} aria-labelledby="reasons">
          <h2 id="reasons">{t('workstreams.page.statusReasons')}</h2>
          <ul lang="en" dir="ltr">
            {workstream.statusReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <JoinPanel workstream={workstream} onChange={refresh} />

      <section className={styles.section} aria-labelledby="consultations">
        <h2 id="consultations">{t('workstreams.page.consultations')}</h2>
        {workstream.commentPeriods.edges.length ? (
          <ul className={styles.plainList}>
            {workstream.commentPeriods.edges.map(({ node }) => (
              <li key={node.id}>
                <Link to={`/comment-periods/${node.id}`} dir="auto">
                  {node.title}
                </Link>
                <div className={styles.tags}>
                  <span className={node.status === 'OPEN' ? styles.tagStrong : styles.tag}>{label(t, 'periodStatus', node.status)}</span>
                  <span className={styles.tag}>{label(t, 'periodKind', node.kind)}</span>
                </div>
                <p className={styles.muted}>
                  {node.status === 'SCHEDULED' || node.status === 'DRAFT'
                    ? t('workstreams.page.opens', { date: formatWhen(node.opensAt) })
                    : node.status === 'OPEN'
                      ? t('workstreams.page.closes', { date: formatWhen(node.closesAt) })
                      : t('workstreams.page.closed', { date: formatWhen(node.closesAt) })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('workstreams.page.noConsultations')}</p>
        )}
      </section>

      <section className={styles.section} aria-labelledby="documents">
        <h2 id="documents">{t('workstreams.page.documents')}</h2>
        {workstream.documents.edges.length ? (
          <ul className={styles.plainList}>
            {workstream.documents.edges.map(({ node }) => (
              <li key={node.id}>
                <Link to={`/documents/${node.id}`} lang={node.language} dir="auto">
                  {node.title}
                </Link>
                <div className={styles.tags}>
                  <span className={styles.tag}>{label(t, 'docKind', node.kind)}</span>
                  {node.visibility === 'MEMBERS' ? <span className={styles.tagStrong}>{t('workstreams.page.membersOnly')}</span> : null}
                </div>
                <p className={styles.muted}>
                  {t('workstreams.page.updated', { date: formatDay(node.updatedAt) })}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('workstreams.page.noDocuments')}</p>
        )}
        {workstream.myMembership?.status === 'ACTIVE' && workstream.myMembership.role !== 'OBSERVER' ? (
          <p>
            <Link to={`/documents/new?workstream=${encodeURIComponent(workstream.slug)}`}>{t('workstreams.page.newDocument')}</Link>
          </p>
        ) : null}
      </section>

      <section className={styles.section} aria-labelledby="people">
        <h2 id="people">{t('workstreams.page.facilitators')}</h2>
        <People edges={workstream.facilitators.edges} />
        {workstream.leadExperts.edges.length ? (
          <>
            <h3>{t('workstreams.page.leadExperts')}</h3>
            <People edges={workstream.leadExperts.edges} />
          </>
        ) : null}
        <p>
          <Link to={`/workstreams/${workstream.slug}/members`}>{t('workstreams.page.allMembers', { count: workstream.participation.totalMembers })}</Link>
        </p>
      </section>

      <section className={styles.section} aria-labelledby="mailing">
        <h2 id="mailing">{t('workstreams.page.mailingList')}</h2>
        {workstream.mailingListUrl || workstream.archiveUrl ? (
          <ul>
            {workstream.mailingListUrl ? (
              <li>
                <a href={workstream.mailingListUrl}>{t('workstreams.page.mailingListLink')}</a>
              </li>
            ) : null}
            {workstream.archiveUrl ? (
              <li>
                <a href={workstream.archiveUrl}>{t('workstreams.page.archiveLink')}</a>
              </li>
            ) : null}
          </ul>
        ) : (
          <p>{t('workstreams.page.noMailingList')}</p>
        )}
      </section>

      {workstream.compliance ? (
        <section className={styles.section} aria-labelledby="compliance">
          <h2 id="compliance">{t('workstreams.compliance.heading')}</h2>
          <ComplianceCriteria compliance={workstream.compliance} />
          <p>
            <Link to="/dynamic-coalitions/compliance">{t('workstreams.complianceLink')}</Link>
          </p>
        </section>
      ) : null}

      {workstream.kind === 'DC' ? <DcFilings workstreamId={workstream.id} manages={manages} onFiled={refresh} /> : null}

      <section className={styles.section} aria-labelledby="participation">
        <h2 id="participation">{t('workstreams.participation.heading')}</h2>
        <p>{t('workstreams.participation.total', { count: workstream.participation.totalMembers })}</p>
        <p className={styles.muted}>{t('workstreams.participation.note', { n: threshold ?? 3 })}</p>
        <div className={styles.charts}>
          <ParticipationChart title={t('workstreams.participation.byGroup')} cells={workstream.participation.byStakeholderGroup} set="group" />
          <ParticipationChart title={t('workstreams.participation.byRegion')} cells={workstream.participation.byRegion} set="region" />
          <ParticipationChart title={t('workstreams.participation.byGender')} cells={workstream.participation.byGender} set="gender" />
        </div>
      </section>
    </article>
  );

  function formatWhen(iso: string) {
    return intl.formatDate(iso, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  }
  function formatDay(iso: string) {
    return intl.formatDate(iso, { year: 'numeric', month: 'long', day: 'numeric' });
  }
}

function People({ edges }: { edges: Workstream['facilitators']['edges'] }) {
  const t = useT();
  if (!edges.length) return <p>{t('workstreams.page.noFacilitators')}</p>;
  return (
    <ul>
      {edges.map(({ node }) => (
        <li key={node.id}>
          <span dir="auto">{node.user.displayName}</span>
          {node.user.organisation ? (
            <span className={styles.muted}>
              {' · '}
              <span dir="auto">{node.user.organisation}</span>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Join (open membership), ask to join (approval), or the state of one's membership or request. */
function JoinPanel({ workstream, onChange }: { workstream: Workstream; onChange: () => void }) {
  const t = useT();
  const session = useSession();
  const [joinState, join] = useMutation(JOIN);
  const [withdrawState, withdraw] = useMutation(WITHDRAW);
  const [failed, setFailed] = useState(false);
  const membership = workstream.myMembership;
  const canJoin = workstream.status === 'ACTIVE' || workstream.status === 'INACTIVE' || workstream.status === 'PROPOSED';

  async function run(action: () => Promise<{ error?: unknown }>) {
    setFailed(false);
    const result = await action();
    if (result.error) setFailed(true);
    else onChange();
  }

  let body;
  if (!session) {
    body = canJoin ? (
      <p>
        <SignInLink>{t('workstreams.join.signIn')}</SignInLink>
      </p>
    ) : (
      <p>{t('workstreams.join.closed')}</p>
    );
  } else if (membership?.status === 'ACTIVE') {
    body = <p>{t('workstreams.join.member', { role: label(t, 'role', membership.role) })}</p>;
  } else if (membership?.status === 'PENDING') {
    body = (
      <>
        <p>{t('workstreams.join.pending')}</p>
        <Button variant="secondary" disabled={withdrawState.fetching} onClick={() => void run(() => withdraw({ id: workstream.id }))}>
          {t('workstreams.join.withdraw')}
        </Button>
      </>
    );
  } else if (canJoin) {
    body = (
      <>
        <p>{workstream.joinPolicy === 'OPEN' ? t('workstreams.join.openHint') : t('workstreams.join.approvalHint')}</p>
        <Button disabled={joinState.fetching} onClick={() => void run(() => join({ id: workstream.id }))}>
          {workstream.joinPolicy === 'OPEN' ? t('workstreams.join.join') : t('workstreams.join.request')}
        </Button>
      </>
    );
  } else {
    body = <p>{t('workstreams.join.closed')}</p>;
  }

  return (
    <section className={styles.panel} aria-labelledby="join">
      <h2 id="join">{t('workstreams.join.heading')}</h2>
      {body}
      <div role="status" aria-live="polite">
        {failed ? <p className={styles.notMet}>{t('workstreams.join.error')}</p> : null}
      </div>
    </section>
  );
}
