import { useCallback, useState } from 'react';

/**
 * A facilitator's saved phrasings for responses ("Thank you, this was taken into account in …"), kept
 * in this browser per account: answering 2,000 comments means writing the same few sentences many
 * times. At most MAX, newest first, each at most MAX_LENGTH characters (the API's response limit is
 * larger; a phrasing is a starting point).
 */
const MAX = 12;
const MAX_LENGTH = 2000;

const storageKey = (userId: string) => `intersessional.phrasings.${userId}`;

function read(userId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function usePhrasings(userId: string | null): { phrasings: string[]; save: (text: string) => void; remove: (text: string) => void } {
  const [phrasings, setPhrasings] = useState<string[]>(() => (userId ? read(userId) : []));
  const write = useCallback(
    (next: string[]) => {
      setPhrasings(next);
      if (!userId) return;
      try {
        localStorage.setItem(storageKey(userId), JSON.stringify(next));
      } catch {
        // storage full or blocked: the phrasings stay for this visit
      }
    },
    [userId],
  );
  const save = useCallback(
    (text: string) => {
      const clean = text.trim().slice(0, MAX_LENGTH);
      if (clean) write([clean, ...phrasings.filter((p) => p !== clean)].slice(0, MAX));
    },
    [phrasings, write],
  );
  const remove = useCallback((text: string) => write(phrasings.filter((p) => p !== text)), [phrasings, write]);
  return { phrasings, save, remove };
}
