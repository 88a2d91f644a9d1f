import { runInNewContext } from 'node:vm';
import { canonicalBytes, canonicalJson, type JsonValue } from './canonical-json';

describe('canonical JSON (RFC 8785)', () => {
  it('gives one text whatever the order the keys were written in, at every depth', () => {
    const a = { title: 'Access', votes: [3, { z: true, a: null }], author: { name: 'Amina', country: 'KE' } };
    const b = { author: { country: 'KE', name: 'Amina' }, votes: [3, { a: null, z: true }], title: 'Access' };
    expect(canonicalJson(a)).toBe('{"author":{"country":"KE","name":"Amina"},"title":"Access","votes":[3,{"a":null,"z":true}]}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('sorts keys by UTF-16 code units, as the RFC 8785 §3.2.3 example does', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes numbers and strings as ECMAScript does, which RFC 8785 adopts', () => {
    expect(canonicalJson([1e21, 333333333.3333333, -0, 0.000001, 1e-7, 10])).toBe('[1e+21,333333333.3333333,0,0.000001,1e-7,10]');
    expect(canonicalJson('line\nbreak "quoted" \u0007 é 🙂')).toBe('"line\\nbreak \\"quoted\\" \\u0007 é 🙂"');
  });

  it('encodes as UTF-8 without a byte-order mark', () => {
    expect(Array.from(canonicalBytes({ é: 'ü' }))).toEqual([0x7b, 0x22, 0xc3, 0xa9, 0x22, 0x3a, 0x22, 0xc3, 0xbc, 0x22, 0x7d]);
  });

  it.each<[string, unknown]>([
    ['undefined', { a: undefined }],
    ['NaN', Number.NaN],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a bigint', 1n],
    ['a lone surrogate', '\ud800'],
    ['a lone surrogate in a key', { '\udfff': 1 }],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a class instance', new (class Point {})()],
    ['an array hole', [1, , 3]],
  ])('refuses %s, which has no single JSON text', (_, value) => {
    expect(() => canonicalJson(value as JsonValue)).toThrow(TypeError);
  });

  it('takes plain objects and arrays made in another realm (an iframe, a vm context: fetch().json() under Jest)', () => {
    const foreign = runInNewContext('({ b: [1, { d: null, c: "x" }], a: Object.create(null) })') as JsonValue;
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(canonicalJson(foreign)).toBe('{"a":{},"b":[1,{"c":"x","d":null}]}');
    expect(() => canonicalJson(runInNewContext('new Map()') as JsonValue)).toThrow(TypeError);
    expect(() => canonicalJson(runInNewContext('new (class Point {})()') as JsonValue)).toThrow(TypeError);
  });
});
