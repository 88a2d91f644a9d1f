import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { Button } from '../../../design/Button';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { label } from '../labels';
import styles from '../workstreams.module.css';
import { APPROVE_MEMBERSHIP, CONSOLE_MEMBERS, DECLINE_MEMBERSHIP, REMOVE_MEMBER, ROLES, SET_ROLE } from './operations';

/**
 * The facilitators' side of the members page: requests to join, approved or declined; every member's
 * role changed or the member removed. The API keeps at least one facilitator (LAST_FACILITATOR), and
 * the page says so when it refuses.
 */
export function MembersConsole({ workstreamId, name }: { workstreamId: string; name: string }) {
  const t = useT();
  const intl = useIntl();
  const [{ data, error }, refetch] = useQuery({ query: CONSOLE_MEMBERS, variables: { id: workstreamId }, requestPolicy: 'cache-and-network' });
  const [, approve] = useMutation(APPROVE_MEMBERSHIP);
  const [, decline] = useMutation(DECLINE_MEMBERSHIP);
  const [, setRole] = useMutation(SET_ROLE);
  const [, remove] = useMutation(REMOVE_MEMBER);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const workstream = data?.workstream;
  if (!workstream) return error ? <p role="alert">{t('workstreams.console.loadFailed')}</p> : <Loading />;

  const done = (result: { error?: Parameters<typeof errorCode>[0] }, message: string) => {
    if (result.error) {
      const code = errorCode(result.error);
      setProblem(code === 'LAST_FACILITATOR' ? t('workstreams.console.lastFacilitator') : t('workstreams.console.failed', { code: code ?? 'NETWORK' }));
      return;
    }
    setProblem(null);
    setNotice(message);
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <>
      <p role="status" aria-live="polite" className="visually-hidden">
        {notice}
      </p>
      {problem ? (
        <p role="alert" className={styles.problem}>
          {problem}
        </p>
      ) : null}
      <section aria-labelledby="requests">
        <h2 id="requests">{t('workstreams.console.requests', { count: workstream.requests.totalCount })}</h2>
        {workstream.requests.edges.length === 0 ? <p>{t('workstreams.console.noRequests')}</p> : null}
        <ul className={styles.requests}>
          {workstream.requests.edges.map(({ node }) => (
            <li key={node.id} data-membership-id={node.id}>
              <span dir="auto" className={styles.requester}>
                {node.user.displayName}
              </span>
              {node.user.organisation ? <span dir="auto"> · {node.user.organisation}</span> : null}
              <span> · {t('workstreams.console.asked', { date: intl.formatDate(node.createdAt, { dateStyle: 'medium' }) })}</span>
              <span className={styles.requestActions}>
                <Button onClick={async () => done(await approve({ id: node.id }), t('workstreams.console.approved', { name: node.user.displayName }))}>
                  {t('workstreams.console.approve')}
                  <span className="visually-hidden">: {node.user.displayName}</span>
                </Button>
                <Button variant="secondary" onClick={async () => done(await decline({ id: node.id }), t('workstreams.console.declined', { name: node.user.displayName }))}>
                  {t('workstreams.console.decline')}
                  <span className="visually-hidden">: {node.user.displayName}</span>
                </Button>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="roles">
        <h2 id="roles">{t('workstreams.console.members', { count: workstream.active.totalCount })}</h2>
        <div className={styles.scroll} role="region" tabIndex={0} aria-label={t('workstreams.members.region')}>
          <table className={styles.table}>
            <caption>{t('workstreams.console.caption', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workstreams.members.name')}</th>
                <th scope="col">{t('workstreams.members.organisation')}</th>
                <th scope="col">{t('workstreams.members.role')}</th>
                <th scope="col">{t('workstreams.console.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {workstream.active.edges.map(({ node }) => (
                <tr key={node.id} data-membership-id={node.id}>
                  <th scope="row" dir="auto">
                    {node.user.displayName}
                  </th>
                  <td dir="auto">{node.user.organisation ?? ''}</td>
                  <td>
                    <select
                      aria-label={t('workstreams.console.roleOf', { name: node.user.displayName })}
                      value={node.role}
                      onChange={async (e) => {
                        const role = e.target.value as (typeof ROLES)[number];
                        done(await setRole({ id: node.id, role }), t('workstreams.console.roleChanged', { name: node.user.displayName, role: label(t, 'role', role) }));
                      }}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {label(t, 'role', role)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <Button variant="quiet" onClick={async () => done(await remove({ id: node.id }), t('workstreams.console.removed', { name: node.user.displayName }))}>
                      {t('workstreams.console.remove')}
                      <span className="visually-hidden">: {node.user.displayName}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
