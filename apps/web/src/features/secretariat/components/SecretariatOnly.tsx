import type { ReactNode } from 'react';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { SignInLink } from '../../account/SignInLink';

/**
 * The desk's pages are for the Secretariat: others are told so (the API refuses them anyway), and a
 * visitor is offered to sign in, coming back here afterwards.
 */
export function SecretariatOnly({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  const session = useSession();
  if (session?.user.platformRole === 'SECRETARIAT') return <>{children}</>;
  return (
    <>
      <h1>{title}</h1>
      {session ? (
        <p>{t('secretariat.onlySecretariat')}</p>
      ) : (
        <p>
          <SignInLink>{t('secretariat.signIn')}</SignInLink>
        </p>
      )}
    </>
  );
}
