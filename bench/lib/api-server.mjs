// How the benches start the API: set up in development mode (the demo Secretariat and data), then
// measured as it is deployed, restarted on the same database in production mode. Shared by the suites
// that start our server so they measure the same thing.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * One secret for both starts of a server, so the tokens handed out during set-up stay valid once it
 * runs in production mode.
 */
const JWT_SECRET = randomBytes(32).toString('hex');
/** Likewise the key that signs the consultation record (required in production; older builds ignore it). */
const RECORD_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The server's environment: development (demo Secretariat) for set-up, production for measuring. */
export const serverEnv = ({ port, dataDir, db, production }) => ({
  NODE_ENV: production ? 'production' : 'development',
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DATABASE_URL: db?.url,
  DEMO_DATA: production ? 'false' : 'true',
  JWT_SECRET,
  RECORD_SIGNING_KEY,
  LOG_LEVEL: 'warn',
  TRUST_PROXY: 'true',
  REDIS_URL: undefined,
});
