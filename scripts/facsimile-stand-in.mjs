// The sample edition's stand-in page image (sources/facsimiles/1962-12-18-usun-1687-p1.png): the
// sample ships no photograph of the original, so its facsimile is this drawing of a typed telegram
// form, made from the transcription and marked as a stand-in on the image itself.
//   node scripts/facsimile-stand-in.mjs
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const text = readFileSync('sources/1962-12-18-usun-1687.txt', 'utf8');
const body = text.split('EYES ONLY FOR STEVENSON AND McCLOY.')[1].split('RUSK')[0].replace(/~~[^~]*~~ ?/g, '').trim();
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const html = `<!DOCTYPE html><html><head><style>
body { margin: 0; background: #d8d4c8; }
.sheet { width: 560px; height: 760px; margin: 20px; padding: 26px 30px; box-sizing: border-box; background: #f4f0e2; color: #2a2a2a;
  font: 12px/1.45 "DejaVu Sans Mono", monospace; box-shadow: 2px 3px 6px rgba(0,0,0,.3); position: relative; }
.form { font: bold 15px "DejaVu Sans", sans-serif; letter-spacing: .2em; border-bottom: 2px solid #444; padding-bottom: 6px; }
.class { text-align: center; font-weight: bold; letter-spacing: .3em; margin: 8px 0; text-decoration: line-through; }
.stamp { position: absolute; right: 34px; top: 70px; border: 2px solid #7a2a2a; color: #7a2a2a; padding: 3px 8px; transform: rotate(-4deg); font-weight: bold; }
p { margin: 0 0 8px; text-align: justify; }
.sig { margin-left: 300px; font-weight: bold; }
.note { position: absolute; left: 0; right: 0; bottom: 14px; text-align: center; font: bold 13px "DejaVu Sans", sans-serif; color: #8a1c1c; letter-spacing: .05em; }
</style></head><body><div class="sheet">
<div class="form">OUTGOING TELEGRAM · Department of State</div>
<div class="class">TOP SECRET</div>
<div class="stamp">Dec 18 2 09 PM '62</div>
<p>ACTION: USUN, New York 1687</p><p>EYES ONLY</p>
<p>EYES ONLY FOR STEVENSON AND McCLOY.</p>
<p>${esc(body)}</p>
<p class="sig">RUSK</p>
<div class="note">STAND-IN DRAWN FROM THE TRANSCRIPTION — NOT A PHOTOGRAPH OF THE ORIGINAL</div>
</div></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
await page.setContent(html);
await page.screenshot({ path: 'sources/facsimiles/1962-12-18-usun-1687-p1.png' });
await browser.close();
