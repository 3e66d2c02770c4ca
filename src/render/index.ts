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

/**
 * The page's text rendered once for both views. Where the two views of a document cannot differ
 * (xslt/rules.xsl, te:views-differ: none of the elements the rule table renders differently in each
 * view), the compiled stylesheet renders the text in the first view only, between two comments, with
 * a mark (a noncharacter) where each view writes its id prefix, and a comment in every other view's
 * place: the text is copied there, with each view's prefix, as a string. A document that holds the
 * mark itself is rendered in each view (stylesheet parameter one-text).
 *
 * PREFIX_MARK: the mark as the serializer writes it, in text and attributes, and escaped in URI
 * attributes; HOLDS_MARK: the mark in a source document, also as a character reference.
 */
const PREFIX_MARK = /\uFDD0|%EF%B7%90/gi;
const HOLDS_MARK = /\uFDD0|&#x0*fdd0;|&#0*64976;|%EF%B7%90/i;
const ONE_TEXT = /<!--te:one-text prefix="([^"]*)"-->([\s\S]*?)<!--\/te:one-text-->/;
const ONE_TEXT_COPY = /<!--te:one-text-copy prefix="([^"]*)"-->/g;

/** The page with its text written in every view (see ONE_TEXT); a page without the marks as it is. */
export function writeOneText(html: string): string {
  const one = ONE_TEXT.exec(html);
  if (!one) return html;
  const text = one[2]!.split(PREFIX_MARK);
  const inView = (prefix: string) => text.join(prefix);
  return (html.slice(0, one.index) + inView(one[1]!) + html.slice(one.index + one[0].length)).replace(ONE_TEXT_COPY, (_, prefix: string) => inView(prefix));
}

/** Run the document stylesheet (compiled, or any SEF of xslt/edition.xsl) on a document: the page and the two texts. */
export function transformEdition(sef: unknown, xml: string, params: Record<string, unknown>): { html: string; diplomatic: string; normalized: string } {
  const r = SaxonJS.transform(
    {
      stylesheetInternal: sef,
      sourceText: xml,
      destination: 'serialized',
      stylesheetParams: { ...params, ...(HOLDS_MARK.test(xml) ? { 'one-text': false } : {}) },
      baseOutputURI: OUTPUT_BASE,
      deliverResultDocument: () => ({ destination: 'serialized' }),
    },
    'sync',
  );
  const text = (view: string): string => {
    const t = r.resultDocuments[`${OUTPUT_BASE}${view}.txt`];
    if (typeof t !== 'string') throw new Error(`no ${view} text`);
    return t;
  };
  return { html: writeOneText(r.principalResult), diplomatic: text('diplomatic'), normalized: text('normalized') };
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
    const out = transformEdition(stylesheet(), withoutDoctype(xml), {
      name,
      ...(at ? { 'facs-base': images?.base ?? pathToFileURL(resolve(at.tei)).href, 'facs-page': pathToFileURL(resolve(at.page)).href } : {}),
    });
    keepSaxonCode();
    return { ...out, ...extra };
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
