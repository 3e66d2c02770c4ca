/**
 * The corpus of real TEI (tests/corpus/<project>/*.xml, tests/corpus/README.md): which words of a
 * file's text each view must show, and which words an output shows. Used by tests/corpus.test.ts
 * and by `npx tsx tests/corpus.ts` (a table of words lost per project, for docs/editions.md).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as slimdom from 'slimdom';
import { parseXml, TEI_NS } from '../src/validate/xml.js';
import { expandXIncludes } from '../src/render/xinclude.js';

export const CORPUS = join(import.meta.dirname, 'corpus');

export interface CorpusFile {
  project: string;
  file: string;
  path: string;
}

export function corpusFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  // shared/: files that files of several projects include (XInclude), not documents of their own.
  for (const project of readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'shared').map((d) => d.name).sort()) {
    for (const file of readdirSync(join(CORPUS, project)).filter((f) => f.endsWith('.xml')).sort()) out.push({ project, file, path: join(CORPUS, project, file) });
  }
  return out;
}

export type View = 'diplomatic' | 'normalized';

/**
 * Phrase-level elements: their edges are not word boundaries (a word may be half in <hi>, half
 * out; "exceed<add>ed</add>"). Every other element's edges are (a line, a cell, a paragraph, a
 * note moved to the notes). lb, pb and cb with break="no" join the words on either side.
 */
const INLINE = new Set(
  ('hi emph foreign term gloss mentioned soCalled said choice sic corr abbr expan orig reg am ex unclear supplied damage retrace restore ' +
    'subst mod add del seg c g w pc persName placeName orgName name rs roleName forename surname addName genName nameLink date time num ' +
    'measure ref title distinct hi handShift secl surplus metamark redo undo milestone anchor index').split(' '),
);

/** Elements whose words a view leaves out by design (docs/editions.md "What each view leaves out"). */
function dropped(e: slimdom.Element, view: View): boolean {
  if (e.namespaceURI !== TEI_NS) return false;
  const n = e.localName;
  const parent = e.parentElement;
  const inChoice = parent?.localName === 'choice' && parent.namespaceURI === TEI_NS;
  const type = e.getAttribute('type');
  if (n === 'teiHeader' || n === 'facsimile' || n === 'standOff') return true;
  // An acronym's expansion is listed with the text (Abbreviations), not in it.
  if (n === 'expan' && inChoice && [...parent!.children].some((c) => c.localName === 'abbr' && c.getAttribute('type') === 'acronym')) return true;
  if (view === 'diplomatic') {
    // The editor's side of a choice: the diplomatic view shows what is written.
    return inChoice && ['corr', 'expan', 'reg'].includes(n) && [...parent!.children].some((c) => ['sic', 'abbr', 'orig'].includes(c.localName));
  }
  if (inChoice && ['sic', 'abbr', 'orig'].includes(n) && [...parent!.children].some((c) => ['corr', 'expan', 'reg'].includes(c.localName))) return true;
  if (n === 'del' || n === 'fw' || n === 'stamp' || n === 'surplus') return true;
  if (n === 'abbr' && type === 'quote' && !inChoice) return true;
  if (n === 'head' && type === 'transcriber') return true;
  // The reading text follows the first witness; an apparatus's readings are not in the reading text.
  if (n === 'div' && type === 'witness' && [...(parent?.children ?? [])].indexOf(e) > [...(parent?.children ?? [])].findIndex((c) => c.getAttribute('type') === 'witness')) return true;
  if (n === 'rdg' || n === 'rdgGrp' || n === 'witDetail') return true;
  return false;
}

/** Words: runs of letters, marks and digits. */
export function words(s: string): string[] {
  return s.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

const REGISTERS = new Set(['listPerson', 'listPlace', 'listOrg', 'listBibl', 'listEvent', 'listNym', 'listObject', 'listRelation']);

/**
 * Where a document's text is: every top-level text (and sourceDoc) of a TEI or teiCorpus, or a TEI
 * fragment's root (a surface); and the registers shown with it (the header's particDesc and
 * settingDesc, the standOff's lists).
 */
export function textRoots(doc: slimdom.Document): slimdom.Element[] {
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== TEI_NS) return [];
  if (root.localName !== 'TEI' && root.localName !== 'teiCorpus') return [root];
  const out: slimdom.Element[] = [];
  const tei = (e: slimdom.Element, name: string) => e.namespaceURI === TEI_NS && e.localName === name;
  const registers = (e: slimdom.Element | undefined) => (e ? [...e.children].filter((c) => c.namespaceURI === TEI_NS && REGISTERS.has(c.localName)) : []);
  const walk = (e: slimdom.Element) => {
    for (const c of e.children) {
      if (tei(c, 'text') || tei(c, 'sourceDoc')) out.push(c);
      else if (tei(c, 'TEI') || tei(c, 'teiCorpus')) walk(c);
      else if (tei(c, 'standOff') && tei(e, 'TEI')) out.push(...registers(c));
      else if (tei(c, 'teiHeader') && tei(e, 'TEI')) {
        const profile = [...c.children].find((p) => tei(p, 'profileDesc'));
        for (const d of profile?.children ?? []) if (tei(d, 'particDesc') || tei(d, 'settingDesc')) out.push(...registers(d));
      }
    }
  };
  walk(root);
  return out;
}

/** The words of a document's text a view must show, in order. */
export function sourceWords(xml: string, view: View): string[] {
  const { parsed, problems } = parseXml('corpus.xml', xml);
  if (!parsed) throw new Error(problems[0]?.message);
  const parts: string[] = [];
  const walk = (n: slimdom.Node) => {
    if (n.nodeType === 3) {
      parts.push((n as slimdom.Text).data);
      return;
    }
    if (n.nodeType !== 1) return;
    const e = n as slimdom.Element;
    const joins = ['lb', 'pb', 'cb'].includes(e.localName) && e.getAttribute('break') === 'no';
    const inline = joins || (e.namespaceURI === TEI_NS && INLINE.has(e.localName));
    if (dropped(e, view)) {
      if (!inline) parts.push(' ');
      return;
    }
    if (!inline) parts.push(' ');
    for (const c of e.childNodes) walk(c);
    if (!inline) parts.push(' ');
  };
  for (const r of textRoots(parsed.document)) walk(r);
  // A line broken inside a word (break="no"): the white space around the break is not a word boundary.
  return words(parts.join(''));
}

/** The words of a plain-text output: its signs ([- -] deleted, \inserted/, { } another hand) are not boundaries. */
export function textWords(text: string): string[] {
  return words(text.replace(/\[-|-\]|[{}]/g, '').replace(/\\([^\\/]*)\//g, '$1'));
}

/** One view's section of an HTML page, its visible words (tags of blocks are boundaries, of phrases not). */
export function htmlWords(html: string, view: View): string[] {
  const m = new RegExp(`<section class="view view-${view}"[\\s\\S]*?(?=<section class="view view-|<section class="persons-named|<section class="cite|</main>)`).exec(html);
  if (!m) throw new Error(`no ${view} view`);
  const visible = m[0]
    .replace(/<span class="sr-only">[^<]*<\/span>/g, '')
    .replace(/<a class="(noteref|anchor|backref)[^"]*"[\s\S]*?<\/a>/g, ' ')
    .replace(/<button[\s\S]*?<\/button>/g, ' ')
    .replace(/<\/?(span|a|i|b|em|strong|del|ins|sup|sub|abbr|q|mark|small|s|u|bdi|cite|code)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)));
  return words(visible);
}

/** The words of `expected` the output lacks (as a multiset: a word twice in the text must be there twice). */
export function missing(expected: string[], got: string[]): string[] {
  const have = new Map<string, number>();
  for (const w of got) have.set(w, (have.get(w) ?? 0) + 1);
  const lost: string[] = [];
  for (const w of expected) {
    const n = have.get(w) ?? 0;
    if (n > 0) have.set(w, n - 1);
    else lost.push(w);
  }
  return lost;
}

export function readCorpusFile(f: CorpusFile): string {
  return readFileSync(f.path, 'utf8');
}

/** A corpus file as rendering reads it: its XIncludes followed (the corpus folder is the tree they may read). */
export function assembledCorpusFile(f: CorpusFile): string {
  return expandXIncludes(f.path, readCorpusFile(f), { root: CORPUS }).xml;
}
