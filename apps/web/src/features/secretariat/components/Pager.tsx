import { Link, useSearchParams } from 'react-router';
import { useT } from '../../../i18n/t';
import styles from '../Secretariat.module.css';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/** Previous and next page links that keep the page's other parameters (filters). */
export function Pager({ pageInfo }: { pageInfo: PageInfo }) {
  const t = useT();
  const [params] = useSearchParams();
  const link = (direction: 'after' | 'before', cursor: string) => {
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    next.set(direction, cursor);
    return `?${next.toString()}`;
  };
  if (!pageInfo.hasNextPage && !pageInfo.hasPreviousPage) return null;
  return (
    <nav aria-label={t('secretariat.pager')} className={styles.pager}>
      {pageInfo.hasPreviousPage && pageInfo.startCursor ? <Link to={link('before', pageInfo.startCursor)}>{t('secretariat.previous')}</Link> : null}
      {pageInfo.hasNextPage && pageInfo.endCursor ? <Link to={link('after', pageInfo.endCursor)}>{t('secretariat.next')}</Link> : null}
    </nav>
  );
}
