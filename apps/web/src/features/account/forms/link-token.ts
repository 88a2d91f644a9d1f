import { useState } from 'react';

/**
 * The secret of an e-mailed link, read once from the URL fragment (which no server ever sees) and
 * then removed from the address bar, so it is not left in the history or shared by a copied address.
 */
export function useLinkToken(): string {
  const [token] = useState(() => {
    const value = location.hash.replace(/^#/, '');
    if (!value) return seen.get(location.pathname) ?? '';
    seen.set(location.pathname, value);
    history.replaceState(history.state, '', location.pathname + location.search);
    return value;
  });
  return token;
}

/** Secrets already taken from the address bar (React may run a state initialiser twice). */
const seen = new Map<string, string>();

/** What the page says about a link the API refused (LINK_INVALID, LINK_EXPIRED, LINK_USED). */
export type LinkProblem = 'invalid' | 'expired' | 'used';

export function linkProblemOf(code: string | null): LinkProblem | null {
  if (code === 'LINK_EXPIRED') return 'expired';
  if (code === 'LINK_USED') return 'used';
  if (code === 'LINK_INVALID') return 'invalid';
  return null;
}
