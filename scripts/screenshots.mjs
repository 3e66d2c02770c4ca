// The README's screenshots (docs/*.png), from a built edition (run after npm run build):
//   node scripts/screenshots.mjs [editions folder, default editions]
// (The README's were made from the sample edition built with url: https://example.org/cmc/ in its
// edition.yaml, so that the citation shows the stable address rather than a file:// one.)
// - screenshot-diplomatic.png, screenshot-reading.png: a document page in each view;
// - screenshot-names.png: names linked to the register, a toggletip open;
// - screenshot-search.png: a search's results, and the hit marked in the view that holds it (a word
//   only in a deletion: the diplomatic view);
// - screenshot-citation.png: "How to cite", with the downloads for reference managers;
// - screenshot-facsimile.png: a letter with its facsimile, the page image beside the page's text.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const editions = resolve(process.argv[2] ?? 'editions');
const url = (file) => pathToFileURL(resolve(editions, file)).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 960, height: 760 } });

// Scroll so that an element stands a little below the top (under the sticky toolbar, if any).
const bringUp = (locator, offset = 140) => locator.evaluate((el, o) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - o), offset);

for (const [view, file] of [['diplomatic', 'docs/screenshot-diplomatic.png'], ['normalized', 'docs/screenshot-reading.png']]) {
  await page.goto(`${url('html/1962-11-19-circular-939.html')}#view=${view}&at=A-p4`);
  await page.evaluate(() => window.scrollBy(0, -160));
  await page.screenshot({ path: file });
}

// Names: the reading text of the memorandum of conversation, the toggletip of a name open.
await page.goto(`${url('html/1962-11-30-memcon-surprise-attack.html')}#view=normalized`);
const tip = page.locator('#view-normalized button.tip[data-person="mikoyan"]').first();
await bringUp(tip, 220);
await tip.click();
await page.locator('#view-normalized .tip-body:not(:empty)').first().waitFor();
await page.screenshot({ path: 'docs/screenshot-names.png' });

// Search: the results of a word found only in a deletion, then the page it opens, the word marked.
const shots = [join(tmpdir(), `search-results-${process.pid}.png`), join(tmpdir(), `search-page-${process.pid}.png`)];
const small = await browser.newPage({ viewport: { width: 640, height: 760 } });
await small.goto(url('search.html'));
await small.getByLabel(/Search the documents/).fill('improving');
await small.locator('#results li li a').first().waitFor();
await small.screenshot({ path: shots[0] });
await small.locator('#results li li a').first().click();
await small.locator('#view-diplomatic mark.current').waitFor();
await small.evaluate(() => window.scrollBy(0, -90));
await small.screenshot({ path: shots[1] });
// The two side by side, in one picture.
const both = await browser.newPage({ viewport: { width: 1280, height: 760 } });
const img = (f) => `<img alt="" src="data:image/png;base64,${readFileSync(f).toString('base64')}">`;
await both.setContent(`<body style="margin:0;display:flex">${img(shots[0])}${img(shots[1])}</body>`);
await both.screenshot({ path: 'docs/screenshot-search.png' });
for (const f of shots) rmSync(f);

// Citation: the end of a document page.
await page.goto(`${url('html/1962-11-30-memcon-surprise-attack.html')}#view=normalized`);
const cite = page.locator('#cite');
await bringUp(cite, 60);
const box = await cite.boundingBox();
await page.screenshot({ path: 'docs/screenshot-citation.png', clip: { x: box.x - 16, y: box.y - 4, width: box.width + 32, height: box.height + 12 } });

// A letter with its facsimile: the page image beside the page's text.
const facs = await browser.newPage({ viewport: { width: 1280, height: 820 } });
await facs.goto(`${url('html/1962-12-18-usun-1687.html')}#view=diplomatic`);
await facs.locator('#view-diplomatic .facs').first().scrollIntoViewIfNeeded();
await facs.evaluate(() => window.scrollBy(0, -90));
await facs.screenshot({ path: 'docs/screenshot-facsimile.png' });

await browser.close();
