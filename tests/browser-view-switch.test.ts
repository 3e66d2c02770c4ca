/**
 * The view switch in a real browser (Debian Chromium), the page opened from disk (file://).
 * In CI Chromium must be there (.ci/run installs it): the test fails rather than skips.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch } from './browser.js';
import { copyAssets, renderTei, writeRendered } from '../src/render/index.js';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NAME = '1962-11-19-circular-939';

describe.runIf(hasChromium || Boolean(process.env.CI))('document page in a browser', () => {
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-browser-'));
    writeRendered(dir, NAME, renderTei(NAME, readFileSync(`tei/${NAME}.xml`, 'utf8'), NAME));
    copyAssets(dir);
    url = pathToFileURL(resolve(dir, 'html', `${NAME}.html`)).href;
    browser = await launch();
    page = await browser.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const visibleText = () => page.locator('main .view:not([hidden])').innerText();

  test('starts in the diplomatic view; the switch changes the view, the URL and aria-pressed, without reloading', async () => {
    await page.goto(url);
    const dip = page.getByRole('button', { name: 'Diplomatic' });
    const reading = page.getByRole('button', { name: 'Reading text' });
    await expect.poll(() => dip.getAttribute('aria-pressed')).toBe('true');
    const before = await visibleText();
    expect(before).toContain('presence');
    expect(before).toContain('REPRODUCTION FROM THIS COPY');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    await reading.click();
    await expect.poll(() => reading.getAttribute('aria-pressed')).toBe('true');
    expect(await dip.getAttribute('aria-pressed')).toBe('false');
    expect(page.url()).toMatch(/#view=normalized$/);
    const after = await visibleText();
    expect(after).not.toContain('REPRODUCTION FROM THIS COPY');
    expect(after).toContain('satisfactory [Page 2] performance');
    expect(after).not.toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  test('the view is kept in the URL: a reload opens the reading view', async () => {
    await page.goto(`${url}#view=normalized`);
    await page.reload();
    expect(await page.getByRole('button', { name: 'Reading text' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#view-diplomatic').isHidden()).toBe(true);
  });

  test('the switch works from the keyboard', async () => {
    await page.goto(`${url}#view=normalized`);
    await page.getByRole('button', { name: 'Diplomatic' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/#view=diplomatic$/);
    await page.getByRole('button', { name: 'Reading text' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.url()).toMatch(/#view=normalized$/);
    expect(await page.getByRole('button', { name: 'Reading text' }).getAttribute('aria-pressed')).toBe('true');
  });

  test("switching keeps the reader's place", async () => {
    await page.setViewportSize({ width: 900, height: 600 });
    await page.goto(`${url}#view=diplomatic`);
    await page.locator('#d-A-p8').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -100 + (document.getElementById('d-A-p8')!.getBoundingClientRect().top)));
    await page.getByRole('button', { name: 'Reading text' }).click();
    const top = await page.evaluate(() => document.getElementById('A-p8')!.getBoundingClientRect().top);
    expect(Math.abs(top - 100)).toBeLessThan(40);
  });
});
