import type { CreatePeriodInput, UpdatePeriodInput } from '../operations';
import { isoToZoned, zonedToIso } from './zoned-time';

/** What the facilitator fills in to open a document to comment. */
export interface PeriodForm {
  /** Freeze the live draft now under `label`, or comment on an existing version. */
  version: 'freeze' | 'existing';
  label: string;
  versionId: string;
  title: string;
  instructions: string;
  /** One question per line. */
  questions: string;
  timeZone: string;
  opensAt: string;
  closesAt: string;
  participation: 'REGISTERED' | 'REGISTERED_AND_GUESTS';
  moderation: 'PUBLISH_AT_ONCE' | 'PRE_MODERATION';
}

export type Field = 'label' | 'versionId' | 'title' | 'opensAt' | 'closesAt' | 'timeZone';
/** Message ids of what is wrong, by field (the page turns them into text). */
export type Problems = Partial<Record<Field, string>>;

export const questionsOf = (text: string) =>
  text
    .split('\n')
    .map((q) => q.trim())
    .filter(Boolean);

/** The form's problems, in the order of the form; empty when it can be sent. Editing a period checks no version (it keeps its own). */
export function validate(form: PeriodForm, { withVersion = true }: { withVersion?: boolean } = {}): Problems {
  const problems: Problems = {};
  if (withVersion && form.version === 'freeze' && !form.label.trim()) problems.label = 'periods.form.labelMissing';
  if (withVersion && form.version === 'existing' && !form.versionId) problems.versionId = 'periods.form.versionMissing';
  if (!form.title.trim()) problems.title = 'periods.form.titleMissing';
  const opens = zonedToIso(form.opensAt, form.timeZone);
  const closes = zonedToIso(form.closesAt, form.timeZone);
  if (!opens) problems.opensAt = 'periods.form.opensMissing';
  if (!closes) problems.closesAt = 'periods.form.closesMissing';
  else if (opens && closes <= opens) problems.closesAt = 'periods.form.closesBeforeOpens';
  return problems;
}

/** The API's input for a valid form; `schedule` opens and closes it by itself, else it stays a draft. */
export function toInput(form: PeriodForm, documentId: string, schedule: boolean, clientKey: string): CreatePeriodInput {
  return {
    documentId,
    clientKey,
    ...(form.version === 'freeze' ? { freezeVersionLabel: form.label.trim() } : { versionId: form.versionId }),
    title: form.title.trim(),
    instructions: form.instructions.trim() || null,
    guidingQuestions: questionsOf(form.questions),
    timeZone: form.timeZone,
    opensAt: zonedToIso(form.opensAt, form.timeZone),
    closesAt: zonedToIso(form.closesAt, form.timeZone),
    participation: form.participation,
    moderation: form.moderation,
    schedule,
  };
}

/** A period's settings as the edit form shows them: its times read in its own zone. */
export function formOf(period: { title: string; instructions: string; guidingQuestions: readonly string[]; timeZone: string; opensAt: string; closesAt: string; participation: string; moderation: string }): PeriodForm {
  return {
    version: 'existing',
    label: '',
    versionId: '',
    title: period.title,
    instructions: period.instructions,
    questions: period.guidingQuestions.join('\n'),
    timeZone: period.timeZone,
    opensAt: isoToZoned(period.opensAt, period.timeZone),
    closesAt: isoToZoned(period.closesAt, period.timeZone),
    participation: period.participation === 'REGISTERED' ? 'REGISTERED' : 'REGISTERED_AND_GUESTS',
    moderation: period.moderation === 'PRE_MODERATION' ? 'PRE_MODERATION' : 'PUBLISH_AT_ONCE',
  };
}

/** The API's update input for a valid edit form (the version stays the period's own). */
export function toUpdateInput(form: PeriodForm, id: string, schedule: boolean): UpdatePeriodInput {
  return {
    id,
    title: form.title.trim(),
    instructions: form.instructions.trim(),
    guidingQuestions: questionsOf(form.questions),
    timeZone: form.timeZone,
    opensAt: zonedToIso(form.opensAt, form.timeZone),
    closesAt: zonedToIso(form.closesAt, form.timeZone),
    participation: form.participation,
    moderation: form.moderation,
    schedule,
  };
}

/** The API names fields as `input.title`, `title`…: the form's field, when it has one. */
export function formFieldOf(apiField: string): Field | null {
  const last = apiField.split('.').pop() ?? '';
  const map: Record<string, Field> = { freezeVersionLabel: 'label', versionId: 'versionId', title: 'title', opensAt: 'opensAt', closesAt: 'closesAt', timeZone: 'timeZone' };
  return map[last] ?? null;
}
