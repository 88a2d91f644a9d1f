import { Component, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/t';

/** A page that failed (a chunk lost to a new deployment, a network drop, a bug) says so and offers a reload. */
function RouteError() {
  const t = useT();
  return (
    <section>
      <h1>{t('shell.error.title')}</h1>
      <p>{t('shell.error.body')}</p>
      <p>
        <button type="button" onClick={() => location.reload()}>
          {t('shell.error.reload')}
        </button>{' '}
        <Link to="/">{t('shell.notFound.home')}</Link>
      </p>
    </section>
  );
}

/**
 * Catches what a page throws while rendering or loading its chunk, inside the shell (header and
 * language stay usable). React offers error boundaries only as class components, hence this one class;
 * keyed by path in the layout, so another page starts afresh.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}
