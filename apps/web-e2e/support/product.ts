import { type TestApp, startTestApp } from '../../api/test/support/test-app';
import { builtWebApp } from './web-build';

/**
 * The whole product for a browser spec: the real API (a fresh database: PostgreSQL when DATABASE_URL
 * is set, else PGlite; Redis when REDIS_URL is set) serving the production build of the web app on
 * one loopback origin, exactly as `npm start` does.
 */
export async function startProduct(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = await builtWebApp();
  return startTestApp({ WEB_DIST: dir, ...env });
}
