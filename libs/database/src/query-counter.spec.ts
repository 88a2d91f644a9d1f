import { setImmediate as tick } from 'node:timers/promises';
import { CountingQueryLogger } from './query-counter';

describe('CountingQueryLogger', () => {
  it('counts a request apart from background work that runs at the same time', async () => {
    const logger = new CountingQueryLogger();
    const request = async () => {
      for (let i = 0; i < 3; i += 1) {
        await tick();
        logger.logQuery(`SELECT ${i}`);
      }
    };
    const background = async () => {
      for (let i = 0; i < 5; i += 1) {
        await tick();
        logger.logQuery('SELECT due events');
      }
    };
    await Promise.all([logger.within('request-1', request), background()]);
    expect(logger.countOf('request-1')).toBe(3);
    expect(logger.queries).toBe(8);
  });

  it('counts what a request starts in callbacks and timers, and forgets a tally once read', async () => {
    const logger = new CountingQueryLogger();
    await logger.within('request-2', () => new Promise<void>((resolve) => setTimeout(() => (logger.logQuery('SELECT 1'), resolve()), 1)));
    expect(logger.countOf('request-2')).toBe(1);
    expect(logger.countOf('request-2')).toBe(0);
  });
});
