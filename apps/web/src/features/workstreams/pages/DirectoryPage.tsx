import { type FormEvent, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { Loading } from '../../../design/Loading';
import { graphql } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { KINDS, label, STATUSES } from '../labels';
import styles from '../workstreams.module.css';

const PAGE_SIZE = 20;

const DIRECTORY = graphql(`
  query WorkstreamDirectory($filter: WorkstreamFilter, $first: Int, $after: String, $last: Int, $before: String) {
    workstreams(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        cursor
        node { id slug name kind status summary topics cycleYear }
      }
    }
  }
`);

type Kind = (typeof KINDS)[number];
type Status = (typeof STATUSES)[number];
const FILTER_KEYS = ['kind', 'status', 'q', 'topic'] as const;

/**
 * The directory: a GOV.UK-style filter form whose state lives in the address (shareable, the back
 * button restores it), results paged with the API's cursors, the number found announced politely.
 */
export function DirectoryPage() {
  const t = useT();
  usePageTitle(t('workstreams.title'));
  const [params, setParams] = useSearchParams();

  const kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as Kind) : undefined;
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : undefined;
  const search = params.get('q')?.trim() || undefined;
  const topic = params.get('topic')?.trim() || undefined;
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;

  const variables = useMemo(
    () => ({
      filter: { kind, status, search, topic },
      ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after }),
    }),
    [kind, status, search, topic, after, before],
  );
  const [{ data, fetching, error }, reexecute] = useQuery({ query: DIRECTORY, variables });
  const list = data?.workstreams;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  }

  const pageLink = (cursor: string, direction: 'after' | 'before') => {
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    next.set(direction, cursor);
    return `?${next.toString()}`;
  };

  const filtered = FILTER_KEYS.some((key) => params.get(key));

  return (
    <>
      <h1>{t('workstreams.title')}</h1>
      <p className={styles.lede}>{t('workstreams.intro')}</p>
      <p>
        <Link to="/dynamic-coalitions/compliance">{t('workstreams.complianceLink')}</Link>
      </p>
      <div className={styles.layout}>
        <search className={styles.filters} aria-labelledby="filters-heading">
          <h2 id="filters-heading">{t('workstreams.filter.heading')}</h2>
          {/* keyed on the address, so going back shows the filters that page was made with */}
          <form key={params.toString()} onSubmit={onSubmit} noValidate>
            <Field label={t('workstreams.filter.kind')}>
              <select name="kind" defaultValue={kind ?? ''}>
                <option value="">{t('workstreams.filter.any')}</option>
                {KINDS.map((value) => (
                  <option key={value} value={value}>
                    {label(t, 'kind', value)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('workstreams.filter.status')}>
              <select name="status" defaultValue={status ?? ''}>
                <option value="">{t('workstreams.filter.any')}</option>
                {STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {label(t, 'status', value)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('workstreams.filter.search')} hint={t('workstreams.filter.searchHint')}>
              <input name="q" type="search" defaultValue={search ?? ''} autoComplete="off" />
            </Field>
            <Field label={t('workstreams.filter.topic')} hint={t('workstreams.filter.topicHint')}>
              <input name="topic" type="text" defaultValue={topic ?? ''} autoComplete="off" />
            </Field>
            <div className={styles.actions}>
              <Button type="submit">{t('workstreams.filter.apply')}</Button>
              {filtered ? <Link to="/workstreams">{t('workstreams.filter.clear')}</Link> : null}
            </div>
          </form>
        </search>

        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="visually-hidden">
            {t('workstreams.results.label')}
          </h2>
          <p role="status" aria-live="polite" className={styles.count}>
            {list ? t('workstreams.results', { count: list.totalCount }) : ''}
          </p>
          {error && !list ? (
            <div role="alert">
              <p>{t('workstreams.loadError')}</p>
              <Button variant="secondary" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
                {t('workstreams.retry')}
              </Button>
            </div>
          ) : null}
          {fetching && !list ? <Loading /> : null}
          {list ? (
            <ul className={styles.results}>
              {list.edges.map(({ node }) => (
                <li key={node.id}>
                  <h3>
                    <Link to={`/workstreams/${node.slug}`}>{node.name}</Link>
                  </h3>
                  <ul className={styles.tags}>
                    <li className={styles.tagStrong}>{label(t, 'kind', node.kind)}</li>
                    <li className={styles.tag}>{label(t, 'status', node.status)}</li>
                    {node.cycleYear ? <li className={styles.tag}>{t('workstreams.cycle', { year: String(node.cycleYear) })}</li> : null}
                  </ul>
                  <p dir="auto">{node.summary}</p>
                  {node.topics.length ? (
                    <p className={styles.muted}>
                      {t('workstreams.topics')}: <span dir="auto">{node.topics.join(', ')}</span>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {list && (list.pageInfo.hasPreviousPage || list.pageInfo.hasNextPage) ? (
            <nav className={styles.pagination} aria-label={t('workstreams.pagination.label')}>
              {list.pageInfo.hasPreviousPage && list.pageInfo.startCursor ? (
                <Link to={pageLink(list.pageInfo.startCursor, 'before')} rel="prev">
                  <span aria-hidden="true" className="mirror-rtl">
                    ←
                  </span>
                  {t('workstreams.pagination.previous')}
                </Link>
              ) : (
                <span />
              )}
              {list.pageInfo.hasNextPage && list.pageInfo.endCursor ? (
                <Link to={pageLink(list.pageInfo.endCursor, 'after')} rel="next">
                  {t('workstreams.pagination.next')}
                  <span aria-hidden="true" className="mirror-rtl">
                    →
                  </span>
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      </div>
    </>
  );
}
