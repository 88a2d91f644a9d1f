import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { RESTORE_VERSION } from '../api';
import styles from '../versions.module.css';

interface Props {
  version: { id: string; number: number; label: string } | null;
  onClose: () => void;
  onRestored: (version: { number: number; label: string }) => void;
}

/**
 * Confirms a restore in a modal dialog (React Aria: focus moves in and is trapped, Escape closes, focus
 * returns to the button that opened it). Restoring is a new edit of the draft; nothing is lost.
 */
export function RestoreDialog({ version, onClose, onRestored }: Props) {
  const t = useT();
  const [state, restore] = useMutation(RESTORE_VERSION);
  const code = errorCode(state.error);
  const problem = code === 'FORBIDDEN' ? t('versions.restore.forbidden') : code === 'NETWORK' ? t('versions.error.network') : code ? t('versions.restore.failed') : null;

  return (
    <ModalOverlay className={styles.overlay} isOpen={!!version} isDismissable onOpenChange={(open) => !open && onClose()}>
      <Modal className={styles.modal}>
        <Dialog className={styles.dialog}>
          {version ? (
            <>
              <Heading slot="title" className={styles.dialogTitle}>
                {t('versions.restore.title', { label: version.label })}
              </Heading>
              <p>{t('versions.restore.explain', { label: version.label })}</p>
              <p>{t('versions.restore.history')}</p>
              {problem ? (
                <p role="alert" className={styles.error}>
                  {problem}
                </p>
              ) : null}
              <div className={styles.dialogActions}>
                <Button
                  variant="warning"
                  disabled={state.fetching}
                  onClick={async () => {
                    const result = await restore({ versionId: version.id });
                    if (result.data) onRestored(result.data.restoreVersion);
                  }}
                >
                  {state.fetching ? t('versions.restore.restoring') : t('versions.restore.confirm')}
                </Button>
                <Button variant="secondary" onClick={onClose}>
                  {t('versions.restore.cancel')}
                </Button>
              </div>
            </>
          ) : null}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
