/**
 * The local images a rendered TEI file shows, copied beside its page (`render`): the `graphic/@url`
 * of a facsimile's or sourceDoc's surfaces and zones, of a graphic a page break points to, of a
 * graphic in the text (a figure: xslt/rules.xsl), and every image URL of a `pb/@facs`
 * (xslt/facsimile.xsl shows the same),
 * resolved as the page resolves them (against the TEI file, through xml:base).
 *
 * - An absolute URL (http, https, a IIIF image service, file:) is left as it is: nothing is downloaded.
 * - A relative one that reaches a file inside the input's folder tree (the `root`, symbolic links
 *   resolved) is copied to `<editions>/images/<name>/<its path under the root>`, and the page points
 *   to the copy: the editions folder holds everything its pages show.
 * - If any local image lies outside the root, or cannot be read, nothing is copied and the page
 *   points to the images where they are (as it did before images were copied), with a warning.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as slimdom from 'slimdom';
import { TEI_NS } from '../validate/xml.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** One image to copy: from a file, to a path under the editions folder ('/'-separated). */
export interface ImageCopy {
  from: string;
  to: string;
}

export interface ImagePlan {
  /** The images to copy (none when the page points to the originals). */
  copies: ImageCopy[];
  /** Where the page should take relative URLs to be relative to: the TEI's place among the copies, or the TEI itself. */
  base: string;
  warnings: string[];
}

/** The relative and absolute image URLs of a document, each with the xml:base values above it, outermost first. */
export function imageReferences(document: slimdom.Document): { url: string; bases: string[] }[] {
  const out: { url: string; bases: string[] }[] = [];
  const root = document.documentElement;
  if (!root) return out;
  // The graphics the page shows: those of a facsimile or sourceDoc, those in the text, and those a page break points to.
  const pointed = new Set<string>();
  const collect = (e: slimdom.Element) => {
    if (e.localName === 'pb' && e.namespaceURI === TEI_NS) for (const t of (e.getAttribute('facs') ?? '').split(/\s+/)) if (t.startsWith('#')) pointed.add(t.slice(1));
    for (let c = e.firstElementChild; c; c = c.nextElementSibling) collect(c);
  };
  collect(root);
  const walk = (e: slimdom.Element, bases: string[], shown: boolean) => {
    const b = e.getAttributeNS(XML_NS, 'base');
    const here = b !== null ? [...bases, b.trim()] : bases;
    const inside = shown || (e.namespaceURI === TEI_NS && (e.localName === 'facsimile' || e.localName === 'sourceDoc' || e.localName === 'text'));
    if (e.namespaceURI === TEI_NS) {
      if (e.localName === 'graphic' && (inside || pointed.has(e.getAttributeNS(XML_NS, 'id') ?? ''))) {
        const u = e.getAttribute('url');
        if (u?.trim()) out.push({ url: u.trim(), bases: here });
      } else if (e.localName === 'pb') {
        for (const t of (e.getAttribute('facs') ?? '').split(/\s+/)) if (t && !t.startsWith('#')) out.push({ url: t, bases: here });
      }
    }
    for (let c = e.firstElementChild; c; c = c.nextElementSibling) walk(c, here, inside);
  };
  walk(root, [], false);
  return out;
}

const absolute = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');

/**
 * What to copy for the TEI file `tei` rendered as `name` into `editions`, and the base its page
 * resolves image URLs against. `root`: the input's folder tree (default: the TEI file's folder).
 */
export function planImages(tei: string, document: slimdom.Document, editions: string, name: string, root?: string): ImagePlan {
  const teiPath = resolve(tei);
  const rootDir = resolve(root ?? dirname(teiPath));
  const realRoot = existsSync(rootDir) ? realpathSync(rootDir) : rootDir;
  const original: ImagePlan = { copies: [], base: pathToFileURL(teiPath).href, warnings: [] };
  const copies = new Map<string, ImageCopy>();
  const warnings: string[] = [];
  const outside: string[] = [];
  for (const { url, bases } of imageReferences(document)) {
    if (absolute(url)) continue;
    let target: URL;
    try {
      let base = pathToFileURL(teiPath);
      for (const b of bases) base = new URL(b, base);
      if (base.protocol !== 'file:') continue;
      target = new URL(url, base);
    } catch {
      continue;
    }
    if (target.protocol !== 'file:') continue;
    const path = fileURLToPath(target);
    const rel = relative(rootDir, path);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      outside.push(url);
      continue;
    }
    if (!existsSync(path) || !statSync(path).isFile()) {
      warnings.push(`${tei}: the image ${url} (${relative(process.cwd(), path) || path}) does not exist`);
      continue;
    }
    const real = realpathSync(path);
    const realRel = relative(realRoot, real);
    if (realRel.startsWith('..') || isAbsolute(realRel)) {
      outside.push(url);
      continue;
    }
    const to = ['images', name, ...rel.split(sep)].join('/');
    copies.set(to, { from: real, to });
  }
  if (outside.length) {
    return {
      ...original,
      warnings: [
        ...warnings,
        `${tei}: images outside its folder tree (${outside.slice(0, 3).join(', ')}${outside.length > 3 ? ', …' : ''}) are not copied: no image is, and the page points to them where they are`,
      ],
    };
  }
  if (!copies.size) return { ...original, warnings };
  // The page resolves relative URLs as if the TEI stood among the copies.
  const virtual = join(resolve(editions), 'images', name, relative(rootDir, teiPath));
  return { copies: [...copies.values()], base: pathToFileURL(virtual).href, warnings };
}
