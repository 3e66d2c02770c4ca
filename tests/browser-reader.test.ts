/**
 * The reader's edition (issue 16) in a real browser (Debian Chromium, file://), desktop (1280 px)
 * and phone (390 px, 320 px): focus rings that can be seen, no sideways scroll, print, names linked
 * to the register with a toggletip, search that lands on the hit, citation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, buildSampleSite, hasChromium, launch } from './browser.js';

const MEMCON = 'html/1962-11-30-memcon-surprise-attack.html';
const SITE_PAGES = ['index.html', 'persons.html', 'abbreviations.html', 'interventions.html', 'search.html', 'conventions.html'];
const DOC_PAGES = [
  'html/1962-10-26-rostow-alliance-missiles.html',
  'html/1962-10-29-topol-594.html',
  'html/1962-11-19-circular-939.html#view=diplomatic',
  'html/1962-11-19-circular-939.html#view=normalized',
  `${MEMCON}#view=normalized`,
  'html/1962-12-18-usun-1687.html#view=diplomatic',
];

/** WCAG relative luminance and contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map((x) => Number(x) / 255);
    const f = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(bl!);
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe.runIf(hasChromium || Boolean(process.env.CI))("the reader's edition in a browser", () => {
  let browser: Browser;
  let page: Page;
  let root: string;
  let url: (file: string) => string;

  beforeAll(async () => {
    ({ root, url } = await buildSampleSite('tei-reader-'));
    browser = await launch();
    page = await browser.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const axe = () => axeViolations(page);

  /** The focus ring of the focused element, and the page's background. */
  const ring = () =>
    page.evaluate(() => {
      const el = document.activeElement!;
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, background: getComputedStyle(document.body).backgroundColor, tag: el.tagName };
    });

  describe.each([1280, 390])('at %i px', (width) => {
    beforeAll(async () => {
      await page.setViewportSize({ width, height: 800 });
    });

    test('the keyboard focus ring is at least 3:1 on the page background (links, the view switch)', async () => {
      for (const file of ['index.html', `${MEMCON}#view=normalized`]) {
        await page.goto(url(file));
        for (let i = 0; i < 4; i++) {
          await page.keyboard.press('Tab');
          const r = await ring();
          expect(r.style, `${file}: ${r.tag}`).not.toBe('none');
          expect(r.width).toBeGreaterThanOrEqual(2);
          expect(contrast(r.color, r.background)).toBeGreaterThanOrEqual(3);
        }
      }
      await page.goto(url(`${MEMCON}#view=normalized`));
      await page.getByRole('button', { name: 'Diplomatic' }).focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const r = await ring();
      expect(r.tag).toBe('BUTTON');
      expect(contrast(r.color, r.background)).toBeGreaterThanOrEqual(3);
    });

    test('the search box has a focus style of its own, at least 3:1', async () => {
      await page.goto(url('search.html'));
      const before = await page.locator('#q').evaluate((el) => getComputedStyle(el).borderColor);
      await page.locator('#q').focus();
      const r = await ring();
      expect(r.tag).toBe('INPUT');
      expect(r.style).not.toBe('none');
      expect(contrast(r.color, r.background)).toBeGreaterThanOrEqual(3);
      expect(await page.locator('#q').evaluate((el) => getComputedStyle(el).borderColor)).not.toBe(before);
    });

    test('names link to the persons register; the toggletip opens from the keyboard and by touch', async () => {
      await page.goto(url(`${MEMCON}#view=normalized`));
      const name = page.locator('#view-normalized a.persName[href="../persons.html#rusk"]').first();
      expect(await name.count()).toBe(1);
      const tip = page.locator('#view-normalized button.tip[data-person="rusk"]').first();
      expect(await tip.getAttribute('aria-label')).toBe('About Rusk, Dean');
      await tip.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => tip.getAttribute('aria-expanded')).toBe('true');
      const body = tip.locator('xpath=following-sibling::span[@class="tip-body"]');
      await expect.poll(() => body.innerText()).toContain('Secretary of State');
      expect(await body.locator('a[href="https://www.wikidata.org/wiki/Q295202"]').count()).toBe(1);
      expect(await body.locator('a[href="../persons.html#rusk"]').count()).toBe(1);
      expect(await body.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => tip.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-person'))).toBe('rusk');
      // The link leads to the entry.
      await name.click();
      await expect.poll(() => page.url()).toMatch(/persons\.html#rusk$/);
      expect(await page.locator('#rusk').innerText()).toContain('Rusk');
    });

    test('an acronym links to its entry on the abbreviations page', async () => {
      await page.goto(url(`${MEMCON}#view=normalized`));
      const link = page.locator('#view-normalized a.abbr-link', { hasText: 'EUR' }).first();
      expect(await link.getAttribute('href')).toBe('../abbreviations.html#abbr-EUR');
      await link.click();
      await expect.poll(() => page.url()).toMatch(/abbreviations\.html#abbr-EUR$/);
      expect(await page.locator('#abbr-EUR').count()).toBe(1);
    });
  });

  test('a tap on a touch screen opens a name\'s toggletip, a tap elsewhere closes it (touch emulated: no hover, no mouse)', async () => {
    const phone = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    try {
      const p = await phone.newPage();
      await p.goto(url(`${MEMCON}#view=normalized`));
      expect(await p.evaluate(() => matchMedia('(hover: none)').matches && navigator.maxTouchPoints > 0)).toBe(true);
      const tip = p.locator('#view-normalized button.tip[data-person="rusk"]').first();
      const body = tip.locator('xpath=following-sibling::span[@class="tip-body"]');
      await tip.tap();
      await expect.poll(() => tip.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => body.innerText()).toContain('Secretary of State');
      expect(await body.isVisible()).toBe(true);
      // The panel is on the screen: not cut off at the phone's edges.
      const box = (await body.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      // A tap inside the panel leaves it open (its links can be tapped); a tap elsewhere closes it.
      await body.locator('strong').tap();
      expect(await tip.getAttribute('aria-expanded')).toBe('true');
      await p.locator('h1').tap();
      await expect.poll(() => tip.getAttribute('aria-expanded')).toBe('false');
      expect(await body.innerText()).toBe('');
      // A second tap on the button closes it again.
      await tip.tap();
      await expect.poll(() => tip.getAttribute('aria-expanded')).toBe('true');
      await tip.tap();
      await expect.poll(() => tip.getAttribute('aria-expanded')).toBe('false');
    } finally {
      await phone.close();
    }
  });

  test.each([320, 390])('no page scrolls sideways at %i px', async (width) => {
    await page.setViewportSize({ width, height: 700 });
    for (const file of [...SITE_PAGES, ...DOC_PAGES]) {
      await page.goto(url(file));
      const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(scroll, `${file} at ${width} px`).toBeLessThanOrEqual(inner);
    }
  });

  test('print: no navigation, toolbar or buttons; the citation and the address are printed', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url(`${MEMCON}#view=normalized`));
    await page.emulateMedia({ media: 'print' });
    try {
      for (const sel of ['.site-nav', '.toolbar', '.downloads', 'button.tip']) {
        expect(await page.locator(sel).first().isVisible(), sel).toBe(false);
      }
      const cite = page.locator('.cite');
      expect(await cite.isVisible()).toBe(true);
      const text = await cite.innerText();
      expect(text).toContain('How to cite');
      expect(text).toContain('Measures Against Surprise Attack');
      expect(text).toContain('The tei-edition project');
      expect(text).toContain(url(MEMCON));
      await page.goto(url('index.html'));
      expect(await page.locator('.site-nav').isVisible()).toBe(false);
      expect(await page.locator('.cite').isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  test('document pages and site pages have the one header: the edition\'s title and the same navigation', async () => {
    const header = async (file: string) => {
      await page.goto(url(file));
      expect(await page.locator('header').count()).toBe(1);
      return {
        home: (await page.locator('header.site-header .edition-title a').getAttribute('href'))!.replace(/^\.\.\//, ''),
        nav: await page.locator('header.site-header nav.site-nav a').allInnerTexts(),
      };
    };
    const site = await header('persons.html');
    expect(site.nav).toHaveLength(6);
    expect(await header(MEMCON)).toEqual(site);
  });

  test('the document page carries citation_*, Dublin Core and schema.org JSON-LD', async () => {
    await page.goto(url(MEMCON));
    const meta = (n: string) => page.locator(`meta[name="${n}"]`).first().getAttribute('content');
    expect(await meta('citation_title')).toContain('Measures Against Surprise Attack');
    expect(await meta('citation_date')).toBe('1962-11-30');
    expect(await meta('DC.publisher')).toBe('The tei-edition project');
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld.name).toContain('Measures Against Surprise Attack');
    expect(ld.dateCreated).toBe('1962-11-30');
  });

  describe('search that lands', () => {
    const search = async (q: string) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url('search.html'));
      await page.getByLabel(/Search the documents/).fill(q);
      await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/result/);
    };
    /** The first mark in sight: below the sticky toolbar. */
    const landed = () =>
      page.evaluate(() => {
        const m = document.querySelector('.view:not([hidden]) mark.current')!;
        return { top: m.getBoundingClientRect().top, toolbar: document.querySelector('.toolbar')!.getBoundingClientRect().bottom, text: m.textContent };
      });

    test('results are grouped by document with a count, and not cut at 50', async () => {
      await search('the');
      const groups = page.locator('#results > li');
      expect(await groups.count()).toBe(5);
      expect(await groups.first().locator('h2').innerText()).toMatch(/\(\d+ results\)/);
      expect(await page.locator('#results li li').count()).toBeGreaterThan(50);
      expect(await page.locator('#search-status').textContent()).toMatch(/^\d+ results in 5 documents$/);
    });

    test('a phrase in quotes is a phrase; the hit is marked on the page it opens, below the toolbar', async () => {
      await search('"surprise attack"');
      const hits = page.locator('#results li li');
      const n = await hits.count();
      expect(n).toBeGreaterThan(0);
      for (const t of await hits.locator('p').allInnerTexts()) expect(t.toLowerCase().replace(/\s+/g, ' ')).toContain('surprise attack');
      expect(await hits.first().locator('mark').first().innerText()).toMatch(/surprise\s+attack/i);
      // "surprise" alone finds more blocks than the phrase.
      await search('surprise attack');
      expect(await page.locator('#results li li').count()).toBeGreaterThan(n);
      await search('"surprise attack"');
      await page.locator('#results li li a').nth(n - 1).click();
      await expect.poll(() => page.url()).toMatch(/hl=%22surprise%20attack%22/);
      await expect.poll(() => page.locator('.view:not([hidden]) mark').count()).toBeGreaterThan(0);
      const l = await landed();
      expect(l.text).toMatch(/surprise\s+attack/i);
      expect(l.top).toBeGreaterThanOrEqual(l.toolbar);
    });

    test('a word only in a deletion opens the diplomatic view, marked in the deleted text', async () => {
      await search('improving');
      const link = page.locator('#results li li a').first();
      expect(await link.getAttribute('href')).toMatch(/#view=diplomatic&at=A-p1&hl=improving/);
      await link.click();
      await expect.poll(() => page.getByRole('button', { name: 'Diplomatic' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator('#view-diplomatic del mark').first().innerText()).toBe('improving');
      expect(await page.locator('#view-diplomatic').isVisible()).toBe(true);
      const l = await landed();
      expect(l.top).toBeGreaterThanOrEqual(l.toolbar);
    });

    test('a word only in another copy opens the diplomatic view', async () => {
      await search('teletransmission');
      const link = page.locator('#results li li a').first();
      expect(await link.getAttribute('href')).toMatch(/1962-11-19-circular-939\.html#view=diplomatic/);
      expect(await link.innerText()).toContain('another copy');
      await link.click();
      await expect.poll(() => page.locator('#view-diplomatic mark').count()).toBeGreaterThan(0);
      expect(await page.locator('#view-diplomatic mark.current').isVisible()).toBe(true);
      expect((await page.locator('#view-diplomatic mark.current').innerText()).toLowerCase()).toBe('teletransmission');
    });

    test('a near spelling is marked as the text has it ("Kuznetsov" finds "Kuznatsov" in the diplomatic text)', async () => {
      await search('Kuznetsov');
      await page.locator('#results li li a').first().click();
      await expect.poll(() => page.locator('#view-normalized mark').count()).toBeGreaterThan(0);
      expect(await page.locator('#view-normalized mark').first().innerText()).toBe('Kuznetsov');
      await page.getByRole('button', { name: 'Diplomatic' }).click();
      expect(await page.locator('#view-diplomatic mark', { hasText: 'Kuznatsov' }).count()).toBeGreaterThan(0);
    });
  });

  test.each([
    [`${MEMCON}#view=normalized`],
    [`html/1962-12-18-usun-1687.html#view=diplomatic&at=A-p1&hl=improving`],
    ['index.html'],
    ['conventions.html'],
    ['abbreviations.html'],
  ])('axe-core finds no violations on %s (at 390 px, a toggletip open on document pages)', async (file) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(url(file));
    const tip = page.locator('.view:not([hidden]) button.tip').first();
    if (await tip.count()) {
      await tip.click();
      await expect.poll(() => tip.getAttribute('aria-expanded')).toBe('true');
    }
    expect(await axe()).toEqual([]);
  });

  test('without an edition URL there is no sitemap', () => {
    expect(() => readFileSync(join(root, 'editions', 'sitemap.xml'))).toThrow();
  });
});
