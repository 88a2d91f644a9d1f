import { checkOpening, entryLeaf, parseEntry, sealPart, toHex, type RecordEntry } from '@intersessional/record';
import type { EntryDraft, EntryRow } from '@intersessional/record-store';
import { AnchorKind, BodyFormat, type CommentEntity, CommentState, Disposition, SpeakingFor } from '../comment/comment.entity';
import { answered, commentEdited, commentSubmitted, moderated } from './record-entries';
import { type LatestEntries, type RecordAudience, openingsOf } from './record-openings';

const comment = (changes: Partial<CommentEntity> = {}): CommentEntity =>
  ({
    id: '00000000-0000-4000-8000-000000000001',
    periodId: '00000000-0000-4000-8000-0000000000aa',
    parentId: null,
    authorId: '00000000-0000-4000-8000-0000000000bb',
    guestEmail: null,
    commenterName: 'Ana Souza',
    organisation: 'NIC.br',
    stakeholderGroup: 'TECHNICAL_COMMUNITY',
    country: 'BR',
    region: 'GRULAC',
    countryPublic: false,
    gender: 'FEMALE',
    speakingFor: SpeakingFor.ORGANISATION,
    official: false,
    body: 'Add a paragraph on IXPs.',
    bodyFormat: BodyFormat.PLAIN,
    language: 'en',
    consentToPublish: true,
    anchorKind: AnchorKind.PARAGRAPHS,
    startParagraph: 3,
    endParagraph: 3,
    quoteExact: 'Third paragraph.',
    suggestion: null,
    state: CommentState.PUBLISHED,
    hiddenAt: null,
    hiddenReason: null,
    withdrawnAt: null,
    disposition: null,
    response: null,
    addressedVersionId: null,
    afterCutoff: false,
    revision: 1,
    ...changes,
  }) as CommentEntity;

/** The row the store would keep for `draft` at `index` (salts made here, as RecordService.append makes them). */
function stored(draft: EntryDraft, index: number): EntryRow {
  const sealedSalts: Record<string, string> = {};
  const commitments: Record<string, string> = {};
  for (const [name, value] of Object.entries(draft.sealed ?? {})) {
    const part = sealPart(value);
    sealedSalts[name] = toHex(part.salt);
    commitments[name] = toHex(part.commitment);
  }
  const entry: RecordEntry = { ...draft.fields, v: 1, kind: draft.kind, log: 'log', at: '2026-11-02T10:00:00.000Z', ...(draft.sealed ? { commitments } : {}) };
  const salt = new Uint8Array(32);
  const leaf = entryLeaf(entry, salt);
  return { index, kind: draft.kind, subject: draft.subject ?? null, entry: leaf.text, salt: Buffer.from(salt), commitment: Buffer.from(leaf.commitment), leafHash: Buffer.from(leaf.leafHash), sealedSalts, createdAt: new Date(0) };
}

const none: LatestEntries = { response: new Map(), reason: new Map() };
const opened = (row: EntryRow, c: CommentEntity, audience: RecordAudience, latest = none) => {
  const parts = openingsOf(row, c, audience, latest);
  const entry = parseEntry(row.entry);
  if (!entry) throw new Error('not an entry');
  // whatever is opened opens its commitment
  for (const [name, part] of Object.entries(parts)) expect(checkOpening(entry, name, part)).toEqual({ valid: true });
  return Object.keys(parts).sort();
};

describe('what the record opens, for whom', () => {
  const submitted = comment();
  const row = stored(commentSubmitted(submitted), 2);

  it('keeps every comment text and byline out of the entry itself', () => {
    expect(row.entry).not.toMatch(/IXPs|Ana Souza|NIC\.br|Third paragraph/);
    expect(row.entry).not.toMatch(/FEMALE|BR|GRULAC/);
  });

  it('opens a public comment’s text and byline to everyone', () => {
    expect(opened(row, submitted, 'public')).toEqual(['byline', 'text']);
  });

  it('keeps the text of a hidden or withdrawn comment sealed, its byline listed (as the exports do)', () => {
    expect(opened(row, comment({ hiddenAt: new Date(), hiddenReason: 'Abuse' }), 'public')).toEqual(['byline']);
    expect(opened(row, comment({ withdrawnAt: new Date() }), 'public')).toEqual(['byline']);
  });

  it('opens nothing of a pending, rejected or unconsented comment to the public; everything to facilitators', () => {
    for (const c of [comment({ state: CommentState.PENDING }), comment({ state: CommentState.REJECTED }), comment({ consentToPublish: false })]) {
      expect(opened(row, c, 'public')).toEqual([]);
      expect(opened(row, c, 'facilitators')).toEqual(['byline', 'text']);
    }
  });

  it('opens only the current revision’s text: an edit seals the submission’s text for good', () => {
    const edited = comment({ revision: 2, body: 'Add a paragraph on IXPs and peering.' });
    expect(opened(row, edited, 'public')).toEqual(['byline']);
    expect(opened(row, edited, 'facilitators')).toEqual(['byline']);
    expect(opened(stored(commentEdited(edited), 5), edited, 'public')).toEqual(['text']);
  });

  it('shows a country and region in the byline only when the commenter chose to, never the gender', () => {
    const withCountry = comment({ countryPublic: true });
    const [shown, hidden] = [openingsOf(stored(commentSubmitted(withCountry), 2), withCountry, 'public', none), openingsOf(row, submitted, 'public', none)];
    expect(shown.byline.value).toMatchObject({ country: 'BR', region: 'GRULAC' });
    expect(hidden.byline.value).toMatchObject({ country: null, region: null });
    expect(JSON.stringify(shown)).not.toContain('FEMALE');
  });

  it('opens the latest answer of a listed comment only', () => {
    const answeredComment = comment({ disposition: Disposition.NOTED, response: 'Noted for the next draft.' });
    const first = stored(answered(comment({ disposition: Disposition.NOT_ACCEPTED, response: 'Out of scope.' })), 7);
    const latest = stored(answered(answeredComment), 9);
    const latestEntries: LatestEntries = { response: new Map([[answeredComment.id, 9]]), reason: new Map() };
    expect(opened(latest, answeredComment, 'public', latestEntries)).toEqual(['response']);
    expect(openingsOf(first, answeredComment, 'public', latestEntries)).toEqual({});
    expect(opened(latest, comment({ ...answeredComment, state: CommentState.PENDING }), 'public', latestEntries)).toEqual([]);
  });

  it('opens a moderation reason to facilitators only, while the decision stands', () => {
    const hidden = comment({ hiddenAt: new Date(), hiddenReason: 'Personal data' });
    const decision = stored(moderated('comment.hidden', hidden, 'Personal data'), 4);
    const latestEntries: LatestEntries = { response: new Map(), reason: new Map([[hidden.id, 4]]) };
    expect(opened(decision, hidden, 'public', latestEntries)).toEqual([]);
    expect(opened(decision, hidden, 'facilitators', latestEntries)).toEqual(['reason']);
    expect(opened(decision, comment(), 'facilitators', latestEntries)).toEqual([]);
  });
});
