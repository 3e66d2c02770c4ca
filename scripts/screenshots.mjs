// Screenshots of a document page in each view for the README (run after npm run build):
//   node scripts/screenshots.mjs
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 960, height: 760 } });
const url = pathToFileURL(resolve('editions/html/1962-11-19-circular-939.html')).href;
for (const [view, file] of [['diplomatic', 'docs/screenshot-diplomatic.png'], ['normalized', 'docs/screenshot-reading.png']]) {
  await page.goto(`${url}#view=${view}&at=A-p4`);
  await page.evaluate(() => window.scrollBy(0, -160));
  await page.screenshot({ path: file });
}
await browser.close();
