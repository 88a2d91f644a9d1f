import { describe, expect, it } from '@jest/globals';
import { isoToZoned, timeZones, zonedToIso } from './zoned-time';

describe('times in the period’s own time zone', () => {
  it('reads a wall-clock time in the period’s zone, summer and winter alike', () => {
    expect(zonedToIso('2026-12-01T09:00', 'Europe/Zurich')).toBe('2026-12-01T08:00:00.000Z');
    expect(zonedToIso('2026-07-01T09:00', 'Europe/Zurich')).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedToIso('2026-12-01T09:00', 'Asia/Kolkata')).toBe('2026-12-01T03:30:00.000Z');
    expect(zonedToIso('2026-12-01T09:00', 'UTC')).toBe('2026-12-01T09:00:00.000Z');
  });

  it('shows an instant back as the same wall-clock time', () => {
    expect(isoToZoned('2026-12-01T08:00:00.000Z', 'Europe/Zurich')).toBe('2026-12-01T09:00');
    expect(isoToZoned(zonedToIso('2026-03-15T23:59', 'America/Sao_Paulo') ?? '', 'America/Sao_Paulo')).toBe('2026-03-15T23:59');
  });

  it('gives null for an empty or malformed value instead of a wrong instant', () => {
    expect(zonedToIso('', 'UTC')).toBeNull();
    expect(zonedToIso('tomorrow', 'UTC')).toBeNull();
    expect(zonedToIso('2026-12-01T09:00', 'Not/AZone')).toBeNull();
  });

  it('offers the reader’s zone first and UTC always, each once', () => {
    const zones = timeZones('Africa/Accra');
    expect(zones.slice(0, 2)).toEqual(['Africa/Accra', 'UTC']);
    expect(new Set(zones).size).toBe(zones.length);
    expect(timeZones('UTC').filter((z) => z === 'UTC')).toHaveLength(1);
  });
});
