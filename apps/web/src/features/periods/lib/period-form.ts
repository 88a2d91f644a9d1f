import type { MessageId } from '../../../i18n/t';
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

/** What a period says and when it runs, as both the create and the update input carry it. */
function settingsOf(form: PeriodForm) {
  return {
    title: form.title.trim(),
    instructions: form.instructions.trim(),
    guidingQuestions: questionsOf(form.questions),
    timeZone: form.timeZone,
    opensAt: zonedToIso(form.opensAt, form.timeZone),
    closesAt: zonedToIso(form.closesAt, form.timeZone),
    participation: form.participation,
    moderation: form.moderation,
  };
}

/** The API's input for a valid form; `schedule` opens and closes it by itself, else it stays a draft. */
export function toInput(form: PeriodForm, documentId: string, schedule: boolean, clientKey: string): CreatePeriodInput {
  const settings = settingsOf(form);
  return {
    documentId,
    clientKey,
    ...(form.version === 'freeze' ? { freezeVersionLabel: form.label.trim() } : { versionId: form.versionId }),
    ...settings,
    instructions: settings.instructions || null,
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

/** The API's update input for a valid edit form (the version stays the period's own; empty instructions clear them). */
export function toUpdateInput(form: PeriodForm, id: string, schedule: boolean): UpdatePeriodInput {
  return { id, ...settingsOf(form), schedule };
}

/** The API names fields as `input.title`, `title`…: the form's field, when it has one. */
export function formFieldOf(apiField: string): Field | null {
  const last = apiField.split('.').pop() ?? '';
  const map: Record<string, Field> = { freezeVersionLabel: 'label', versionId: 'versionId', title: 'title', opensAt: 'opensAt', closesAt: 'closesAt', timeZone: 'timeZone' };
  return map[last] ?? null;
}

/** The form's problems among the fields an API error names (BAD_USER_INPUT's `fields`); empty when it names none of them. */
export function problemsFromApi(fields: readonly { field: string; message: string }[]): Problems {
  return Object.fromEntries(fields.flatMap((p) => {
    const field = formFieldOf(p.field);
    return field ? [[field, p.message] as const] : [];
  }));
}

/**
 * Each field's problem as text (a message id from validate(), or the API's own sentence), and the
 * error summary's links, in the form's order.
 */
export function problemTexts(t: (id: MessageId) => string, problems: Problems, ids: Record<Field, string>, order: readonly Field[]) {
  const text = (problem: string | undefined) => (problem ? (problem.startsWith('periods.') ? t(problem as MessageId) : problem) : null);
  const errors = Object.fromEntries(order.map((f) => [f, text(problems[f])])) as Record<Field, string | null>;
  const summary = order.flatMap((f) => (problems[f] ? [{ fieldId: ids[f], message: text(problems[f]) ?? '' }] : []));
  return { errors, summary };
}
