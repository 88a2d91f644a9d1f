import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './app-config';
import { loadConfig } from './load-config';

const SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
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

  describe('the record signing key (RECORD_SIGNING_KEY)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    it('is generated once into the data folder outside production, readable by the owner only', () => {
      const dir = dataDir();
      const config = loadConfig({ DATA_DIR: dir });
      expect(config.RECORD_SIGNING_KEY).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(loadConfig({ DATA_DIR: dir }).RECORD_SIGNING_KEY).toBe(config.RECORD_SIGNING_KEY);
      expect(statSync(join(dir, 'record-signing-key.pem')).mode & 0o077).toBe(0);
    });

    it('is taken as PEM, as PEM with \\n for newlines, or as base64 DER, and kept as PEM', () => {
      const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
      for (const given of [pem, pem.replace(/\n/g, '\\n'), der]) {
        expect(loadConfig({ DATA_DIR: dataDir(), RECORD_SIGNING_KEY: given }).RECORD_SIGNING_KEY).toBe(pem);
      }
    });

    it('refuses anything but an Ed25519 private key, and is required in production', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      for (const bad of [rsa, publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'not a key']) {
        expect(problems({ DATA_DIR: dataDir(), RECORD_SIGNING_KEY: bad })).toEqual(['RECORD_SIGNING_KEY must be an Ed25519 private key (PKCS#8, PEM or base64 DER)']);
      }
      expect(problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: randomBytes(32).toString('hex') })).toEqual([
        'RECORD_SIGNING_KEY is required in production (the key that signs the consultation record)',
      ]);
    });
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
    const key = { RECORD_SIGNING_KEY: SIGNING_KEY };
    expect(problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', ...key })).toEqual(['JWT_SECRET is required in production']);
    expect(problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: 'replace-me-with-64-random-characters', ...key })).toEqual([
      'JWT_SECRET is a placeholder; set a random value',
    ]);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), ...key })).toEqual([
      'DATABASE_URL is required in production (the embedded database is for development)',
    ]);
  });

  describe('in production', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', RECORD_SIGNING_KEY: SIGNING_KEY };

    it('accepts secrets made by openssl rand (hex and base64)', () => {
      for (const secret of [randomBytes(32).toString('hex'), randomBytes(48).toString('base64')]) {
        expect(problems({ ...production, JWT_SECRET: secret })).toEqual([]);
      }
    });

    it('refuses a JWT_SECRET of low entropy, naming it', () => {
      const weak = [
        'x'.repeat(36),
        'ab'.repeat(20),
        '0123456789'.repeat(4),
        'abcdefghijklmnopqrstuvwxyz0123456789',
        'password-password-password-password',
        'correct-horse-battery-staple-and-more-words',
      ];
      for (const secret of weak) {
        expect(problems({ ...production, JWT_SECRET: secret })).toEqual([expect.stringMatching(/^JWT_SECRET is too predictable \(about \d+ bits, at least 128 needed\)/)]);
      }
      // outside production a developer's secret is not judged
      expect(problems({ JWT_SECRET: 'x'.repeat(36), DATA_DIR: dataDir() })).toEqual([]);
    });

    it('refuses demo data (DEMO_DATA), and lists it with every other bad variable', () => {
      expect(problems({ ...production, JWT_SECRET: randomBytes(32).toString('hex'), DEMO_DATA: 'true' })).toEqual([
        'DEMO_DATA must not be true in production: demo accounts share a published password',
      ]);
      expect(problems({ NODE_ENV: 'production', PORT: 'eighty', JWT_SECRET: 'x'.repeat(36), DEMO_DATA: 'yes' })).toEqual([
        expect.stringMatching(/^PORT /),
        expect.stringMatching(/^JWT_SECRET is too predictable/),
        expect.stringMatching(/^RECORD_SIGNING_KEY is required in production/),
        expect.stringMatching(/^DEMO_DATA must not be true in production/),
        expect.stringMatching(/^DATABASE_URL is required in production/),
      ]);
      expect(loadConfig({ ...production, JWT_SECRET: randomBytes(32).toString('hex') }).DEMO_DATA).toBe(false);
    });

    it('turns GraphQL introspection off unless GRAPHQL_INTROSPECTION turns it on', () => {
      const secret = randomBytes(32).toString('hex');
      expect(loadConfig({ ...production, JWT_SECRET: secret }).GRAPHQL_INTROSPECTION).toBe(false);
      expect(loadConfig({ ...production, JWT_SECRET: secret, GRAPHQL_INTROSPECTION: 'true' }).GRAPHQL_INTROSPECTION).toBe(true);
      expect(loadConfig({ DATA_DIR: dataDir() }).GRAPHQL_INTROSPECTION).toBe(true);
      expect(loadConfig({ DATA_DIR: dataDir(), GRAPHQL_INTROSPECTION: 'false' }).GRAPHQL_INTROSPECTION).toBe(false);
    });
  });

  it('bounds graphql-ws sockets with defaults that fit a conference room', () => {
    expect(loadConfig({ DATA_DIR: dataDir() })).toMatchObject({
      SUBSCRIPTION_MAX_BUFFERED_BYTES: 1024 * 1024,
      SUBSCRIPTION_MAX_PER_SOCKET: 25,
      SUBSCRIPTION_MAX_SOCKETS_PER_ACCOUNT: 20,
      SUBSCRIPTION_MAX_SOCKETS_PER_ADDRESS: 200,
      SUBSCRIPTION_SESSION_CHECK_MS: 2000,
      SUBSCRIPTION_KEEP_ALIVE_MS: 12_000,
    });
    expect(problems({ SUBSCRIPTION_MAX_PER_SOCKET: '0', SUBSCRIPTION_MAX_BUFFERED_BYTES: '10' })).toEqual([
      expect.stringMatching(/^SUBSCRIPTION_MAX_BUFFERED_BYTES /),
      expect.stringMatching(/^SUBSCRIPTION_MAX_PER_SOCKET /),
    ]);
  });
});
