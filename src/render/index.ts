/**
 * Rendering with SaxonJS: each TEI file to one HTML page (both views) and two plain texts
 * (diplomatic, normalized), in ONE transform of one stylesheet (xslt/edition.xsl): the page is its
 * principal result, the texts its secondary results. The compiled stylesheet is loaded once per
 * process; SaxonJS prepares it again on every transform, so one transform pays that once.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import SaxonJS, { keepSaxonCode } from '../saxon.js';
import { withoutDoctype } from '../validate/xml.js';
import { outputPath, writeFileAtomic, writeIfChanged } from '../io.js';
import { loadTei } from './input.js';
import { planImages, type ImageCopy } from './images.js';
import { XSLT_DIR, compileStylesheets, sefPath } from './compile-xslt.js';
import { copyFacsimileAssets } from '../site/assets.js';

export interface Rendered {
  html: string;
  diplomatic: string;
  normalized: string;
  /** What rendering did to the file (an XInclude's fallback used, TEI P4 converted, images not copied), a line each. */
  warnings?: string[];
  /** The local images the page shows, to copy into the editions folder (writeRendered does). */
  images?: ImageCopy[];
}

let sef: unknown;

function stylesheet(): unknown {
  if (!sef) {
    if (!existsSync(sefPath('edition'))) compileStylesheets();
    sef = JSON.parse(readFileSync(sefPath('edition'), 'utf8')) as unknown;
  }
  return sef;
}

/** Where the texts' result documents (href diplomatic.txt, normalized.txt) resolve: never written, only named. */
const OUTPUT_BASE = 'file:///tei-edition/render/';

/**
 * Where a rendered TEI file is and where its page goes: relative image URLs (facsimiles) are
 * resolved against the TEI file and written relative to the page. Without it they stay as written.
 */
export interface RenderLocation {
  tei: string;
  page: string;
  /** The editions folder: local images are copied into it (images.ts) and the page points to the copies. */
  editions?: string;
  /** The folder tree XIncludes and images may be read from (default: the TEI file's folder). */
  root?: string;
}

/**
 * Render one TEI document. The XML is loaded first (input.ts: its XIncludes followed, TEI P4
 * converted, and checked: well-formed, no entity declarations, not nested too deep, TEI at the root,
 * pointers that end): a fault is a SourceError with its file, line and column. `checked`: the caller
 * has parsed it already (the build, which has just validated the converter's own output).
 */
export function renderTei(file: string, xml: string, name: string, checked = false, at?: RenderLocation): Rendered {
  const input = checked ? undefined : loadTei(file, xml, at?.root ? { includeRoot: at.root } : {});
  if (input) xml = input.xml;
  const images = at?.editions && input ? planImages(at.tei, input.document, at.editions, name, at.root) : undefined;
  const extra = input ? { warnings: [...input.warnings, ...(images?.warnings ?? [])], ...(images?.copies.length ? { images: images.copies } : {}) } : {};
  try {
    const r = SaxonJS.transform(
      {
        stylesheetInternal: stylesheet(),
        // No parser after ours reads a DTD: the declaration is blanked (renderProblems has checked it).
        sourceText: withoutDoctype(xml),
        destination: 'serialized',
        stylesheetParams: { name, ...(at ? { 'facs-base': images?.base ?? pathToFileURL(resolve(at.tei)).href, 'facs-page': pathToFileURL(resolve(at.page)).href } : {}) },
        baseOutputURI: OUTPUT_BASE,
        deliverResultDocument: () => ({ destination: 'serialized' }),
      },
      'sync',
    );
    keepSaxonCode();
    const text = (view: string): string => {
      const t = r.resultDocuments[`${OUTPUT_BASE}${view}.txt`];
      if (typeof t !== 'string') throw new Error(`no ${view} text`);
      return t;
    };
    return { html: r.principalResult, diplomatic: text('diplomatic'), normalized: text('normalized'), ...extra };
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

/** Write a rendered document (atomically), its images first. The pages need the assets beside them: copyAssets. */
export function writeRendered(editions: string, name: string, r: Rendered): void {
  for (const i of r.images ?? []) writeIfChanged(outputPath(editions, 'image', ...i.to.split('/')), readFileSync(i.from));
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
  copyFacsimileAssets(dir);
}
