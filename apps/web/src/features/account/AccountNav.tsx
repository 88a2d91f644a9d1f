import { Link } from 'react-router';
import { useT } from '../../i18n/t';
import { useSession } from './session/use-session';

/** The header's account corner: sign in, or the person's name (their profile). */
export function AccountNav() {
  const t = useT();
  const session = useSession();
  if (!session) return <Link to="/sign-in">{t('account.signIn')}</Link>;
  return <Link to="/account">{session.user.displayName}</Link>;
}
