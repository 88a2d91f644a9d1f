import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { NotFound } from '../../../app/NotFound';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { ParagraphThread } from '../ParagraphThread';
import { THREAD_PAGE } from '../operations';
import styles from './ThreadPage.module.css';

/**
 * One paragraph's discussion on a page of its own (`/comment-periods/:periodId/threads/:blockId`, or
 * `.../threads/document` for the whole document): a link people can share, with the paragraph above.
 */
export function ThreadPage() {
  const t = useT();
  const { periodId = '', blockId = '' } = useParams();
  const whole = blockId === 'document';
  const [result] = useQuery({ query: THREAD_PAGE, variables: { id: periodId } });
  const period = result.data?.commentPeriod;
  const paragraph = whole ? null : period?.paragraphs.find((p) => p.blockId === blockId);
  const title = whole ? t('comments.threadPage.titleDocument') : paragraph ? t('comments.threadPage.title', { number: paragraph.number }) : null;
  usePageTitle(title && period ? `${title} · ${period.title}` : null);

  if (!period) {
    if (result.fetching) return <Loading />;
    const code = errorCode(result.error);
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <NotFound />;
    return <p role="alert">{t('comments.thread.loadFailed')}</p>;
  }
  if (!whole && !paragraph) {
    return (
      <>
        <h1>{t('shell.notFound.title')}</h1>
        <p>{t('comments.threadPage.notFound')}</p>
        <p>
          <Link to={`/comment-periods/${period.id}`}>{t('comments.threadPage.backToDocument')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p className={styles.context}>
        <FormattedMessage id="comments.threadPage.period" values={{ title: <bdi>{period.title}</bdi> }} />
      </p>
      <h1>{title}</h1>
      {paragraph ? (
        <figure className={styles.paragraph}>
          <figcaption className="visually-hidden">{t('comments.threadPage.paragraphText', { number: paragraph.number })}</figcaption>
          <blockquote dir="auto">{paragraph.text}</blockquote>
        </figure>
      ) : null}
      <p>
        <Link to={`/comment-periods/${period.id}${paragraph?.blockId ? `#${paragraph.blockId}` : ''}`}>{period.status === 'OPEN' ? t('comments.threadPage.backToDocument') : t('comments.threadPage.readDraft')}</Link>
      </p>
      <ParagraphThread periodId={period.id} blockId={paragraph?.blockId ?? null} paragraphNumber={paragraph?.number ?? null} />
    </>
  );
}
