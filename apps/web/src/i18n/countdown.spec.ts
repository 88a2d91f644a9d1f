import { describe, expect, it } from '@jest/globals';
import { countdown } from './countdown';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('the countdown to a deadline', () => {
  it('says the largest unit that still says something, to the nearest', () => {
    expect(countdown(2 * DAY - 5_000)).toEqual({ value: 2, unit: 'day' });
    expect(countdown(2 * DAY + 20 * HOUR)).toEqual({ value: 3, unit: 'day' });
    expect(countdown(47 * HOUR + 10 * MINUTE)).toEqual({ value: 47, unit: 'hour' });
    expect(countdown(119 * MINUTE)).toEqual({ value: 119, unit: 'minute' });
    expect(countdown(10_000)).toEqual({ value: 1, unit: 'minute' });
  });

  it('counts the past the same way', () => {
    expect(countdown(-(3 * DAY + 1))).toEqual({ value: -3, unit: 'day' });
    expect(countdown(-5 * HOUR)).toEqual({ value: -5, unit: 'hour' });
  });
});
