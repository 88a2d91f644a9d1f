import { useSyncExternalStore } from 'react';
import { type Session, sessionStore } from './session-store';

/** The signed-in session (null for a visitor), live across tabs. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, () => null);
}
