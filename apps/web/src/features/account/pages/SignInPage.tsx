import { usePageTitle } from '../../../app/page-title';
import { useT } from '../../../i18n/t';

export function SignInPage() {
  const t = useT();
  usePageTitle(t('account.signIn'));
  return <h1>{t('account.signIn')}</h1>;
}
