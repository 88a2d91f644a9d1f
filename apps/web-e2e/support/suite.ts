import { afterAll, afterEach, beforeAll } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Given, type TestUser } from '../../api/test/support/given';
import type { TestApp } from '../../api/test/support/test-app';
import { launchChromium, newContext } from './browser';
import { startProduct } from './product';
import { signedInContext } from './session';

type ContextOptions = Parameters<typeof newContext>[1];

export interface BrowserSuite {
  /** The product (API and web build on one origin) on a fresh database. */
  readonly t: TestApp;
  readonly browser: Browser;
  /** Data made through the public API, as people would make it. */
  readonly given: Given;
  /** A browser profile signed in as `user`, closed after the test. */
  signedIn(user: TestUser, options?: ContextOptions): Promise<BrowserContext>;
  /** A page signed in as `user`, opened at `path`. */
  open(user: TestUser, path: string, options?: ContextOptions): Promise<Page>;
  /** A browser profile nobody is signed in to (a visitor, a guest), closed after the test. */
  visitor(options?: ContextOptions): Promise<BrowserContext>;
}

/**
 * One spec file's product and Chromium: both started before its first test, every browser profile a
 * test opened closed after it, both stopped after the last. Call it at the top of a `describe`.
 */
export function browserSuite(env: Record<string, string> = {}): BrowserSuite {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let given: Given | undefined;
  const contexts: BrowserContext[] = [];
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is used before the suite started (use it inside a test or a hook)`);
    return value;
  };
  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(env), launchChromium()]);
    given = new Given(t);
  }, 180_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  const suite: BrowserSuite = {
    get t() {
      return started(t, 'the product');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    get given() {
      return started(given, 'given');
    },
    async signedIn(user, options = {}) {
      const context = await signedInContext(suite.t, suite.browser, user, options);
      contexts.push(context);
      return context;
    },
    async open(user, path, options = {}) {
      const page = await (await suite.signedIn(user, options)).newPage();
      await page.goto(`${suite.t.url}${path}`);
      return page;
    },
    async visitor(options = {}) {
      const context = await newContext(suite.browser, options);
      contexts.push(context);
      return context;
    },
  };
  return suite;
}
