/**
 * The page images in a real browser (Debian Chromium, file://): the sample edition's facsimile
 * document shows its page image with alt text beside the text; the zoomable viewer opens from
 * file://, zooms by button and by keyboard, and closes back to its button; without JavaScript the
 * plain image is there and no dead button.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, buildSampleSite, hasChromium, launch } from './browser.js';

const USUN = 'html/1962-12-18-usun-1687.html';

describe.runIf(hasChromium || Boolean(process.env.CI))('page images in a browser', () => {
  let browser: Browser;
  let page: Page;
  let url: (file: string) => string;

  beforeAll(async () => {
    ({ url } = await buildSampleSite('tei-facs-browser-'));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  const figure = () => page.locator('#view-diplomatic .facs').first();
  const zoom = () => page.evaluate(() => (document.querySelector('#view-diplomatic .facs') as HTMLElement & { facsViewer: { viewport: { getZoom: () => number } } }).facsViewer.viewport.getZoom());

  test('the diplomatic view shows the page image, loaded from file://, with its alt text, beside the text', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url(`${USUN}#view=diplomatic`));
    const img = figure().locator('img');
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(100);
    expect(await img.getAttribute('alt')).toMatch(/^A stand-in drawn from the transcription/);
    // Beside the text: the image and the first paragraph of its page side by side.
    const box = (await figure().boundingBox())!;
    const p = (await page.locator('#view-diplomatic .witness .p').first().boundingBox())!;
    expect(box.x).toBeGreaterThan(p.x + p.width / 2);
    expect(box.y).toBeLessThan(p.y + p.height);
    expect(errors).toEqual([]);
  });

  test('the viewer opens from file:// by keyboard, zooms, and closes back to its button', async () => {
    await page.goto(url(`${USUN}#view=diplomatic`));
    const button = figure().getByRole('button', { name: 'Zoom', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => figure().getAttribute('data-facs-state'), { timeout: 10_000 }).toBe('open');
    // The image took the focus: + zooms in.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-roledescription'))).toBe('zoomable image');
    const before = await zoom();
    await page.keyboard.press('+');
    await expect.poll(zoom).toBeGreaterThan(before * 1.05);
    const after = await zoom();
    await figure().getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(zoom).toBeGreaterThan(after * 1.05);
    // Drawn: the viewer's canvas has the image on it.
    expect(await figure().locator('.facs-stage canvas').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await figure().getByRole('button', { name: 'Close', exact: true }).click();
    expect(await figure().locator('.facs-viewer').count()).toBe(0);
    await expect.poll(() => figure().locator('img').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('facs-zoom');
  });

  test('an image the viewer cannot open: the plain image stays, with a message', async () => {
    await page.goto(url(`${USUN}#view=diplomatic`));
    await page.evaluate(() => document.querySelector('#view-diplomatic .facs img')!.setAttribute('src', 'missing.png'));
    await figure().getByRole('button', { name: 'Zoom', exact: true }).click();
    await expect.poll(() => figure().locator('.facs-message').textContent(), { timeout: 10_000 }).toMatch(/could not open this image/);
    expect(await figure().locator('.facs-image').isVisible()).toBe(true);
  });

  test('the reading view keeps the images behind a control', async () => {
    await page.goto(url(`${USUN}#view=normalized`));
    const details = page.locator('#view-normalized details.facs-pages');
    expect(await details.locator('img').isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await details.locator('img').isVisible()).toBe(true);
  });

  test('without JavaScript: the image with its alt text, linked to the file; no button', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(url(`${USUN}#view=diplomatic`));
    const f = p.locator('#view-diplomatic .facs').first();
    expect(await f.locator('a.facs-image img[alt]').isVisible()).toBe(true);
    expect(await f.locator('a.facs-image').getAttribute('href')).toBe('../images/facsimiles/1962-12-18-usun-1687-p1.png');
    expect(await f.getByRole('button').count()).toBe(0);
    await context.close();
  });
});
