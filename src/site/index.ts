/**
 * The edition site (editions/): the title page with the table of documents, the persons index,
 * the abbreviations, the editorial interventions, the transcription conventions, and a full-text
 * search that works with no server (MiniSearch, its index prebuilt and loaded by a script tag, so
 * that it works from file:// too). The pages are written by the XSLT, as the document pages are
 * (src/render), in the same page shell (xslt/shell.xsl): xslt/site.xsl, given the site's data as
 * JSON (siteData), in one transform; sitemap.xml too, when the edition gives its URL.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import SaxonJS from '../saxon.js';
import type { Inline, TranscribedDocument } from '../transcription/model.js';
import { blockLines, siglum } from '../transcription/model.js';
import { inlineText } from '../transcription/inline.js';
import { availabilityOf, rightsStatements, type DocumentMeta, type EditionMeta } from '../enrich/metadata.js';
import type { Registers } from '../enrich/registers.js';
import type { Collation } from '../enrich/collate.js';
import { excisionLedger } from '../enrich/collate.js';
import { paragraphIds } from '../tei/build.js';
import { formatIsoDate } from '../enrich/dates.js';
import { writeFileAtomic } from '../io.js';
import { dependencyDir } from '../paths.js';
import { XSLT_DIR, compileStylesheets, sefPath } from '../render/compile-xslt.js';
import { SEARCH_SCRIPTS as SEARCH_INDEX_SCRIPTS, writeSearch, type SearchUnit } from './search.js';

/**
 * What the site needs of one document, computed where the document is built (in any worker) and
 * kept beside the outputs, so that the edition-wide pages are a merge of small records: no
 * document model is held to the end of a build, and an unchanged document is not read again.
 */
export interface SiteRecord {
  name: string;
  title: string;
  meta: DocumentMeta;
  copies: number;
  invalid?: boolean;
  /** Each register person the document names, and the paragraph (anchor) naming them. */
  mentions: { ref: string; anchor?: string }[];
  /** Corrections, expansions, excisions: the interventions page's entries. */
  interventions: { kind: 'correction' | 'expansion' | 'excision' | 'excised'; copy?: string; anchor?: string; original?: string; regular?: string; words?: number }[];
}

/** The site record of a built document. */
export function siteRecord(d: SiteDocument): SiteRecord {
  const mentions: SiteRecord['mentions'] = [];
  const interventions: SiteRecord['interventions'] = [];
  const several = d.doc.witnesses.length > 1;
  d.doc.witnesses.forEach((w) => {
    const ids = paragraphIds(w);
    const copy = several ? siglum(w.id) : undefined;
    w.blocks.forEach((b) => {
      const anchor = ids.get(b);
      const at = { ...(copy ? { copy } : {}), ...(anchor ? { anchor } : {}) };
      const lines = blockLines(b);
      for (const line of lines) {
        walkInlines(line.inlines, (n) => {
          if (n.kind === 'name' && n.ref && !mentions.some((m) => m.ref === n.ref && m.anchor === anchor)) mentions.push({ ref: n.ref, ...(anchor ? { anchor } : {}) });
          if (n.kind === 'choice' && (n.type === 'correction' || n.type === 'expansion')) interventions.push({ kind: n.type, ...at, original: inlineText(n.original), regular: n.regular });
          if (n.kind === 'excision') interventions.push({ kind: 'excision', ...at });
        });
      }
    });
  });
  for (const e of excisionLedger(d.collations)) interventions.push({ kind: 'excised', copy: siglum(e.witness), original: e.text, words: e.words });
  return { name: d.name, title: d.title, meta: d.meta, copies: d.doc.witnesses.length, ...(d.invalid ? { invalid: true } : {}), mentions, interventions };
}

export interface SiteDocument {
  name: string;
  title: string;
  meta: DocumentMeta;
  doc: TranscribedDocument;
  collations: Collation[];
  /** Not valid against the project schema and rules, published because the editor asked (build --include-invalid). */
  invalid?: boolean;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The anchor of an abbreviation on abbreviations.html (xslt/html.xsl te:abbr-id: the same). */
export const abbrId = (abbr: string) => `abbr-${abbr.replace(/[^A-Za-z0-9]/g, '_')}`;

/** How to cite the edition as a whole. */
function editionCitation(edition: EditionMeta): string {
  const editors = edition.editors.map((e) => e.name).join(', ');
  const title = edition.subtitle ? `${edition.title}: ${edition.subtitle}` : edition.title;
  const parts = [`${title}${editors ? `, edited by ${editors}` : ''}.`, `${[edition.publisher, edition.date].filter(Boolean).join(', ')}.`];
  if (edition.url) parts.push(`${edition.url}.`);
  return parts.join(' ');
}

function walkInlines(nodes: Inline[], f: (n: Inline) => void): void {
  for (const n of nodes) {
    f(n);
    if ('children' in n) walkInlines(n.children, f);
    if (n.kind === 'choice') walkInlines(n.original, f);
  }
}

export interface SiteInput {
  dir: string;
  edition: EditionMeta;
  registers: Registers;
  documents: SiteRecord[];
  /** A document's search units (src/site/search.ts), read when the search index is written. */
  searchUnits: (name: string) => SearchUnit[];
  /** What identifies a document's search units, and where the search merge keeps its state: the index is then updated, not written whole. */
  searchStamp?: (name: string) => string | undefined;
  searchState?: string;
}

/** Where the site transform's pages resolve: never written there, only named (src/render: the same). */
const OUTPUT_BASE = 'file:///tei-edition/site/';

/** What the site's pages show, sorted and grouped: the parameter of xslt/site.xsl (as JSON). */
export function siteData(input: SiteInput): unknown {
  const { edition, registers } = input;
  const docs = [...input.documents].sort((a, b) => (a.meta.date ?? '').localeCompare(b.meta.date ?? '') || a.name.localeCompare(b.name));
  const mentions = new Map<string, Map<SiteRecord, string[]>>();
  for (const d of docs) {
    for (const m of d.mentions) {
      const byDoc = mentions.get(m.ref) ?? new Map<SiteRecord, string[]>();
      const anchors = byDoc.get(d) ?? [];
      mentions.set(m.ref, byDoc.set(d, anchors));
      if (m.anchor) anchors.push(m.anchor);
    }
  }
  const ids = new Set<string>();
  return {
    edition: {
      id: edition.id,
      title: edition.title,
      subtitle: edition.subtitle,
      // As the TEI of each document names the edition (its title type="sub"): the header of every page.
      fullTitle: `${edition.title}${edition.subtitle ? `: ${edition.subtitle}` : ''}`,
      editors: edition.editors.map((e) => e.name),
      publisher: edition.publisher,
      date: edition.date,
      url: edition.url,
      language: edition.language,
      citation: editionCitation(edition),
      rights: rightsStatements(edition),
      licences: availabilityOf(edition).licences.map((l) => l.target),
    },
    documents: docs.map((d) => ({
      name: d.name,
      title: d.title,
      date: d.meta.date,
      dateText: d.meta.date ? formatIsoDate(d.meta.date) : undefined,
      type: d.meta.type,
      classification: d.meta.classification,
      copies: d.copies,
      invalid: d.invalid,
    })),
    persons: [...registers.persons]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        wikidata: p.wikidata,
        viaf: p.viaf,
        mentions: [...(mentions.get(p.id) ?? [])].map(([d, anchors]) => ({ doc: d.name, title: d.title, anchors })),
      })),
    abbreviations: [...registers.abbreviations]
      .sort((a, b) => a.abbr[0]!.localeCompare(b.abbr[0]!))
      .map((a) => ({
        // The first form with an id is its anchor (document pages link acronyms to it).
        forms: a.abbr.map((text) => {
          const id = abbrId(text);
          if (ids.has(id)) return { text };
          ids.add(id);
          return { text, id };
        }),
        expansion: a.type === 'quote' ? `telegraphic quotation mark (${a.expan})` : a.expan,
        acronym: a.type === 'acronym',
        gloss: a.type === 'gloss',
      })),
    interventions: docs.flatMap((d) => d.interventions.map((n) => ({ ...n, doc: d.name, title: d.title }))),
    search: { scripts: SEARCH_SCRIPTS },
  };
}

/** The search page's scripts: the document pages' markText (edition.js), then the split index's loader (src/site/search.ts). */
const SEARCH_SCRIPTS = ['html/edition.js', ...SEARCH_INDEX_SCRIPTS];

/** The parts of the site's data each file shows (the edition's own, all of them). */
const PAGE_DATA: Record<string, string[]> = {
  'index.html': ['documents'],
  'persons.html': ['persons'],
  'abbreviations.html': ['abbreviations'],
  'interventions.html': ['interventions'],
  'search.html': ['search', 'documents'],
  'conventions.html': [],
  'package-note.html': [],
  'sitemap.xml': ['documents'],
};

/**
 * The site's pages (xslt/site.xsl, one transform): file name and content; `pages`: only these
 * (default all), given only the data they show.
 */
export function renderSite(input: SiteInput, pages: string[] = Object.keys(PAGE_DATA), data = siteData(input) as Record<string, unknown>): Map<string, string> {
  const keys = new Set(['edition', ...pages.flatMap((p) => PAGE_DATA[p] ?? [])]);
  const r = SaxonJS.transform(
    {
      stylesheetInternal: siteStylesheet().sef,
      initialTemplate: 'Q{http://www.w3.org/1999/XSL/Transform}initial-template',
      // A plain object (no undefined members): SaxonJS passes it as a map, its arrays as sequences.
      stylesheetParams: { site: JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(data).filter(([k]) => keys.has(k))))) as unknown, pages },
      destination: 'serialized',
      baseOutputURI: OUTPUT_BASE,
      deliverResultDocument: () => ({ destination: 'serialized' }),
    },
    'sync',
  );
  const out = new Map<string, string>();
  for (const [uri, content] of Object.entries(r.resultDocuments)) {
    const file = uri.startsWith(OUTPUT_BASE) ? uri.slice(OUTPUT_BASE.length) : '';
    if (!pages.includes(file) || typeof content !== 'string') throw new Error(`xslt/site.xsl wrote an unexpected result document: ${uri}`);
    out.set(file, content);
  }
  return out;
}

let siteSef: { sef: unknown; hash: string } | undefined;
function siteStylesheet(): { sef: unknown; hash: string } {
  if (!siteSef) {
    if (!existsSync(sefPath('site'))) compileStylesheets();
    const text = readFileSync(sefPath('site'), 'utf8');
    siteSef = { sef: JSON.parse(text) as unknown, hash: sha256(text) };
  }
  return siteSef;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * What the last build wrote of the site's pages (editions/.site-pages.json, hidden: not part of the
 * edition): for each file, the hash of what it showed (its data and the stylesheet) and of its bytes.
 * A page whose data is unchanged and whose file is as written is not rendered again (SaxonJS takes
 * seconds over a large edition's registers, on every build).
 */
const PAGES_STATE = '.site-pages.json';

export function buildSite(input: SiteInput): void {
  const { dir } = input;
  const docs = input.documents;
  mkdirSync(dir, { recursive: true });
  const data = siteData(input) as Record<string, unknown>;
  const statePath = join(dir, PAGES_STATE);
  let state: Record<string, { input: string; output: string }> = {};
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8')) as typeof state;
  } catch {
    state = {};
  }
  const inputs = Object.fromEntries(
    Object.entries(PAGE_DATA).map(([file, keys]) => [file, sha256(JSON.stringify([siteStylesheet().hash, ...['edition', ...keys].map((k) => data[k] ?? null)]))]),
  );
  const current = (file: string) => {
    try {
      return sha256(readFileSync(join(dir, file), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const stale = Object.keys(PAGE_DATA).filter((f) => state[f]?.input !== inputs[f] || (state[f]?.output !== 'none' && current(f) !== state[f]?.output));
  const pages = stale.length ? renderSite(input, stale, data) : new Map<string, string>();
  const next: typeof state = {};
  for (const f of Object.keys(PAGE_DATA)) {
    const content = pages.get(f);
    if (content !== undefined) {
      writeFileAtomic(join(dir, f), content);
      next[f] = { input: inputs[f]!, output: sha256(content) };
    } else if (stale.includes(f)) {
      // Not written (sitemap.xml of an edition that no longer states its URL): none left behind.
      rmSync(join(dir, f), { force: true });
      next[f] = { input: inputs[f]!, output: 'none' };
    } else next[f] = state[f]!;
  }
  writeFileAtomic(statePath, JSON.stringify(next) + '\n');

  // Search: the index and its scripts (src/site/search.ts).
  writeSearch(
    dir,
    docs.map((d) => ({ name: d.name, title: d.title, type: d.meta.type, date: d.meta.date, stamp: input.searchStamp?.(d.name) })),
    input.searchUnits,
    input.searchState ? { state: input.searchState } : {},
  );

  // Assets: the page style and scripts.
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileAtomic(join(dir, 'site.js'), readFileSync(join(XSLT_DIR, 'assets', 'site.js')));
}
