import { usePageTitle } from '../../../app/page-title';
import { useT } from '../../../i18n/t';

export function DirectoryPage() {
  const t = useT();
  usePageTitle(t('workstreams.title'));
  return <h1>{t('workstreams.title')}</h1>;
}
