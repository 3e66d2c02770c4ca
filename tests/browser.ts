/** Playwright (playwright-core) with Debian's Chromium, for the browser tests. */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildEdition } from '../src/pipeline.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** The sample edition built in a fresh folder, and the file:// address of one of its pages ("html/x.html#view=…"). */
export async function buildSampleSite(prefix: string): Promise<{ root: string; url: (file: string) => string }> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync('sources', join(root, 'sources'), { recursive: true });
  const report = await buildEdition({ dir: root });
  if (report.failed.length) throw new Error(`the sample edition did not build: ${report.failed.map((f) => f.error.message).join('; ')}`);
  const url = (file: string) => {
    const [path, hash] = file.split('#');
    return pathToFileURL(join(root, 'editions', path!)).href + (hash ? `#${hash}` : '');
  };
  return { root, url };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What axe-core finds on the page: each violation with up to three of its elements. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}
