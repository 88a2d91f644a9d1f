import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { Button } from '../../../design/Button';
import { useT } from '../../../i18n/t';
import { fingerprint, receiptFileName, receiptJson, type ReceiptFile } from '../lib/receipt-file';
import styles from './Record.module.css';

/**
 * The author's receipt of their comment in the period's public record: entry number, fingerprint,
 * the signed head it is under, and the file to keep (download or copy). Checking it is /verify's,
 * which the link opens with this receipt already in it.
 */
export function RecordReceipt({ file, headingLevel = 3 }: { file: ReceiptFile; headingLevel?: 3 | 4 }) {
  const t = useT();
  const intl = useIntl();
  const titleId = useId();
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);
  const head = file.receipt.treeHead;
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const json = receiptJson(file);

  const download = () => {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = receiptFileName(file);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section aria-labelledby={titleId} className={styles.receipt}>
      <H id={titleId} className={styles.title}>
        {t('record.receipt.title')}
      </H>
      <p className={styles.intro}>{t('record.receipt.intro')}</p>
      <dl className={styles.facts}>
        <div>
          <dt>{t('record.receipt.entry')}</dt>
          <dd>{intl.formatNumber(file.receipt.entryIndex)}</dd>
        </div>
        <div>
          <dt>{t('record.receipt.fingerprint')}</dt>
          <dd>
            <code dir="ltr" className={styles.hash} title={file.receipt.leafHash}>
              {fingerprint(file.receipt.leafHash)}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t('record.receipt.head')}</dt>
          <dd>
            {t('record.head.summary', { size: head.treeSize, time: new Date(head.timestamp) })}
          </dd>
        </div>
      </dl>
      <div className={styles.actions}>
        <Button onClick={download}>{t('record.receipt.download')}</Button>
        <Button variant="secondary" onClick={() => void copy()}>
          {t('record.receipt.copy')}
        </Button>
        <Link to="/verify" state={{ receipt: json }} className={styles.link}>
          {t('record.receipt.verify')}
        </Link>
      </div>
      <p role="status" className={styles.note}>
        {copied === 'done' ? t('record.receipt.copied') : copied === 'failed' ? t('record.receipt.copyFailed') : null}
      </p>
    </section>
  );
}
