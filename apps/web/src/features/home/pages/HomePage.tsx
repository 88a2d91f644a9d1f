import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { graphql, type ResultOf } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { countdown } from '../../../i18n/countdown';
import { KINDS, label } from '../../workstreams/labels';
import styles from '../Home.module.css';

/**
 * One request for the whole page: the active workstreams with their latest periods. The API has no
 * list of periods across workstreams, so open, upcoming and recent ones are picked out here.
 */
const HOME = graphql(`
  query Home {
    workstreams(first: 50, filter: { status: ACTIVE }) {
      edges {
        node {
          id slug name kind
          commentPeriods(first: 5) {
            edges { node { id title kind status opensAt closesAt comments(first: 1) { totalCount } } }
          }
        }
      }
    }
  }
`);

type Workstream = ResultOf<typeof HOME>['workstreams']['edges'][number]['node'];
type Period = Workstream['commentPeriods']['edges'][number]['node'] & { workstream: Workstream };

const RECENT_MS = 60 * 24 * 3600_000;

/** The time now, moved on every minute (for countdowns). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function HomePage() {
  const t = useT();
  const intl = useIntl();
  usePageTitle(t('home.title'));
  const now = useNow();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: HOME });

  const periods: Period[] = (data?.workstreams.edges ?? []).flatMap(({ node: workstream }) => workstream.commentPeriods.edges.map(({ node }) => ({ ...node, workstream })));
  const open = periods.filter((p) => p.status === 'OPEN').sort((a, b) => Date.parse(a.closesAt) - Date.parse(b.closesAt));
  const upcoming = periods.filter((p) => p.status === 'SCHEDULED').sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt));
  const recent = periods
    .filter((p) => (p.status === 'CLOSED' || p.status === 'SYNTHESIS_PUBLISHED') && now - Date.parse(p.closesAt) < RECENT_MS)
    .sort((a, b) => Date.parse(b.closesAt) - Date.parse(a.closesAt))
    .slice(0, 5);

  const when = (iso: string) => intl.formatDate(iso, { weekday: 'short', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  const relative = (iso: string) => {
    const { value, unit } = countdown(Date.parse(iso) - now);
    return intl.formatRelativeTime(value, unit, { numeric: 'auto' });
  };
  const from = (period: Period) => (
    <p className={styles.meta}>
      {label(t, 'kind', period.workstream.kind)}:{' '}
      <Link to={`/workstreams/${period.workstream.slug}`} dir="auto">
        {period.workstream.name}
      </Link>
    </p>
  );

  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className={styles.lede}>{t('home.intro')}</p>

      {fetching && !data ? <Loading /> : null}
      {error && !data ? (
        <div role="alert">
          <p>{t('home.loadError')}</p>
          <button type="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            {t('home.retry')}
          </button>
        </div>
      ) : null}

      {data ? (
        <section aria-labelledby="open-heading">
          <h2 id="open-heading" className="visually-hidden">
            {t('home.title')}
          </h2>
          {open.length ? (
            <ul className={styles.cards}>
              {open.map((period) => (
                <li key={period.id} className={styles.card}>
                  <p className={styles.meta}>{label(t, 'periodKind', period.kind)}</p>
                  <h3>
                    <Link to={`/comment-periods/${period.id}`} dir="auto">
                      {period.title}
                    </Link>
                  </h3>
                  {from(period)}
                  <p className={styles.deadline}>
                    {t('home.closes', { date: when(period.closesAt) })}{' '}
                    <span className={styles.countdown}>({t('home.closesIn', { relative: relative(period.closesAt) })})</span>
                  </p>
                  <p>{t('home.comments', { count: period.comments.totalCount })}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('home.open.none')}</p>
          )}
        </section>
      ) : null}

      {upcoming.length ? (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t('home.upcoming')}</h2>
          <ul className={styles.list}>
            {upcoming.map((period) => (
              <li key={period.id}>
                <Link to={`/comment-periods/${period.id}`} dir="auto">
                  {period.title}
                </Link>
                {from(period)}
                <p>{t('home.opens', { date: when(period.opensAt) })}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {recent.length ? (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">{t('home.recent')}</h2>
          <ul className={styles.list}>
            {recent.map((period) => (
              <li key={period.id}>
                <Link to={`/comment-periods/${period.id}`} dir="auto">
                  {period.title}
                </Link>
                {from(period)}
                <p>
                  {t('home.closed', { date: when(period.closesAt) })} · {t('home.comments', { count: period.comments.totalCount })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">{t('home.kinds.heading')}</h2>
        <p>{t('home.kinds.intro')}</p>
        <ul className={styles.kinds}>
          {KINDS.map((kind) => (
            <li key={kind}>
              <h3>
                <Link to={`/workstreams?kind=${kind}`}>{t(`home.kinds.${kind}`)}</Link>
              </h3>
              <p>{t(`home.kinds.${kind}.about`)}</p>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/workstreams">{t('home.kinds.all')}</Link>
        </p>
      </section>
    </>
  );
}
