import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import type { Locale } from './i18n/locales';
import type { Messages } from './i18n/messages';

/** The app itself, imported by main.tsx once the page's language is known (its own chunk). */
export function render(root: HTMLElement, locale: Locale, messages: Messages): void {
  createRoot(root).render(
    <StrictMode>
      <App locale={locale} messages={messages} />
    </StrictMode>,
  );
}
