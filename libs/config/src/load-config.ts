import { type AppConfig, parseConfig } from './app-config';
import { readOrCreateSecret } from './secret-file';
import { readOrCreateSigningKey, signingKeyPem } from './signing-key';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = parseConfig(env);
  const embeddedDatabase = !raw.DATABASE_URL;
  return {
    ...raw,
    embeddedDatabase,
    JWT_SECRET: raw.JWT_SECRET ?? readOrCreateSecret(raw.DATA_DIR),
    RECORD_SIGNING_KEY: (raw.RECORD_SIGNING_KEY && signingKeyPem(raw.RECORD_SIGNING_KEY)) || readOrCreateSigningKey(raw.DATA_DIR),
    DEMO_DATA: raw.DEMO_DATA ?? (embeddedDatabase && raw.NODE_ENV === 'development'),
    GRAPHQL_INTROSPECTION: raw.GRAPHQL_INTROSPECTION ?? raw.NODE_ENV !== 'production',
  };
}
