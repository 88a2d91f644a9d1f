import { useEffect } from 'react';

/** Sets the tab's title ("Comment period · Intersessional"); screen readers announce it on navigation. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Intersessional`;
  }, [title]);
}
