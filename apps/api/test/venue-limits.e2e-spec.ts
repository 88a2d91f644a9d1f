import { randomBytes } from 'node:crypto';
import { PASSWORD, freshIp, Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { user { id } } }`;

type Answer = { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
const codeOf = (a: Answer) => a.errors?.[0]?.extensions?.code;

/** A conference room shares one address (venue Wi-Fi, a proxy): people are limited one by one, the address only by a high ceiling. */
describe('limits that fit a conference room', () => {
  let t: TestApp;
  let given: Given;
  let periodId: string;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    periodId = (await given.commentPeriod(bpf, { participation: 'REGISTERED_AND_GUESTS' })).id;
  }, 180_000);
  afterAll(() => t.close());

  const guest = (email: string) => ({ name: 'Workshop Participant', email, organisation: 'Venue', stakeholderGroup: 'CIVIL_SOCIETY' });
  const comment = (app: TestApp, ip: string, body: string, who: { guestEmail?: string; user?: TestUser }) =>
    (who.user ? who.user.client : app.client).request(
      SUBMIT,
      { input: { periodId, anchor: { kind: 'DOCUMENT' }, body, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, ...(who.guestEmail ? { guest: guest(who.guestEmail) } : {}) } },
      { 'x-forwarded-for': ip },
    ) as Promise<Answer>;
  const register = (app: TestApp, ip: string, email: string) =>
    app.client.request(REGISTER, { input: { email, password: PASSWORD, displayName: 'Workshop Participant', stakeholderGroup: 'ACADEMIA' } }, { 'x-forwarded-for': ip }) as Promise<Answer>;
  const tag = () => randomBytes(3).toString('hex');

  it('thirty guests behind one address each comment', async () => {
    const room = freshIp();
    const run = tag();
    const codes: unknown[] = [];
    for (let n = 0; n < 30; n += 1) codes.push(codeOf(await comment(t, room, `Point ${n} from the room.`, { guestEmail: `guest-${run}-${n}@example.org` })));
    expect(codes).toEqual(Array(30).fill(undefined));
  }, 180_000);

  it('one guest e-mail over its limit is RATE_LIMITED with retryAfterSeconds, from any address', async () => {
    const email = `busy-${tag()}@example.org`;
    const codes: unknown[] = [];
    for (let n = 0; n < 10; n += 1) codes.push(codeOf(await comment(t, freshIp(), `Busy guest, point ${n}.`, { guestEmail: email })));
    expect(codes).toEqual(Array(10).fill(undefined));
    const refused = await comment(t, freshIp(), 'One more.', { guestEmail: email.toUpperCase() });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) as unknown });
    // the room is not locked out by one busy guest
    expect(codeOf(await comment(t, freshIp(), 'Someone else.', { guestEmail: `other-${tag()}@example.org` }))).toBeUndefined();
  });

  it('signed-in participants behind one address are limited per account, not by the address', async () => {
    const room = freshIp();
    const people = await Promise.all(Array.from({ length: 7 }, () => given.user()));
    const codes: unknown[] = [];
    for (let round = 0; round < 10; round += 1) {
      for (const person of people) codes.push(codeOf(await comment(t, room, `Round ${round}.`, { user: person })));
    }
    expect(codes).toEqual(Array(70).fill(undefined));
  }, 180_000);

  it('thirty people register from one address (each e-mail is limited on its own: identity spec)', async () => {
    const room = freshIp();
    const run = tag();
    const codes: unknown[] = [];
    for (let n = 0; n < 30; n += 1) codes.push(codeOf(await register(t, room, `participant-${run}-${n}@example.org`)));
    expect(codes).toEqual(Array(30).fill(undefined));
  }, 180_000);

  it('the per-address ceilings still hold, at the configured height', async () => {
    const low = await startTestApp({ COMMENTS_PER_ADDRESS_PER_HOUR: '5', REGISTRATIONS_PER_ADDRESS_PER_HOUR: '3' }, { peerOf: t });
    try {
      const room = freshIp();
      const run = tag();
      const comments: unknown[] = [];
      for (let n = 0; n < 6; n += 1) comments.push(codeOf(await comment(low, room, `Ceiling ${n}.`, { guestEmail: `ceiling-${run}-${n}@example.org` })));
      expect(comments).toEqual([undefined, undefined, undefined, undefined, undefined, 'RATE_LIMITED']);
      const registrations: unknown[] = [];
      for (let n = 0; n < 4; n += 1) registrations.push(codeOf(await register(low, room, `ceiling-${run}-${n}@example.org`)));
      expect(registrations).toEqual([undefined, undefined, undefined, 'RATE_LIMITED']);
    } finally {
      await low.close();
    }
  });
});
