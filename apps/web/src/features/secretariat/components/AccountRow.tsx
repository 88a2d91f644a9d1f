import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { useT } from '../../../i18n/t';
import type { Done } from '../lib/use-outcome';
import { type Account, DISABLE_ACCOUNT, ENABLE_ACCOUNT, PLATFORM_ROLES, SET_PLATFORM_ROLE } from '../operations';
import styles from '../Secretariat.module.css';
import { ReasonForm } from './ReasonForm';

/**
 * One account: its platform role changed, disabled with a reason (they are signed out everywhere and
 * cannot sign in) or enabled again. The API keeps at least one active Secretariat account.
 */
export function AccountRow({ account: a, done }: { account: Account; done: Done }) {
  const t = useT();
  const [, setRole] = useMutation(SET_PLATFORM_ROLE);
  const [, disable] = useMutation(DISABLE_ACCOUNT);
  const [, enable] = useMutation(ENABLE_ACCOUNT);
  const [disabling, setDisabling] = useState(false);
  const roleName = (role: string) => t(`secretariat.role.${role}` as 'secretariat.role.USER');
  return (
    <tr data-user-id={a.id}>
      <th scope="row">
        <span dir="auto">{a.displayName}</span>
        {a.email ? (
          <div className={styles.meta} dir="ltr">
            {a.email}
            {a.emailVerified === false ? ` (${t('secretariat.accounts.unverified')})` : ''}
          </div>
        ) : null}
      </th>
      <td dir="auto">{a.organisation ?? ''}</td>
      <td>
        <select
          aria-label={t('secretariat.accounts.roleOf', { name: a.displayName })}
          value={a.platformRole}
          onChange={async (e) => {
            const role = e.target.value as (typeof PLATFORM_ROLES)[number];
            done(await setRole({ userId: a.id, role }), t('secretariat.accounts.roleChanged', { name: a.displayName, role: roleName(role) }));
          }}
        >
          {PLATFORM_ROLES.map((role) => (
            <option key={role} value={role}>
              {roleName(role)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {a.status === 'DISABLED' ? t('secretariat.accounts.disabled') : t('secretariat.accounts.active')}
        {a.disabledReason ? (
          <div className={styles.meta} dir="auto">
            {a.disabledReason}
          </div>
        ) : null}
      </td>
      <td>
        {disabling ? (
          <ReasonForm
            label={t('secretariat.accounts.disableReason', { name: a.displayName })}
            hint={t('secretariat.accounts.disableHint')}
            confirm={t('secretariat.accounts.confirmDisable')}
            required
            onCancel={() => setDisabling(false)}
            onConfirm={async (reason) => {
              const ok = done(await disable({ userId: a.id, reason }), t('secretariat.accounts.wasDisabled', { name: a.displayName }));
              if (ok) setDisabling(false);
              return ok;
            }}
          />
        ) : (
          <div className={styles.actions}>
            {a.status === 'DISABLED' ? (
              <Button variant="secondary" onClick={async () => done(await enable({ userId: a.id }), t('secretariat.accounts.wasEnabled', { name: a.displayName }))}>
                {t('secretariat.accounts.enable')}
                <span className="visually-hidden">: {a.displayName}</span>
              </Button>
            ) : (
              <Button variant="quiet" onClick={() => setDisabling(true)}>
                {t('secretariat.accounts.disable')}
                <span className="visually-hidden">: {a.displayName}</span>
              </Button>
            )}
            <Link to={`/secretariat/audit?actor=${a.id}`}>
              {t('secretariat.accounts.actions')}
              <span className="visually-hidden">: {a.displayName}</span>
            </Link>
          </div>
        )}
      </td>
    </tr>
  );
}
