import type { Browser, BrowserContext } from 'playwright-core';
import { PASSWORD, type TestUser, freshIp } from '../../api/test/support/given';
import type { TestApp } from '../../api/test/support/test-app';
import { newContext } from './browser';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) {
  accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
  user { id displayName email platformRole preferredLanguage }
} }`;

/**
 * A browser profile signed in as `user`: a real signIn through the API, its result put where the web
 * app keeps the session (localStorage) before any page of the profile loads.
 */
export async function signedInContext(t: TestApp, browser: Browser, user: TestUser, options: Parameters<typeof newContext>[1] = {}): Promise<BrowserContext> {
  const result = await t.client.request<{ signIn: Record<string, unknown> }>(SIGN_IN, { input: { email: user.email, password: PASSWORD } }, { 'x-forwarded-for': freshIp() });
  if (!result.data) throw new Error(`signIn failed: ${JSON.stringify(result.errors)}`);
  const context = await newContext(browser, options);
  await context.addInitScript((session) => localStorage.setItem('intersessional.session', session), JSON.stringify(result.data.signIn));
  return context;
}
