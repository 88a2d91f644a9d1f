import { MAX_RETRY_DELAY_MS, retryDelayMs } from './retry-schedule';

describe('mail retry schedule', () => {
  it('doubles the wait after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 8, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(30, 50, 60_000)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('gives up after the last allowed attempt', () => {
    expect(retryDelayMs(7, 8, 1000)).toBe(64_000);
    expect(retryDelayMs(8, 8, 1000)).toBeNull();
    expect(retryDelayMs(1, 1, 1000)).toBeNull();
  });
});
