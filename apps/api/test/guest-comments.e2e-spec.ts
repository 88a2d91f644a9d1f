import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '@intersessional/database';
import { MailOutbox } from '@intersessional/notifications';
import { freshIp, Given, type TestUser } from './support/given';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait';

const WEB_URL = 'https://intersessional.example.org';
const FIELDS = `id state body editCount withdrawnAt trackingNumber answer { disposition response } commenter { name guest }`;
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { ${FIELDS} } }`;
const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { ${FIELDS} } }`;
const READ = `query($token: String!) { guestComment(token: $token) { ${FIELDS} } }`;
const UPDATE = `mutation($token: String!, $body: String!) { updateGuestComment(token: $token, body: $body) { ${FIELDS} } }`;
const WITHDRAW = `mutation($token: String!) { withdrawGuestComment(token: $token) { ${FIELDS} } }`;

interface Comment {
  id: string;
  state: string;
  body: string;
  editCount: number;
  withdrawnAt: string | null;
  trackingNumber: string | null;
  answer: { disposition: string; response: string } | null;
}

/** Data of a request sent with headers (from a fresh address, so rate limits stay out of the way). */
const dataOf = <T>(result: { data?: T | null; errors?: unknown }): T => {
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
};
/** The text of a message as the guest reads it (quoted-printable soft breaks and escapes undone). */
const readable = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('guests get a receipt and a private link to their comment', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let periodId: string;
  let closesAt: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // no background polling: the outbox is flushed by the specs (a commit still wakes it at once)
    t = await startTestApp({ SMTP_URL: smtp.url, WEB_URL, MAIL_POLL_INTERVAL_MS: '600000' });
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    const period = await given.commentPeriod(bpf, { title: 'Draft for comment', participation: 'REGISTERED_AND_GUESTS' });
    periodId = period.id;
    closesAt = period.closesAt;
  }, 180_000);
  afterEach(() => t.app.get(Clock).travelTo(new Date()));
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const guest = (name: string) => ({ name, email: `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}@example.org`, organisation: 'Ghana IGF', stakeholderGroup: 'CIVIL_SOCIETY', country: 'GH' });
  const submitAsGuest = async (who: ReturnType<typeof guest>, body: string) =>
    dataOf(
      await t.client.request<{ submitComment: Comment }>(
        SUBMIT,
        { input: { periodId, anchor: { kind: 'DOCUMENT' }, body, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, guest: who } },
        { 'x-forwarded-for': freshIp() },
      ),
    ).submitComment;
  /** The receipt e-mail to `address`, and the secret of the private link in it. */
  const receiptTo = async (address: string) => {
    await t.app.get(MailOutbox).flush();
    // (a period-opened notice may reach the guest too, when the scheduler's tick comes after the comment)
    const receipts = () => smtp.received.filter((m) => m.to.includes(address) && m.subject?.includes(': IGF-'));
    await waitFor(() => receipts().length > 0, `the receipt to ${address}`);
    const mail = receipts();
    expect(mail).toHaveLength(1);
    const text = readable(mail[0]?.raw ?? '');
    const token = new RegExp(`${WEB_URL}/comments/guest#([A-Za-z0-9_-]{43})`).exec(text)?.[1];
    if (!token) throw new Error(`no private link in:\n${text}`);
    return { subject: mail[0]?.subject ?? '', text, token };
  };
  const code = async (query: string, variables: Record<string, unknown>) => (await t.client.fails(query, variables)).extensions?.code;

  it('a guest gets a tracking number, and by e-mail a link that shows, changes and withdraws the pending comment', async () => {
    const kofi = guest('Kofi Mensah');
    const submitted = await submitAsGuest(kofi, 'Please cite the 2024 regional report.');
    expect(submitted).toMatchObject({ state: 'PENDING', trackingNumber: expect.stringMatching(/^IGF-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/) as unknown });

    const receipt = await receiptTo(kofi.email);
    expect(receipt.subject).toBe(`Your comment on Draft for comment: ${submitted.trackingNumber}`);
    expect(receipt.text).toContain('Please cite the 2024 regional report.');

    const read = (await t.client.ok<{ guestComment: Comment }>(READ, { token: receipt.token })).guestComment;
    expect(read).toMatchObject({ id: submitted.id, state: 'PENDING', body: 'Please cite the 2024 regional report.', trackingNumber: submitted.trackingNumber, answer: null });

    const edited = (await t.client.ok<{ updateGuestComment: Comment }>(UPDATE, { token: receipt.token, body: 'Please cite the 2024 and 2025 regional reports.' })).updateGuestComment;
    expect(edited).toMatchObject({ id: submitted.id, state: 'PENDING', body: 'Please cite the 2024 and 2025 regional reports.', editCount: 1 });

    const withdrawn = (await t.client.ok<{ withdrawGuestComment: Comment }>(WITHDRAW, { token: receipt.token })).withdrawGuestComment;
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(await code(UPDATE, { token: receipt.token, body: 'Again.' })).toBe('BAD_USER_INPUT');
    expect((await t.client.ok<{ guestComment: Comment }>(READ, { token: receipt.token })).guestComment.withdrawnAt).toBe(withdrawn.withdrawnAt);

    // only the hash of the secret is kept, and it is in no audit record
    const [stored] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM guest_comment_receipts WHERE token_hash = $1`, [createHash('sha256').update(receipt.token).digest()])) as { n: number }[];
    expect(stored?.n).toBe(1);
    const [leaks] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE summary::text LIKE $1`, [`%${receipt.token}%`])) as { n: number }[];
    expect(leaks?.n).toBe(0);
    // once delivered, the outbox keeps the message without the secret
    await t.app.get(MailOutbox).flush();
    const sent = (await t.dataSource.query(`SELECT status, text_body FROM mail_outbox WHERE to_address = $1 AND subject LIKE '%IGF-%'`, [kofi.email])) as { status: string; text_body: string }[];
    expect(sent).toEqual([{ status: 'SENT', text_body: expect.stringContaining(`${WEB_URL}/comments/guest#[secret removed]`) as unknown }]);
  });

  it('a wrong or malformed token is NOT_FOUND, and says nothing about the token', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'not-a-token', '']) {
      for (const [query, variables] of [
        [READ, { token }],
        [UPDATE, { token, body: 'Hijacked.' }],
        [WITHDRAW, { token }],
      ] as const) {
        const error = await t.client.fails(query, variables);
        expect(error.extensions?.code).toBe('NOT_FOUND');
        if (token) expect(JSON.stringify(error)).not.toContain(token);
      }
    }
  });

  it('after the facilitators answer, the private link shows the answer; facilitators see the tracking number, the public does not', async () => {
    const ana = guest('Ana Souza');
    const submitted = await submitAsGuest(ana, 'Add a section on community networks.');
    const { token } = await receiptTo(ana.email);
    await bpf.facilitator.client.ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: submitted.id });
    await bpf.facilitator.client.ok(`mutation($id: ID!) { answerComment(id: $id, disposition: ACCEPTED, response: "Added as section 4.") { id } }`, { id: submitted.id });

    const read = (await t.client.ok<{ guestComment: Comment }>(READ, { token })).guestComment;
    expect(read).toMatchObject({ state: 'PUBLISHED', answer: { disposition: 'ACCEPTED', response: 'Added as section 4.' }, trackingNumber: submitted.trackingNumber });

    const BY_ID = `query($id: ID!) { comment(id: $id) { trackingNumber } }`;
    expect((await bpf.facilitator.client.ok<{ comment: { trackingNumber: string | null } }>(BY_ID, { id: submitted.id })).comment.trackingNumber).toBe(submitted.trackingNumber);
    expect((await t.client.ok<{ comment: { trackingNumber: string | null } }>(BY_ID, { id: submitted.id })).comment.trackingNumber).toBeNull();
    const reader = await given.user();
    expect((await reader.client.ok<{ comment: { trackingNumber: string | null } }>(BY_ID, { id: submitted.id })).comment.trackingNumber).toBeNull();
  });

  it('a published guest comment is changed under the author’s rules: not once the period has closed', async () => {
    const lee = guest('Lee Wong');
    const submitted = await submitAsGuest(lee, 'The timeline is too short.');
    const { token } = await receiptTo(lee.email);
    await bpf.facilitator.client.ok(`mutation($id: ID!) { approveComment(id: $id) { id } }`, { id: submitted.id });
    t.app.get(Clock).travelTo(new Date(new Date(closesAt).getTime() + 1000));
    expect(await code(UPDATE, { token, body: 'Changed after the close.' })).toBe('COMMENT_PERIOD_CLOSED');
    expect(await code(WITHDRAW, { token })).toBe('COMMENT_PERIOD_CLOSED');
    expect((await t.client.ok<{ guestComment: Comment }>(READ, { token })).guestComment).toMatchObject({ body: 'The timeline is too short.', withdrawnAt: null });
  });

  it('a guest reply gets its own receipt; replies from accounts get none', async () => {
    const author = await given.user();
    const parent = dataOf(
      await author.client.request<{ submitComment: Comment }>(
        SUBMIT,
        { input: { periodId, anchor: { kind: 'DOCUMENT' }, body: 'A comment to reply to.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } },
        { 'x-forwarded-for': freshIp() },
      ),
    ).submitComment;
    expect(parent.trackingNumber).toBeNull();
    const sam = guest('Sam Guest');
    const reply = dataOf(
      await t.client.request<{ replyToComment: Comment }>(
        REPLY,
        { input: { commentId: parent.id, body: 'I agree with this.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, guest: sam } },
        { 'x-forwarded-for': freshIp() },
      ),
    ).replyToComment;
    expect(reply.trackingNumber).toMatch(/^IGF-/);
    const receipt = await receiptTo(sam.email);
    expect(receipt.subject).toBe(`Your reply on Draft for comment: ${reply.trackingNumber}`);
    expect((await t.client.ok<{ guestComment: Comment }>(READ, { token: receipt.token })).guestComment.id).toBe(reply.id);
  });
});
