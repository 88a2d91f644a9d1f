import { randomBytes, randomUUID } from 'node:crypto';
import { GraphQLClient } from '@intersessional/testing';
import { freshIp, Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const HOUR = 3600_000;
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id body trackingNumber } }`;
const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id body } }`;

type Answer = { data?: Record<string, { id: string; body: string; trackingNumber?: string | null }> | null; errors?: { extensions?: Record<string, unknown> }[] };

describe('a double-click makes one comment: submissions carry a client key', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let commenter: TestUser;
  let periodId: string;
  let documentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    commenter = await given.user();
    ({ id: periodId, documentId } = await given.commentPeriod(bpf, { participation: 'REGISTERED_AND_GUESTS' }));
  }, 180_000);
  afterAll(() => t.close());

  const content = (body: string, extra: Record<string, unknown> = {}) => ({ body, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, ...extra });
  const submitWith = (client: GraphQLClient, input: Record<string, unknown>) =>
    client.request(SUBMIT, { input: { periodId, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, ...input } }, { 'x-forwarded-for': freshIp() }) as Promise<Answer>;
  const rowsWithKey = async (clientKey: string) => Number(((await t.dataSource.query(`SELECT count(*) AS n FROM comments WHERE client_key = $1`, [clientKey])) as { n: string }[])[0]?.n);
  const idsOf = (answers: Answer[], field: string) =>
    answers.map((a) => {
      if (!a.data) throw new Error(JSON.stringify(a.errors));
      return a.data[field]?.id;
    });

  it('five identical submissions at the same moment make one comment, and all five answers carry its id', async () => {
    const clientKey = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => submitWith(commenter.client, content('Paragraph 1 needs a source.', { clientKey }))));
    const ids = idsOf(answers, 'submitComment');
    expect(new Set(ids).size).toBe(1);
    expect(await rowsWithKey(clientKey)).toBe(1);
    const notices = (await t.dataSource.query(`SELECT count(*) AS n FROM notifications WHERE data->>'commentId' = $1`, [ids[0]])) as { n: string }[];
    expect(Number(notices[0]?.n)).toBe(1); // the facilitator heard of it once
  });

  it('five identical replies at the same moment make one reply', async () => {
    const parent = idsOf([await submitWith(commenter.client, content('A comment to reply to.'))], 'submitComment')[0];
    const replier = await given.user();
    const clientKey = randomUUID();
    const answers = (await Promise.all(
      Array.from({ length: 5 }, () => replier.client.request(REPLY, { input: { commentId: parent, ...content('Agreed.', { clientKey }) } }, { 'x-forwarded-for': freshIp() })),
    )) as Answer[];
    expect(new Set(idsOf(answers, 'replyToComment')).size).toBe(1);
    expect(await rowsWithKey(clientKey)).toBe(1);
  });

  it('five identical guest submissions make one comment with one receipt', async () => {
    const clientKey = randomUUID();
    const guest = { name: 'Double Clicker', email: `double-${randomBytes(3).toString('hex')}@example.org`, organisation: 'Org', stakeholderGroup: 'OTHER' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => submitWith(t.client, content('From a guest.', { clientKey, guest }))));
    expect(new Set(idsOf(answers, 'submitComment')).size).toBe(1);
    const numbers = answers.map((a) => a.data?.submitComment?.trackingNumber);
    expect(new Set(numbers).size).toBe(1);
    expect(numbers[0]).toMatch(/^IGF-/);
    expect(await rowsWithKey(clientKey)).toBe(1);
    const mail = (await t.dataSource.query(`SELECT count(*) AS n FROM mail_outbox WHERE to_address = $1`, [guest.email])) as { n: string }[];
    expect(Number(mail[0]?.n)).toBe(1);
  });

  it('holds across two instances of the API', async () => {
    const two = await startTestApp({}, { peerOf: t });
    try {
      const clientKey = randomUUID();
      const clients = [commenter.client, two.client.as(commenter.token)];
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => submitWith(clients[i % 2] as GraphQLClient, content('Sent to both instances.', { clientKey }))));
      expect(new Set(idsOf(answers, 'submitComment')).size).toBe(1);
      expect(await rowsWithKey(clientKey)).toBe(1);
    } finally {
      await two.close();
    }
  }, 180_000);

  it('a later repeat gets the first comment back; the same key with other content is CONFLICT and writes nothing', async () => {
    const clientKey = randomUUID();
    const first = idsOf([await submitWith(commenter.client, content('Original text.', { clientKey }))], 'submitComment')[0];
    const again = await submitWith(commenter.client, content('Original text.', { clientKey }));
    expect(again.data?.submitComment).toMatchObject({ id: first, body: 'Original text.' });

    const other = await submitWith(commenter.client, content('A different comment.', { clientKey }));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'clientKey', commentId: first });
    expect(await rowsWithKey(clientKey)).toBe(1);
  });

  it('keys belong to their commenter: another person with the same key makes their own comment', async () => {
    const clientKey = randomUUID();
    const someoneElse = await given.user();
    const mine = idsOf([await submitWith(commenter.client, content('Same words.', { clientKey }))], 'submitComment')[0];
    const theirs = idsOf([await submitWith(someoneElse.client, content('Same words.', { clientKey }))], 'submitComment')[0];
    expect(theirs).not.toBe(mine);
    expect(await rowsWithKey(clientKey)).toBe(2);
  });

  it('a facilitator’s double-click on "open for comment" makes one period and freezes one version', async () => {
    const clientKey = randomUUID();
    const count = async (sql: string) => Number(((await t.dataSource.query(sql, [documentId])) as { n: string }[])[0]?.n);
    const versionsBefore = await count(`SELECT count(*) AS n FROM document_versions WHERE document_id = $1`);
    const CREATE = `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { id } }`;
    const input = { documentId, freezeVersionLabel: 'Draft II', title: 'Second round', timeZone: 'UTC', opensAt: new Date(Date.now() + HOUR).toISOString(), closesAt: new Date(Date.now() + 9 * 24 * HOUR).toISOString(), clientKey };
    const answers = (await Promise.all(Array.from({ length: 5 }, () => bpf.facilitator.client.request(CREATE, { input })))) as Answer[];
    expect(new Set(idsOf(answers, 'createCommentPeriod')).size).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM document_versions WHERE document_id = $1`)).toBe(versionsBefore + 1);
    expect(await count(`SELECT count(*) AS n FROM comment_periods WHERE document_id = $1 AND title = 'Second round'`)).toBe(1);
    const other = (await bpf.facilitator.client.request(CREATE, { input: { ...input, title: 'Another round' } })) as Answer;
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'clientKey' });
  });

  it('without a key every submission is a new comment, as before', async () => {
    const before = Number(((await t.dataSource.query(`SELECT count(*) AS n FROM comments WHERE period_id = $1`, [periodId])) as { n: string }[])[0]?.n);
    await submitWith(commenter.client, content('No key, first.'));
    await submitWith(commenter.client, content('No key, first.'));
    const after = Number(((await t.dataSource.query(`SELECT count(*) AS n FROM comments WHERE period_id = $1`, [periodId])) as { n: string }[])[0]?.n);
    expect(after - before).toBe(2);
    const invalid = await submitWith(commenter.client, content('Bad key.', { clientKey: 'not-a-uuid' }));
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientKey' });
  });
});
