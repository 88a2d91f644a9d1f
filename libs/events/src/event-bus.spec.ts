import { EventBus } from './event-bus';
import { EventStream } from './event-stream';

describe('EventBus (in memory, without Redis)', () => {
  const bus = () => new EventBus(null, { keyPrefix: 'spec:' });

  it('delivers a topic to its subscribers only, as JSON (dates become ISO strings)', async () => {
    const events = bus();
    const mine = events.subscribe<{ at: string }>('user:1');
    const other = events.subscribe<{ at: string }>('user:2');
    await events.publish('user:1', { at: new Date('2026-01-02T03:04:05.006Z') });
    expect(await mine.next()).toEqual({ value: { at: '2026-01-02T03:04:05.006Z' }, done: false });
    await events.publish('user:2', { at: 'x' });
    expect(await other.next()).toEqual({ value: { at: 'x' }, done: false });
  });

  it('keeps events published before the consumer asks, in order', async () => {
    const events = bus();
    const stream = events.subscribe<number>('t');
    await events.publish('t', 1);
    await events.publish('t', 2);
    expect((await stream.next()).value).toBe(1);
    expect((await stream.next()).value).toBe(2);
  });

  it('forgets a subscriber when it returns (the client unsubscribed), and ends pending reads', async () => {
    const events = bus();
    const a = events.subscribe('t');
    const b = events.subscribe('t');
    expect(events.listening('t')).toBe(true);
    const pending = a.next();
    await a.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(events.subscriberCount('t')).toBe(1);
    await b.return();
    expect(events.subscriberCount('t')).toBe(0);
    expect(events.listening('t')).toBe(false);
    await events.publish('t', 'nobody listens');
  });

  it('ends every stream at shutdown', async () => {
    const events = bus();
    const stream = events.subscribe('t');
    const pending = stream.next();
    await events.onApplicationShutdown();
    expect(await pending).toMatchObject({ done: true });
    expect(events.subscriberCount('t')).toBe(0);
  });
});

describe('EventStream', () => {
  it('drops the oldest events when a consumer stops reading', async () => {
    const stream = new EventStream<number>(() => undefined, 3);
    for (let i = 1; i <= 5; i += 1) stream.push(i);
    expect(stream.dropped).toBe(2);
    expect([(await stream.next()).value, (await stream.next()).value, (await stream.next()).value]).toEqual([3, 4, 5]);
  });

  it('is its own async iterator (for await, GraphQL subscriptions)', async () => {
    const stream = new EventStream<number>(() => undefined);
    stream.push(1);
    stream.push(2);
    const seen: number[] = [];
    for await (const value of stream) {
      seen.push(value);
      if (seen.length === 2) break; // calls return()
    }
    expect(seen).toEqual([1, 2]);
    expect(stream.closed).toBe(true);
  });
});
