import { useState } from 'react';
import { useClient } from 'urql';
import { useT } from '../../../i18n/t';
import { VERSION_EXPORT } from '../api';
import { type ExportFormat, FORMATS, fileName, saveFile, versionFile } from '../downloads';
import styles from '../versions.module.css';

const ORDER: ExportFormat[] = ['markdown', 'html', 'text'];

/**
 * Downloads of one frozen version. The REST export serves only the current draft, so the file is made
 * from the version's own renderings, fetched through GraphQL on click (with the session, like every
 * query) and saved through a Blob URL: hence buttons, not links.
 */
export function VersionDownloads({ versionId, versionLabel, title, language }: { versionId: string; versionLabel: string; title: string; language: string }) {
  const t = useT();
  const client = useClient();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [failed, setFailed] = useState(false);

  async function download(format: ExportFormat) {
    setBusy(format);
    setFailed(false);
    const result = await client.query(VERSION_EXPORT, { id: versionId }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(null);
    const version = result.data?.documentVersion;
    if (!version) {
      setFailed(true);
      return;
    }
    saveFile(versionFile(version, format, title, language), FORMATS[format].type, fileName(`${title} - ${version.label}`, FORMATS[format].extension));
  }

  return (
    <>
      <ul className={styles.downloads}>
        {ORDER.map((format) => (
          <li key={format}>
            <button type="button" className={styles.download} aria-disabled={busy === format || undefined} onClick={() => busy !== format && void download(format)}>
              <span className="visually-hidden">{t('versions.download.versionPrefix', { label: versionLabel })} </span>
              {t(`versions.download.${format}`)}
            </button>
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
