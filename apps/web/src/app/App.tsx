import { useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { Provider as GraphqlProvider } from 'urql';
import { createGraphqlClient } from '../graphql/client';
import { I18nProvider } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/locales';
import type { Messages } from '../i18n/messages';
import { router } from './router';

export function App({ locale, messages }: { locale: Locale; messages: Messages }) {
  const client = useMemo(createGraphqlClient, []);
  return (
    <I18nProvider initial={locale} initialMessages={messages}>
      <GraphqlProvider value={client}>
        <RouterProvider router={router} />
      </GraphqlProvider>
    </I18nProvider>
  );
}
