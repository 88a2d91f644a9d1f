import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { useClient } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { type MessageId, useT } from '../../../i18n/t';
import { type Check, checkLatest, checkPublished, checkReceipt, type ParsedReceipt, readReceipt } from '../lib/check-receipt';
import { fetchKeys, fetchLatest, fetchPublished } from '../lib/fetch-record';
import styles from './Verify.module.css';

type Outcome = { checks: Check[]; parsed: ParsedReceipt | null; title: string | null };

/**
 * Anyone checks a comment receipt here, in their browser: the maths is @intersessional/record's,
 * run on this page (its own chunk); the server only supplies the published keys and, if asked, a
 * newer head with proofs, which are checked the same way. Every check ends with passed or failed
 * and a reason in plain words; a request that does not answer fails after a bounded wait.
 */
export function VerifyPage() {
  const t = useT();
  const location = useLocation();
  const client = useClient();
  const given = (location.state as { receipt?: unknown } | null)?.receipt;
  const [text, setText] = useState(typeof given === 'string' ? given : '');
  const [pasted, setPasted] = useState('');
  const [latest, setLatest] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = useRef(0);
  const inputId = useId();
  usePageTitle(t('record.verify.title'));

  const check = async (source: string) => {
    const mine = ++run.current;
    setProblem(null);
    if (!source.trim()) {
      setProblem(t('record.verify.empty'));
      setOutcome(null);
      return;
    }
    setChecking(true);
    setOutcome(null);
    const read = readReceipt(source);
    let result: Outcome;
    if (!read.ok) result = { checks: [read.check], parsed: null, title: null };
    else {
      const [keys, fetched, published] = await Promise.all([
        fetchKeys(),
        latest ? fetchLatest(client, read.parsed) : Promise.resolve(null),
        latest ? fetchPublished(client, read.parsed) : Promise.resolve(undefined),
      ]);
      const checks = checkReceipt(read.parsed, keys, pasted);
      if (fetched) checks.push(...checkLatest(read.parsed, fetched.latest, keys));
      if (published !== undefined) checks.push(...checkPublished(read.parsed, published));
      result = { checks, parsed: read.parsed, title: fetched?.title ?? null };
    }
    if (mine !== run.current) return;
    setChecking(false);
    setOutcome(result);
  };

  // opened from a receipt ("Check this receipt"): check it at once
  useEffect(() => {
    if (typeof given === 'string' && given) void check(given);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const content = await file.text();
    setText(content);
    void check(content);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void check(text);
  };

  return (
    <div className={styles.page}>
      <h1>{t('record.verify.title')}</h1>
      <p>{t('record.verify.intro')}</p>
      <p>{t('record.verify.inBrowser')}</p>
      <form noValidate onSubmit={onSubmit}>
        <Field label={t('record.verify.file')} hint={t('record.verify.fileHint')}>
          <input type="file" accept=".json,application/json" onChange={(event) => void onFile(event)} />
        </Field>
        <Field id={inputId} label={t('record.verify.paste')} hint={t('record.verify.pasteHint')} error={problem}>
          <textarea rows={8} dir="ltr" spellCheck={false} className={styles.input} value={text} onChange={(event) => setText(event.target.value)} />
        </Field>
        <Field label={t('record.verify.ownText')} hint={t('record.verify.ownTextHint')}>
          <textarea rows={4} dir="auto" value={pasted} onChange={(event) => setPasted(event.target.value)} />
        </Field>
        <label className={styles.checkbox}>
          <input type="checkbox" checked={latest} onChange={(event) => setLatest(event.target.checked)} />
          <span>{t('record.verify.latest')}</span>
        </label>
        <div className={styles.actions}>
          {/* not disabled while checking: a disabled button drops the keyboard focus (a new check replaces the running one) */}
          <Button type="submit">
            {t('record.verify.check')}
          </Button>
        </div>
      </form>
      <Results checking={checking} outcome={outcome} />
    </div>
  );
}

function Results({ checking, outcome }: { checking: boolean; outcome: Outcome | null }) {
  const t = useT();
  const failed = outcome?.checks.filter((c) => c.status === 'failed').length ?? 0;
  const passed = outcome?.checks.filter((c) => c.status === 'passed').length ?? 0;
  const total = outcome?.checks.length ?? 0;
  // the receipt and the record hold; the site shows something else: that is the finding, not a bad receipt
  const onlyPublishedFailed = failed > 0 && outcome?.checks.every((c) => c.status !== 'failed' || (c.id === 'published' && c.reason === 'publishedDiffers'));
  return (
    <section aria-labelledby="verify-results" className={styles.results}>
      <h2 id="verify-results">{t('record.verify.results')}</h2>
      <div role="status" aria-live="polite">
        {checking ? <p>{t('record.verify.checking')}</p> : null}
        {outcome ? (
          <p className={[styles.summary, failed ? styles.someFailed : styles.allPassed].join(' ')}>
            {onlyPublishedFailed ? t('record.verify.changedSince') : failed ? t('record.verify.someFailed', { failed, total }) : t('record.verify.allPassed', { passed })}
          </p>
        ) : null}
        {!checking && !outcome ? <p>{t('record.verify.none')}</p> : null}
      </div>
      {outcome ? (
        <>
          <ul className={styles.list}>
            {outcome.checks.map((c) => (
              <CheckItem key={c.id} check={c} />
            ))}
          </ul>
          {outcome.parsed ? <Facts parsed={outcome.parsed} title={outcome.title} /> : null}
        </>
      ) : null}
    </section>
  );
}

const REASON: Record<NonNullable<Check['reason']>, MessageId> = {
  notJson: 'record.reason.notJson',
  notReceipt: 'record.reason.notReceipt',
  otherFormat: 'record.reason.otherFormat',
  entryNotCanonical: 'record.reason.entryNotCanonical',
  keysUnavailable: 'record.reason.keysUnavailable',
  unknownKey: 'record.reason.unknownKey',
  badSignature: 'record.reason.badSignature',
  malformed: 'record.reason.malformed',
  leafMismatch: 'record.reason.leafMismatch',
  otherLog: 'record.reason.otherLog',
  inclusionFailed: 'record.reason.inclusionFailed',
  openingMismatch: 'record.reason.openingMismatch',
  pastedDiffers: 'record.reason.pastedDiffers',
  latestUnavailable: 'record.reason.latestUnavailable',
  consistencyFailed: 'record.reason.consistencyFailed',
  noSuchHead: 'record.reason.noSuchHead',
  earlierFailed: 'record.reason.earlierFailed',
  publishedUnavailable: 'record.reason.publishedUnavailable',
  notPublic: 'record.reason.notPublic',
  hiddenNow: 'record.reason.hiddenNow',
  withdrawnNow: 'record.reason.withdrawnNow',
  editedSince: 'record.reason.editedSince',
  publishedDiffers: 'record.reason.publishedDiffers',
};

function CheckItem({ check }: { check: Check }) {
  const t = useT();
  const values = { ...check.values, ...(check.values?.time !== undefined ? { time: new Date(Number(check.values.time)) } : {}), ...(typeof check.values?.keyId === 'string' ? { keyId: check.values.keyId.slice(0, 16) } : {}) };
  const detail = check.status === 'passed' ? t(`record.check.${check.id}.passed` as MessageId, values) : check.reason ? t(REASON[check.reason], values) : null;
  return (
    <li className={[styles.check, styles[check.status]].join(' ')}>
      <span className={styles.mark}>{t(`record.status.${check.status}` as MessageId)}</span>
      <p className={styles.checkTitle}>{t(`record.check.${check.id}` as MessageId)}</p>
      {detail ? <p className={styles.detail}>{detail}</p> : null}
    </li>
  );
}

function Facts({ parsed, title }: { parsed: ParsedReceipt; title: string | null }) {
  const t = useT();
  const intl = useIntl();
  const head = parsed.receipt.treeHead;
  return (
    <dl className={styles.facts}>
      <dt>{t('record.verify.period')}</dt>
      <dd>
        <Link to={`/comment-periods/${encodeURIComponent(parsed.entry.log)}`}>{title ? <bdi>{title}</bdi> : t('record.verify.periodLink')}</Link>
      </dd>
      <dt>{t('record.receipt.entry')}</dt>
      <dd>{intl.formatNumber(parsed.receipt.entryIndex)}</dd>
      <dt>{t('record.verify.leafHash')}</dt>
      <dd>
        <code dir="ltr" className={styles.hash}>
          {String(parsed.receipt.leafHash)}
        </code>
      </dd>
      <dt>{t('record.verify.keyId')}</dt>
      <dd>
        <code dir="ltr" className={styles.hash}>
          {String(head.keyId)}
        </code>
      </dd>
    </dl>
  );
}
