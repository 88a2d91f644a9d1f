import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { ErrorSummary, type FormProblem } from '../../../design/ErrorSummary';
import { ChoiceGroup, Field } from '../../../design/Field';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { dispositionId } from '../../comments/components/display';
import { ANSWER, type BoardComment, type Disposition, DISPOSITIONS } from '../operations';
import styles from './Board.module.css';

export type Answer = NonNullable<BoardComment['answer']>;

interface AnswerFormProps {
  comment: BoardComment;
  /** Answer these comments (a campaign's unanswered members, this one first) with the same outcome and response. */
  targets?: readonly string[];
  phrasings: string[];
  savePhrasing: (text: string) => void;
  /** Called with every comment answered (each recorded by the API on its own); `complete` when none failed. */
  onAnswered: (answers: { id: string; answer: Answer }[], complete: boolean) => void;
  onCancel: () => void;
}

/**
 * What was done with a comment (a disposition) and the public response, with saved phrasings to start
 * from; for a campaign, the same answer recorded for each of its comments, one after the other.
 */
export function AnswerForm({ comment, targets = [comment.id], phrasings, savePhrasing, onAnswered, onCancel }: AnswerFormProps) {
  const t = useT();
  const id = useId();
  const ids = { disposition: `${id}-disposition`, response: `${id}-response`, phrasing: `${id}-phrasing` };
  const [disposition, setDisposition] = useState<Disposition | null>(comment.answer?.disposition ?? null);
  const [response, setResponse] = useState(comment.answer?.response ?? '');
  const [keep, setKeep] = useState(false);
  const [chosen, setChosen] = useState('');
  const [problems, setProblems] = useState<{ disposition?: string; response?: string; general?: string }>({});
  const [{ fetching }, answer] = useMutation(ANSWER);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      disposition: disposition ? undefined : t('answering.form.dispositionMissing'),
      response: response.trim() ? undefined : t('answering.form.responseMissing'),
    };
    if (found.disposition || found.response || !disposition) return setProblems(found);
    const answered: { id: string; answer: Answer }[] = [];
    let failed = false;
    let failure: Parameters<typeof fieldProblems>[0] = null;
    for (const id of targets) {
      const result = await answer({ id, disposition, response: response.trim() });
      const recorded = result.data?.answerComment.answer;
      if (recorded) answered.push({ id, answer: recorded });
      else {
        failed = true;
        failure ??= result.error ?? null;
      }
    }
    if (answered.length && keep) savePhrasing(response);
    if (!failed) {
      setProblems({});
      return onAnswered(answered, true);
    }
    // the ones recorded show as answered; the form stays open with what went wrong
    if (answered.length) onAnswered(answered, false);
    const named = fieldProblems(failure).find((p) => p.field.endsWith('response'));
    setProblems(named ? { response: named.message } : { general: t('answering.form.failed', { code: errorCode(failure) ?? 'NETWORK' }) });
  };

  const summary: FormProblem[] = [
    ...(problems.disposition ? [{ fieldId: ids.disposition, message: problems.disposition }] : []),
    ...(problems.response ? [{ fieldId: ids.response, message: problems.response }] : []),
  ];

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={t('answering.form.label', { name: comment.commenter.name })}>
      <ErrorSummary problems={summary} general={problems.general} />
      {targets.length > 1 ? <p className={styles.campaignNote}>{t('answering.campaign.formNote', { count: targets.length })}</p> : null}
      <ChoiceGroup legend={t('answering.form.disposition')} error={problems.disposition} id={ids.disposition}>
        {DISPOSITIONS.map((d) => (
          <label key={d}>
            <input type="radio" name={`${id}-d`} value={d} checked={disposition === d} onChange={() => setDisposition(d)} />
            <span>{t(dispositionId(d))}</span>
          </label>
        ))}
      </ChoiceGroup>
      {phrasings.length ? (
        <div className={styles.phrasings}>
          <Field label={t('answering.form.phrasing')} id={ids.phrasing}>
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">{t('answering.form.phrasingNone')}</option>
              {phrasings.map((p) => (
                <option key={p} value={p}>
                  {p.length > 80 ? `${p.slice(0, 79)}…` : p}
                </option>
              ))}
            </select>
          </Field>
          <Button variant="secondary" disabled={!chosen} onClick={() => setResponse((r) => (r.trim() ? `${r.trimEnd()} ${chosen}` : chosen))}>
            {t('answering.form.insert')}
          </Button>
        </div>
      ) : null}
      <Field label={t('answering.form.response')} hint={t('answering.form.responseHint')} error={problems.response} id={ids.response}>
        <textarea rows={4} dir="auto" value={response} onChange={(e) => setResponse(e.target.value)} />
      </Field>
      <label className={styles.check}>
        <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
        <span>{t('answering.form.keep')}</span>
      </label>
      <div className={styles.actions}>
        <Button type="submit" disabled={fetching}>
          {targets.length > 1 ? t('answering.campaign.save', { count: targets.length }) : t('answering.form.save')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('answering.form.cancel')}
        </Button>
      </div>
    </form>
  );
}
