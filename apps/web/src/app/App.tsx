import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { Provider as GraphqlProvider } from 'urql';
import { useSession } from '../features/account/session/use-session';
import { createGraphqlClient } from '../graphql/client';
import { I18nProvider } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/locales';
import type { Messages } from '../i18n/messages';
import { router } from './router';

export function App({ locale, messages }: { locale: Locale; messages: Messages }) {
  // a new client (and so an empty cache) whenever the person changes: after a sign-out nothing of the
  // previous person's data stays on screen or in memory
  const userId = useSession()?.user.id ?? null;
  const client = useMemo(() => createGraphqlClient(), [userId]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <I18nProvider initial={locale} initialMessages={messages}>
      <GraphqlProvider value={client}>
        <RouterProvider router={router} />
      </GraphqlProvider>
    </I18nProvider>
  );
}
