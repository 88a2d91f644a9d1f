import { BY_CREATION, decodeCursor, encodeCursor, toPageRequest } from './connection';

const b64 = (json: string) => Buffer.from(json).toString('base64url');
const ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

describe('cursors', () => {
  it('round-trips the cursors lists hand out', () => {
    const key = ['2026-11-30T12:00:00.000Z', ID];
    expect(decodeCursor(encodeCursor(key), 'after', BY_CREATION)).toEqual(key);
    expect(decodeCursor(encodeCursor(['bpf cybersecurity', ID]), 'after', ['text', 'uuid'])).toEqual(['bpf cybersecurity', ID]);
    expect(decodeCursor(encodeCursor([42]), 'after', ['serial'])).toEqual([42]);
  });

  it.each([
    ['garbage', '!!!'],
    ['not JSON', b64('{')],
    ['an object', b64('{"a":1}')],
    ['an empty list', b64('[]')],
    ['too short', b64('["2026-11-30T12:00:00.000Z"]')],
    ['too long', b64(`["2026-11-30T12:00:00.000Z","${ID}","x"]`)],
    ['a date that is not one', b64(`["not-a-date","${ID}"]`)],
    ['a date PostgreSQL cannot hold', b64(`["+275760-09-13T00:00:00.000Z","${ID}"]`)],
    ['year zero', b64(`["0000-01-01T00:00:00.000Z","${ID}"]`)],
    ['an impossible day', b64(`["2026-02-30T00:00:00.000Z","${ID}"]`)],
    ['an id that is not a uuid', b64('["2026-11-30T12:00:00.000Z","x"]')],
    ['numbers for strings', b64(`[1,"${ID}"]`)],
    ['NUL in text', b64('["\\u0000","\\u0000"]')],
  ])('refuses a cursor that is %s with BAD_USER_INPUT on the argument', (_, cursor) => {
    expect(() => toPageRequest({ after: cursor }, BY_CREATION)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }));
    expect(() => toPageRequest({ before: cursor }, BY_CREATION)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'before' }) }));
  });

  it.each([[-1], [1.5], [1e400], [2 ** 60], ['7']])('refuses a serial key of %p', (value) => {
    expect(() => decodeCursor(b64(`[${JSON.stringify(value)}]`), 'after', ['serial'])).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });
});
