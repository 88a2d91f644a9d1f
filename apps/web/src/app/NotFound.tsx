import { Link } from 'react-router';
import { useT } from '../i18n/t';
import { usePageTitle } from './page-title';

export function NotFound() {
  const t = useT();
  usePageTitle(t('shell.notFound.title'));
  return (
    <section>
      <h1>{t('shell.notFound.title')}</h1>
      <p>{t('shell.notFound.body')}</p>
      <p>
        <Link to="/">{t('shell.notFound.home')}</Link>
      </p>
    </section>
  );
}
