import { forwardRef } from 'react';
import { Button } from '../../../design/Button';
import { readFragment } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { RecordReceipt } from '../../record/components/RecordReceipt';
import { toReceiptFile } from '../../record/lib/receipt-file';
import { CommentReceipt } from '../../record/operations';
import type { SubmittedComment } from '../api';
import styles from './CommentForm.module.css';

/**
 * What a commenter sees once the comment is in: for a guest the tracking number the API gives and where
 * the private link went (the API sends it by e-mail only, never in a response); for everyone, what
 * happens next, and the receipt of the comment in the period's public record, to keep.
 */
export const Receipt = forwardRef<HTMLHeadingElement, { comment: SubmittedComment; email: string | null; moderation: string; onAnother: () => void }>(function Receipt(
  { comment, email, moderation, onAnother },
  ref,
) {
  const t = useT();
  const pending = comment.state === 'PENDING';
  return (
    <div className={styles.receipt}>
      <h2 ref={ref} tabIndex={-1}>
        {t('consultation.receipt.title')}
      </h2>
      {comment.trackingNumber ? (
        <p className={styles.tracking}>
          {t('consultation.receipt.tracking')} <strong dir="ltr">{comment.trackingNumber}</strong>
        </p>
      ) : null}
      {email ? <p>{t('consultation.receipt.link', { email })}</p> : null}
      <h3>{t('consultation.receipt.next')}</h3>
      <p>{pending ? t(moderation === 'PRE_MODERATION' ? 'consultation.receipt.pendingModerated' : 'consultation.receipt.pendingHeld') : t('consultation.receipt.published')}</p>
      <p>{t('consultation.receipt.answers')}</p>
      {comment.recordReceipt ? <RecordReceipt file={toReceiptFile(readFragment(CommentReceipt, comment.recordReceipt))} /> : null}
      {!email && !pending ? (
        <p>
          <a href={`#comment-${comment.id}`}>{t('consultation.receipt.see')}</a>
        </p>
      ) : null}
      <Button variant="secondary" onClick={onAnother}>
        {t('consultation.receipt.another')}
      </Button>
    </div>
  );
});
