import { describe, expect, it } from '@jest/globals';
import { formFieldOf, formOf, type PeriodForm, toInput, toUpdateInput, validate } from './period-form';

const form = (over: Partial<PeriodForm> = {}): PeriodForm => ({
  version: 'freeze',
  label: 'Draft for public comment',
  versionId: '',
  title: 'Public comment on the BPF Cybersecurity draft',
  instructions: '',
  questions: 'Is anything missing?\n\n  Which examples should be added?  ',
  timeZone: 'Europe/Zurich',
  opensAt: '2026-12-01T09:00',
  closesAt: '2026-12-15T23:59',
  participation: 'REGISTERED_AND_GUESTS',
  moderation: 'PUBLISH_AT_ONCE',
  ...over,
});

describe('the form that opens a document to comment', () => {
  it('accepts a complete form and sends the times as instants of the period’s zone', () => {
    expect(validate(form())).toEqual({});
    expect(toInput(form(), 'doc-1', true, 'key-1')).toEqual({
      documentId: 'doc-1',
      clientKey: 'key-1',
      freezeVersionLabel: 'Draft for public comment',
      title: 'Public comment on the BPF Cybersecurity draft',
      instructions: null,
      guidingQuestions: ['Is anything missing?', 'Which examples should be added?'],
      timeZone: 'Europe/Zurich',
      opensAt: '2026-12-01T08:00:00.000Z',
      closesAt: '2026-12-15T22:59:00.000Z',
      participation: 'REGISTERED_AND_GUESTS',
      moderation: 'PUBLISH_AT_ONCE',
      schedule: true,
    });
  });

  it('sends the chosen version instead of freezing the draft', () => {
    const input = toInput(form({ version: 'existing', versionId: 'v-3' }), 'doc-1', false, 'k');
    expect(input).toMatchObject({ versionId: 'v-3', schedule: false });
    expect(input).not.toHaveProperty('freezeVersionLabel');
  });

  it('names each missing or impossible field', () => {
    expect(validate(form({ title: '  ', label: '', opensAt: '', closesAt: '' }))).toEqual({
      label: 'periods.form.labelMissing',
      title: 'periods.form.titleMissing',
      opensAt: 'periods.form.opensMissing',
      closesAt: 'periods.form.closesMissing',
    });
    expect(validate(form({ version: 'existing' }))).toEqual({ versionId: 'periods.form.versionMissing' });
    expect(validate(form({ closesAt: '2026-12-01T09:00' }))).toEqual({ closesAt: 'periods.form.closesBeforeOpens' });
  });

  it('maps the API’s field names onto the form', () => {
    expect(formFieldOf('input.closesAt')).toBe('closesAt');
    expect(formFieldOf('freezeVersionLabel')).toBe('label');
    expect(formFieldOf('input.participation')).toBeNull();
  });
});

describe('the form that edits a period before it opens', () => {
  const period = {
    title: 'Public comment on the PN draft',
    instructions: 'Comment on any paragraph.',
    guidingQuestions: ['Is anything missing?', 'What should go?'],
    timeZone: 'Asia/Tokyo',
    opensAt: '2026-12-01T00:00:00.000Z',
    closesAt: '2026-12-15T14:59:00.000Z',
    participation: 'REGISTERED',
    moderation: 'PRE_MODERATION',
  };

  it("shows the period's times in its own zone, and sends them back unchanged", () => {
    const edit = formOf(period);
    expect(edit).toMatchObject({ opensAt: '2026-12-01T09:00', closesAt: '2026-12-15T23:59', questions: 'Is anything missing?\nWhat should go?', participation: 'REGISTERED', moderation: 'PRE_MODERATION' });
    expect(validate(edit, { withVersion: false })).toEqual({});
    expect(toUpdateInput(edit, 'p1', false)).toEqual({
      id: 'p1',
      title: period.title,
      instructions: period.instructions,
      guidingQuestions: period.guidingQuestions,
      timeZone: 'Asia/Tokyo',
      opensAt: period.opensAt,
      closesAt: period.closesAt,
      participation: 'REGISTERED',
      moderation: 'PRE_MODERATION',
      schedule: false,
    });
  });

  it('checks no version when editing, and still the times', () => {
    const edit = { ...formOf(period), closesAt: '2026-11-30T10:00' };
    expect(validate(edit, { withVersion: false })).toEqual({ closesAt: 'periods.form.closesBeforeOpens' });
  });
});
