import { Link } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { useT } from '../../../i18n/t';
import { ComplianceCheck } from '../components/ComplianceCheck';
import { CreateWorkstreamForm } from '../components/CreateWorkstreamForm';
import { CyclesTable } from '../components/CyclesTable';
import { ProposalItem } from '../components/ProposalItem';
import { SecretariatOnly } from '../components/SecretariatOnly';
import { useOutcome } from '../lib/use-outcome';
import { CYCLES, PROPOSALS } from '../operations';
import styles from '../Secretariat.module.css';

/**
 * `/secretariat`: what the IGF Secretariat keeps in order. Dynamic Coalitions waiting to be recognised,
 * the yearly compliance check, the BPF and PN cycles (and new ones), with links to accounts and the
 * audit log.
 */
export function DeskPage() {
  const t = useT();
  usePageTitle(t('secretariat.desk.title'));
  return (
    <SecretariatOnly title={t('secretariat.desk.title')}>
      <Desk />
    </SecretariatOnly>
  );
}

function Desk() {
  const t = useT();
  const [proposals, refetchProposals] = useQuery({ query: PROPOSALS, requestPolicy: 'cache-and-network' });
  const [cycles, refetchCycles] = useQuery({ query: CYCLES, requestPolicy: 'cache-and-network' });
  const outcome = useOutcome(t);
  const done: typeof outcome.done = (result, message) => {
    const ok = outcome.done(result, message);
    refetchProposals({ requestPolicy: 'network-only' });
    refetchCycles({ requestPolicy: 'network-only' });
    return ok;
  };
  const waiting = proposals.data?.workstreams;
  const bpfsAndPns = [...(cycles.data?.bpfs.edges ?? []), ...(cycles.data?.pns.edges ?? [])].map((e) => e.node).filter((w) => w.status !== 'DECLINED');

  return (
    <>
      <h1>{t('secretariat.desk.title')}</h1>
      <nav aria-label={t('secretariat.desk.nav')}>
        <ul className={styles.deskLinks}>
          <li>
            <Link to="/secretariat/accounts">{t('secretariat.accounts.title')}</Link>
          </li>
          <li>
            <Link to="/secretariat/audit">{t('secretariat.audit.title')}</Link>
          </li>
          <li>
            <Link to="/dynamic-coalitions/compliance">{t('secretariat.compliance.report')}</Link>
          </li>
        </ul>
      </nav>
      <p role="status" aria-live="polite" className="visually-hidden">
        {outcome.notice}
      </p>
      {outcome.problem ? (
        <p role="alert" className={styles.problem}>
          {outcome.problem}
        </p>
      ) : null}

      <section aria-labelledby="proposals">
        <h2 id="proposals">{t('secretariat.proposals.title', { count: waiting?.totalCount ?? 0 })}</h2>
        {!waiting ? (
          proposals.error ? <p role="alert">{t('secretariat.loadFailed')}</p> : <Loading />
        ) : waiting.edges.length === 0 ? (
          <p>{t('secretariat.proposals.none')}</p>
        ) : (
          <ul className={styles.proposals}>
            {waiting.edges.map(({ node }) => (
              <ProposalItem key={node.id} proposal={node} done={done} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="compliance">
        <h2 id="compliance">{t('secretariat.compliance.title')}</h2>
        <ComplianceCheck done={done} />
      </section>

      <section aria-labelledby="cycles">
        <h2 id="cycles">{t('secretariat.cycles.title')}</h2>
        {!cycles.data ? (
          cycles.error ? <p role="alert">{t('secretariat.loadFailed')}</p> : <Loading />
        ) : bpfsAndPns.length ? (
          <CyclesTable workstreams={bpfsAndPns} done={done} />
        ) : (
          <p>{t('secretariat.cycles.none')}</p>
        )}
        <details>
          <summary>{t('secretariat.create.show')}</summary>
          <CreateWorkstreamForm />
        </details>
      </section>
    </>
  );
}
