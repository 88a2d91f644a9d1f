import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { Loading } from '../../../design/Loading';
import { useT } from '../../../i18n/t';
import { AccountRow } from '../components/AccountRow';
import { Pager } from '../components/Pager';
import { SecretariatOnly } from '../components/SecretariatOnly';
import { useOutcome } from '../lib/use-outcome';
import { ACCOUNTS, PLATFORM_ROLES } from '../operations';
import styles from '../Secretariat.module.css';

const PAGE_SIZE = 50;
const STATUSES = ['ACTIVE', 'DISABLED'] as const;
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/** `/secretariat/accounts`: find people by name, e-mail or organisation; roles, disable and enable. */
export function AccountsPage() {
  const t = useT();
  usePageTitle(t('secretariat.accounts.title'));
  return (
    <SecretariatOnly title={t('secretariat.accounts.title')}>
      <Accounts />
    </SecretariatOnly>
  );
}

function Accounts() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const role = oneOf(PLATFORM_ROLES, params.get('role'));
  const status = oneOf(STATUSES, params.get('status'));
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;
  const [draft, setDraft] = useState({ search, role: role ?? '', status: status ?? '' });
  const variables = useMemo(
    () => ({ filter: { search: search || undefined, platformRole: role, status }, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after }) }),
    [search, role, status, after, before],
  );
  const [{ data, error }, refetch] = useQuery({ query: ACCOUNTS, variables, requestPolicy: 'cache-and-network' });
  const outcome = useOutcome(t);
  const done: typeof outcome.done = (result, message) => {
    const ok = outcome.done(result, message);
    refetch({ requestPolicy: 'network-only' });
    return ok;
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.search.trim()) next.set('q', draft.search.trim());
    if (draft.role) next.set('role', draft.role);
    if (draft.status) next.set('status', draft.status);
    setParams(next);
  };
  const users = data?.users;

  return (
    <>
      <p>
        <Link to="/secretariat">{t('secretariat.back')}</Link>
      </p>
      <h1>{t('secretariat.accounts.title')}</h1>
      <form role="search" aria-label={t('secretariat.accounts.find')} onSubmit={apply}>
        <div className={styles.filters}>
          <Field label={t('secretariat.accounts.search')} hint={t('secretariat.accounts.searchHint')}>
            <input type="search" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} dir="auto" />
          </Field>
          <Field label={t('secretariat.accounts.role')}>
            <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
              <option value="">{t('secretariat.any')}</option>
              {PLATFORM_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`secretariat.role.${r}` as 'secretariat.role.USER')}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('secretariat.accounts.status')}>
            <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
              <option value="">{t('secretariat.any')}</option>
              <option value="ACTIVE">{t('secretariat.accounts.active')}</option>
              <option value="DISABLED">{t('secretariat.accounts.disabled')}</option>
            </select>
          </Field>
        </div>
        <div className={styles.filterActions}>
          <Button type="submit">{t('secretariat.accounts.findButton')}</Button>
        </div>
      </form>
      <p role="status" aria-live="polite" className="visually-hidden">
        {outcome.notice}
      </p>
      {outcome.problem ? (
        <p role="alert" className={styles.problem}>
          {outcome.problem}
        </p>
      ) : null}
      {!users ? (
        error ? <p role="alert">{t('secretariat.loadFailed')}</p> : <Loading />
      ) : (
        <>
          <p>{t('secretariat.accounts.found', { count: users.totalCount })}</p>
          {users.edges.length ? (
            <div className={styles.scroll} role="region" tabIndex={0} aria-label={t('secretariat.accounts.region')}>
              <table className={`${styles.table} ${styles.wide}`}>
                <caption>{t('secretariat.accounts.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('secretariat.accounts.person')}</th>
                    <th scope="col">{t('secretariat.accounts.organisation')}</th>
                    <th scope="col">{t('secretariat.accounts.role')}</th>
                    <th scope="col">{t('secretariat.accounts.status')}</th>
                    <th scope="col">{t('secretariat.accounts.actionsColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.edges.map(({ node }) => (
                    <AccountRow key={node.id} account={node} done={done} />
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Pager pageInfo={users.pageInfo} />
        </>
      )}
    </>
  );
}
