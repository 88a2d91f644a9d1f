import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useT } from '../../../i18n/t';
import styles from '../editor.module.css';

/** Who is here: names as text (the colour only repeats the caret's), the person first. */
export function PresenceList({ provider, self }: { provider: WebsocketProvider; self: string }) {
  const t = useT();
  const others = usePresenceNames(provider);
  return (
    <section aria-labelledby="presence-heading" className={styles.presence}>
      <h2 id="presence-heading" className={styles.sideHeading}>
        {t('editor.presence.heading', { count: others.length + 1 })}
      </h2>
      <ul className={styles.people}>
        <li>
          <span aria-hidden="true" className={styles.swatch} style={{ backgroundColor: 'var(--color-brand)' }} />
          <span dir="auto">{t('editor.presence.you', { name: self })}</span>
        </li>
        {others.map((person) => (
          <li key={person.clientId}>
            <span aria-hidden="true" className={styles.swatch} style={{ backgroundColor: person.color }} />
            <span dir="auto">{person.name}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The others on the document, from the server's presence (names and colours are the accounts'). */
function usePresenceNames(provider: WebsocketProvider): { clientId: number; name: string; color: string }[] {
  const [people, setPeople] = useState<{ clientId: number; name: string; color: string }[]>([]);
  useEffect(() => {
    const read = () => {
      const out: { clientId: number; name: string; color: string }[] = [];
      provider.awareness.getStates().forEach((state, clientId) => {
        if (clientId === provider.awareness.clientID) return;
        const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
        if (user && typeof user.name === 'string') out.push({ clientId, name: user.name, color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#4d5560' });
      });
      out.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
      setPeople(out);
    };
    read();
    provider.awareness.on('change', read);
    return () => provider.awareness.off('change', read);
  }, [provider]);
  return people;
}
