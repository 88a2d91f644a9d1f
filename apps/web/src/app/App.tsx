import { useMemo, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { Provider as GraphqlProvider } from 'urql';
import { useSession } from '../features/account/session/use-session';
import { createGraphqlClient } from '../graphql/client';
import { I18nProvider } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/locales';
import type { Messages } from '../i18n/messages';
import { AppRoutes } from './router';

export function App({ locale, messages }: { locale: Locale; messages: Messages }) {
  // A new client (an empty cache) when someone else signs in, so nobody sees another person's answers.
  // A session that ends keeps the client: an open editor must still say its changes cannot be saved
  // rather than vanish; signing out from the menu reloads the page, which drops everything cached.
  const userId = useSession()?.user.id ?? null;
  const [owner, setOwner] = useState(userId);
  if (userId !== null && userId !== owner) setOwner(userId);
  const client = useMemo(() => createGraphqlClient(), [owner]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <I18nProvider initial={locale} initialMessages={messages}>
      <GraphqlProvider value={client}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </GraphqlProvider>
    </I18nProvider>
  );
}
