import type { Browser } from 'playwright-core';
import type { TestApp } from '../api/test/support/test-app';
import { collectErrors, launchChromium, newContext, PHONE } from './support/browser';
import { startProduct } from './support/product';

interface FirstContent {
  at: number;
  lang: string;
  dir: string;
  text: string;
}

/**
 * Runs before the page's scripts. Every animation frame (rAF callbacks run just before the browser
 * paints that frame) it looks at #root; for the first frame with content in it, it notes the page's
 * language, direction and text as they are painted. Also the first contentful paint's time.
 */
const PROBE = `(() => {
  const probe = (window.__firstPaint = { content: null, fcp: null });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') probe.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const frame = (now) => {
    const root = document.getElementById('root');
    if (root && root.firstChild) {
      probe.content = { at: now, lang: document.documentElement.lang, dir: document.documentElement.dir, text: root.textContent };
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

describe('the first paint is already in the reader language', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startProduct(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['ar-EG', 'ar', 'rtl', 'الانتقال إلى المحتوى الرئيسي'],
    ['zh-CN', 'zh', 'ltr', '跳至主要内容'],
  ])('a %s reader on a slow link sees no English flash: lang, dir and messages are set before anything is painted', async (browserLocale, lang, dir, skipLink) => {
    const context = await newContext(browser, { locale: browserLocale, ...PHONE });
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const errors = collectErrors(page);
    // slow 4G, so that the messages chunk arrives well after the app's code if the two were not awaited together
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await page.goto(`${t.url}/`);
    await page.waitForFunction(
      () => {
        const probe = (window as unknown as { __firstPaint: { fcp: number | null; content: FirstContent | null } }).__firstPaint;
        return probe.fcp !== null && probe.content !== null;
      },
      undefined,
      { timeout: 60_000 },
    );
    const { content, fcp } = await page.evaluate(() => (window as unknown as { __firstPaint: { content: FirstContent; fcp: number } }).__firstPaint);

    expect({ lang: content.lang, dir: content.dir }).toEqual({ lang, dir });
    expect(content.text).toContain(skipLink);
    expect(content.text).not.toMatch(/Skip to main content|Consultations|Workstreams|Language/);
    // the first contentful paint is that frame's (nothing was painted before it in another language)
    expect(fcp).toBeGreaterThanOrEqual(content.at - 1);
    await page.getByRole('link', { name: skipLink }).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, dir]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
