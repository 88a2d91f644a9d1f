import { type FormEvent, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { Pager } from '../components/Pager';
import { SecretariatOnly } from '../components/SecretariatOnly';
import { summaryFacts } from '../lib/audit-summary';
import { ACTION_DOMAINS, type AuditFilterParams, filterProblems, readFilter, toApiFilter, writeFilter } from '../lib/audit-filter';
import { ACTOR, AUDIT_LOG, type AuditEntry, WORKSTREAM_NAMES } from '../operations';
import styles from '../Secretariat.module.css';

const PAGE_SIZE = 50;

/**
 * `/secretariat/audit`: every recorded action, newest first, filtered by workstream, person, kind of
 * action and dates; the filter lives in the address, so a view can be bookmarked or sent to a
 * colleague. The accounts page links here for one person's actions.
 */
export function AuditLogPage() {
  const t = useT();
  usePageTitle(t('secretariat.audit.title'));
  return (
    <SecretariatOnly title={t('secretariat.audit.title')}>
      <AuditLog />
    </SecretariatOnly>
  );
}

function AuditLog() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;
  const [draft, setDraft] = useState<AuditFilterParams>(filter);
  const [untilError, setUntilError] = useState<string | null>(null);
  const key = params.toString();
  const variables = useMemo(() => ({ filter: toApiFilter(readFilter(new URLSearchParams(key))), ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after }) }), [key, after, before]);
  const [{ data, error }] = useQuery({ query: AUDIT_LOG, variables, requestPolicy: 'cache-and-network' });
  const [names] = useQuery({ query: WORKSTREAM_NAMES });
  const [actor] = useQuery({ query: ACTOR, variables: { id: filter.actor }, pause: !filter.actor });
  const workstreams = names.data?.workstreams.edges.map((e) => e.node) ?? [];
  const workstreamName = new Map(workstreams.map((w) => [w.id, w.name]));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const problems = filterProblems(draft);
    setUntilError(problems.until ? t('secretariat.audit.untilBeforeSince') : null);
    if (problems.until) return;
    // the person comes from the address (a row's name, or the accounts page), not from the form
    setParams(writeFilter({ ...draft, actor: filter.actor }));
  };
  const clear = () => {
    const empty = { workstream: '', actor: '', action: '', since: '', until: '' };
    setDraft(empty);
    setUntilError(null);
    setParams(new URLSearchParams());
  };
  const log = data?.auditLog;

  return (
    <>
      <p>
        <Link to="/secretariat">{t('secretariat.back')}</Link>
      </p>
      <h1>{t('secretariat.audit.title')}</h1>
      <form role="search" aria-label={t('secretariat.audit.filter')} onSubmit={apply} noValidate>
        <div className={styles.filters}>
          <Field label={t('secretariat.audit.workstream')}>
            <select value={draft.workstream} onChange={(e) => setDraft({ ...draft, workstream: e.target.value })}>
              <option value="">{t('secretariat.any')}</option>
              {workstreams.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('secretariat.audit.action')}>
            <select value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
              <option value="">{t('secretariat.any')}</option>
              {ACTION_DOMAINS.map((d) => (
                <option key={d} value={d}>
                  {t(`secretariat.audit.domain.${d}` as 'secretariat.audit.domain.user')}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('secretariat.audit.since')}>
            <input type="date" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} />
          </Field>
          <Field label={t('secretariat.audit.until')} error={untilError}>
            <input type="date" value={draft.until} onChange={(e) => setDraft({ ...draft, until: e.target.value })} />
          </Field>
        </div>
        {filter.actor ? (
          <p>
            {t('secretariat.audit.byPerson', { name: actor.data?.user.displayName ?? '…' })}{' '}
            <Link to={`?${writeFilter({ ...filter, actor: '' }).toString()}`}>
              {t('secretariat.audit.everyone')}
            </Link>
          </p>
        ) : null}
        <div className={styles.filterActions}>
          <Button type="submit">{t('secretariat.audit.apply')}</Button>
          <Button variant="secondary" onClick={clear}>
            {t('secretariat.audit.clear')}
          </Button>
        </div>
      </form>
      {!log ? (
        error ? <p role="alert">{t('secretariat.problem.other', { code: errorCode(error) ?? 'NETWORK' })}</p> : <Loading />
      ) : (
        <>
          <p role="status">{t('secretariat.audit.found', { count: log.totalCount })}</p>
          {log.edges.length ? (
            <div className={styles.scroll} role="region" tabIndex={0} aria-label={t('secretariat.audit.region')}>
              <table className={`${styles.table} ${styles.wide}`}>
                <caption>{t('secretariat.audit.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('secretariat.audit.when')}</th>
                    <th scope="col">{t('secretariat.audit.who')}</th>
                    <th scope="col">{t('secretariat.audit.what')}</th>
                    <th scope="col">{t('secretariat.audit.workstream')}</th>
                    <th scope="col">{t('secretariat.audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.edges.map(({ node }) => (
                    <AuditRow key={node.id} entry={node} workstream={node.workstreamId ? workstreamName.get(node.workstreamId) : undefined} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Pager pageInfo={log.pageInfo} />
        </>
      )}
    </>
  );
}

function AuditRow({ entry, workstream }: { entry: AuditEntry; workstream?: string }) {
  const t = useT();
  const intl = useIntl();
  const details = summaryFacts(entry.summary);
  return (
    <tr>
      <td>
        <time dateTime={entry.occurredAt as string}>{intl.formatDate(entry.occurredAt as string, { dateStyle: 'medium', timeStyle: 'short' })}</time>
      </td>
      <td dir="auto">
        {entry.actor ? <Link to={`?actor=${entry.actor.id}`}>{entry.actor.displayName}</Link> : t('secretariat.audit.system')}
      </td>
      <td>
        <code dir="ltr">{entry.action}</code>
      </td>
      <td dir="auto">{workstream ?? ''}</td>
      <td className={styles.details}>
        <ul className={styles.summary} dir="ltr">
          {details.map((fact, i) => (
            <li key={i}>{fact}</li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
