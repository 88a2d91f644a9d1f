import { useState } from 'react';
import { useSession } from '../../account/session/use-session';
import { useT } from '../../../i18n/t';
import { downloadExport, type ExportFormat, exportUrl, FORMATS, fileName } from '../downloads';
import styles from '../versions.module.css';

const ORDER: ExportFormat[] = ['markdown', 'html', 'text'];

/**
 * Downloads of the current draft: plain links to the REST export with `download`, which work as such
 * for a visitor (public documents). For a signed-in reader the click is taken over and the file fetched
 * with the Bearer token (see downloadExport): members-only documents answer 404 without it.
 */
export function DraftDownloads({ documentId, title }: { documentId: string; title: string }) {
  const t = useT();
  const session = useSession();
  const [failed, setFailed] = useState(false);
  return (
    <>
      <ul className={styles.downloads}>
        {ORDER.map((format) => (
          <li key={format}>
            <a
              href={exportUrl(documentId, format)}
              download={fileName(title, FORMATS[format].extension)}
              className={styles.download}
              onClick={(event) => {
                if (!session) return;
                event.preventDefault();
                setFailed(false);
                downloadExport(documentId, format, title).catch(() => setFailed(true));
              }}
            >
              <span className="visually-hidden">{t('versions.download.draftPrefix')} </span>
              {t(`versions.download.${format}`)}
            </a>
          </li>
        ))}
      </ul>
      {failed ? (
        <p role="alert" className={styles.error}>
          {t('versions.download.failed')}
        </p>
      ) : null}
    </>
  );
}
