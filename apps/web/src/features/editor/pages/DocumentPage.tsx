import { usePageTitle } from '../../../app/page-title';
import { useT } from '../../../i18n/t';

export function DocumentPage() {
  const t = useT();
  usePageTitle(t('editor.title'));
  return <h1>{t('editor.title')}</h1>;
}
