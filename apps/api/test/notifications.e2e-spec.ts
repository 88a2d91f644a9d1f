import { WebSocket } from 'ws';
import { Database } from '@intersessional/database';
import { EventBus } from '@intersessional/events';
import { MailOutbox, NotificationKind, NotificationRetention, NotificationService, notificationTopic } from '@intersessional/notifications';
import { openEditor } from './support/editors';
import { Given, type TestUser } from './support/given';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { type Subscribed, type TestSubscriptionClient, subscribe, subscriptionClient, waitFor } from './support/subscriptions';
import { type TestApp, startTestApp } from './support/test-app';
import { describeWithRedis } from './support/backends';

const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount
    edges { cursor node { id kind title body link data createdAt readAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const UNREAD = `{ unreadNotificationCount }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;
const ADDED = `subscription { notificationAdded { id kind title body link data createdAt readAt } }`;

interface Node {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, string>;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  notifications: { totalCount: number; edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface Added {
  notificationAdded: Node;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notifications: in-app list, live subscription, e-mail outbox', () => {
  let t: TestApp;
  let given: Given;
  let smtp: SmtpSink;
  let alice: TestUser;
  let bob: TestUser;
  const clients: TestSubscriptionClient[] = [];

  const service = () => t.app.get(NotificationService);
  const events = () => t.app.get(EventBus);
  const connect = (token?: string, instance: TestApp = t) => {
    const c = subscriptionClient(instance.url, token);
    clients.push(c);
    return c;
  };
  /** Subscribes to `notificationAdded` and waits until events published now reach it. */
  const listen = async (user: TestUser, instance: TestApp = t): Promise<Subscribed<Added>> => {
    const sub = subscribe<Added>(connect(user.token, instance).client, ADDED);
    await waitFor(() => instance.app.get(EventBus).listening(notificationTopic(user.id)), 'the subscription to be live');
    return sub;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // no background polling: the specs flush the outbox themselves (a commit still wakes it at once)
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '600000', MAIL_RETRY_BASE_MS: '5', MAIL_MAX_ATTEMPTS: '3' });
    given = new Given(t);
    alice = await given.user({ displayName: 'Alice Example' });
    bob = await given.user();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  describe('the list', () => {
    it('shows each person only their own, newest first, paginated, with an unread count; read marks are own only', async () => {
      const [first] = await service().notify([
        { userId: alice.id, kind: NotificationKind.PERIOD_OPENED, title: 'Comment period opened', body: 'BPF draft is open for comments.', link: '/periods/p1', data: { periodId: 'p1' } },
      ]);
      await pause(5);
      const later = await service().notify([
        { userId: alice.id, kind: NotificationKind.COMMENT_REPLY, title: 'New reply', body: 'Someone replied to your comment.', data: { commentId: 'c1' } },
        { userId: bob.id, kind: NotificationKind.NEW_COMMENT, title: 'New comment', body: 'A comment on your draft.' },
        { userId: alice.id, kind: NotificationKind.OTHER, title: 'Hello', body: 'Third one.' },
      ]);
      expect(later).toHaveLength(3);
      const [aliceReply, bobComment, aliceOther] = later as [string, string, string];

      const page1 = await alice.client.ok<Page>(LIST, { first: 2 });
      expect(page1.notifications.totalCount).toBe(3);
      expect(page1.notifications.pageInfo.hasNextPage).toBe(true);
      const page2 = await alice.client.ok<Page>(LIST, { first: 2, after: page1.notifications.pageInfo.endCursor });
      expect(page2.notifications.pageInfo.hasNextPage).toBe(false);
      const seen = [...page1.notifications.edges, ...page2.notifications.edges].map((e) => e.node);
      // the older notification comes last; the two created together come first, in a stable order
      expect(seen.map((n) => n.id)).toHaveLength(3);
      expect(new Set(seen.slice(0, 2).map((n) => n.id))).toEqual(new Set([aliceReply, aliceOther]));
      expect(seen[2]).toEqual({
        id: first,
        kind: 'PERIOD_OPENED',
        title: 'Comment period opened',
        body: 'BPF draft is open for comments.',
        link: '/periods/p1',
        data: { periodId: 'p1' },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        readAt: null,
      });
      const bobs = await bob.client.ok<Page>(LIST, {});
      expect(bobs.notifications.edges.map((e) => e.node.id)).toEqual([bobComment]);

      expect(await alice.client.ok(UNREAD)).toEqual({ unreadNotificationCount: 3 });
      expect(await bob.client.ok(UNREAD)).toEqual({ unreadNotificationCount: 1 });

      // someone else's ids are ignored (not an error: that would tell ids apart)
      expect(await bob.client.ok(MARK, { ids: [aliceReply, bobComment] })).toEqual({ markNotificationsRead: 1 });
      expect(await alice.client.ok(UNREAD)).toEqual({ unreadNotificationCount: 3 });
      expect(await bob.client.ok(UNREAD)).toEqual({ unreadNotificationCount: 0 });

      expect(await alice.client.ok(MARK, { ids: [aliceReply] })).toEqual({ markNotificationsRead: 1 });
      expect(await alice.client.ok(MARK, { ids: [aliceReply] })).toEqual({ markNotificationsRead: 0 });
      const unread = await alice.client.ok<Page>(LIST, { unreadOnly: true });
      expect(unread.notifications.totalCount).toBe(2);
      expect(unread.notifications.edges.map((e) => e.node.id)).not.toContain(aliceReply);
      const all = await alice.client.ok<Page>(LIST, {});
      expect(all.notifications.edges.find((e) => e.node.id === aliceReply)?.node.readAt).toEqual(expect.any(String));

      expect(await alice.client.ok(MARK_ALL)).toEqual({ markAllNotificationsRead: 2 });
      expect(await alice.client.ok(UNREAD)).toEqual({ unreadNotificationCount: 0 });
      expect(await bob.client.ok(MARK_ALL)).toEqual({ markAllNotificationsRead: 0 });
    });

    it('is for signed-in people, and checks ids and page sizes', async () => {
      expect((await t.client.fails(UNREAD)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.fails(LIST)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.client.fails(MARK_ALL)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await alice.client.fails(MARK, { ids: ['not-an-id'] })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
      expect((await alice.client.fails(LIST, { first: 101 })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });

  describe('the notificationAdded subscription (graphql-ws on /graphql)', () => {
    it('delivers a new notification to its owner only, after the commit', async () => {
      const aliceSees = await listen(alice);
      const bobSees = await listen(bob);

      const [id] = await service().notify([
        { userId: alice.id, kind: NotificationKind.COMMENT_ANSWERED, title: 'Your comment was answered', body: 'See the answer.', data: { commentId: 'c9' } },
      ]);
      await waitFor(() => aliceSees.data.length === 1, 'alice to receive her notification');
      expect(aliceSees.data[0]?.notificationAdded).toEqual({
        id,
        kind: 'COMMENT_ANSWERED',
        title: 'Your comment was answered',
        body: 'See the answer.',
        link: null,
        data: { commentId: 'c9' },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
        readAt: null,
      });

      // nothing is published for a transaction that rolls back
      await expect(
        t.app.get(Database).transaction(async () => {
          await service().notify([{ userId: bob.id, kind: NotificationKind.OTHER, title: 'Never', body: 'Rolled back.' }]);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const [bobs] = await service().notify([{ userId: bob.id, kind: NotificationKind.OTHER, title: 'For Bob', body: 'Only Bob.' }]);
      await waitFor(() => bobSees.data.length === 1, 'bob to receive his notification');
      await pause(100);
      expect(bobSees.data.map((d) => d.notificationAdded.id)).toEqual([bobs]);
      expect(aliceSees.data.map((d) => d.notificationAdded.id)).toEqual([id]);
      expect(aliceSees.error).toBeUndefined();
      expect((await bob.client.ok<Page>(LIST, {})).notifications.edges.map((e) => e.node.title)).not.toContain('Never');

      // unsubscribing releases the topic
      aliceSees.unsubscribe();
      await waitFor(() => events().subscriberCount(notificationTopic(alice.id)) === 0, 'the subscription to be released');
    });

    it('deletes sent mail after 30 days and read notifications after a year, keeping the rest', async () => {
      const dave = await given.user();
      const [oldRead, oldUnread, recentRead] = await service().notify([
        { userId: dave.id, kind: NotificationKind.OTHER, title: 'Old and read', body: '.' },
        { userId: dave.id, kind: NotificationKind.OTHER, title: 'Old, never read', body: '.' },
        { userId: dave.id, kind: NotificationKind.OTHER, title: 'Recent and read', body: '.' },
      ]);
      const db = t.dataSource;
      await db.query(`UPDATE notifications SET read_at = now() - interval '400 days' WHERE id = $1`, [oldRead]);
      await db.query(`UPDATE notifications SET created_at = now() - interval '400 days' WHERE id = $1`, [oldUnread]);
      await db.query(`UPDATE notifications SET read_at = now() - interval '10 days' WHERE id = $1`, [recentRead]);
      const oldMail = await service().email({ address: 'old@example.org' }, 'Old', 'x');
      const newMail = await service().email({ address: 'new@example.org' }, 'New', 'x');
      const pending = await service().email({ address: 'pending@example.org' }, 'Pending', 'x');
      await t.app.get(MailOutbox).flush(); // nothing in flight while the rows are aged below
      await db.query(`UPDATE mail_outbox SET status = 'SENT', sent_at = now() - interval '31 days' WHERE id = $1`, [oldMail]);
      await db.query(`UPDATE mail_outbox SET status = 'SENT', sent_at = now() - interval '2 days' WHERE id = $1`, [newMail]);
      await db.query(`UPDATE mail_outbox SET status = 'PENDING', next_attempt_at = now() + interval '1 day' WHERE id = $1`, [pending]);

      const pruned = await t.app.get(NotificationRetention).prune();
      expect(pruned.notifications).toBeGreaterThanOrEqual(1);
      const left = (await db.query(`SELECT id FROM notifications WHERE id = ANY($1)`, [[oldRead, oldUnread, recentRead]])) as { id: string }[];
      expect(left.map((r) => r.id).sort()).toEqual([oldUnread, recentRead].sort());
      const mails = (await db.query(`SELECT id FROM mail_outbox WHERE id = ANY($1)`, [[oldMail, newMail, pending]])) as { id: string }[];
      expect(mails.map((r) => r.id).sort()).toEqual([newMail, pending].sort());
    });

    it('stops delivering once the session that subscribed has signed out', async () => {
      const carol = await given.user();
      const sees = await listen(carol);
      await service().notify([{ userId: carol.id, kind: NotificationKind.OTHER, title: 'Before', body: 'Signed in.' }]);
      await waitFor(() => sees.data.length === 1, 'the first notification');
      await carol.client.ok(`mutation { signOut }`);
      await service().notify([{ userId: carol.id, kind: NotificationKind.OTHER, title: 'After', body: 'Signed out.' }]);
      // two ways end it, whichever comes first: the event finds the session gone and completes the
      // stream, or the periodic session watch closes the socket with 4401 (the client sees an error)
      await waitFor(() => sees.completed || sees.error !== undefined, 'the stream to end');
      if (sees.error !== undefined) expect((sees.error as { code?: number }).code).toBe(4401);
      expect(sees.data.map((d) => d.notificationAdded.title)).toEqual(['Before']);
    });

    it('refuses anonymous and invalid tokens with UNAUTHENTICATED, and serves subscriptions only', async () => {
      const anonymous = subscribe<Added>(connect().client, ADDED);
      await waitFor(() => anonymous.completed, 'the anonymous subscription to end');
      expect(anonymous.results).toHaveLength(1);
      expect(anonymous.results[0]?.errors?.[0]).toMatchObject({
        path: ['notificationAdded'],
        extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) },
      });
      expect(anonymous.results[0]?.data ?? null).toBeNull();

      const forged = subscribe<Added>(connect('not.a.token').client, ADDED);
      await waitFor(() => forged.completed, 'the forged subscription to end');
      expect(forged.results[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      const query = subscribe(connect(alice.token).client, UNREAD);
      await waitFor(() => query.error !== undefined, 'the query to be refused');
      expect(query.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'operation' }) })]);

      const invalid = subscribe(connect(alice.token).client, `subscription { notificationAdded { nope } }`);
      await waitFor(() => invalid.error !== undefined, 'the invalid subscription to be refused');
      expect(invalid.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })]);

      // frames are limited (subscription documents are small): ws closes with 1009
      const raw = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      await new Promise((resolve) => raw.on('open', resolve));
      const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)));
      raw.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(70 * 1024) } }));
      expect(await closed).toBe(1009);
    });

    it('works beside the live-editing socket on the same server (/collab and /graphql upgrades)', async () => {
      const ws = await given.workstream('PN', { joinPolicy: 'OPEN' });
      await given.member(ws.id, alice);
      const { createDocument } = await alice.client.ok<{ createDocument: { id: string } }>(
        `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
        { input: { workstreamId: ws.id, title: 'Draft', kind: 'DRAFT_OUTPUT', markdown: 'Shared text' } },
      );
      const { doc, provider, close } = await openEditor(t.url, alice, createDocument.id);
      try {
        const aliceSees = await listen(alice);
        expect(doc.getXmlFragment('default').toString()).toContain('Shared text');
        const [id] = await service().notify([{ userId: alice.id, kind: NotificationKind.OTHER, title: 'Both', body: 'Both sockets.' }]);
        await waitFor(() => aliceSees.data.length === 1, 'the notification beside the editing socket');
        expect(aliceSees.data[0]?.notificationAdded.id).toBe(id);
        expect(provider.wsconnected).toBe(true);
      } finally {
        close();
      }
    });
  });

  describe('e-mail through the outbox', () => {
    // (accounts also get the e-mail confirmation link sent at registration: left out here)
    const outboxRow = async (address: string) =>
      (
        (await t.dataSource.query(`SELECT status, attempts, last_error, sent_at FROM mail_outbox WHERE to_address = $1 AND text_body NOT LIKE '%/verify-email#%'`, [address])) as {
          status: string;
          attempts: number;
          last_error: string | null;
          sent_at: Date | null;
        }[]
      )[0];

    it('mails a notification to the account address (not to disabled accounts), and mail to a guest, over SMTP', async () => {
      const disabled = await given.user();
      const root = await given.secretariat();
      await root.client.ok(`mutation($id: ID!) { disableAccount(userId: $id) { id } }`, { id: disabled.id });
      await service().notify([
        { userId: alice.id, kind: NotificationKind.PERIOD_CLOSING_SOON, title: 'Comment period closes tomorrow', body: 'Last day to comment.', link: '/periods/p2', email: true },
        { userId: bob.id, kind: NotificationKind.PERIOD_CLOSING_SOON, title: 'Comment period closes tomorrow', body: 'In-app only.' },
        { userId: disabled.id, kind: NotificationKind.PERIOD_CLOSING_SOON, title: 'Comment period closes tomorrow', body: 'Disabled.', email: true },
      ]);
      await service().email({ address: 'guest@example.org', name: 'A Guest' }, 'Your comment was received', 'Thank you for commenting.');
      await t.app.get(MailOutbox).flush();
      const notice = (m: { subject: string | null }) => m.subject !== 'Confirm your e-mail address for Intersessional';
      await waitFor(() => smtp.received.filter(notice).length >= 2, 'two messages at the SMTP server');

      const toAlice = smtp.received.find((m) => m.to.includes(alice.email) && notice(m));
      expect(toAlice).toMatchObject({ from: 'no-reply@localhost', subject: 'Comment period closes tomorrow' });
      expect(toAlice?.raw).toContain('Last day to comment.');
      expect(toAlice?.raw).toContain('/periods/p2');
      expect(toAlice?.raw).toMatch(/^To: "?Alice Example"? <[^>]+>/m);
      expect(smtp.received.find((m) => m.to.includes('guest@example.org'))?.subject).toBe('Your comment was received');
      expect(smtp.received.some((m) => m.to.includes(bob.email) && m.subject === 'Comment period closes tomorrow')).toBe(false);
      expect(await outboxRow(disabled.email)).toBeUndefined();
      expect(await outboxRow(alice.email)).toMatchObject({ status: 'SENT', attempts: 1, last_error: null, sent_at: expect.any(Date) });
    });

    it('retries a failing delivery with backoff, then marks it FAILED with the last error', async () => {
      const address = 'bounce-later@example.org';
      await service().email({ address }, 'Will not arrive', 'The server keeps refusing this recipient.');
      const outbox = t.app.get(MailOutbox);
      // the commit woke the outbox, so attempts may already be running; flush until it gives up
      const until = Date.now() + 10_000;
      let row = await outboxRow(address);
      while (row?.status === 'PENDING' && Date.now() < until) {
        await outbox.flush();
        await pause(10);
        row = await outboxRow(address);
      }
      expect(row).toMatchObject({ status: 'FAILED', attempts: 3, sent_at: null });
      expect(row?.last_error).toMatch(/451/);
      expect(smtp.received.some((m) => m.to.includes(address))).toBe(false);
    });
  });

  describeWithRedis('several instances (Redis)', () => {
    let two: TestApp;
    beforeAll(async () => {
      two = await startTestApp({ SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '600000' }, { peerOf: t });
    });
    afterAll(() => two.close());

    it('a notification created on one instance reaches a subscriber connected to another', async () => {
      const onTwo = await listen(bob, two);
      expect(events().listening(notificationTopic(bob.id))).toBe(false); // nobody listens on instance one
      const [id] = await service().notify([{ userId: bob.id, kind: NotificationKind.SUGGESTION_APPLIED, title: 'Applied', body: 'Your suggestion was applied.' }]);
      await waitFor(() => onTwo.data.length === 1, 'the notification on instance two');
      expect(onTwo.data[0]?.notificationAdded).toMatchObject({ id, kind: 'SUGGESTION_APPLIED', readAt: null });
    });
  });

  describe('restart', () => {
    it('a graceful restart closes subscription sockets with 1001 (going away), then serves them again', async () => {
      const before = connect(alice.token);
      subscribe<Added>(before.client, ADDED);
      await waitFor(() => events().listening(notificationTopic(alice.id)), 'the subscription to be live');
      t = await t.restart();
      await waitFor(() => before.closes.length > 0, 'the socket to close');
      expect(before.closes[0]).toBe(1001);
      const after = await listen(alice);
      const [id] = await service().notify([{ userId: alice.id, kind: NotificationKind.OTHER, title: 'Back', body: 'After the restart.' }]);
      await waitFor(() => after.data.length === 1, 'the notification after the restart');
      expect(after.data[0]?.notificationAdded.id).toBe(id);
    });
  });
});
