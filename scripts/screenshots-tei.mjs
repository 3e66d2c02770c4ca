// Screenshots of TEI from other projects rendered by tei-edition (issue 15), for docs/editions.md
// (run after npm run compile): node scripts/screenshots-tei.mjs
//   docs/screenshot-msdesc.png  a manuscript description (Shelley-Godwin Archive, tests/corpus)
//   docs/screenshot-table.png   a table (the TEI's own test file, tests/corpus)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = mkdtempSync(join(tmpdir(), 'tei-edition-shots-'));
const shots = [
  ['tests/corpus/shelley-godwin/ox-frankenstein_notebook_c1.xml', '.ms-desc', 'docs/screenshot-msdesc.png'],
  ['tests/corpus/tei-c/testall.xml', '#view-diplomatic .table-scroll', 'docs/screenshot-table.png'],
];
execFileSync(process.execPath, ['dist/cli/bin.js', 'render', '-o', out, ...shots.map(([f]) => f)], { stdio: 'inherit' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 960, height: 760 } });
for (const [file, selector, png] of shots) {
  const name = file.split('/').pop().replace(/\.xml$/, '');
  await page.goto(`${pathToFileURL(resolve(out, 'html', `${name}.html`)).href}#view=diplomatic`);
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  const box = await el.evaluate((e) => { const r = e.getBoundingClientRect(); return { y: r.top + window.scrollY, height: r.height }; });
  await page.screenshot({ path: png, clip: { x: 0, y: Math.max(0, box.y - 70), width: 960, height: Math.min(760, box.height + 110) }, fullPage: true });
}
await browser.close();
rmSync(out, { recursive: true, force: true });
