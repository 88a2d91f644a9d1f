import { Link } from 'react-router';
import { usePageTitle } from '../../../app/page-title';
import { useT } from '../../../i18n/t';

/** A page whose data could not be loaded: not found (or not visible to this reader), or the network. */
export function LoadProblem({ code }: { code: string | null }) {
  const t = useT();
  const title = code === 'NETWORK' ? t('versions.error.networkTitle') : t('versions.error.notFoundTitle');
  usePageTitle(title);
  return (
    <section>
      <h1>{title}</h1>
      <p>{code === 'NETWORK' ? t('versions.error.network') : t('versions.error.notFound')}</p>
      <p>
        <Link to="/workstreams">{t('versions.error.workstreams')}</Link>
      </p>
    </section>
  );
}
