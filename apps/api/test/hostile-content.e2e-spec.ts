import * as Y from 'yjs';
import { MAX_NESTING } from '@intersessional/document-schema';
import { freshIp, Given, type TestUser } from './support/given';
import { openEditor } from './support/editors';
import { type TestApp, startTestApp } from './support/test-app';
import { waitForAsync } from './support/wait';

const FREEZE = `mutation($id: ID!, $label: String!) { freezeVersion(documentId: $id, label: $label) { id markdown html paragraphs { number blockId text } } }`;
const CREATE_PERIOD = `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { id versionId status paragraphs { number commentCount } } }`;
const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id anchor { kind } } }`;
const RESTORE = `mutation($v: ID!) { restoreVersion(versionId: $v) { id } }`;
const HOUR = 3600_000;

/**
 * What an editor of our schema never writes but any client of the sync socket can: attributes that
 * would make renderers allocate without bound, nesting as deep as the sync server allows (MAX_NESTING;
 * deeper is refused, see collaboration-nesting), NUL characters, unknown nodes,
 * stray text and values between the nodes.
 */
function writeHostileContent(doc: Y.Doc): void {
  const fragment = doc.getXmlFragment('default');
  doc.transact(() => {
    const el = (name: string, attrs: Record<string, unknown> = {}, text?: string) => {
      const element = new Y.XmlElement(name);
      for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
      if (text !== undefined) element.insert(0, [new Y.XmlText(text)]);
      return element;
    };
    const list = el('orderedList', { start: 1e300 });
    const table = el('table');
    const row = el('tableRow');
    const deep = el('blockquote');
    fragment.insert(fragment.length, [
      el('heading', { level: 1e9, id: 1e9 }, 'Hostile heading'),
      el('paragraph', { id: 'dup' }, 'Marker paragraph with a NUL\u0000 inside.'),
      el('paragraph', { id: 'dup' }, 'A copied block id.'),
      list,
      table,
      el('codeBlock', { language: { nested: ['x'] } }, 'unknown node'),
      el('text', {}, 'an element named text'),
      deep,
    ]);
    fragment.insert(fragment.length, ['stray value', 42] as unknown as Y.XmlText[]);
    const item = el('listItem');
    list.insert(0, [item]);
    item.insert(0, [el('paragraph', {}, 'item')]);
    table.insert(0, [row]);
    row.insert(0, [el('tableCell', { colspan: 1e9, rowspan: -1, colwidth: [1e9, 'x'] }, 'wide cell')]);
    const text = new Y.XmlText();
    row.insert(1, [text]);
    text.insert(0, 'stray text in a row', { link: { href: 'javascript:alert(1)' }, bold: 'yes' });
    let parent: Y.XmlElement = deep;
    for (let i = 0; i < MAX_NESTING - 4; i += 1) {
      const child = el(i % 2 ? 'blockquote' : 'paragraph');
      parent.insert(0, [child]);
      parent = child;
    }
    parent.insert(0, [new Y.XmlText('the bottom of the well')]);
  });
}

describe('content from the sync socket is untrusted', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let editor: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    editor = await given.user();
    await given.member(bpf.id, editor);
  });
  afterAll(() => t.close());

  it('a hostile edit over /collab leaves every export, a version freeze, a comment period and a restore working', async () => {
    const documentId = await given.document(bpf, { markdown: 'A first paragraph.', by: editor });
    const exported = (format: string) => fetch(`${t.url}/documents/${documentId}/export?format=${format}`);

    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      writeHostileContent(doc);
      await waitForAsync(async () => (await (await exported('text')).text()).includes('Marker paragraph'), 'the hostile edit to be stored');
    } finally {
      close();
    }

    for (const format of ['markdown', 'html', 'text']) {
      const response = await exported(format);
      const body = await response.text();
      expect({ format, status: response.status }).toEqual({ format, status: 200 });
      expect(body.length).toBeLessThan(100_000);
      expect(body).not.toContain('\u0000');
      expect(body).not.toContain('the bottom of the well'); // deeper than any renderer goes
    }
    const markdown = await (await exported('markdown')).text();
    expect(markdown).toContain('###### Hostile heading');
    expect(markdown).toContain('999999999. item');
    expect(markdown).not.toContain('javascript:');
    expect(await (await exported('html')).text()).toContain('<td colspan="100">wide cell</td>');

    // freezing stores the Markdown (no NUL reaches PostgreSQL) and gives every block a valid, unique id
    const version = (
      await bpf.facilitator.client.ok<{ freezeVersion: { id: string; markdown: string; paragraphs: { number: number; blockId: string; text: string }[] } }>(FREEZE, {
        id: documentId,
        label: 'Hostile draft',
      })
    ).freezeVersion;
    const ids = version.paragraphs.map((p) => p.blockId);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(version.paragraphs.find((p) => p.text.startsWith('Marker'))?.text).toBe('Marker paragraph with a NUL\uFFFD inside.');

    // a comment period on it (freezing once more), and a comment anchored in the hostile paragraph
    const now = Date.now();
    const period = (
      await bpf.facilitator.client.ok<{ createCommentPeriod: { id: string; status: string; paragraphs: { number: number }[] } }>(CREATE_PERIOD, {
        input: {
          documentId,
          freezeVersionLabel: 'For comment',
          title: 'Comment on the hostile draft',
          timeZone: 'UTC',
          opensAt: new Date(now - 1000).toISOString(),
          closesAt: new Date(now + 24 * HOUR).toISOString(),
          schedule: true,
        },
      })
    ).createCommentPeriod;
    expect(period.status).toBe('OPEN');
    const marker = version.paragraphs.find((p) => p.text.startsWith('Marker'));
    const comment = await editor.client.request<{ submitComment: { id: string } }>(
      SUBMIT,
      {
        input: {
          periodId: period.id,
          language: 'en',
          speakingFor: 'PERSONAL',
          consentToPublish: true,
          body: 'On the NUL.',
          anchor: { kind: 'RANGE', start: { paragraph: marker?.number, offset: 20 }, end: { paragraph: marker?.number, offset: 30 } },
        },
      },
      { 'x-forwarded-for': freshIp() },
    );
    expect(comment.errors).toBeUndefined();

    // restoring the version over the live draft deletes the deepest tree the sync server accepts (Yjs deletes by recursion)
    await bpf.facilitator.client.ok(RESTORE, { v: version.id });
    expect((await exported('markdown')).status).toBe(200);
  });
});
