import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './app-config';
import { loadConfig } from './load-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'intersessional-config-'));
const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('starts with no variables at all: embedded database, demo data, generated secret kept in the data folder', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, embeddedDatabase: true, DEMO_DATA: true });
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).JWT_SECRET).toBe(config.JWT_SECRET);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(config.JWT_SECRET);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o077).toBe(0);
  });

  it('uses PostgreSQL and no demo data when DATABASE_URL is set', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://db/x' });
    expect(config).toMatchObject({ embeddedDatabase: false, DEMO_DATA: false });
  });

  it('lists every bad variable at once', () => {
    expect(problems({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x', NODE_ENV: 'staging', JWT_SECRET: 'short' })).toEqual([
      expect.stringMatching(/^NODE_ENV /),
      expect.stringMatching(/^PORT /),
      expect.stringMatching(/^DATABASE_URL must be a postgres/),
      expect.stringMatching(/^REDIS_URL must be a redis/),
      expect.stringMatching(/^JWT_SECRET must be at least 32/),
    ]);
  });

  it('logs mail instead of sending it until SMTP_URL is set, and checks the mail settings', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config).toMatchObject({ MAIL_FROM: 'Intersessional <no-reply@localhost>', MAIL_MAX_ATTEMPTS: 8 });
    expect(problems({ SMTP_URL: 'mail.example.org', MAIL_MAX_ATTEMPTS: '0', WEB_URL: 'intersessional.example.org' })).toEqual([
      expect.stringMatching(/^SMTP_URL must be an smtp/),
      expect.stringMatching(/^MAIL_MAX_ATTEMPTS /),
      expect.stringMatching(/^WEB_URL must be an http/),
    ]);
  });

  it('refuses to start in production without a real secret or a database', () => {
    expect(problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toEqual(['JWT_SECRET is required in production']);
    expect(problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: 'replace-me-with-64-random-characters' })).toEqual([
      'JWT_SECRET is a placeholder; set a random value',
    ]);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toEqual([
      'DATABASE_URL is required in production (the embedded database is for development)',
    ]);
  });
});
