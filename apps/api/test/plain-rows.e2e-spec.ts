import { CommentEntity } from '@intersessional/consultation';
import { getPlainMany } from '@intersessional/database';
import { freshIp, Given } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

// getPlainMany() reads comments from raw rows instead of TypeORM's generic transformer (the answer
// board's pages): it must give exactly what getMany() gives, for comments of every shape.

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`;
const ANSWER = `mutation($id: ID!) { answerComment(id: $id, disposition: ACCEPTED, response: "Taken up in the next draft.") { id } }`;
const HIDE = `mutation($id: ID!) { hideComment(id: $id, reason: "Off topic") { id } }`;
const REPLY = `mutation($input: ReplyInput!) { replyToComment(input: $input) { id } }`;

describe('comments read from plain rows', () => {
  let t: TestApp;
  let given: Given;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
  });
  afterAll(() => t.close());

  it('are the same entities getMany() builds, for passages, paragraphs, the whole document, suggestions, answers, hidden comments and replies', async () => {
    const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    const documentId = await given.document(bpf, { markdown: '# Findings\n\nNorms are implemented unevenly across regions.\n\nCapacity building works best when it is demand-driven.\n' });
    const period = await given.commentPeriod(bpf, { documentId });
    const commenter = await given.user();
    const base = { periodId: period.id, language: 'en', speakingFor: 'ORGANISATION', consentToPublish: true };
    const submit = async (input: Record<string, unknown>) =>
      (await commenter.client.ok<{ submitComment: { id: string } }>(SUBMIT, { input: { ...base, ...input } }, { 'x-forwarded-for': freshIp() })).submitComment.id;
    const range = await submit({ body: 'On a passage.', suggestion: 'implemented evenly', anchor: { kind: 'RANGE', start: { paragraph: 1, offset: 10 }, end: { paragraph: 1, offset: 30 } } });
    const paragraphs = await submit({ body: 'On two paragraphs.', anchor: { kind: 'PARAGRAPHS', fromParagraph: 1, toParagraph: 2 } });
    const whole = await submit({ body: 'On the whole document.', anchor: { kind: 'DOCUMENT' } });
    await bpf.facilitator.client.ok(ANSWER, { id: range });
    await bpf.facilitator.client.ok(HIDE, { id: whole });
    await commenter.client.ok(REPLY, { input: { commentId: paragraphs, body: 'A reply.', language: 'en', speakingFor: 'PERSONAL', consentToPublish: true } }, { 'x-forwarded-for': freshIp() });

    const query = () => t.dataSource.manager.createQueryBuilder(CommentEntity, 'c').where('c.period_id = :id', { id: period.id }).orderBy('c.created_at').addOrderBy('c.id');
    const expected = await query().getMany();
    const actual = await getPlainMany(query());
    expect(expected).toHaveLength(4);
    expect(actual).toEqual(expected);
    actual.forEach((comment, i) => {
      expect(comment).toBeInstanceOf(CommentEntity);
      expect(Object.keys(comment).sort()).toEqual(Object.keys(expected[i]).sort());
    });
    // a join is left to getMany()
    const joined = t.dataSource.manager.createQueryBuilder(CommentEntity, 'c').leftJoin('comments', 'p', 'p.id = c.parent_id').where('c.period_id = :id', { id: period.id }).orderBy('c.created_at').addOrderBy('c.id');
    expect(await getPlainMany(joined)).toEqual(expected);
  });
});
