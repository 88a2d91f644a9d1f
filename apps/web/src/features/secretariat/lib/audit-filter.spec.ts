import { describe, expect, it } from '@jest/globals';
import { filterProblems, readFilter, toApiFilter, writeFilter } from './audit-filter';

describe('the audit log filter in the address', () => {
  it('reads what it wrote', () => {
    const filter = { workstream: '0b8e5f5c-1c1e-4e57-9a44-2f1f0a9d2b11', actor: '', action: 'workstream', since: '2026-11-01', until: '2026-11-30' };
    expect(readFilter(writeFilter(filter))).toEqual(filter);
    expect(writeFilter(filter).toString()).toBe('workstream=0b8e5f5c-1c1e-4e57-9a44-2f1f0a9d2b11&action=workstream&since=2026-11-01&until=2026-11-30');
  });

  it('drops values that are not what the field holds (a hand-edited address)', () => {
    expect(readFilter(new URLSearchParams('workstream=abc&actor=1;drop&action=Robert%27)&since=yesterday&until=2026-1-1'))).toEqual({ workstream: '', actor: '', action: '', since: '', until: '' });
  });

  it('sends "until" as the start of the next day, so the whole day is included, in local time', () => {
    const api = toApiFilter({ workstream: '', actor: '', action: 'user.disabled', since: '2026-11-01', until: '2026-11-30' });
    expect(api.action).toBe('user.disabled');
    expect(new Date(api.since as string).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(api.until as string).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(toApiFilter({ workstream: '', actor: '', action: '', since: '', until: '' })).toEqual({ workstreamId: undefined, actorId: undefined, action: undefined, since: undefined, until: undefined });
  });

  it('says when the period ends before it starts', () => {
    expect(filterProblems({ workstream: '', actor: '', action: '', since: '2026-11-30', until: '2026-11-01' })).toEqual({ until: 'beforeSince' });
    expect(filterProblems({ workstream: '', actor: '', action: '', since: '2026-11-01', until: '2026-11-01' })).toEqual({});
  });
});
