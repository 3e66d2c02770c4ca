/**
 * The edition site (editions/): the title page with the table of documents, the persons index,
 * the abbreviations, the editorial interventions, the transcription conventions, and a full-text
 * search that works with no server (MiniSearch, its index prebuilt and loaded by a script tag, so
 * that it works from file:// too). Document pages are rendered by the XSLT (src/render).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Inline, TranscribedDocument } from '../transcription/model.js';
import { blockLines, siglum } from '../transcription/model.js';
import { inlineText } from '../transcription/inline.js';
import { rightsStatements, type DocumentMeta, type EditionMeta } from '../enrich/metadata.js';
import type { Abbreviation, Registers } from '../enrich/registers.js';
import type { Collation } from '../enrich/collate.js';
import { excisionLedger } from '../enrich/collate.js';
import { paragraphIds } from '../tei/build.js';
import { formatIsoDate } from '../enrich/dates.js';
import { writeFileAtomic } from '../io.js';
import { XSLT_DIR } from '../render/compile-xslt.js';
import { SEARCH_SCRIPTS, writeSearch, type SearchUnit } from './search.js';

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

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PAGES = [
  ['index.html', 'Documents'],
  ['persons.html', 'Persons'],
  ['abbreviations.html', 'Abbreviations'],
  ['interventions.html', 'Editorial interventions'],
  ['search.html', 'Search'],
  ['conventions.html', 'Conventions'],
] as const;

/** A site page: the same header, navigation and footer everywhere. */
function page(edition: EditionMeta, file: string, title: string, body: string, scripts: string[] = []): string {
  const nav = PAGES.map(([f, label]) => `<li><a href="${f}"${f === file ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="${esc(edition.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ${esc(edition.title)}</title>
<link rel="stylesheet" href="html/edition.css">
</head>
<body class="site-page">
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header">
<p class="edition-title"><a href="index.html">${esc(edition.title)}</a></p>
<nav class="site-nav" aria-label="Edition"><ul>${nav}</ul></nav>
</header>
<main id="main">
<h1>${esc(title)}</h1>
${body}
</main>
<footer class="doc-footer">
${rightsStatements(edition).map((t) => `<p>${esc(t)}</p>`).join('\n')}
</footer>
${scripts.map((s) => `<script src="${s}"></script>`).join('\n')}
</body>
</html>
`;
}

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

function docLink(d: { name: string }, anchor?: string, view: 'diplomatic' | 'normalized' = 'normalized'): string {
  return `html/${encodeURIComponent(d.name)}.html#view=${view}${anchor ? `&at=${encodeURIComponent(anchor)}` : ''}`;
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
}

export function buildSite(input: SiteInput): void {
  const { dir, edition, registers } = input;
  const docs = [...input.documents].sort((a, b) => (a.meta.date ?? '').localeCompare(b.meta.date ?? '') || a.name.localeCompare(b.name));
  mkdirSync(dir, { recursive: true });
  const write = (file: string, title: string, body: string, scripts?: string[]) => writeFileAtomic(join(dir, file), page(edition, file, title, body, scripts));

  // The title page and the table of documents.
  const rows = docs
    .map((d) => {
      const date = d.meta.date ? `<time datetime="${esc(d.meta.date)}">${esc(formatIsoDate(d.meta.date))}</time>` : 'undated';
      const copies = d.copies > 1 ? `${d.copies} copies` : '1 copy';
      const invalid = d.invalid ? ' <strong class="invalid">(not valid: see the build report)</strong>' : '';
      return `<tr data-date="${esc(d.meta.date ?? '')}"${d.invalid ? ' class="invalid"' : ''}><td>${date}</td><td><a href="html/${esc(d.name)}.html">${esc(d.title)}</a>${invalid}</td><td>${esc(d.meta.type ?? '')}</td><td>${esc(d.meta.classification ?? '')}</td><td>${copies}</td><td><a href="tei/${esc(d.name)}.xml">TEI</a> · <a href="text/${esc(d.name)}.diplomatic.txt">diplomatic text</a> · <a href="text/${esc(d.name)}.normalized.txt">reading text</a></td></tr>`;
    })
    .join('\n');
  const editors = edition.editors.map((e) => esc(e.name)).join(', ');
  write(
    'index.html',
    edition.title,
    `${edition.subtitle ? `<p class="subtitle">${esc(edition.subtitle)}</p>` : ''}
<p>Edited by ${editors || 'the editors'}. Published by ${esc(edition.publisher)}${edition.date ? `, ${esc(edition.date)}` : ''}.</p>
<p>Each document page shows a <strong>diplomatic transcription</strong> (what the page shows: deletions struck, insertions raised, stamps and markings) and a <strong>reading text</strong> (corrected, abbreviations expanded, notes numbered); a switch on the page changes the view.</p>
<div class="table-scroll" role="region" aria-label="The documents of the edition (scrolls sideways)" tabindex="0">
<table class="documents">
<caption>The documents of the edition</caption>
<thead><tr><th scope="col" aria-sort="ascending"><button type="button" class="sort" data-sort="date">Date</button></th><th scope="col">Title</th><th scope="col">Type</th><th scope="col">Classification</th><th scope="col">Copies</th><th scope="col">Downloads</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
<section class="cite" aria-labelledby="cite-title">
<h2 id="cite-title">How to cite</h2>
<p class="citation">${esc(editionCitation(edition))}</p>
</section>
<p><a href="package-note.html">About the deposit package</a></p>`,
    ['site.js'],
  );

  // The persons index: each person with role, and every place that names them.
  const mentions = new Map<string, { d: SiteRecord; anchor?: string }[]>();
  for (const d of docs) {
    for (const m of d.mentions) mentions.set(m.ref, [...(mentions.get(m.ref) ?? []), { d, ...(m.anchor ? { anchor: m.anchor } : {}) }]);
  }
  const persons = [...registers.persons].sort((a, b) => a.name.localeCompare(b.name));
  write(
    'persons.html',
    'Persons',
    `<p>Every person the documents name, as the register identifies them, with the places that name them.</p>
<dl class="persons">
${persons
  .map((p) => {
    const ms = mentions.get(p.id) ?? [];
    const byDoc = new Map<SiteRecord, (string | undefined)[]>();
    for (const m of ms) byDoc.set(m.d, [...(byDoc.get(m.d) ?? []), m.anchor]);
    const links = [...byDoc]
      .map(([d, anchors]) => {
        const places = anchors.filter(Boolean) as string[];
        const inner = places.length ? `: ${places.map((a) => `<a href="${docLink(d, a)}">¶ ${esc(a)}</a>`).join(', ')}` : '';
        return `<li><a href="${docLink(d)}">${esc(d.title)}</a>${inner}</li>`;
      })
      .join('');
    const wd = p.wikidata ? ` <a href="https://www.wikidata.org/wiki/${esc(p.wikidata)}">Wikidata ${esc(p.wikidata)}</a>` : '';
    return `<dt id="${esc(p.id)}">${esc(p.name)}</dt><dd>${esc(p.role ?? '')}${wd}${links ? `<ul>${links}</ul>` : '<p>Not named in the documents.</p>'}</dd>`;
  })
  .join('\n')}
</dl>`,
  );

  // Abbreviations.
  const ids = new Set<string>();
  const abbr = (a: Abbreviation) =>
    a.abbr
      .map((x) => {
        const id = abbrId(x);
        if (ids.has(id)) return esc(x);
        ids.add(id);
        return `<span id="${esc(id)}">${esc(x)}</span>`;
      })
      .join(', ');
  write(
    'abbreviations.html',
    'Abbreviations',
    `<p>The telegraphic and bureaucratic vocabulary of the documents. The reading text expands the first kind; it keeps acronyms and lists them with each document.</p>
<dl class="abbreviations">
${[...registers.abbreviations]
  .sort((a, b) => a.abbr[0]!.localeCompare(b.abbr[0]!))
  .map((a) => `<dt>${abbr(a)}</dt><dd>${esc(a.type === 'quote' ? `telegraphic quotation mark (${a.expan})` : a.expan)}${a.type === 'acronym' ? ' <span class="muted">(kept in the reading text)</span>' : ''}</dd>`)
  .join('\n')}
</dl>`,
  );

  // Editorial interventions: corrections, expansions, excisions.
  const items: string[] = [];
  for (const d of docs) {
    for (const n of d.interventions) {
      const label = n.copy ? ` (copy ${esc(n.copy)})` : '';
      const where = `<a href="${docLink(d, n.anchor, 'diplomatic')}">${esc(d.title)}${label}${n.anchor ? `, ¶ ${esc(n.anchor)}` : ''}</a>`;
      if (n.kind === 'correction') items.push(`<li><span class="kind">correction</span> “${esc(n.original!)}” → “${esc(n.regular!)}” — ${where}</li>`);
      if (n.kind === 'expansion') items.push(`<li><span class="kind">expansion</span> ${esc(n.original!)} → ${esc(n.regular!)} — ${where}</li>`);
      if (n.kind === 'excision') items.push(`<li><span class="kind">excision</span> an empty bracket on the page — ${where}</li>`);
      if (n.kind === 'excised') items.push(`<li><span class="kind">excised</span> in copy ${esc(n.copy!)}: “${esc(n.original!)}” (${n.words} words) — <a href="${docLink(d)}">${esc(d.title)}</a></li>`);
    }
  }
  write('interventions.html', 'Editorial interventions', `<p>Every correction, expansion and excision of the edition, with a link to its place.</p>\n<ul class="interventions">\n${items.join('\n')}\n</ul>`);

  // The transcription conventions, for readers.
  write(
    'conventions.html',
    'Transcription conventions',
    `<p>The diplomatic transcription shows what the page shows; the reading text is corrected and easier to read.</p>
<div class="table-scroll" role="region" aria-label="Marks of the diplomatic transcription (scrolls sideways)" tabindex="0">
<table class="conventions">
<caption>Marks of the diplomatic transcription</caption>
<thead><tr><th scope="col">On the page</th><th scope="col">In the diplomatic view</th><th scope="col">In the plain-text edition</th><th scope="col">In the reading text</th></tr></thead>
<tbody>
<tr><td>struck-through text</td><td><del>struck</del></td><td>[-struck-]</td><td>left out</td></tr>
<tr><td>text inserted above the line</td><td>raised</td><td>\\inserted/</td><td>in place</td></tr>
<tr><td>handwriting on the typescript</td><td><span class="hand">in a script face</span></td><td>{handwritten}</td><td>in place</td></tr>
<tr><td>an excision (an empty bracket)</td><td colspan="3">[excised], or as the Foreign Relations series words it: [1 paragraph (7 lines of source text) not declassified]</td></tr>
<tr><td>a new page</td><td colspan="3">[Page 2]</td></tr>
<tr><td>classification markings, stamps</td><td>framed, where they stand</td><td>where they stand</td><td>stamps listed after the text</td></tr>
<tr><td>an error of the source or the OCR</td><td>as written</td><td>as written</td><td>corrected</td></tr>
<tr><td>telegraphic abbreviations</td><td>as written</td><td>as written</td><td>expanded (QTE … UNQTE as quotation marks)</td></tr>
</tbody>
</table>
</div>
<p>In the reading text, ⸢ ⸣ mark words that another copy of the document lacks or reads otherwise, followed by what that copy has, e.g. [excised in B (5 words)].</p>`,
  );

  // Search: the index and its scripts (src/site/search.ts).
  writeSearch(dir, docs, input.searchUnits);
  write(
    'search.html',
    'Search',
    `<form class="search" role="search" onsubmit="return false">
<label for="q">Search the documents (diplomatic and reading text)</label>
<input id="q" name="q" type="search" autocomplete="off" aria-describedby="search-help">
<p id="search-help" class="search-help">Words match their beginnings and near spellings; put a phrase in quotes: "surprise attack".</p>
</form>
<p id="search-status" role="status" aria-live="polite"></p>
<ol id="results" class="results"></ol>`,
    SEARCH_SCRIPTS,
  );

  write(
    'package-note.html',
    'The deposit package',
    `<p>The edition is also available as a BagIt bag (RFC 8493) for deposit in a digital library: <code>tei-edition package</code> writes it with the TEI files, the registers, a corpus file listing the documents, the rendered editions and a README with provenance and checksums. Rebuilding from the same sources gives the same bytes.</p>`,
  );

  // sitemap.xml, when the edition says where it is published.
  if (edition.url) {
    const base = edition.url.replace(/\/?$/, '/');
    const xmlEsc = (u: string) => u.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const urls = [...PAGES.map(([f]) => f), ...docs.map((d) => `html/${encodeURIComponent(d.name)}.html`)];
    writeFileAtomic(
      join(dir, 'sitemap.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${xmlEsc(base + u)}</loc></url>`).join('\n')}\n</urlset>\n`,
    );
  }

  // Assets: the page style and scripts.
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileAtomic(join(dir, 'site.js'), readFileSync(join(XSLT_DIR, 'assets', 'site.js')));
}
