import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { newClientKey } from './client-key';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');

describe('the client key of a form', () => {
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, 'crypto', original);
  });

  it('is a version 4 UUID, the shape the API requires', () => {
    expect(newClientKey()).toMatch(UUID_V4);
  });

  it('is still a UUID on a page served without https, where the browser has no randomUUID', () => {
    Object.defineProperty(globalThis, 'crypto', { configurable: true, value: { getRandomValues: (a: Uint8Array) => webcrypto.getRandomValues(a) } });
    const keys = new Set(Array.from({ length: 100 }, () => newClientKey()));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });
});
