import { randomBytes } from 'node:crypto';
import { openSuccessor, sealSuccessor } from './successor-seal';

const token = () => randomBytes(32).toString('base64url');
const pair = { accessToken: 'eyJ.access.token', accessExpiresAt: new Date('2026-11-30T12:15:00.000Z'), refreshToken: 'next-refresh-token' };
const ROW = '6f1c2e1a-4b8e-4c1a-9d2f-0a1b2c3d4e5f';

describe('sealing the successor of a spent refresh token', () => {
  it('opens with the spent token and the same row, giving back the same pair', () => {
    const spent = token();
    expect(openSuccessor(spent, ROW, sealSuccessor(spent, ROW, pair))).toEqual(pair);
  });

  it('never holds the successor in the clear', () => {
    const sealed = sealSuccessor(token(), ROW, pair);
    expect(sealed.toString('latin1')).not.toContain(pair.refreshToken);
    expect(sealed.toString('latin1')).not.toContain(pair.accessToken);
  });

  it('does not open with another token, on another row, or when altered', () => {
    const spent = token();
    const sealed = sealSuccessor(spent, ROW, pair);
    expect(openSuccessor(token(), ROW, sealed)).toBeNull();
    expect(openSuccessor(spent, '00000000-0000-4000-8000-000000000000', sealed)).toBeNull();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(openSuccessor(spent, ROW, altered)).toBeNull();
    expect(openSuccessor(spent, ROW, Buffer.alloc(8))).toBeNull();
  });
});
