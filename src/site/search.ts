/**
 * The edition's full-text search (editions/search.html): what a document gives to it (its blocks as
 * search units), and the index written for the page's script (xslt/assets/search.js), loaded with
 * script tags so that it works from file:// too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { blockLines } from '../transcription/model.js';
import { inlineText, readingText } from '../transcription/inline.js';
import { paragraphIds } from '../tei/build.js';
import { writeFileAtomic } from '../io.js';
import { dependencyDir } from '../paths.js';
import { XSLT_DIR } from '../render/compile-xslt.js';
import type { TranscribedDocument } from '../transcription/model.js';

/** A block of a document as the search finds it: its anchor, diplomatic and reading text. */
export interface SearchUnit {
  id: string;
  anchor: string;
  diplomatic: string;
  normalized: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The search units of a document: each block of each copy (page breaks and empty blocks left out). */
export function searchUnits(name: string, doc: TranscribedDocument): SearchUnit[] {
  const units: SearchUnit[] = [];
  doc.witnesses.forEach((w, wi) => {
    const ids = paragraphIds(w);
    w.blocks.forEach((b, bi) => {
      const lines = blockLines(b);
      if (!lines.length || b.kind === 'pb') return;
      const diplomatic = squash(lines.map((l) => inlineText(l.inlines)).join(' '));
      const normalized = squash(lines.map((l) => readingText(l.inlines)).join(' '));
      if (diplomatic) units.push({ id: `${name}/${wi}/${bi}`, anchor: ids.get(b) ?? '', diplomatic, normalized });
    });
  });
  return units;
}

/** The search page's scripts, in the order the page loads them (paths under editions/). */
export const SEARCH_SCRIPTS = ['assets/minisearch.js', 'search-index.js', 'search.js'];

/**
 * Write the search index of the documents (in the site's order) and the search scripts under `dir`;
 * `unitsOf` gives a document's search units (read from where its build kept them).
 */
export function writeSearch(dir: string, documents: { name: string; title: string }[], unitsOf: (name: string) => SearchUnit[]): void {
  // MiniSearch over every block, diplomatic and reading text, index prebuilt.
  const units = documents.flatMap((d) => unitsOf(d.name).map((u) => ({ ...u, doc: d.name, title: d.title })));
  const search = new MiniSearch({ fields: ['diplomatic', 'normalized', 'title'], storeFields: ['doc', 'title', 'anchor', 'diplomatic', 'normalized'] });
  search.addAll(units);
  writeFileAtomic(join(dir, 'search-index.js'), `window.TEI_EDITION_SEARCH = ${JSON.stringify(search.toJSON())};\n`);
  writeFileAtomic(join(dir, 'assets', 'minisearch.js'), readFileSync(join(dependencyDir('minisearch'), 'dist', 'umd', 'index.js')));
  writeFileAtomic(join(dir, 'search.js'), readFileSync(join(XSLT_DIR, 'assets', 'search.js')));
}
