/**
 * Compile the stylesheets in xslt/ to SEF (SaxonJS's compiled form) with xslt3, into dist/xslt/.
 * Run by `npm run compile`; a stylesheet is compiled again only when an .xsl file is newer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFile, resolveDependency } from '../paths.js';

export const XSLT_DIR = packageFile('xslt');
/** The compiled stylesheets: built by `npm run compile`, and on `prepack`, so the package ships them. */
export const SEF_DIR = packageFile('dist', 'xslt');
/** One stylesheet for each document's outputs (edition.xsl includes rules.xsl, html.xsl, text.xsl and shell.xsl), one for the site's pages (site.xsl, with shell.xsl). */
export const STYLESHEETS = ['edition', 'site'] as const;

/** xslt3, the SaxonJS compiler: a development dependency (an installed package ships its SEF files). */
function xslt3(): string {
  try {
    return resolveDependency('xslt3/xslt3.js');
  } catch {
    throw new Error(`the compiled stylesheets are missing from ${SEF_DIR}, and xslt3 (to compile them) is not installed: run npm run compile in a checkout`);
  }
}

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
    execFileSync(process.execPath, [xslt3(), `-xsl:${join(XSLT_DIR, `${name}.xsl`)}`, `-export:${sef}`, '-nogo', '-relocate:on'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    compiled.push(name);
  }
  // SEF files of stylesheets no longer in the list (html and text before edition.xsl) are not shipped.
  for (const f of readdirSync(SEF_DIR)) if (f.endsWith('.sef.json') && !(STYLESHEETS as readonly string[]).includes(f.slice(0, -'.sef.json'.length))) rmSync(join(SEF_DIR, f));
  return compiled;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const done = compileStylesheets(process.argv.includes('--force'));
  process.stderr.write(done.length ? `compiled ${done.map((n) => `xslt/${n}.xsl`).join(', ')} to dist/xslt/\n` : 'stylesheets up to date\n');
}
