/**
 * The signed-in session of this browser, shared by every open tab.
 *
 * Tokens live in localStorage so all tabs see one session; a change in one tab reaches the others
 * through the `storage` event. A refresh token is single-use, so refreshing is done once for all tabs:
 * under a Web Lock (navigator.locks) a tab first re-reads the store, and only if the pair there is still
 * the one it wanted to replace does it call the API. The API also answers a refresh token reused within
 * a few seconds with the same pair, so a browser without Web Locks still does not sign anyone out.
 */
export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface SessionUser {
  id: string;
  displayName: string;
  email: string | null;
  platformRole: string;
  preferredLanguage: string;
}

export interface Session extends SessionTokens {
  user: SessionUser;
}

const KEY = 'intersessional.session';
/** Refresh this long before the access token expires, so no request is made with a dying token. */
const MARGIN_MS = 30_000;

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (Date.parse(session.refreshTokenExpiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

let current: Session | null = typeof localStorage === 'undefined' ? null : read();

function publish(): void {
  for (const listener of listeners) listener(current);
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY && event.key !== null) return;
    current = read();
    publish();
  });
}

export const sessionStore = {
  get: (): Session | null => current,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(session: Session | null): void {
    current = session;
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
    publish();
  },
  updateUser(user: SessionUser): void {
    if (current) sessionStore.set({ ...current, user });
  },
  /** True when the access token is missing or about to expire. */
  needsRefresh(session: Session | null = current): boolean {
    return !!session && Date.parse(session.accessTokenExpiresAt) - MARGIN_MS <= Date.now();
  },
  /**
   * A fresh pair, fetched once for all tabs: `exchange` is called with the refresh token only when no
   * other tab has already replaced it. Resolves to null (and signs out) when the session has ended.
   */
  async refresh(exchange: (refreshToken: string) => Promise<Session | null>): Promise<Session | null> {
    const stale = current?.refreshToken;
    if (!stale) return null;
    const run = async (): Promise<Session | null> => {
      const latest = read();
      if (latest && latest.refreshToken !== stale && !sessionStore.needsRefresh(latest)) {
        current = latest;
        publish();
        return latest;
      }
      const next = await exchange(stale);
      sessionStore.set(next);
      return next;
    };
    if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('intersessional.refresh', run);
    return run();
  },
};
