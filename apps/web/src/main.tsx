import './design/global.css';
import { direction, detectLocale } from './i18n/locales';
import { loadMessages } from './i18n/messages';
import { preloadRoute } from './preload-route';

/**
 * The entry is kept tiny so that it runs early: it sets the page's language and direction, and starts
 * fetching the reader's messages and the page being opened while the app's code (render.tsx, which
 * index.html preloads) is still downloading. The first render has the messages, so no English flashes
 * by for an Arabic reader, and no download waits for another.
 */
const locale = detectLocale();
document.documentElement.lang = locale;
document.documentElement.dir = direction(locale);

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
preloadRoute(location.pathname);
void Promise.all([import('./render'), loadMessages(locale)]).then(([{ render }, messages]) => render(root, locale, messages));
