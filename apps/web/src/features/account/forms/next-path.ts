/**
 * Where to go after signing in: the `next` query parameter when it is a path on this site (starts
 * with one `/`, no scheme, no protocol-relative `//` or `/\`), else home.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const url = new URL(next, location.origin);
    if (url.origin !== location.origin) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

/** `?next=<current path>` for a link to the sign-in page, except from the account pages themselves. */
export function nextQuery(pathname: string, search: string): string {
  if (['/sign-in', '/register', '/forgot-password', '/reset-password', '/verify-email'].includes(pathname) || pathname === '/') return '';
  return `?next=${encodeURIComponent(pathname + search)}`;
}
