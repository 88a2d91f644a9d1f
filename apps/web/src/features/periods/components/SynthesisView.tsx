import { useIntl } from 'react-intl';
import { type MessageId, useT } from '../../../i18n/t';
import { ParticipationChart } from '../../workstreams/components/ParticipationChart';
import type { ManagedPeriod } from '../operations';
import styles from './Periods.module.css';

type Synthesis = NonNullable<ManagedPeriod['synthesis']>;

/**
 * The synthesis as it stands: who commented (charts, each with its table; cells too small to publish
 * shown as such), what was done with the comments, where in the draft they fell (a table with bars: a
 * heat map a screen reader reads row by row) and the campaign clusters.
 */
export function SynthesisView({ synthesis, published = false }: { synthesis: Synthesis; published?: boolean }) {
  const t = useT();
  const intl = useIntl();
  const cells = (list: Synthesis['byStakeholderGroup']) => list.map((c) => ({ category: c.category, count: c.commenters, display: c.display, suppressed: c.suppressed }));
  const busiest = Math.max(1, ...synthesis.byParagraph.map((p) => p.comments));
  return (
    <section aria-labelledby="synthesis" className={styles.synthesis}>
      <h2 id="synthesis">{t(published ? 'periods.synthesis.titlePublished' : 'periods.synthesis.title')}</h2>
      <p>{t('periods.synthesis.totals', { comments: synthesis.totalComments, commenters: synthesis.totalCommenters })}</p>
      <h3>{t('periods.synthesis.dispositions')}</h3>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t('periods.synthesis.disposition')}</th>
            <th scope="col">{t('periods.synthesis.count')}</th>
          </tr>
        </thead>
        <tbody>
          {synthesis.byDisposition.map((d) => (
            <tr key={d.disposition}>
              <th scope="row">{t(`periods.disposition.${d.disposition}` as MessageId)}</th>
              <td>{intl.formatNumber(d.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.charts}>
        <ParticipationChart title={t('periods.synthesis.byGroup')} cells={cells(synthesis.byStakeholderGroup)} set="group" countLabel={t('periods.synthesis.commenters')} />
        <ParticipationChart title={t('periods.synthesis.byRegion')} cells={cells(synthesis.byRegion)} set="region" countLabel={t('periods.synthesis.commenters')} />
        <ParticipationChart title={t('periods.synthesis.byGender')} cells={cells(synthesis.byGender)} set="gender" countLabel={t('periods.synthesis.commenters')} />
      </div>
      {synthesis.byParagraph.length ? (
        <>
          <h3 id="heat">{t('periods.synthesis.byParagraph')}</h3>
          <div className={styles.scroll} role="region" tabIndex={0} aria-labelledby="heat">
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t('periods.synthesis.paragraph')}</th>
                  <th scope="col">{t('periods.synthesis.comments')}</th>
                  <th scope="col">{t('periods.synthesis.unanswered')}</th>
                  <th scope="col">{t('periods.synthesis.accepted')}</th>
                  <th scope="col">{t('periods.synthesis.suggestions')}</th>
                </tr>
              </thead>
              <tbody>
                {synthesis.byParagraph.map((p) => (
                  <tr key={p.paragraph}>
                    <th scope="row">{p.paragraph === 0 ? t('periods.synthesis.wholeDocument') : intl.formatNumber(p.paragraph)}</th>
                    <td>
                      <span className={styles.bar} style={{ inlineSize: `${(8 * p.comments) / busiest}rem` }} aria-hidden="true" />
                      {intl.formatNumber(p.comments)}
                    </td>
                    <td>{intl.formatNumber(p.unanswered)}</td>
                    <td>{intl.formatNumber(p.accepted)}</td>
                    <td>{intl.formatNumber(p.suggestions)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {synthesis.clusters.length ? (
        <>
          <h3>{t('periods.synthesis.clusters')}</h3>
          <ul>
            {synthesis.clusters.map((c) => (
              <li key={c.excerpt}>
                {t('periods.synthesis.cluster', { size: c.size, identical: c.identical })} <q dir="auto">{c.excerpt}</q>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
