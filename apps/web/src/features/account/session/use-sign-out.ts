import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { SIGN_OUT } from '../operations';
import { sessionStore } from './session-store';

/**
 * Ends the session on the server, then here and in every other tab (the store's `storage` event), and
 * goes home. The session is forgotten here even when the server cannot be reached.
 */
export function useSignOut(): () => Promise<void> {
  const [, signOut] = useMutation(SIGN_OUT);
  const navigate = useNavigate();
  return useCallback(async () => {
    await signOut({}, { requestPolicy: 'network-only' }).catch(() => null);
    sessionStore.set(null);
    void navigate('/');
  }, [signOut, navigate]);
}
