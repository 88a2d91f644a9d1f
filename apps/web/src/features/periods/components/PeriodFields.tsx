import { useMemo } from 'react';
import { ChoiceGroup, Field } from '../../../design/Field';
import { useT } from '../../../i18n/t';
import type { Field as FormField, PeriodForm } from '../lib/period-form';
import { timeZones } from '../lib/zoned-time';

const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

interface PeriodFieldsProps {
  form: PeriodForm;
  update: (patch: Partial<PeriodForm>) => void;
  /** Each field's problem as text, if any. */
  errors: Partial<Record<FormField, string | null>>;
  /** Each field's control id (the error summary links to them). */
  ids: Record<FormField, string>;
}

/**
 * What a period says and when it runs, shared by the form that opens a document to comment and the one
 * that edits a period before it opens: title, instructions, guiding questions, its time zone with the
 * opening and closing times read in it, who may comment, and pre-moderation.
 */
export function PeriodFields({ form, update, errors, ids }: PeriodFieldsProps) {
  const t = useT();
  const zones = useMemo(() => timeZones(ownZone), []);
  return (
    <>
    <Field label={t('periods.form.titleField')} error={errors.title} id={ids.title}>
      <input type="text" dir="auto" value={form.title} onChange={(e) => update({ title: e.target.value })} />
    </Field>
    <Field label={t('periods.form.instructions')} hint={t('periods.form.instructionsHint')}>
      <textarea rows={3} dir="auto" value={form.instructions} onChange={(e) => update({ instructions: e.target.value })} />
    </Field>
    <Field label={t('periods.form.questions')} hint={t('periods.form.questionsHint')}>
      <textarea rows={4} dir="auto" value={form.questions} onChange={(e) => update({ questions: e.target.value })} />
    </Field>
    <Field label={t('periods.form.timeZone')} hint={t('periods.form.timeZoneHint')} error={errors.timeZone} id={ids.timeZone}>
      <select value={form.timeZone} onChange={(e) => update({ timeZone: e.target.value })}>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
    </Field>
    <Field label={t('periods.form.opensAt', { zone: form.timeZone.replace(/_/g, ' ') })} error={errors.opensAt} id={ids.opensAt}>
      <input type="datetime-local" value={form.opensAt} onChange={(e) => update({ opensAt: e.target.value })} />
    </Field>
    <Field label={t('periods.form.closesAt', { zone: form.timeZone.replace(/_/g, ' ') })} error={errors.closesAt} id={ids.closesAt}>
      <input type="datetime-local" value={form.closesAt} onChange={(e) => update({ closesAt: e.target.value })} />
    </Field>
    <ChoiceGroup legend={t('periods.form.participation')} id={`${ids.title}-participation`}>
      <label>
        <input type="radio" name={`${ids.title}-participation`} checked={form.participation === 'REGISTERED_AND_GUESTS'} onChange={() => update({ participation: 'REGISTERED_AND_GUESTS' })} />
        <span>{t('periods.form.guests')}</span>
      </label>
      <label>
        <input type="radio" name={`${ids.title}-participation`} checked={form.participation === 'REGISTERED'} onChange={() => update({ participation: 'REGISTERED' })} />
        <span>{t('periods.form.registered')}</span>
      </label>
    </ChoiceGroup>
    <ChoiceGroup legend={t('periods.form.moderation')} id={`${ids.title}-moderation`}>
      <label>
        <input type="radio" name={`${ids.title}-moderation`} checked={form.moderation === 'PUBLISH_AT_ONCE'} onChange={() => update({ moderation: 'PUBLISH_AT_ONCE' })} />
        <span>{t('periods.form.publishAtOnce')}</span>
      </label>
      <label>
        <input type="radio" name={`${ids.title}-moderation`} checked={form.moderation === 'PRE_MODERATION'} onChange={() => update({ moderation: 'PRE_MODERATION' })} />
        <span>{t('periods.form.preModeration')}</span>
      </label>
    </ChoiceGroup>
    </>
  );
}
