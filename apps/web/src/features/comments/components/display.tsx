import { useIntl } from 'react-intl';
import type { MessageId } from '../../../i18n/t';
import { useT } from '../../../i18n/t';
import styles from './Comment.module.css';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago (30 Nov 2026, 14:02)": relative for a quick read, absolute for the record, in a <time>. */
export function CommentDate({ iso, timeZone }: { iso: string; timeZone?: string }) {
  const intl = useIntl();
  const date = new Date(iso);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
  const relative = intl.formatRelativeTime(unit === 'second' ? 0 : Math.round(seconds / size), unit, { numeric: 'auto' });
  const absolute = intl.formatDate(date, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  return (
    <time dateTime={iso} className={styles.date}>
      {relative} <span className={styles.absolute}>({absolute})</span>
    </time>
  );
}

export const dispositionId = (disposition: string): MessageId => `comments.disposition.${disposition}` as MessageId;
export const groupId = (group: string): MessageId => `comments.group.${group}` as MessageId;

interface AnchorLike {
  kind: string;
  startParagraph: number | null;
  endParagraph: number | null;
  quote: { exact: string } | null;
}

/** Where the comment is: the paragraph numbers, and the quoted passage when it is on a range. */
export function AnchorLine({ anchor, language }: { anchor: AnchorLike | null; language?: string }) {
  const t = useT();
  if (!anchor) return null;
  const from = anchor.startParagraph ?? 0;
  const to = anchor.endParagraph ?? from;
  const where =
    anchor.kind === 'DOCUMENT' || from === 0
      ? t('comments.comment.onDocument')
      : from === to
        ? t('comments.comment.onParagraph', { number: from })
        : t('comments.comment.onParagraphs', { from, to });
  return (
    <>
      <p className={styles.where}>{where}</p>
      {anchor.quote?.exact && anchor.kind === 'RANGE' ? (
        <figure className={styles.quote}>
          <figcaption className="visually-hidden">{t('comments.comment.quote')}</figcaption>
          <blockquote dir="auto" lang={language}>
            {anchor.quote.exact}
          </blockquote>
        </figure>
      ) : null}
    </>
  );
}

/** The suggested wording, visibly set apart and labelled. */
export function Suggestion({ text, language }: { text: string | null; language: string }) {
  const t = useT();
  if (!text) return null;
  return (
    <div className={styles.suggestion}>
      <p className={styles.suggestionLabel}>{t('comments.comment.suggestion')}</p>
      <p dir="auto" lang={language} className={styles.suggestionText}>
        {text}
      </p>
    </div>
  );
}

/** The facilitators' disposition and public response, once the synthesis is published. */
export function Answer({ answer }: { answer: { disposition: string; response: string; answeredAt: string } | null }) {
  const t = useT();
  if (!answer) return null;
  return (
    <div className={styles.answer}>
      <p className={styles.answerTitle}>{t('comments.comment.answer')}</p>
      <p>
        <strong className={[styles.badge, styles[`d_${answer.disposition}`]].join(' ')}>{t('comments.comment.disposition', { disposition: t(dispositionId(answer.disposition)) })}</strong>
      </p>
      {answer.response ? (
        <p dir="auto" className={styles.response}>
          {answer.response}
        </p>
      ) : null}
    </div>
  );
}
