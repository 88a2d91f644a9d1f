import { signInDelayMs } from './auth-limits';

describe('the per-e-mail sign-in slow-down', () => {
  it('lets the first five failures through at once, then waits 250 ms doubling, never longer than the cap', () => {
    const delays = Array.from({ length: 12 }, (_, i) => signInDelayMs(i, 8000));
    expect(delays).toEqual([0, 0, 0, 0, 0, 0, 250, 500, 1000, 2000, 4000, 8000]);
    expect(signInDelayMs(10_000, 8000)).toBe(8000);
  });

  it('is off with a cap of 0', () => {
    expect(signInDelayMs(50, 0)).toBe(0);
  });
});
