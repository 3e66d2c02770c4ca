/**
 * The edition site in a real browser (Debian Chromium, file://): navigation, search, persons,
 * the view switch, and axe-core on every page type. In CI Chromium must be there.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, buildSampleSite, hasChromium, launch } from './browser.js';


describe.runIf(hasChromium || Boolean(process.env.CI))('the edition site in a browser', () => {
  let browser: Browser;
  let page: Page;
  let url: (file: string) => string;

  beforeAll(async () => {
    ({ url } = await buildSampleSite('tei-site-'));
    browser = await launch();
    page = await browser.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const axe = () => axeViolations(page);

  test.each([
    ['index.html'],
    ['persons.html'],
    ['abbreviations.html'],
    ['interventions.html'],
    ['search.html'],
    ['conventions.html'],
    ['html/1962-11-19-circular-939.html#view=diplomatic'],
    ['html/1962-11-19-circular-939.html#view=normalized'],
    ['html/1962-10-29-topol-594.html#view=normalized'],
  ])('axe-core finds no violations on %s', async (file) => {
    await page.goto(url(file));
    expect(await axe()).toEqual([]);
  });

  test('the title page lists the documents by date and sorts them', async () => {
    await page.goto(url('index.html'));
    const dates = () => page.locator('table.documents tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-date')));
    expect(await dates()).toEqual(['1962-10-26', '1962-10-29', '1962-11-19', '1962-11-30', '1962-12-18']);
    await page.getByRole('button', { name: 'Date' }).click();
    expect(await dates()).toEqual(['1962-12-18', '1962-11-30', '1962-11-19', '1962-10-29', '1962-10-26']);
    await page.getByRole('link', { name: /Telegram 1687/ }).click();
    await expect.poll(() => page.url()).toContain('html/1962-12-18-usun-1687.html');
    await page.getByRole('button', { name: 'Reading text' }).click();
    await expect.poll(() => page.url()).toMatch(/#view=normalized$/);
  });

  test('search finds the page that reads "Kuznatsov" for "Kuznetsov", and the result opens it', async () => {
    await page.goto(url('search.html'));
    await page.getByLabel(/Search the documents/).fill('Kuznetsov');
    await expect.poll(() => page.locator('#results li').count()).toBeGreaterThan(0);
    expect(await page.locator('#results > li h2').first().textContent()).toContain('Telegram 1687');
    const first = page.locator('#results li li a').first();
    await first.click();
    await expect.poll(() => page.url()).toMatch(/1962-12-18-usun-1687\.html#view=normalized&at=A-p/);
    expect(await page.locator('#view-normalized').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Diplomatic' }).click();
    expect(await page.locator('#view-diplomatic').innerText()).toContain('Kuznatsov');
  });

  test('search filters by the document type and date (issue 16 point 2)', async () => {
    await page.goto(url('search.html'));
    await page.getByLabel(/Search the documents/).fill('Soviet');
    const groups = () => page.locator('#results > li h2').allTextContents();
    await expect.poll(async () => (await groups()).length).toBe(5);
    await page.getByLabel('of type').selectOption('telegram');
    await expect.poll(async () => (await groups()).length).toBe(3);
    for (const g of await groups()) expect(g).toMatch(/Telegram/);
    await page.getByLabel('dated from').fill('1962-12-01');
    await expect.poll(async () => (await groups()).length).toBe(1);
    expect((await groups())[0]).toContain('Telegram 1687');
    // The type back to any: the memorandum of conversation (November 30) stays out, by its date.
    await page.getByLabel('of type').selectOption('');
    await expect.poll(async () => (await groups()).length).toBe(1);
    expect(await page.locator('#search-status').textContent()).toMatch(/in 1 document/);
  });

  test('a person leads to the places that name them', async () => {
    await page.goto(url('persons.html'));
    const entry = page.locator('dd', { has: page.locator('a', { hasText: 'Memorandum of Conversation' }) }).filter({ hasText: 'First Deputy Chairman' });
    const link = entry.locator('a', { hasText: /¶ A-p\d/ }).first();
    const anchor = (await link.textContent())!.replace('¶ ', '');
    await link.click();
    await expect.poll(() => page.url()).toContain(`1962-11-30-memcon-surprise-attack.html#view=normalized&at=${anchor}`);
    expect(await page.locator(`#${anchor}`).innerText()).toContain('Mikoyan');
  });
});
