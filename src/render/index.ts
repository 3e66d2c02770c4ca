/**
 * Rendering with SaxonJS: each TEI file to one HTML page (both views) and two plain texts
 * (diplomatic, normalized). The SEF stylesheets are loaded once per process; each document is
 * parsed once, its tree shared by the three transforms.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SaxonJS from 'saxon-js';
import { renderProblems } from '../validate/xml.js';
import { writeFileAtomic } from '../io.js';
import { SourceError } from '../transcription/source.js';
import { XSLT_DIR, compileStylesheets, sefPath } from './compile-xslt.js';

export interface Rendered {
  html: string;
  diplomatic: string;
  normalized: string;
}

const sefs = new Map<string, unknown>();

function stylesheet(name: 'html' | 'text'): unknown {
  let s = sefs.get(name);
  if (!s) {
    if (!existsSync(sefPath(name))) compileStylesheets();
    s = JSON.parse(readFileSync(sefPath(name), 'utf8')) as unknown;
    sefs.set(name, s);
  }
  return s;
}

function transform(name: 'html' | 'text', source: unknown, params: Record<string, unknown>): string {
  return SaxonJS.transform({ stylesheetInternal: stylesheet(name), sourceNode: source, destination: 'serialized', stylesheetParams: params }, 'sync')
    .principalResult;
}

/** The XML parsed once by SaxonJS, its tree shared by the three transforms. */
function parseForSaxon(xml: string): unknown {
  return SaxonJS.XPath.evaluate('parse-xml($xml)', null, { params: { xml } });
}

/**
 * Render one TEI document. The XML is checked first (well-formed, no entity declarations, not
 * nested too deep, TEI at the root, pointers that end: renderProblems): a fault is a SourceError
 * with its line and column. `checked`: the caller has parsed it already (the build, which has
 * just validated the converter's own output).
 */
export function renderTei(file: string, xml: string, name: string, checked = false): Rendered {
  const problems = checked ? [] : renderProblems(file, xml);
  if (problems.length) {
    const p = problems[0]!;
    throw new SourceError(file, { line: p.line, column: p.column }, p.message);
  }
  try {
    const source = parseForSaxon(xml);
    return {
      html: transform('html', source, { name }),
      diplomatic: transform('text', source, { view: 'diplomatic' }),
      normalized: transform('text', source, { view: 'normalized' }),
    };
  } catch (e) {
    throw new Error(`${file}: rendering failed: ${(e as Error).message}`);
  }
}

/** The files a rendered document is written to, under an editions folder. */
export function outputPaths(editions: string, name: string): { html: string; diplomatic: string; normalized: string } {
  return {
    html: join(editions, 'html', `${name}.html`),
    diplomatic: join(editions, 'text', `${name}.diplomatic.txt`),
    normalized: join(editions, 'text', `${name}.normalized.txt`),
  };
}

/** Write a rendered document (atomically). The pages need the assets beside them: copyAssets. */
export function writeRendered(editions: string, name: string, r: Rendered): void {
  const out = outputPaths(editions, name);
  writeFileAtomic(out.html, r.html);
  writeFileAtomic(out.diplomatic, r.diplomatic);
  writeFileAtomic(out.normalized, r.normalized);
}

export const ASSETS = ['edition.css', 'edition.js'];

/** The page style and script, beside the document pages of an editions folder. */
export function copyAssets(editions: string): void {
  const dir = join(editions, 'html');
  mkdirSync(dir, { recursive: true });
  for (const a of ASSETS) writeFileAtomic(join(dir, a), readFileSync(join(XSLT_DIR, 'assets', a)));
}
