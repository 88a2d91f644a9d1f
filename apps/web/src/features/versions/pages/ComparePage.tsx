import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { Loading } from '../../../design/Loading';
import { errorCode } from '../../../graphql/errors';
import type { ResultOf } from '../../../graphql/graphql';
import { type MessageId, useT, useTRich } from '../../../i18n/t';
import { COMPARE_VERSIONS, DOCUMENT_VERSIONS } from '../api';
import { LoadProblem } from '../components/LoadProblem';
import { wordDiff } from '../word-diff';
import styles from '../versions.module.css';

type Row = ResultOf<typeof COMPARE_VERSIONS>['compareVersions'][number];
type Change = Row['change'];

/** Each kind of change has a text label and its own symbol, so colour is never the only signal. */
const KINDS: Record<Change, { label: MessageId; icon: string }> = {
  ADDED: { label: 'versions.compare.kind.added', icon: '+' },
  REMOVED: { label: 'versions.compare.kind.removed', icon: '−' },
  CHANGED: { label: 'versions.compare.kind.changed', icon: '±' },
  UNCHANGED: { label: 'versions.compare.kind.unchanged', icon: '=' },
};

/**
 * /documents/:documentId/versions/compare?from=…&to=…: two versions side by side, block by block.
 * The API compares frozen versions only (compareVersions takes two version ids), so the current draft
 * is compared after freezing it.
 */
export function ComparePage() {
  const t = useT();
  const tRich = useTRich();
  const { documentId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [doc] = useQuery({ query: DOCUMENT_VERSIONS, variables: { id: documentId } });
  const document = doc.data?.document;
  const versions = document ? [...document.versions].sort((a, b) => b.number - a.number) : [];
  const byId = new Map(versions.map((v) => [v.id, v]));
  const fromId = params.get('from') ?? versions[1]?.id ?? '';
  const toId = params.get('to') ?? versions[0]?.id ?? '';
  const from = byId.get(fromId);
  const to = byId.get(toId);
  const ready = !!from && !!to && from.id !== to.id;
  const [diff] = useQuery({ query: COMPARE_VERSIONS, variables: { from: fromId, to: toId }, pause: !ready });
  const [problem, setProblem] = useState<string | null>(null);
  const [onlyChanges, setOnlyChanges] = useState(false);
  const onlyChangesId = useId();
  usePageTitle(document ? t('versions.compare.documentTitle', { title: document.title }) : null);

  if (!document) {
    if (doc.fetching) return <Loading />;
    return <LoadProblem code={errorCode(doc.error)} />;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const chosenFrom = String(data.get('from') ?? '');
    const chosenTo = String(data.get('to') ?? '');
    if (chosenFrom === chosenTo) return setProblem(t('versions.compare.same'));
    setProblem(null);
    setParams({ from: chosenFrom, to: chosenTo });
  }

  const rows = diff.data?.compareVersions ?? [];
  const counts = rows.reduce<Record<Change, number>>((acc, row) => ({ ...acc, [row.change]: acc[row.change] + 1 }), { ADDED: 0, REMOVED: 0, CHANGED: 0, UNCHANGED: 0 });
  const shown = onlyChanges ? rows.filter((row) => row.change !== 'UNCHANGED') : rows;
  const where = (number: number | null | undefined) => (number ? t('versions.compare.paragraph', { number }) : t('versions.compare.headingBlock'));

  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to={`/documents/${document.id}/versions`}>
          <span aria-hidden="true" className="mirror-rtl">
            ←
          </span>{' '}
          {t('versions.view.back')}
        </Link>
      </p>
      <h1>
        {tRich('versions.compare.heading', {
          title: document.title,
          doc: (chunks) => (
            <span lang={document.language} dir="auto">
              {chunks}
            </span>
          ),
        })}
      </h1>

      {versions.length < 2 ? (
        <p>{t('versions.compare.needTwo')}</p>
      ) : (
        <form onSubmit={submit} noValidate className={styles.chooser} key={`${fromId}|${toId}`}>
          <ErrorSummary problems={problem ? [{ fieldId: 'compare-to', message: problem }] : []} />
          <div className={styles.choosers}>
            <Field id="compare-from" label={t('versions.compare.from')}>
              <select name="from" defaultValue={from ? fromId : ''}>
                {from ? null : <option value="">{t('versions.compare.choose')}</option>}
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {t('versions.compare.option', { number: v.number, label: v.label })}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="compare-to" label={t('versions.compare.to')} error={problem}>
              <select name="to" defaultValue={to ? toId : ''}>
                {to ? null : <option value="">{t('versions.compare.choose')}</option>}
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {t('versions.compare.option', { number: v.number, label: v.label })}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Button type="submit" variant="secondary">
            {t('versions.compare.submit')}
          </Button>
        </form>
      )}

      {ready && diff.fetching && !diff.data ? <Loading /> : null}
      {ready && diff.error ? (
        <p role="alert" className={styles.error}>
          {errorCode(diff.error) === 'NETWORK' ? t('versions.error.network') : t('versions.compare.failed')}
        </p>
      ) : null}

      {ready && diff.data ? (
        <section aria-labelledby="compare-result">
          <h2 id="compare-result">
            {tRich('versions.compare.resultTitle', { from: from.label, to: to.label, bdi: (chunks) => <bdi>{chunks}</bdi> })}
          </h2>
          <p role="status">{t('versions.compare.summary', { changed: counts.CHANGED, added: counts.ADDED, removed: counts.REMOVED, unchanged: counts.UNCHANGED })}</p>
          <div className={styles.onlyChanges}>
            <input id={onlyChangesId} type="checkbox" checked={onlyChanges} onChange={(event) => setOnlyChanges(event.target.checked)} />
            <label htmlFor={onlyChangesId}>{t('versions.compare.onlyChanges')}</label>
          </div>
          <ol className={styles.rows} aria-label={t('versions.compare.rowsLabel')}>
            {shown.map((row, index) => (
              <li key={`${row.blockId ?? 'x'}-${index}`} className={`${styles.row} ${styles[`row${row.change}`]}`}>
                <p className={styles.kind}>
                  <span aria-hidden="true" className={styles.kindIcon}>
                    {KINDS[row.change].icon}
                  </span>
                  <span>{t(KINDS[row.change].label)}</span>
                </p>
                <div className={styles.sides}>
                  <Side label={from.label} where={row.fromText === null ? null : where(row.fromNumber)} language={document.language}>
                    {row.fromText === null ? <span className={styles.absent}>{t('versions.compare.absentFrom')}</span> : <FromText row={row} />}
                  </Side>
                  <Side label={to.label} where={row.toText === null ? null : where(row.toNumber)} language={document.language}>
                    {row.toText === null ? <span className={styles.absent}>{t('versions.compare.absentTo')}</span> : <ToText row={row} />}
                  </Side>
                </div>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

/** One side of a row; its caption names the version (and paragraph), so the stacked phone layout stays clear. */
function Side({ label, where, language, children }: { label: string; where: string | null; language: string; children: ReactNode }) {
  return (
    <div className={styles.side}>
      <p className={styles.sideCaption}>
        <bdi>{label}</bdi>
        {where ? ` · ${where}` : null}
      </p>
      <p className={styles.sideText} lang={language} dir="auto">
        {children}
      </p>
    </div>
  );
}

/** <ins>/<del> are not announced by most screen readers, so each also carries hidden words saying what it is. */
function Inserted({ children }: { children: string }) {
  const t = useT();
  return (
    <ins>
      <span className="visually-hidden">{t('versions.compare.insStart')} </span>
      {children}
      <span className="visually-hidden"> {t('versions.compare.insEnd')}</span>
    </ins>
  );
}

function Deleted({ children }: { children: string }) {
  const t = useT();
  return (
    <del>
      <span className="visually-hidden">{t('versions.compare.delStart')} </span>
      {children}
      <span className="visually-hidden"> {t('versions.compare.delEnd')}</span>
    </del>
  );
}

function FromText({ row }: { row: Row }) {
  const text = row.fromText ?? '';
  if (row.change === 'REMOVED') return <Deleted>{text}</Deleted>;
  if (row.change !== 'CHANGED') return <>{text}</>;
  return (
    <>
      {wordDiff(text, row.toText ?? '').map((part, i) =>
        part.kind === 'same' ? <span key={i}>{part.text}</span> : part.kind === 'removed' ? <Deleted key={i}>{part.text}</Deleted> : null,
      )}
    </>
  );
}

function ToText({ row }: { row: Row }) {
  const text = row.toText ?? '';
  if (row.change === 'ADDED') return <Inserted>{text}</Inserted>;
  if (row.change !== 'CHANGED') return <>{text}</>;
  return (
    <>
      {wordDiff(row.fromText ?? '', text).map((part, i) =>
        part.kind === 'same' ? <span key={i}>{part.text}</span> : part.kind === 'added' ? <Inserted key={i}>{part.text}</Inserted> : null,
      )}
    </>
  );
}
