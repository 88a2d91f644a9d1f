import { z } from 'zod';
import { MIN_SECRET_BITS, estimatedSecretBits } from './secret-strength';
import { signingKeyPem } from './signing-key';

/** Secrets that ship in examples and must never guard a production deployment. */
const PLACEHOLDER_SECRETS = new Set(['change-me', 'changeme', 'secret', 'replace-me-with-64-random-characters']);

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const seconds = z.coerce.number().int().positive();

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().min(1).default('./data'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    REDIS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * The Ed25519 key that signs the consultation record's tree heads: PKCS#8, as PEM (newlines may be
     * written `\n`) or as the base64 of its DER (`openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`).
     * Outside production a missing key is generated once into DATA_DIR/record-signing-key.pem.
     */
    RECORD_SIGNING_KEY: z
      .string()
      .optional()
      .refine((key) => key === undefined || signingKeyPem(key) !== null, 'must be an Ed25519 private key (PKCS#8, PEM or base64 DER)'),
    /** How long after a change the record's new tree head is signed (changes in between share one head). */
    RECORD_HEAD_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
    ACCESS_TOKEN_TTL_SECONDS: seconds.max(3600).default(900),
    REFRESH_TOKEN_TTL_SECONDS: seconds.default(60 * 60 * 24 * 30),
    /** How long a just-rotated refresh token still returns its successor (tabs refreshing at once); 0 turns it off. */
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(120).default(20),
    /** The longest a sign-in for an e-mail under attack is held back (per-e-mail slow-down); 0 turns it off. */
    SIGN_IN_SLOWDOWN_MAX_MS: z.coerce.number().int().min(0).max(60_000).default(8000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** auto: readable lines when stdout is a terminal, JSON lines otherwise. */
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    DEMO_DATA: booleanString.optional(),
    /** Default: on outside production, off in production. */
    GRAPHQL_INTROSPECTION: booleanString.optional(),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().min(10).default(5000),
    /**
     * How many reverse proxies stand in front (`true` = 1). The client address is read that many hops
     * from the right of X-Forwarded-For, never from its left end, which any client can write.
     */
    TRUST_PROXY: z
      .union([z.coerce.number().int().min(0).max(10), booleanString.transform((trusted) => (trusted ? 1 : 0))])
      .default(0),
    // Per-address ceilings are high because a venue's Wi-Fi or a proxy puts a whole room behind one
    // address; each person is limited by account or e-mail instead.
    COMMENTS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(300),
    GUEST_COMMENTS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(10),
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(300),
    /** Password-reset and verification e-mails asked for from one client address (each recipient: 5 an hour). */
    ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(100),
    /**
     * Bearer token for GET /metrics (Prometheus text format). Unset: /metrics answers 404, so the
     * figures are never public by accident. At least 32 characters.
     */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    COLLAB_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(8 * 1024 * 1024),
    COLLAB_MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1024).default(64 * 1024 * 1024),
    COLLAB_MAX_UPDATES_PER_SECOND: z.coerce.number().int().min(1).default(300),
    /** What the server may hold for one /collab client beyond the document state it is loading. */
    COLLAB_MAX_BUFFERED_BYTES: z.coerce.number().int().min(64 * 1024).default(8 * 1024 * 1024),
    /** One client's cursor and presence state (JSON), before the server adds the person's name and colour. */
    COLLAB_MAX_AWARENESS_BYTES: z.coerce.number().int().min(256).default(16 * 1024),
    /** Open /collab sockets per account on one instance (tabs, devices, documents together). */
    COLLAB_MAX_SOCKETS_PER_ACCOUNT: z.coerce.number().int().min(1).default(20),
    SUBSCRIPTION_MAX_BUFFERED_BYTES: z.coerce.number().int().min(16 * 1024).default(1024 * 1024),
    SUBSCRIPTION_MAX_PER_SOCKET: z.coerce.number().int().min(1).default(25),
    SUBSCRIPTION_MAX_SOCKETS_PER_ACCOUNT: z.coerce.number().int().min(1).default(20),
    SUBSCRIPTION_MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).default(200),
    SUBSCRIPTION_SESSION_CHECK_MS: z.coerce.number().int().min(100).default(2000),
    SUBSCRIPTION_KEEP_ALIVE_MS: z.coerce.number().int().min(1000).default(12_000),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Intersessional <no-reply@localhost>'),
    MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    MAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).default(60_000),
    /** The built web app (`npm run build` writes it there), served at `/`; relative to the working directory. */
    WEB_DIST: z.string().min(1).default('dist/apps/web'),
    WEB_URL: z
      .string()
      .regex(/^https?:\/\/[^/]+/, 'must be an http:// or https:// URL')
      .optional(),
  })
  // runs also when other variables are bad, so one start lists every problem (fields that failed their
  // own check may hold raw input here, hence the type checks)
  .superRefine(productionChecks, { when: () => true });

export type RawConfig = z.infer<typeof configSchema>;

/** What production refuses: missing or guessable secrets, demo accounts, the embedded database. */
function productionChecks(env: RawConfig, ctx: z.RefinementCtx<RawConfig>): void {
  if (env.NODE_ENV !== 'production') return;
  const secret: unknown = env.JWT_SECRET;
  if (!secret) {
    ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
  } else if (typeof secret === 'string' && PLACEHOLDER_SECRETS.has(secret.toLowerCase())) {
    ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is a placeholder; set a random value' });
  } else if (typeof secret === 'string' && secret.length >= 32) {
    const bits = estimatedSecretBits(secret);
    if (bits < MIN_SECRET_BITS) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: `is too predictable (about ${bits} bits, at least ${MIN_SECRET_BITS} needed); use e.g. \`openssl rand -hex 32\``,
      });
    }
  }
  if (!env.RECORD_SIGNING_KEY) {
    ctx.addIssue({ code: 'custom', path: ['RECORD_SIGNING_KEY'], message: 'is required in production (the key that signs the consultation record)' });
  }
  if ((env.DEMO_DATA as unknown) === true) {
    ctx.addIssue({ code: 'custom', path: ['DEMO_DATA'], message: 'must not be true in production: demo accounts share a published password' });
  }
  if (!env.DATABASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required in production (the embedded database is for development)' });
  }
}

export interface AppConfig extends Omit<RawConfig, 'JWT_SECRET' | 'RECORD_SIGNING_KEY' | 'DEMO_DATA' | 'GRAPHQL_INTROSPECTION'> {
  JWT_SECRET: string;
  /** The record's signing key as PKCS#8 PEM (normalised from whichever form was given). */
  RECORD_SIGNING_KEY: string;
  /** True when no DATABASE_URL is given and an embedded PGlite serves the database. */
  embeddedDatabase: boolean;
  DEMO_DATA: boolean;
  GRAPHQL_INTROSPECTION: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad variable at once. */
export function parseConfig(env: NodeJS.ProcessEnv): RawConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`));
  }
  return result.data;
}
