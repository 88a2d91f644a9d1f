import type { Browser } from 'playwright-core';
import type { TestApp } from '../api/test/support/test-app';
import { collectErrors, expectNoAxeViolations, launchChromium, newContext, PHONE } from './support/browser';
import { startProduct } from './support/product';

describe('the web app shell, served by the API on one origin', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the app at / and at client routes (never cached), hashed assets for a year, gzipped; the API paths stay the API', async () => {
    const page = await fetch(`${t.url}/comment-periods/some-id`, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${t.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${t.url}/assets/missing-abc123.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    const sandbox = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await sandbox.text()).not.toContain('<div id="root">');
    const api = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('follows the browser language, lays Arabic out right to left, keeps a chosen language, and has no axe violation', async () => {
    const context = await newContext(browser, { locale: 'ar-EG', ...PHONE });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.url}/`);
    await page.getByRole('link', { name: 'الانتقال إلى المحتوى الرئيسي' }).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await expectNoAxeViolations(page, 'the home page in Arabic on a phone');

    await page.getByLabel('اللغة').selectOption('fr');
    await page.getByRole('link', { name: 'Aller au contenu principal' }).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);
    await page.reload();
    await page.getByRole('link', { name: 'Aller au contenu principal' }).waitFor({ state: 'attached' });
    await expectNoAxeViolations(page, 'the home page in French');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers a skip link as the first stop of the keyboard, which moves focus to the main content', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('answers an unknown address with a page that says so, in the reader language', async () => {
    const context = await newContext(browser, { locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${t.url}/no/such/page`);
    await page.getByRole('heading', { name: 'Página no encontrada' }).waitFor();
    await expectNoAxeViolations(page, 'the not-found page');
    await context.close();
  });
});
