import { useEffect } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { readFragment } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { PERIOD_HEAD, TreeHeadFields } from '../operations';
import { fingerprint } from '../lib/receipt-file';
import styles from './Record.module.css';

/**
 * The period's current signed head on its public page: anyone can note it and later check that the
 * record only grew from it. A query of its own, so the draft never waits for it; a short note while
 * the record is empty or cannot be read. Once the synthesis is published, the whole record downloads.
 */
export function RecordHead({ periodId, published, after }: { periodId: string; published: boolean; after?: string }) {
  const t = useT();
  const [{ data, error }, reread] = useQuery({ query: PERIOD_HEAD, variables: { id: periodId }, requestPolicy: 'cache-and-network' });
  // `after` changes when the reader added to the record (their comment): show the head that holds it
  useEffect(() => {
    if (after) reread({ requestPolicy: 'network-only' });
  }, [after, reread]);
  const record = data?.commentPeriod.record;
  const head = record?.head ? readFragment(TreeHeadFields, record.head) : null;
  return (
    <section aria-labelledby="record-head-title" className={styles.head}>
      <h2 id="record-head-title" className={styles.title}>
        {t('record.head.title')}
      </h2>
      {head ? (
        <>
          <p>{t('record.head.intro')}</p>
          <dl className={styles.facts}>
            <div>
              <dt>{t('record.head.latest')}</dt>
              <dd>{t('record.head.summary', { size: head.treeSize, time: new Date(head.timestamp) })}</dd>
            </div>
            <div>
              <dt>{t('record.head.root')}</dt>
              <dd>
                <code dir="ltr" className={styles.hash} title={head.rootHash}>
                  {fingerprint(head.rootHash)}
                </code>
              </dd>
            </div>
            <div>
              <dt>{t('record.head.key')}</dt>
              <dd>
                <code dir="ltr" className={styles.hash} title={head.keyId}>
                  {fingerprint(head.keyId)}
                </code>
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <p>{record ? t('record.head.empty') : error ? t('record.head.unavailable') : t('record.head.loading')}</p>
      )}
      <p className={styles.actions}>
        <Link to="/verify" className={styles.link}>
          {t('record.head.verify')}
        </Link>
        {published ? (
          <a href={`/comment-periods/${encodeURIComponent(periodId)}/record`} download className={styles.link}>
            {t('record.head.archive')}
          </a>
        ) : null}
      </p>
    </section>
  );
}
