import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { Loading } from '../../../design/Loading';
import { graphql } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { Verdict } from '../components/ComplianceCriteria';
import { label } from '../labels';
import styles from '../workstreams.module.css';

const REPORT = graphql(`
  query DcComplianceReport($year: Int, $first: Int, $after: String, $last: Int, $before: String) {
    dcComplianceReport(reportingYear: $year, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        cursor
        node {
          compliant
          reportingYear
          workstream { id slug name status }
          criteria { criterion met applies detail }
        }
      }
    }
  }
`);

const CRITERIA = ['OPEN_MEMBERSHIP', 'MAILING_LIST', 'PUBLIC_ARCHIVE', 'STAKEHOLDER_DIVERSITY', 'ANNUAL_REPORT', 'SESSION_REPORT'] as const;
const PAGE_SIZE = 50;
type SortKey = 'name' | 'status' | 'compliant';

/** Every DC against the minimum requirements: an accessible, sortable table, also as CSV. */
export function CompliancePage() {
  const t = useT();
  usePageTitle(t('workstreams.report.title'));
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 2000 && yearParam < 3000 ? yearParam : undefined;
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;
  const variables = useMemo(() => ({ year, ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after }) }), [year, after, before]);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: REPORT, variables });
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'name', ascending: true });
  const report = data?.dcComplianceReport;
  const shownYear = String(report?.edges[0]?.node.reportingYear ?? year ?? new Date().getUTCFullYear() - 1);

  const rows = useMemo(() => {
    const list = [...(report?.edges.map((e) => e.node) ?? [])];
    const value = (row: (typeof list)[number]) =>
      sort.key === 'name' ? row.workstream.name : sort.key === 'status' ? label(t, 'status', row.workstream.status) : row.compliant ? '1' : '0';
    list.sort((a, b) => value(a).localeCompare(value(b)) * (sort.ascending ? 1 : -1));
    return list;
  }, [report, sort, t]);

  function sortButton(key: SortKey, text: string) {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : undefined}>
        <button type="button" className={styles.sortButton} onClick={() => setSort({ key, ascending: active ? !sort.ascending : true })}>
          {text}
          <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ' ◆'}</span>
        </button>
      </th>
    );
  }

  function onYear(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('year') ?? '').trim();
    setParams(value ? { year: value } : {});
  }

  function downloadCsv() {
    const cell = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const header = [t('workstreams.report.coalition'), t('workstreams.report.status'), t('workstreams.report.overall'), ...CRITERIA.map((c) => label(t, 'criterion', c))];
    const lines = rows.map((row) => [
      row.workstream.name,
      label(t, 'status', row.workstream.status),
      row.compliant ? t('workstreams.report.compliant') : t('workstreams.report.notCompliant'),
      ...CRITERIA.map((c) => {
        const found = row.criteria.find((x) => x.criterion === c);
        return !found ? '' : !found.applies ? t('workstreams.compliance.notApplicable') : found.met ? t('workstreams.compliance.met') : t('workstreams.compliance.notMet');
      }),
    ]);
    const csv = '\uFEFF' + [header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n');
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `dc-compliance-${shownYear}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const pageLink = (cursor: string, direction: 'after' | 'before') => {
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    next.set(direction, cursor);
    return `?${next.toString()}`;
  };

  return (
    <>
      <p>
        <Link to="/workstreams?kind=DC">{t('workstreams.page.directoryLink')}</Link>
      </p>
      <h1>{t('workstreams.report.title')}</h1>
      <p className={styles.lede}>{t('workstreams.report.intro')}</p>
      <form key={params.get('year') ?? ''} onSubmit={onYear} className={styles.yearForm} noValidate>
        <Field label={t('workstreams.report.year')}>
          <input name="year" type="number" inputMode="numeric" min={2006} max={2100} defaultValue={year ?? shownYear} style={{ inlineSize: '8rem' }} />
        </Field>
        <Button type="submit" variant="secondary">
          {t('workstreams.report.show')}
        </Button>
      </form>
      <p role="status" aria-live="polite" className={styles.count}>
        {report ? t('workstreams.report.count', { count: report.totalCount }) : ''}
      </p>
      {fetching && !report ? <Loading /> : null}
      {error && !report ? (
        <div role="alert">
          <p>{t('workstreams.loadError')}</p>
          <Button variant="secondary" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            {t('workstreams.retry')}
          </Button>
        </div>
      ) : null}
      {report && rows.length ? (
        <>
          {/* the caption, shown above the scrolling region so a phone shows all of it */}
          <h2 aria-hidden="true">{t('workstreams.report.caption', { year: shownYear })}</h2>
          <div className={styles.scroll} role="region" tabIndex={0} aria-label={t('workstreams.report.region')}>
            <table className={styles.table}>
              <caption className="visually-hidden">{t('workstreams.report.caption', { year: shownYear })}</caption>
              <thead>
                <tr>
                  {sortButton('name', t('workstreams.report.coalition'))}
                  {sortButton('status', t('workstreams.report.status'))}
                  {sortButton('compliant', t('workstreams.report.overall'))}
                  {CRITERIA.map((criterion) => (
                    <th key={criterion} scope="col">
                      {label(t, 'criterion', criterion)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.workstream.id}>
                    <th scope="row">
                      <Link to={`/workstreams/${row.workstream.slug}`} dir="auto">
                        {row.workstream.name}
                      </Link>
                    </th>
                    <td>{label(t, 'status', row.workstream.status)}</td>
                    <td>
                      <span className={row.compliant ? styles.met : styles.notMet}>
                        <span aria-hidden="true">{row.compliant ? '✓ ' : '✗ '}</span>
                        {row.compliant ? t('workstreams.report.compliant') : t('workstreams.report.notCompliant')}
                      </span>
                    </td>
                    {CRITERIA.map((criterion) => {
                      const found = row.criteria.find((c) => c.criterion === criterion);
                      return (
                        <td key={criterion} title={found?.detail} >
                          {found ? <Verdict met={found.met} applies={found.applies} /> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Button variant="secondary" onClick={downloadCsv}>
              {t('workstreams.report.download')}
            </Button>
          </p>
        </>
      ) : null}
      {report && (report.pageInfo.hasPreviousPage || report.pageInfo.hasNextPage) ? (
        <nav className={styles.pagination} aria-label={t('workstreams.pagination.label')}>
          {report.pageInfo.hasPreviousPage && report.pageInfo.startCursor ? (
            <Link to={pageLink(report.pageInfo.startCursor, 'before')} rel="prev">
              {t('workstreams.pagination.previous')}
            </Link>
          ) : (
            <span />
          )}
          {report.pageInfo.hasNextPage && report.pageInfo.endCursor ? (
            <Link to={pageLink(report.pageInfo.endCursor, 'after')} rel="next">
              {t('workstreams.pagination.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
