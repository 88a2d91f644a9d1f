import { findUnstorable, isStorableText } from './storable-input';

describe('storable input', () => {
  it('refuses NUL and unpaired surrogates anywhere in a string, and accepts every well-formed text', () => {
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'a\udc00b', 'x\ud83d', '\ude00x']) expect(isStorableText(bad)).toBe(false);
    for (const good of ['', '   ', 'Zürich', 'عربي', '中文', '\u{1f4a5}', 'e\u0301\u200d', '\u202eRTL\u202c']) expect(isStorableText(good)).toBe(true);
  });

  it('names the first field holding an unstorable value, through nested objects and lists', () => {
    expect(findUnstorable({ title: 'ok', guest: { name: 'a\u0000' } }, '')).toMatchObject({ field: 'guest.name' });
    expect(findUnstorable({ topics: ['fine', '\ud800'] }, '')).toMatchObject({ field: 'topics.1' });
    expect(findUnstorable('\u0000', 'slug')).toMatchObject({ field: 'slug' });
    expect(findUnstorable({ title: 'ok', topics: ['a'], count: 3, flag: true, none: null }, '')).toBeNull();
  });

  it('refuses invalid dates and years PostgreSQL or ISO 8601 cannot hold', () => {
    expect(findUnstorable({ since: new Date('garbage') }, '')).toMatchObject({ field: 'since' });
    expect(findUnstorable({ since: new Date('-271821-04-20T00:00:00.000Z') }, '')).toMatchObject({ field: 'since' });
    expect(findUnstorable({ since: new Date('+275760-09-13T00:00:00.000Z') }, '')).toMatchObject({ field: 'since' });
    expect(findUnstorable({ since: new Date('2026-11-30T12:00:00.000Z'), until: new Date('9999-12-31T23:59:59.999Z') }, '')).toBeNull();
  });
});
