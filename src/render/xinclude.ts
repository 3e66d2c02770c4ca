/**
 * XInclude (W3C XInclude 1.0, second edition), for `render` and `validate`: a TEI file assembled from
 * parts (a teiCorpus of files, a book of chapters, a manuscript's pages) is read as the one document
 * its xi:include elements make.
 *
 * What is followed: `href` relative to the including file (percent-escapes decoded), `parse="xml"`
 * (the default: the whole document's root element, or the element an `xpointer` identifies: a bare
 * name (an xml:id), the element() scheme (`element(ch1)`, `element(/1/2)`, `element(ch1/3)`) or
 * `xpointer(id('ch1'))`, several parts tried in turn) and `parse="text"` (the file as text, in its
 * `encoding`, UTF-8 by default; an included XML file in the encoding it declares, as src/validate/encoding.ts
 * reads the including one); an include without `href` points into its own document. `xi:fallback`
 * is used when the file is missing, cannot be read, is refused, or the pointer identifies nothing.
 * Without a fallback each is an error at the xi:include's line and column.
 *
 * What is refused: a URL (http:, file:, //host…: nothing is read from a network), an absolute path,
 * a path that leads outside the folder tree of the file rendered (the `root`: by default the folder
 * of the first file, symbolic links resolved), an include loop, and more than MAX_INCLUDES includes
 * or MAX_EXPANDED characters in all (a file that includes a file ten times that includes …).
 *
 * How: the text of each file is spliced, not re-serialised. The document is the including file's
 * text with each xi:include replaced by the included element's text; the included element's start
 * tag gets the namespace declarations in scope where it stood, its xml:lang, and an xml:base when it
 * comes from another folder (so that its relative image URLs still resolve). Every character of the
 * result knows where it came from (`locate`): a problem found in the assembled document is reported
 * at its own file, line and column. Each file is read and parsed once.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { SourceError } from '../transcription/source.js';
import { doctypeProblem, lineStarts, positionIn, type XmlPosition } from '../validate/xml.js';
import { decodeXml } from '../validate/encoding.js';

export const XI_NS = 'http://www.w3.org/2001/XInclude';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** At most this many includes are followed for one document. */
export const MAX_INCLUDES = 10_000;
/** At most this many characters (UTF-16 code units) in the assembled document. */
export const MAX_EXPANDED = 64 * 1024 * 1024;

export interface Located extends XmlPosition {
  file: string;
}

export interface Expanded {
  /** The assembled document. */
  xml: string;
  /** The files read for it besides the document itself, in the order first read. */
  included: string[];
  /** Where a position of the assembled document comes from. */
  locate(pos: XmlPosition): Located;
  /** What was skipped or replaced (a fallback used), one sentence each, with its place. */
  warnings: string[];
}

export interface XIncludeOptions {
  /** The folder tree included files must be inside (default: the folder of the document). */
  root?: string;
}

interface Elem {
  uri: string;
  local: string;
  qname: string;
  /** Offsets in the file's text: '<' of the start tag, just after its '>', just after the end tag. */
  start: number;
  startEnd: number;
  end: number;
  attrs: SaxesTagNS['attributes'];
  /** Namespaces declared on this element (prefix '' the default). */
  decls: Record<string, string>;
  parent: Elem | undefined;
  children: Elem[];
  /** It is an xi:include, or holds one. */
  hasInclude: boolean;
}

interface XmlFile {
  /** As shown in messages. */
  file: string;
  /** Absolute, for the file system. */
  path: string;
  text: string;
  lineStarts: number[];
  root: Elem;
  ids: Map<string, Elem>;
}

const isXi = (e: Elem, local: string) => e.uri === XI_NS && e.local === local;

/** Parse one file: its elements with their offsets. Not well-formed: a SourceError at the fault. */
function parseFile(file: string, path: string, text: string): XmlFile {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Elem[] = [];
  const ids = new Map<string, Elem>();
  let root: Elem | undefined;
  let tagStart = 0;
  parser.on('doctype', (doctype) => {
    const refused = doctypeProblem(doctype);
    if (refused) throw new SourceError(file, { line: parser.line, column: parser.column + 1 }, refused);
  });
  parser.on('opentagstart', (tag) => {
    tagStart = parser.position - tag.name.length - 2;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const parent = stack[stack.length - 1];
    const e: Elem = {
      uri: tag.uri,
      local: tag.local,
      qname: tag.name,
      start: tagStart,
      startEnd: parser.position,
      end: parser.position,
      attrs: tag.attributes,
      decls: { ...tag.ns },
      parent,
      children: [],
      hasInclude: tag.uri === XI_NS && tag.local === 'include',
    };
    if (parent) parent.children.push(e);
    else root = e;
    const id = tag.attributes['xml:id']?.value;
    if (id !== undefined && !ids.has(id)) ids.set(id, e);
    stack.push(e);
  });
  parser.on('closetag', () => {
    const e = stack.pop()!;
    e.end = parser.position;
    if (e.hasInclude && e.parent) e.parent.hasInclude = true;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof SourceError) throw e;
    const message = String((e as Error).message).replace(/^\d+:\d+: /, '');
    throw new SourceError(file, { line: parser.line, column: parser.column + 1 }, message);
  }
  if (!root) throw new SourceError(file, { line: 1, column: 1 }, 'no root element');
  return { file, path, text, lineStarts: lineStarts(text), root, ids };
}

/** A part of the assembled text: from `file` at `src` (copied), or made here (`made`: every character at `src`). */
interface Segment {
  out: number;
  file: XmlFile;
  src: number;
  made: boolean;
}

/** Where the quoted value of the attribute `name` of e's start tag is (offsets of its quotes, the closing one's end). */
function attributeValue(text: string, e: Elem, name: string): { from: number; to: number } | undefined {
  const tag = /\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/y;
  tag.lastIndex = e.start + 1 + e.qname.length;
  for (let m = tag.exec(text); m && tag.lastIndex <= e.startEnd; m = tag.exec(text)) {
    if (m[1] === name) return { from: tag.lastIndex - m[2]!.length, to: tag.lastIndex };
  }
  return undefined;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (e: Elem, name: string): string | undefined => {
  const a = e.attrs[name];
  return a && !a.prefix ? a.value : undefined;
};

/** Pointer parts of an xpointer attribute: a bare name, or scheme(body) parts (^ escapes ^ ( )). */
function pointerParts(pointer: string): { scheme: string; body: string }[] | undefined {
  const p = pointer.trim();
  if (/^[\p{L}_][\p{L}\p{N}_.\-·]*$/u.test(p)) return [{ scheme: '', body: p }];
  const parts: { scheme: string; body: string }[] = [];
  let i = 0;
  while (i < p.length) {
    while (/\s/.test(p[i] ?? '')) i++;
    if (i >= p.length) break;
    const m = /^([\p{L}_][\p{L}\p{N}_.\-:]*)\(/u.exec(p.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    let depth = 1;
    let body = '';
    for (; i < p.length && depth > 0; i++) {
      const c = p[i]!;
      if (c === '^') {
        body += p[++i] ?? '';
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
      body += c;
    }
    if (depth !== 0) return undefined;
    i++;
    parts.push({ scheme: m[1]!, body });
  }
  return parts.length ? parts : undefined;
}

/** The element a pointer identifies in a file, if any; `undefined` for a pointer of no scheme we know. */
function pointTo(doc: XmlFile, pointer: string): Elem | null | undefined {
  const parts = pointerParts(pointer);
  if (!parts) return undefined;
  let known = false;
  for (const { scheme, body } of parts) {
    let found: Elem | undefined;
    if (scheme === '') {
      known = true;
      found = doc.ids.get(body);
    } else if (scheme === 'element') {
      known = true;
      const steps = body.trim().split('/');
      let at: Elem | undefined;
      let k = 0;
      if (steps[0] === '') {
        // A child sequence from the document: /1 is the root element.
        if (steps[1] !== '1') continue;
        at = doc.root;
        k = 2;
      } else {
        at = doc.ids.get(steps[0]!);
        k = 1;
      }
      for (; at && k < steps.length; k++) {
        const n = /^[1-9]\d*$/.test(steps[k]!) ? Number(steps[k]) : 0;
        at = n ? at.children[n - 1] : undefined;
      }
      found = at;
    } else if (scheme === 'xpointer') {
      const m = /^\s*id\(\s*(?:'([^']*)'|"([^"]*)")\s*\)\s*$/.exec(body);
      if (!m) continue;
      known = true;
      found = doc.ids.get(m[1] ?? m[2]!);
    }
    if (found) return found;
  }
  return known ? null : undefined;
}

class FallbackNeeded extends Error {}

/**
 * Assemble the document `file` (its text `xml`) from its includes. A document without any
 * xi:include is returned as it is. Errors: SourceError, at the file, line and column of the fault.
 */
export function expandXIncludes(file: string, xml: string, options: XIncludeOptions = {}): Expanded {
  const identity: Expanded = { xml, included: [], locate: (pos) => ({ file, ...pos }), warnings: [] };
  if (!xml.includes(XI_NS)) return identity;
  const top = parseFile(file, resolve(file), xml);
  if (!top.root.hasInclude) return identity;

  const rootDir = resolve(options.root ?? dirname(top.path));
  const realRoot = existsSync(rootDir) ? realpathSync(rootDir) : rootDir;
  const inside = (p: string, under: string) => {
    const r = relative(under, p);
    return r === '' || (!r.startsWith('..') && !isAbsolute(r));
  };
  const files = new Map<string, XmlFile>([[top.path, top]]);
  const included: string[] = [];
  const warnings: string[] = [];
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let includes = 0;
  /** The xi:include elements being expanded (file path and offset): a second visit is a loop. */
  const chain: { doc: XmlFile; inc: Elem }[] = [];

  const where = (doc: XmlFile, offset: number) => positionIn(doc.lineStarts, offset);
  const fail = (doc: XmlFile, offset: number, message: string): never => {
    throw new SourceError(doc.file, where(doc, offset), message);
  };
  const emit = (text: string, doc: XmlFile, src: number, made: boolean) => {
    if (!text) return;
    segments.push({ out: length, file: doc, src, made });
    parts.push(text);
    length += text.length;
    if (length > MAX_EXPANDED) fail(doc, src, `the document with its includes is longer than ${MAX_EXPANDED} characters (the limit)`);
  };
  const copy = (doc: XmlFile, from: number, to: number) => emit(doc.text.slice(from, to), doc, from, false);

  /** The text from..to of a file, its includes (among `children` and below) expanded. */
  const span = (doc: XmlFile, from: number, to: number, children: Elem[]) => {
    let pos = from;
    for (const c of children) {
      if (!c.hasInclude || c.start < from || c.end > to) continue;
      if (isXi(c, 'include')) {
        copy(doc, pos, c.start);
        include(doc, c);
      } else {
        copy(doc, pos, c.startEnd);
        span(doc, c.startEnd, c.end, c.children);
      }
      pos = c.end;
    }
    copy(doc, pos, to);
  };

  /** An element of `doc` in place of an include of `into`: its start tag with what it needs to keep its meaning there. */
  const element = (doc: XmlFile, e: Elem, into: XmlFile, inc: Elem) => {
    if (isXi(e, 'include')) return include(doc, e);
    let extra = '';
    const scope: Record<string, string> = {};
    let lang: string | undefined;
    let base = pathToFileURL(doc.path);
    const ancestors: Elem[] = [];
    for (let a = e.parent; a; a = a.parent) ancestors.unshift(a);
    for (const a of ancestors) {
      Object.assign(scope, a.decls);
      lang = a.attrs['xml:lang']?.value ?? lang;
      const b = a.attrs['xml:base']?.value;
      if (b !== undefined) base = new URL(b, base);
    }
    for (const [prefix, uri] of Object.entries(scope)) {
      if (prefix in e.decls) continue;
      extra += prefix ? ` xmlns:${prefix}="${escapeAttr(uri)}"` : ` xmlns="${escapeAttr(uri)}"`;
    }
    if (!e.attrs['xml:lang'] && lang !== undefined) extra += ` xml:lang="${escapeAttr(lang)}"`;
    // The base the element had where it was written, said so that it holds at its new place: the
    // including file's folder, unless an element around the include sets a base of its own.
    let overridden = false;
    for (let a = inc.parent; a; a = a.parent) if (a.attrs['xml:base']) overridden = true;
    /** A URL as an xml:base at the new place: relative to the including file's folder when it can be. */
    const baseAt = (url: URL): string => {
      if (overridden || url.protocol !== 'file:') return url.href;
      const rel = relative(dirname(into.path), decodeURIComponent(url.pathname)).split(sep).join('/');
      const folder = url.pathname.endsWith('/');
      return encodeURI(rel === '' ? (folder ? './' : '') : folder ? `${rel}/` : rel);
    };
    const own = e.attrs['xml:base']?.value;
    // An own xml:base is resolved against the element's old base, and written again if that changes it.
    let rebase: { from: number; to: number; value: string } | undefined;
    if (own === undefined) {
      // Said only when the part's base differs from the including file's folder.
      const b = baseAt(base);
      if (overridden || b.includes('/')) extra += ` xml:base="${escapeAttr(b)}"`;
    } else {
      const value = baseAt(new URL(own, base));
      const at = attributeValue(doc.text, e, 'xml:base');
      if (at && value !== own) rebase = { ...at, value };
    }
    const nameEnd = e.start + 1 + e.qname.length;
    copy(doc, e.start, nameEnd);
    emit(extra, doc, e.start, true);
    if (rebase) {
      copy(doc, nameEnd, rebase.from);
      emit(`"${escapeAttr(rebase.value)}"`, doc, rebase.from, true);
      span(doc, rebase.to, e.end, e.children);
    } else span(doc, nameEnd, e.end, e.children);
  };

  /** Process one xi:include of `doc`. */
  const include = (doc: XmlFile, inc: Elem) => {
    const at = inc.start;
    if (chain.some((c) => c.doc === doc && c.inc === inc)) {
      const steps = [...chain.slice(chain.findIndex((c) => c.doc === doc && c.inc === inc)), { doc, inc }].map((c) => {
        const p = where(c.doc, c.inc.start);
        return `${c.doc.file}:${p.line}:${p.column}`;
      });
      fail(doc, at, `an include loop: ${steps.join(' → ')} (each xi:include includes the next)`);
    }
    if (++includes > MAX_INCLUDES) fail(doc, at, `more than ${MAX_INCLUDES} xi:include elements followed for one document (the limit)`);
    const fallbacks = inc.children.filter((c) => isXi(c, 'fallback'));
    if (fallbacks.length > 1) fail(doc, at, 'an xi:include has more than one xi:fallback');
    const other = inc.children.find((c) => c.uri === XI_NS && c.local !== 'fallback');
    if (other) fail(doc, other.start, `xi:${other.local} is not allowed inside xi:include`);
    const href = attr(inc, 'href') ?? '';
    const parse = attr(inc, 'parse') ?? 'xml';
    const pointer = attr(inc, 'xpointer');
    if (parse !== 'xml' && parse !== 'text') fail(doc, at, `xi:include parse="${parse}": only "xml" and "text" are defined`);
    if (parse === 'text' && pointer !== undefined) fail(doc, at, 'xi:include parse="text" with an xpointer: a pointer applies only to XML');
    if (href === '' && pointer === undefined) fail(doc, at, 'xi:include without href or xpointer: nothing to include');
    if (href.includes('#')) fail(doc, at, `xi:include href="${href}" has a fragment (#…): point into a file with xpointer="…"`);

    chain.push({ doc, inc });
    try {
      try {
        if (parse === 'text') {
          const target = locateFile(doc, at, href);
          const enc = attr(inc, 'encoding') ?? 'utf-8';
          let decoder: TextDecoder;
          try {
            decoder = new TextDecoder(enc, { fatal: true });
          } catch {
            return fail(doc, at, `xi:include encoding="${enc}" is not an encoding this tool knows`);
          }
          let text: string;
          try {
            text = decoder.decode(readFileSync(target.path));
          } catch (e) {
            if (e instanceof TypeError) return fail(doc, at, `${target.file} is not valid ${enc} (xi:include parse="text")`);
            throw new FallbackNeeded(`${target.file} cannot be read: ${(e as Error).message}`);
          }
          included.push(target.file);
          emit(escapeText(text), doc, at, true);
          return;
        }
        let target: XmlFile;
        if (href === '') target = doc;
        else {
          const t = locateFile(doc, at, href);
          let f = files.get(t.path);
          if (!f) {
            let bytes: Uint8Array;
            try {
              bytes = readFileSync(t.path);
            } catch (e) {
              throw new FallbackNeeded(`${t.file} cannot be read: ${(e as Error).message}`);
            }
            // In the encoding it declares, as the including file is read (bytes not of it: an error where they are).
            f = parseFile(t.file, t.path, decodeXml(t.file, bytes));
            files.set(t.path, f);
            included.push(t.file);
          }
          target = f;
        }
        let e: Elem = target.root;
        if (pointer !== undefined) {
          const found = pointTo(target, pointer);
          if (found === undefined) fail(doc, at, `xi:include xpointer="${pointer}": only a bare name, element() and xpointer(id('…')) are understood`);
          if (!found) throw new FallbackNeeded(`xpointer="${pointer}" identifies no element in ${target.file}`);
          e = found;
        }
        element(target, e, doc, inc);
      } catch (e) {
        if (!(e instanceof FallbackNeeded)) throw e;
        const fb = fallbacks[0];
        if (!fb) return fail(doc, at, `xi:include href="${href}": ${e.message}, and the include has no xi:fallback`);
        const p = where(doc, at);
        warnings.push(`${doc.file}:${p.line}:${p.column}: xi:include href="${href}": ${e.message}; its xi:fallback is used`);
        // The fallback's content stands where the include stood (its end tag's '<' ends it).
        const innerEnd = fb.end === fb.startEnd ? fb.end : doc.text.lastIndexOf('</', fb.end - 1);
        span(doc, fb.startEnd, innerEnd, fb.children);
      }
    } finally {
      chain.pop();
    }
  };

  /** The file an href names, checked: not a URL, not absolute, inside the root folder, existing. */
  const locateFile = (doc: XmlFile, at: number, href: string): { file: string; path: string } => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('\\\\')) {
      throw new FallbackNeeded(`a URL is not followed (render reads no network and only files inside ${shown(rootDir)})`);
    }
    let decoded = href;
    try {
      decoded = decodeURIComponent(href);
    } catch {
      // A lone % is a file name character here.
    }
    if (isAbsolute(decoded)) throw new FallbackNeeded(`an absolute path is not followed (only files inside ${shown(rootDir)}, by relative paths)`);
    const path = resolve(dirname(doc.path), decoded);
    const file = join(dirname(doc.file), decoded);
    if (!inside(path, rootDir)) throw new FallbackNeeded(`${file} is outside ${shown(rootDir)}, the folder tree includes are read from`);
    if (!existsSync(path)) throw new FallbackNeeded(`${file} does not exist`);
    const real = realpathSync(path);
    if (!inside(real, realRoot)) throw new FallbackNeeded(`${file} leads outside ${shown(rootDir)} (a symbolic link)`);
    if (statSync(real).isDirectory()) throw new FallbackNeeded(`${file} is a folder`);
    return { file, path: real };
  };

  span(top, 0, top.text.length, [top.root]);
  const out = parts.join('');
  const outStarts = lineStarts(out);
  const locate = (pos: XmlPosition): Located => {
    const offset = Math.min(out.length, (outStarts[pos.line - 1] ?? out.length) + pos.column - 1);
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.out <= offset) lo = mid;
      else hi = mid - 1;
    }
    const s = segments[lo];
    if (!s) return { file, ...pos };
    const src = s.made ? s.src : s.src + (offset - s.out);
    return { file: s.file.file, ...where(s.file, src) };
  };
  return { xml: out, included, locate, warnings };
}

function shown(dir: string): string {
  const r = relative(process.cwd(), dir);
  return r === '' ? 'the current folder' : r.startsWith('..') || isAbsolute(r) ? dir : r;
}
