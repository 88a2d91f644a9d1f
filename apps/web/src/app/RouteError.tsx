import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useT } from '../i18n/t';
import { NotFound } from './NotFound';

/** A page that failed to load (a chunk lost to a new deployment, a network drop) says so and offers a reload. */
export function RouteError() {
  const t = useT();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('shell.error.title')}</h1>
      <p>{t('shell.error.body')}</p>
      <p>
        <button type="button" onClick={() => location.reload()}>
          {t('shell.error.reload')}
        </button>{' '}
        <Link to="/">{t('shell.notFound.home')}</Link>
      </p>
    </main>
  );
}
