/**
 * Compile the stylesheets in xslt/ to SEF (SaxonJS's compiled form) with xslt3, into dist/xslt/.
 * Run by `npm run compile`; a stylesheet is compiled again only when an .xsl file is newer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const XSLT_DIR = fileURLToPath(new URL('../../xslt/', import.meta.url));
export const SEF_DIR = fileURLToPath(new URL('../../dist/xslt/', import.meta.url));
export const STYLESHEETS = ['html', 'text'] as const;

const XSLT3 = fileURLToPath(new URL('../../node_modules/xslt3/xslt3.js', import.meta.url));

export function sefPath(name: (typeof STYLESHEETS)[number]): string {
  return join(SEF_DIR, `${name}.sef.json`);
}

export function compileStylesheets(force = false): string[] {
  mkdirSync(SEF_DIR, { recursive: true });
  const newest = Math.max(...readdirSync(XSLT_DIR).filter((f) => f.endsWith('.xsl')).map((f) => statSync(join(XSLT_DIR, f)).mtimeMs));
  const compiled: string[] = [];
  for (const name of STYLESHEETS) {
    const sef = sefPath(name);
    if (!force && existsSync(sef) && statSync(sef).mtimeMs >= newest) continue;
    execFileSync(process.execPath, [XSLT3, `-xsl:${join(XSLT_DIR, `${name}.xsl`)}`, `-export:${sef}`, '-nogo', '-relocate:on'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    compiled.push(name);
  }
  return compiled;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const done = compileStylesheets(process.argv.includes('--force'));
  process.stderr.write(done.length ? `compiled ${done.map((n) => `xslt/${n}.xsl`).join(', ')} to dist/xslt/\n` : 'stylesheets up to date\n');
}
