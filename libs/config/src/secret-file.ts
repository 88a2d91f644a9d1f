import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Outside production, a missing JWT_SECRET is generated once and kept in the data folder, so tokens
 * survive restarts without any set-up. Production refuses to start instead (see app-config.ts).
 */
export function readOrCreateSecret(dataDir: string, name = 'jwt-secret'): string {
  const path = join(dataDir, name);
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
