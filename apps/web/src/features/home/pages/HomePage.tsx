import { usePageTitle } from '../../../app/page-title';
import { useT } from '../../../i18n/t';

export function HomePage() {
  const t = useT();
  usePageTitle(t('home.title'));
  return <h1>{t('home.title')}</h1>;
}
