import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EventBus } from '@intersessional/events';
import { SubscriptionServer } from '../src/subscription-server';
import { Given, type TestUser, freshIp } from './support/given';
import { type Subscribed, type TestSubscriptionClient, closeAll, subscribe, subscriptionClient, waitFor } from './support/subscriptions';
import { type TestApp, startTestApp } from './support/test-app';

const ADDED = `subscription($id: ID!) { commentAdded(id: $id) { id body } }`;
interface Added {
  commentAdded: { id: string; body: string };
}
const MiB = 1024 * 1024;
const KiB = 1024;
const BUFFER_LIMIT = 256 * KiB;

/** A full garbage collection, also where node was started without --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
const retained = () => {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

describe('graphql-ws sockets are bounded: buffer, subscriptions, sockets per address and account', () => {
  let t: TestApp;
  let given: Given;
  let periodId: string;
  const clients: TestSubscriptionClient[] = [];
  const topic = () => `consultation.comments:${periodId}`;
  const bus = () => t.app.get(EventBus);
  const connect = (token?: string, address = freshIp()) => {
    const c = subscriptionClient(t.url, token, undefined, { address });
    clients.push(c);
    return c;
  };
  /** Starts a commentAdded subscription and waits until the server has it running. */
  const listen = async (c: TestSubscriptionClient): Promise<Subscribed<Added>> => {
    const before = bus().subscriberCount(topic());
    const sub = subscribe<Added>(c.client, ADDED, { id: periodId });
    await waitFor(() => bus().subscriberCount(topic()) > before || sub.error !== undefined || c.closes.length > 0, 'the subscription to start or be refused', 10_000);
    return sub;
  };

  beforeAll(async () => {
    t = await startTestApp({
      SUBSCRIPTION_MAX_PER_SOCKET: '5',
      SUBSCRIPTION_MAX_SOCKETS_PER_ADDRESS: '3',
      SUBSCRIPTION_MAX_SOCKETS_PER_ACCOUNT: '2',
      SUBSCRIPTION_MAX_BUFFERED_BYTES: String(BUFFER_LIMIT),
      // no keep-alive ping during the test: the buffer bound alone must drop the stalled reader
      SUBSCRIPTION_KEEP_ALIVE_MS: '600000',
    });
    given = new Given(t);
    const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    periodId = (await given.commentPeriod(bpf)).id;
  });
  afterEach(() => closeAll(clients, () => t.app.get(SubscriptionServer).openSockets));
  afterAll(() => t.close());

  it('closes a client that stops reading while events flow, and its memory comes back', async () => {
    // a real comment as it crosses the bus, to publish again and again with a large body
    const probe = bus().subscribe<Record<string, unknown>>(topic());
    const commenter = await given.user();
    await commenter.client.ok(`mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`, {
      input: { periodId, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, anchor: { kind: 'DOCUMENT' }, body: 'A public comment.' },
    });
    const sample = (await probe.next()).value as Record<string, unknown>;
    await probe.return();

    const stalled = connect();
    const stream = await listen(stalled);
    const healthy = connect();
    const alongside = await listen(healthy);
    await waitFor(() => bus().listening(topic()), 'the topic to be live');
    const before = retained();
    stalled.socket?.pause(); // stops reading: the TCP window fills, then the server's buffer

    // events of 64 KiB, each published once the reader that keeps reading has the previous one, until
    // the server drops the stalled socket (at most 25 MiB: beyond the kernel's socket buffers, 4 MiB
    // to send here, plus the limit)
    const body = 'x'.repeat(64 * 1024);
    const server = t.app.get(SubscriptionServer);
    let published = 0;
    while (server.openSockets === 2 && published < 400) {
      await bus().publish(topic(), { ...sample, id: `${String(sample['id'])}-${published}`, body });
      published += 1;
      await waitFor(() => alongside.data.length === published, 'the healthy reader to receive the event', 20_000);
    }
    expect(server.openSockets).toBe(1);
    // its subscription ended with it, releasing the topic's stream and what waited in it
    await waitFor(() => bus().subscriberCount(topic()) === 1, 'the stalled subscription to end');
    expect(stream.data.length).toBeLessThan(published);
    // stated bound: what stays after the flood is a small part of what it sent (and of a stalled queue)
    const growth = retained() - before;
    expect(growth).toBeLessThan(8 * MiB);

    stalled.socket?.resume();
    await waitFor(() => stalled.closes.length > 0, 'the stalled client to see the connection end');
  });

  it('refuses a subscription beyond SUBSCRIPTION_MAX_PER_SOCKET with TOO_MANY_SUBSCRIPTIONS, and takes one again after one ends', async () => {
    const c = connect();
    const running: Subscribed<Added>[] = [];
    for (let i = 0; i < 5; i += 1) running.push(await listen(c));
    expect(running.every((s) => s.error === undefined)).toBe(true);

    const excess = subscribe(c.client, ADDED, { id: periodId });
    await waitFor(() => excess.error !== undefined, 'the sixth subscription to be refused');
    expect(excess.error).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 5, requestId: expect.any(String) }) }),
    ]);
    expect(c.closes).toEqual([]); // the socket and its five subscriptions stay

    running[0]?.unsubscribe();
    await waitFor(() => bus().subscriberCount(topic()) === 4, 'the first subscription to end');
    const again = await listen(c);
    expect(again.error).toBeUndefined();
    expect(bus().subscriberCount(topic())).toBe(5);
  });

  it('closes sockets beyond SUBSCRIPTION_MAX_SOCKETS_PER_ADDRESS with 4429 and a reason; other addresses are not affected', async () => {
    const address = '203.0.113.7';
    const room = [connect(undefined, address), connect(undefined, address), connect(undefined, address)];
    for (const c of room) expect((await listen(c)).error).toBeUndefined();

    const fourth = connect(undefined, address);
    const refused = subscribe(fourth.client, ADDED, { id: periodId });
    await waitFor(() => fourth.closes.length > 0, 'the fourth socket to be closed');
    expect(fourth.closes).toEqual([4429]);
    expect(fourth.reasons[0]).toBe('too many connections from this address (at most 3)');
    expect(refused.error).toBeDefined();

    expect((await listen(connect(undefined, '203.0.113.8'))).error).toBeUndefined();
    await room[0]?.dispose();
    await waitFor(() => t.app.get(SubscriptionServer).openSockets === 3, 'a socket of the address to close');
    expect((await listen(connect(undefined, address))).error).toBeUndefined();
  });

  it('closes sockets beyond SUBSCRIPTION_MAX_SOCKETS_PER_ACCOUNT with 4429, from any address; anonymous ones do not count', async () => {
    const alice: TestUser = await given.user();
    const mine = [connect(alice.token), connect(alice.token)];
    for (const c of mine) expect((await listen(c)).error).toBeUndefined();
    expect((await listen(connect())).error).toBeUndefined();

    const third = connect(alice.token);
    subscribe(third.client, ADDED, { id: periodId });
    await waitFor(() => third.closes.length > 0, 'the third socket of the account to be closed');
    expect(third.closes).toEqual([4429]);
    expect(third.reasons[0]).toBe('too many connections for this account (at most 2)');
  });
});
