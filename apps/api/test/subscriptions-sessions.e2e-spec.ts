import { EventBus } from '@intersessional/events';
import { notificationTopic } from '@intersessional/notifications';
import { SubscriptionServer } from '../src/subscription-server';
import { Given, PASSWORD, type TestUser, freshIp } from './support/given';
import { type Subscribed, type TestSubscriptionClient, closeAll, subscribe, subscriptionClient, waitFor } from './support/subscriptions';
import { type TestApp, startTestApp } from './support/test-app';

const COMMENTS = `subscription($id: ID!) { commentAdded(id: $id) { id } }`;
const NOTIFICATIONS = `subscription { notificationAdded { id } }`;

/**
 * A socket opened with a signed-in session belongs to that session: when it ends, every subscription
 * on the socket ends (the socket is closed with 4401), public ones too, without waiting for an event.
 */
describe('subscriptions end when the session that opened the socket ends', () => {
  let t: TestApp;
  let given: Given;
  let periodId: string;
  const clients: TestSubscriptionClient[] = [];
  const bus = () => t.app.get(EventBus);
  const commentTopic = () => `consultation.comments:${periodId}`;

  interface Watched {
    socket: TestSubscriptionClient;
    comments: Subscribed<unknown>;
    notifications: Subscribed<unknown>;
  }
  /** A socket with the token, running the public comment stream and the person's notifications. */
  const watch = async (user: TestUser, token = user.token): Promise<Watched> => {
    const socket = subscriptionClient(t.url, token, undefined, { address: freshIp() });
    clients.push(socket);
    const comments = subscribe(socket.client, COMMENTS, { id: periodId });
    const notifications = subscribe(socket.client, NOTIFICATIONS);
    await waitFor(() => bus().subscriberCount(notificationTopic(user.id)) >= 1 && bus().subscriberCount(commentTopic()) >= 1, 'both subscriptions to run', 10_000);
    return { socket, comments, notifications };
  };
  const ended = async (w: Watched) => {
    await waitFor(() => w.socket.closes.length > 0, 'the socket to be closed', 10_000);
    expect(w.socket.closes).toEqual([4401]);
    expect(w.socket.reasons[0]).toMatch(/^session ended/);
    // graphql-ws clients end every running operation with the close
    expect(w.comments.error).toMatchObject({ code: 4401 });
    expect(w.notifications.error).toMatchObject({ code: 4401 });
  };
  const signIn = async (user: TestUser): Promise<string> => {
    const result = await t.client.request<{ signIn: { accessToken: string } }>(
      `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
      { input: { email: user.email, password: PASSWORD } },
      { 'x-forwarded-for': freshIp() },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.signIn.accessToken;
  };

  beforeAll(async () => {
    t = await startTestApp({ SUBSCRIPTION_SESSION_CHECK_MS: '200' });
    given = new Given(t);
    const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    periodId = (await given.commentPeriod(bpf)).id;
  });
  afterEach(() => closeAll(clients, () => t.app.get(SubscriptionServer).openSockets));
  afterAll(() => t.close());

  it('at sign-out, with no event needed; an anonymous socket and another session of the person stay', async () => {
    const alice = await given.user();
    const otherTab = await watch(alice, await signIn(alice));
    const signingOut = await watch(alice);
    const anonymous = subscriptionClient(t.url, undefined, undefined, { address: freshIp() });
    clients.push(anonymous);
    const publicStream = subscribe(anonymous.client, COMMENTS, { id: periodId });
    await waitFor(() => bus().subscriberCount(commentTopic()) === 3, 'the anonymous subscription to run');

    await alice.client.ok(`mutation { signOut }`);
    await ended(signingOut);
    expect(bus().subscriberCount(notificationTopic(alice.id))).toBe(1);
    expect(otherTab.socket.closes).toEqual([]);
    expect(anonymous.closes).toEqual([]);
    expect(publicStream.error).toBeUndefined();
  });

  it('at a password change, for the other sessions of the person', async () => {
    const bob = await given.user();
    const elsewhere = await watch(bob);
    const here = await signIn(bob);
    const current = await watch(bob, here);
    await t.client.as(here).ok(`mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`, {
      input: { currentPassword: PASSWORD, newPassword: 'another-long-passphrase-for-bob-77' },
    });
    await ended(elsewhere);
    expect(current.socket.closes).toEqual([]);
  });

  it('when the account is disabled', async () => {
    const carol = await given.user();
    const w = await watch(carol);
    const root = await given.secretariat();
    await root.client.ok(`mutation($id: ID!) { disableAccount(userId: $id) { id } }`, { id: carol.id });
    await ended(w);
    await waitFor(() => bus().subscriberCount(notificationTopic(carol.id)) === 0, 'the notification stream to be released');
  });
});
