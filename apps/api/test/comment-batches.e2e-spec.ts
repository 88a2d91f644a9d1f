import { Client } from 'pg';
import { SubmissionWriter } from '@intersessional/consultation';
import { freshIp, Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor, waitForAsync } from './support/wait';
import { itOnPostgres } from './support/backends';

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id body state } }`;

type Answer = {
  data?: { submitComment: { id: string; body: string; state: string } } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

/** Holding the period's record from another connection needs PostgreSQL: the embedded database is one connection. */

describe('submissions that arrive together are written together (group commit)', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let commenters: TestUser[];
  let periodId: string;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    commenters = await Promise.all(Array.from({ length: 8 }, () => given.user()));
    ({ id: periodId } = await given.commentPeriod(bpf));
  }, 180_000);
  afterAll(() => t.close());

  const submit = (who: TestUser, body: string) =>
    who.client.request(
      SUBMIT,
      { input: { periodId, anchor: { kind: 'PARAGRAPHS', fromParagraph: 1 }, body, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } },
      { 'x-forwarded-for': freshIp() },
    ) as Promise<Answer>;
  const written = (answer: Answer) => {
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data.submitComment;
  };
  const commentInserts = () => t.queries.statements.filter((s) => s.startsWith('INSERT INTO "comments"')).length;

  /**
   * Another connection holds the period's record (as a second instance appending would): the next
   * write blocks on it, and what arrives meanwhile queues. Resolves with the release.
   */
  async function holdingThePeriod<T>(work: (queued: () => number) => Promise<T>): Promise<T> {
    const holder = new Client({ connectionString: t.db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      const locked = await holder.query('SELECT size FROM record_logs WHERE log_id = $1 FOR UPDATE', [periodId]);
      expect(locked.rowCount).toBe(1);
      const writer = t.app.get(SubmissionWriter);
      return await work(() => writer.queued(periodId));
    } finally {
      await holder.query('COMMIT').catch(() => undefined);
      await holder.end();
    }
  }

  /** Sends `bodies` one after another, each once the one before is queued (or blocked, for the first). */
  async function sendInOrder(bodies: string[], queued: () => number): Promise<Promise<Answer>[]> {
    const blocked = async () =>
      Number(((await t.dataSource.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)) as { n: string }[])[0]?.n) > 0;
    const answers: Promise<Answer>[] = [];
    for (const [i, body] of bodies.entries()) {
      answers.push(submit(commenters[i % commenters.length], body));
      if (i === 0) await waitForAsync(blocked, 'the first write to wait for the period');
      else await waitFor(() => queued() === i, `submission ${i + 1} to queue`);
    }
    return answers;
  }

  it('a submission that finds the writer idle is written at once, alone', async () => {
    t.queries.statements.length = 0;
    t.queries.recordStatements = true;
    try {
      const comment = written(await submit(commenters[0], 'A first comment opens the record.'));
      expect(comment.state).toBe('PUBLISHED');
      expect(commentInserts()).toBe(1);
    } finally {
      t.queries.recordStatements = false;
    }
  });

  itOnPostgres('what arrives during a write is written next in one transaction, each answered with its own comment, in the order it arrived', async () => {
    const bodies = Array.from({ length: 9 }, (_, i) => `Batched comment number ${i + 1} on paragraph one.`);
    t.queries.statements.length = 0;
    t.queries.recordStatements = true;
    let answers: Answer[];
    try {
      answers = await holdingThePeriod((queued) => sendInOrder(bodies, queued)).then((pending) => Promise.all(pending));
      // the first alone (it was blocked), then the eight that queued behind it, together
      expect(commentInserts()).toBe(2);
    } finally {
      t.queries.recordStatements = false;
    }
    const comments = answers.map(written);
    expect(comments.map((c) => c.body)).toEqual(bodies);
    expect(new Set(comments.map((c) => c.id)).size).toBe(bodies.length);

    const stored = (await t.dataSource.query(`SELECT id FROM comments WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`, [comments.map((c) => c.id)])) as { id: string }[];
    expect(stored.map((r) => r.id)).toEqual(comments.map((c) => c.id));
    const entries = (await t.dataSource.query(
      `SELECT idx, subject FROM record_entries WHERE log_id = $1 AND subject = ANY($2::uuid[]) ORDER BY idx`,
      [periodId, comments.map((c) => c.id)],
    )) as { idx: number; subject: string }[];
    expect(entries.map((e) => e.subject)).toEqual(comments.map((c) => c.id));
    expect(entries.at(-1)!.idx - entries[0].idx).toBe(bodies.length - 1); // gapless, in arrival order
    const notices = (await t.dataSource.query(`SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND data->>'commentId' = ANY($2::text[])`, [
      bpf.facilitator.id,
      comments.map((c) => c.id),
    ])) as { n: string }[];
    expect(Number(notices[0]?.n)).toBe(bodies.length);
  });

  itOnPostgres('a submission the database refuses fails alone: the others of its batch are written, the record stays gapless', async () => {
    await t.dataSource.query(`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.body LIKE 'POISON%' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await t.dataSource.query(`CREATE TRIGGER refuse_poison BEFORE INSERT ON comments FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
    try {
      const sizeBefore = Number(((await t.dataSource.query(`SELECT size FROM record_logs WHERE log_id = $1`, [periodId])) as { size: number }[])[0].size);
      const bodies = ['Good comment A in a batch.', 'Good comment B in a batch.', 'POISON: the database refuses this one.', 'Good comment C in a batch.', 'Good comment D in a batch.'];
      const answers = await holdingThePeriod((queued) => sendInOrder(bodies, queued)).then((pending) => Promise.all(pending));

      const refused = answers[2];
      expect(refused.data?.submitComment ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const good = [answers[0], answers[1], answers[3], answers[4]].map(written);
      expect(good.map((c) => c.body)).toEqual([bodies[0], bodies[1], bodies[3], bodies[4]]);

      const poisoned = (await t.dataSource.query(`SELECT count(*) AS n FROM comments WHERE body LIKE 'POISON%'`)) as { n: string }[];
      expect(Number(poisoned[0]?.n)).toBe(0);
      const sizeAfter = Number(((await t.dataSource.query(`SELECT size FROM record_logs WHERE log_id = $1`, [periodId])) as { size: number }[])[0].size);
      expect(sizeAfter - sizeBefore).toBe(good.length);
      const indices = (await t.dataSource.query(`SELECT idx FROM record_entries WHERE log_id = $1 ORDER BY idx`, [periodId])) as { idx: number }[];
      expect(indices.map((r) => r.idx)).toEqual(indices.map((_, i) => i));
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_poison ON comments`);
      await t.dataSource.query(`DROP FUNCTION refuse_poison()`);
    }
  });

  it('the same text sent twice at once by one commenter: one is published, the other waits for a moderator as repeated text', async () => {
    const [one, two] = await Promise.all([submit(commenters[1], 'The same words, sent twice at once.'), submit(commenters[1], 'The same words, sent twice at once.')]);
    const rows = (await t.dataSource.query(`SELECT state, held_reason FROM comments WHERE id = ANY($1::uuid[]) ORDER BY state DESC`, [[written(one).id, written(two).id]])) as { state: string; held_reason: string | null }[];
    expect(rows).toEqual([
      { state: 'PUBLISHED', held_reason: null },
      { state: 'PENDING', held_reason: 'the same text was already submitted by this commenter' },
    ]);
  });
});
