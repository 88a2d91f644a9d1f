import { usePageTitle } from '../../../app/page-title';
import { useT } from '../../../i18n/t';

export function CommentPeriodPage() {
  const t = useT();
  usePageTitle(t('consultation.title'));
  return <h1>{t('consultation.title')}</h1>;
}
