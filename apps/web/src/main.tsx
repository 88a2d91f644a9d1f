import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './design/global.css';
import { direction, detectLocale } from './i18n/locales';
import { loadMessages } from './i18n/messages';

const locale = detectLocale();
document.documentElement.lang = locale;
document.documentElement.dir = direction(locale);

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
void loadMessages(locale).then((messages) => {
  createRoot(root).render(
    <StrictMode>
      <App locale={locale} messages={messages} />
    </StrictMode>,
  );
});
