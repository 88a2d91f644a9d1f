import { type FormEvent, forwardRef, useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation } from 'urql';
import type { Session } from '../../account/session/session-store';
import { Button } from '../../../design/Button';
import { ErrorSummary, type FormProblem } from '../../../design/ErrorSummary';
import { ChoiceGroup, Field } from '../../../design/Field';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import { LOCALE_NAMES, LOCALES } from '../../../i18n/locales';
import { type MessageId, useT } from '../../../i18n/t';
import { type Paragraph, type Period, SUBMIT_COMMENT, type SubmittedComment } from '../api';
import type { CommentDraft } from '../lib/draft';
import { passageInBlock } from '../lib/passage';
import styles from './CommentForm.module.css';

export const STAKEHOLDER_GROUPS = ['GOVERNMENT', 'PRIVATE_SECTOR', 'CIVIL_SOCIETY', 'TECHNICAL_COMMUNITY', 'INTERGOVERNMENTAL_ORGANISATION', 'ACADEMIA', 'OTHER'] as const;
type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/** The ids error links move focus to. */
const ID = {
  target: 'comment-target',
  paragraph: 'comment-paragraph',
  body: 'comment-body',
  suggestion: 'comment-suggestion',
  speakingFor: 'comment-speaking-for',
  organisation: 'comment-organisation',
  stakeholderGroup: 'comment-stakeholder-group',
  consent: 'comment-consent',
  language: 'comment-language',
  name: 'comment-name',
  email: 'comment-email',
} as const;
type FieldKey = keyof typeof ID;

const MESSAGES: Record<FieldKey, MessageId> = {
  target: 'consultation.error.target',
  paragraph: 'consultation.error.paragraph',
  body: 'consultation.error.body',
  suggestion: 'consultation.error.suggestion',
  speakingFor: 'consultation.error.speakingFor',
  organisation: 'consultation.error.organisation',
  stakeholderGroup: 'consultation.error.stakeholderGroup',
  consent: 'consultation.error.consent',
  language: 'consultation.error.language',
  name: 'consultation.error.name',
  email: 'consultation.error.email',
};

/** The form's fields in the order they appear: the error summary lists problems in this order. */
const ORDER: FieldKey[] = ['target', 'paragraph', 'body', 'suggestion', 'speakingFor', 'name', 'email', 'organisation', 'stakeholderGroup', 'language', 'consent'];

/** The API's field path (`guest.email`, `anchor.start.offset`) as the form field it concerns. */
function fieldOfPath(path: string): FieldKey | null {
  const [head, tail] = path.split('.');
  if (head === 'guest') return tail === 'name' ? 'name' : tail === 'email' ? 'email' : tail === 'organisation' ? 'organisation' : tail === 'stakeholderGroup' ? 'stakeholderGroup' : null;
  if (head === 'anchor') return 'target';
  if (head === 'consentToPublish') return 'consent';
  if (head && head in ID) return head as FieldKey;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Props {
  period: Period;
  paragraphs: Paragraph[];
  session: Session | null;
  profile: { organisation: string | null; stakeholderGroup: string | null } | null;
  draft: CommentDraft;
  update: (change: Partial<CommentDraft>) => void;
  onSubmitted: (comment: SubmittedComment, email: string | null) => void;
}

/** The comment form (GOV.UK pattern: validated on submit, an error summary linking to each field). */
export const CommentForm = forwardRef<HTMLHeadingElement, Props>(function CommentForm({ period, paragraphs, session, profile, draft, update, onSubmitted }, headingRef) {
  const t = useT();
  const location = useLocation();
  const [problems, setProblems] = useState<Partial<Record<FieldKey, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [{ fetching }, submit] = useMutation(SUBMIT_COMMENT);
  const guest = !session;
  const guestsAllowed = period.participation === 'REGISTERED_AND_GUESTS';
  const numbered = paragraphs.filter((p) => p.number > 0);
  const chosen = numbered.find((p) => String(p.number) === draft.paragraph) ?? null;
  const needsStakeholderGroup = guest || !profile?.stakeholderGroup;

  if (guest && !guestsAllowed) {
    const next = encodeURIComponent(location.pathname + location.hash);
    return (
      <div className={styles.signIn}>
        <h2 ref={headingRef} tabIndex={-1}>
          {t('consultation.form.title')}
        </h2>
        <p>{t('consultation.signIn.registeredOnly')}</p>
        <p className={styles.actions}>
          <Link to={`/sign-in?next=${next}`} className={styles.buttonLink}>
            {t('consultation.signIn.signIn')}
          </Link>
          <Link to={`/register?next=${next}`}>{t('consultation.signIn.register')}</Link>
        </p>
      </div>
    );
  }

  const validate = (): Partial<Record<FieldKey, string>> => {
    const found: Partial<Record<FieldKey, string>> = {};
    const need = (key: FieldKey, ok: boolean) => {
      if (!ok) found[key] = t(MESSAGES[key]);
    };
    need('target', draft.target !== '' && (draft.target !== 'SELECTION' || !!draft.passage));
    if (draft.target === 'PARAGRAPH') need('paragraph', !!chosen);
    need('body', !!draft.body.trim());
    if (draft.body.length > 20_000) found.body = t('consultation.error.tooLong');
    need('speakingFor', draft.speakingFor !== '');
    if (guest) {
      need('name', !!draft.name.trim());
      need('email', EMAIL.test(draft.email.trim()));
      need('organisation', !!draft.organisation.trim());
    } else if (draft.speakingFor === 'ORGANISATION') {
      need('organisation', !!draft.organisation.trim());
    }
    if (needsStakeholderGroup) need('stakeholderGroup', draft.stakeholderGroup !== '');
    need('language', !!draft.language);
    need('consent', draft.consent !== '');
    return found;
  };

  const anchorInput = () => {
    if (draft.target === 'SELECTION' && draft.passage) {
      const p = draft.passage;
      return { kind: 'RANGE' as const, start: { blockId: p.startBlockId, offset: p.startOffset }, end: { blockId: p.endBlockId, offset: p.endOffset } };
    }
    if (draft.target === 'PARAGRAPH' && chosen) {
      const narrowed = draft.narrowStart !== null && draft.narrowEnd !== null && draft.narrowEnd > draft.narrowStart;
      if (narrowed) {
        const at = (offset: number) => (chosen.blockId ? { blockId: chosen.blockId, offset } : { paragraph: chosen.number, offset });
        return { kind: 'RANGE' as const, start: at(draft.narrowStart ?? 0), end: at(draft.narrowEnd ?? 0) };
      }
      return { kind: 'PARAGRAPHS' as const, fromParagraph: chosen.number };
    }
    return { kind: 'DOCUMENT' as const };
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setGeneral(null);
    setProblems(found);
    if (Object.keys(found).length) return;
    const withSuggestion = draft.target !== 'DOCUMENT' && draft.suggestion.trim();
    const result = await submit({
      input: {
        periodId: period.id,
        anchor: anchorInput(),
        body: draft.body,
        suggestion: withSuggestion ? draft.suggestion : null,
        language: draft.language,
        speakingFor: draft.speakingFor as 'PERSONAL' | 'ORGANISATION',
        consentToPublish: draft.consent === 'yes',
        clientKey: draft.clientKey,
        ...(guest
          ? { guest: { name: draft.name.trim(), email: draft.email.trim(), organisation: draft.organisation.trim(), stakeholderGroup: draft.stakeholderGroup as StakeholderGroup } }
          : {
              ...(draft.speakingFor === 'ORGANISATION' && draft.organisation.trim() ? { organisation: draft.organisation.trim() } : {}),
              ...(needsStakeholderGroup && draft.stakeholderGroup ? { stakeholderGroup: draft.stakeholderGroup as StakeholderGroup } : {}),
            }),
      },
    });
    if (result.data?.submitComment) {
      onSubmitted(result.data.submitComment, guest ? draft.email.trim() : null);
      return;
    }
    const code = errorCode(result.error);
    if (code === 'BAD_USER_INPUT') {
      const server: Partial<Record<FieldKey, string>> = {};
      for (const problem of fieldProblems(result.error)) {
        const key = fieldOfPath(problem.field);
        if (!key) continue;
        const tooLong = /at most/.test(problem.message) && (key === 'body' || key === 'suggestion');
        server[key] = tooLong ? t('consultation.error.tooLong') : t(MESSAGES[key]);
      }
      if (Object.keys(server).length) {
        setProblems(server);
        return;
      }
    }
    const GENERAL: Record<string, MessageId> = {
      UNAUTHENTICATED: 'consultation.error.signIn',
      COMMENT_PERIOD_CLOSED: 'consultation.error.closed',
      COMMENT_PERIOD_NOT_OPEN: 'consultation.error.notOpen',
      RATE_LIMITED: 'consultation.error.rateLimited',
      NETWORK: 'consultation.error.network',
    };
    setGeneral(t(GENERAL[code ?? ''] ?? 'consultation.error.unknown'));
  };

  const summary: FormProblem[] = ORDER.filter((key) => problems[key]).map((key) => ({ fieldId: ID[key], message: problems[key] ?? '' }));
  const selectionAvailable = !!draft.passage;

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className={styles.form} aria-labelledby="comment-form-title">
      <h2 id="comment-form-title" ref={headingRef} tabIndex={-1}>
        {t('consultation.form.title')}
      </h2>
      {session ? <p className={styles.as}>{t('consultation.form.signedInAs', { name: session.user.displayName })}</p> : <p className={styles.as}>{t('consultation.form.guestIntro')}</p>}
      <ErrorSummary problems={summary} general={general} />

      <ChoiceGroup legend={t('consultation.form.target')} hint={t('consultation.form.targetHint')} error={problems.target} id={ID.target}>
        {selectionAvailable ? (
          <label>
            <input type="radio" name="target" value="SELECTION" checked={draft.target === 'SELECTION'} onChange={() => update({ target: 'SELECTION' })} />
            <span>
              {t('consultation.form.targetSelection')}
              <q dir="auto" className={styles.quote}>
                {draft.passage?.quote}
              </q>
            </span>
          </label>
        ) : null}
        <label>
          <input type="radio" name="target" value="PARAGRAPH" checked={draft.target === 'PARAGRAPH'} onChange={() => update({ target: 'PARAGRAPH' })} />
          <span>{t('consultation.form.targetParagraph')}</span>
        </label>
        <label>
          <input type="radio" name="target" value="DOCUMENT" checked={draft.target === 'DOCUMENT'} onChange={() => update({ target: 'DOCUMENT' })} />
          <span>{t('consultation.form.targetDocument')}</span>
        </label>
      </ChoiceGroup>

      {draft.target === 'PARAGRAPH' ? (
        <div className={styles.conditional}>
          <Field label={t('consultation.form.paragraph')} hint={t('consultation.form.paragraphHint')} error={problems.paragraph} id={ID.paragraph}>
            <select value={draft.paragraph} onChange={(event) => update({ paragraph: event.target.value, narrowStart: null, narrowEnd: null })} className={styles.select}>
              <option value="">{t('consultation.form.paragraphNone')}</option>
              {numbered.map((p) => (
                <option key={p.number} value={String(p.number)}>
                  {t('consultation.form.paragraphOption', { number: p.number, start: excerpt(p.text) })}
                </option>
              ))}
            </select>
          </Field>
          {chosen ? <Narrow paragraph={chosen} draft={draft} update={update} /> : null}
        </div>
      ) : null}

      <Field label={t('consultation.form.body')} error={problems.body} id={ID.body}>
        <textarea rows={7} dir="auto" lang={draft.language || undefined} value={draft.body} onChange={(event) => update({ body: event.target.value })} />
      </Field>

      {draft.target !== 'DOCUMENT' ? (
        <Field label={t('consultation.form.suggestion')} hint={t('consultation.form.suggestionHint')} error={problems.suggestion} id={ID.suggestion}>
          <textarea rows={4} dir="auto" lang={draft.language || undefined} value={draft.suggestion} onChange={(event) => update({ suggestion: event.target.value })} />
        </Field>
      ) : null}

      <ChoiceGroup legend={t('consultation.form.speakingFor')} error={problems.speakingFor} id={ID.speakingFor}>
        <label>
          <input type="radio" name="speakingFor" value="PERSONAL" checked={draft.speakingFor === 'PERSONAL'} onChange={() => update({ speakingFor: 'PERSONAL' })} />
          <span>{t('consultation.form.personal')}</span>
        </label>
        <label>
          <input type="radio" name="speakingFor" value="ORGANISATION" checked={draft.speakingFor === 'ORGANISATION'} onChange={() => update({ speakingFor: 'ORGANISATION', organisation: draft.organisation || profile?.organisation || '' })} />
          <span>{t('consultation.form.organisationChoice')}</span>
        </label>
      </ChoiceGroup>

      {guest ? (
        <>
          <Field label={t('consultation.form.name')} error={problems.name} id={ID.name}>
            <input type="text" autoComplete="name" dir="auto" value={draft.name} onChange={(event) => update({ name: event.target.value })} />
          </Field>
          <Field label={t('consultation.form.email')} hint={t('consultation.form.emailHint')} error={problems.email} id={ID.email}>
            <input type="email" autoComplete="email" spellCheck={false} dir="ltr" value={draft.email} onChange={(event) => update({ email: event.target.value })} />
          </Field>
        </>
      ) : null}

      {guest || draft.speakingFor === 'ORGANISATION' ? (
        <Field label={t('consultation.form.organisation')} hint={guest ? t('consultation.form.organisationGuestHint') : undefined} error={problems.organisation} id={ID.organisation}>
          <input type="text" autoComplete="organization" dir="auto" value={draft.organisation} onChange={(event) => update({ organisation: event.target.value })} />
        </Field>
      ) : null}

      {needsStakeholderGroup ? (
        <Field label={t('consultation.form.stakeholderGroup')} error={problems.stakeholderGroup} id={ID.stakeholderGroup}>
          <select value={draft.stakeholderGroup} onChange={(event) => update({ stakeholderGroup: event.target.value })} className={styles.select}>
            <option value="">{t('consultation.form.choose')}</option>
            {STAKEHOLDER_GROUPS.map((group) => (
              <option key={group} value={group}>
                {t(`consultation.stakeholder.${group}` as MessageId)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}

      <Field label={t('consultation.form.language')} hint={t('consultation.form.languageHint')} error={problems.language} id={ID.language}>
        <select value={draft.language} onChange={(event) => update({ language: event.target.value })} className={styles.select}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </select>
      </Field>

      <ChoiceGroup legend={t('consultation.form.consent')} hint={t('consultation.form.consentHint')} error={problems.consent} id={ID.consent}>
        <label>
          <input type="radio" name="consent" value="yes" checked={draft.consent === 'yes'} onChange={() => update({ consent: 'yes' })} />
          <span>{t('consultation.form.consentYes')}</span>
        </label>
        <label>
          <input type="radio" name="consent" value="no" checked={draft.consent === 'no'} onChange={() => update({ consent: 'no' })} />
          <span>{t('consultation.form.consentNo')}</span>
        </label>
      </ChoiceGroup>

      {guest ? <p className={styles.note}>{period.moderation === 'PRE_MODERATION' ? t('consultation.form.moderatedNote') : t('consultation.form.guestNote')}</p> : null}

      <Button type="submit" disabled={fetching} aria-describedby={fetching ? 'comment-sending' : undefined}>
        {t('consultation.form.submit')}
      </Button>
      {fetching ? (
        <p id="comment-sending" role="status" className={styles.note}>
          {t('consultation.form.sending')}
        </p>
      ) : null}
    </form>
  );
});

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text);

/** The words of a paragraph with their UTF-16 offsets, for choosing a passage word by word. */
export function wordsOf(text: string): { start: number; end: number; word: string }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }));
}

/**
 * The keyboard (and screen-reader) path to a passage: two native selects, the first and the last word of
 * the passage, each word listed with its position; the passage they make is read back below. A text
 * selection inside a read-only field is not something every browser and screen reader lets you make.
 */
function Narrow({ paragraph, draft, update }: { paragraph: Paragraph; draft: CommentDraft; update: (change: Partial<CommentDraft>) => void }) {
  const t = useT();
  const id = useId();
  const words = wordsOf(paragraph.text);
  const from = draft.narrowStart === null ? -1 : words.findIndex((w) => w.start === draft.narrowStart);
  const to = draft.narrowEnd === null ? -1 : words.findIndex((w) => w.end === draft.narrowEnd);
  const part = draft.narrowStart !== null;
  const passage = part && from >= 0 && to >= from ? passageInBlock(paragraph.blockId ?? '', paragraph.number, paragraph.text, draft.narrowStart ?? 0, draft.narrowEnd ?? 0) : null;

  return (
    <div className={styles.narrow}>
      <ChoiceGroup legend={t('consultation.form.narrow', { number: paragraph.number })} id={`${id}-scope`}>
        <label>
          <input type="radio" name="narrow" checked={!part} onChange={() => update({ narrowStart: null, narrowEnd: null })} />
          <span>{t('consultation.form.narrowWhole', { number: paragraph.number })}</span>
        </label>
        <label>
          <input type="radio" name="narrow" checked={part} onChange={() => update({ narrowStart: words[0]?.start ?? 0, narrowEnd: words[0]?.end ?? paragraph.text.length })} />
          <span>{t('consultation.form.narrowPart')}</span>
        </label>
      </ChoiceGroup>
      {part ? (
        <div className={styles.conditional}>
          <Field label={t('consultation.form.narrowFrom')} hint={t('consultation.form.narrowHint')} id={`${id}-from`}>
            <select
              className={styles.select}
              value={String(Math.max(0, from))}
              onChange={(event) => {
                const index = Number(event.target.value);
                const end = Math.max(index, to);
                update({ narrowStart: words[index]?.start ?? 0, narrowEnd: words[end]?.end ?? paragraph.text.length });
              }}
            >
              {words.map((w, index) => (
                <option key={w.start} value={String(index)}>
                  {t('consultation.form.wordOption', { position: index + 1, word: w.word })}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('consultation.form.narrowTo')} id={`${id}-to`}>
            <select className={styles.select} value={String(Math.max(0, to))} onChange={(event) => update({ narrowEnd: words[Number(event.target.value)]?.end ?? paragraph.text.length })}>
              {words.map((w, index) =>
                index < Math.max(0, from) ? null : (
                  <option key={w.start} value={String(index)}>
                    {t('consultation.form.wordOption', { position: index + 1, word: w.word })}
                  </option>
                ),
              )}
            </select>
          </Field>
          <p aria-live="polite" className={styles.selected}>
            {t('consultation.form.narrowSelected')}{' '}
            <q dir="auto" className={styles.quote}>
              {passage?.quote}
            </q>
          </p>
        </div>
      ) : null}
    </div>
  );
}
