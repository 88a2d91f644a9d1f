import { useCallback } from 'react';
import { useMutation } from 'urql';
import { SIGN_OUT } from '../operations';
import { sessionStore } from './session-store';

/**
 * Ends the session on the server, then here and in every other tab (the store's `storage` event), and
 * goes home. The session is forgotten here even when the server cannot be reached.
 */
export function useSignOut(): () => Promise<void> {
  const [, signOut] = useMutation(SIGN_OUT);
  return useCallback(async () => {
    await signOut({}, { requestPolicy: 'network-only' }).catch(() => null);
    sessionStore.set(null);
    // a full load of the home page, not a client-side navigation: nothing the person saw (cached
    // answers, open subscriptions) outlives their session on a shared computer
    window.location.assign('/');
  }, [signOut]);
}
