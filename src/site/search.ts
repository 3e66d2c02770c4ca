/**
 * The edition's full-text search (editions/search.html): what a document gives to it (its blocks as
 * search units), and the index written for the page's script (xslt/assets/search.js), loaded with
 * script tags so that it works from file:// too.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { blockLines } from '../transcription/model.js';
import { inlineText, readingText } from '../transcription/inline.js';
import { paragraphIds } from '../tei/build.js';
import { writeIfChanged } from '../io.js';
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
export const SEARCH_SCRIPTS = ['assets/minisearch.js', 'search.js'];

/** The fields searched, in MiniSearch's order (its field ids), and those shown with a hit. */
export const SEARCH_FIELDS = ['diplomatic', 'normalized', 'title'] as const;

/** Documents per stored-text shard (search/s<k>.js). */
export const STORE_DOCUMENTS = 8;

/** Term shards (search/t<b>.js) of an edition of `documents` documents: about one for every 8 documents. */
export const termBuckets = (documents: number) => Math.max(1, Math.ceil(documents / 8));

/** The term shard of a term: FNV-1a over its UTF-16 code units (search.js computes the same). */
export function bucketOf(term: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

/** A dictionary shard holds the terms of whole first letters, up to about this many bytes. */
const DICTIONARY_BYTES = 64 * 1024;
/** Postings held in memory before they are appended to the term shards' spill files. */
const SPILL_BYTES = 4 << 20;

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
const processTerm = MiniSearch.getDefault('processTerm') as (term: string) => string | null | undefined | false;

/** The terms of a text as MiniSearch indexes a field: its length (distinct tokens) and each term's frequency. */
function fieldTerms(text: string): { length: number; terms: Map<string, number> } {
  const tokens = tokenize(text);
  const terms = new Map<string, number>();
  for (const t of tokens) {
    const p = processTerm(t);
    if (p) terms.set(p, (terms.get(p) ?? 0) + 1);
  }
  return { length: new Set(tokens).size, terms };
}

/** A shard as a script: it hands its data to the page's loader (search.js), from file:// too. */
const script = (name: string, data: unknown) => `TEI_EDITION_SEARCH_LOADED(${JSON.stringify(name)},${JSON.stringify(data)});\n`;

/**
 * Write the search index of the documents (in the site's order) and the search scripts under `dir`;
 * `unitsOf` gives a document's search units (read from where its build kept them).
 *
 * The index is split so that a query loads only what it needs (search/, each file a script that
 * search.js adds to the page): `index.js`, a small manifest; `d<k>.js`, the terms of the edition by
 * first letter (the dictionary, for prefixes and near spellings); `t<b>.js`, the postings of the
 * terms hashed to shard b (per field: document, unit, frequency); `s<k>.js`, the text and field
 * lengths of the units of documents 8k to 8k+7. The page puts the shards a query needs together
 * into a MiniSearch index of the units concerned, with the edition's counts and average lengths,
 * so that it scores as one index of the whole edition would.
 *
 * Memory stays flat: the documents are read one at a time; postings are spilled to temporary files
 * per term shard; only the vocabulary is kept whole. Files whose bytes are unchanged are not
 * written again; files of an earlier, larger index are removed.
 */
export function writeSearch(
  dir: string,
  documents: { name: string; title: string; type?: string; date?: string }[],
  unitsOf: (name: string) => SearchUnit[],
  options: { dictionaryBytes?: number; buckets?: number } = {},
): void {
  const out = join(dir, 'search');
  mkdirSync(out, { recursive: true });
  const written = new Set<string>();
  const put = (name: string, data: unknown) => {
    written.add(`${name}.js`);
    writeIfChanged(join(out, `${name}.js`), script(name, data));
  };
  const spill = mkdtempSync(join(tmpdir(), 'tei-edition-search-'));
  try {
    const buckets = options.buckets ?? termBuckets(documents.length);
    // Postings as numbers (term id, field, document, unit, frequency), per term shard: held up to
    // SPILL_BYTES, then appended to the shard's temporary file.
    const vocabulary: string[] = [];
    const ids = new Map<string, number>();
    const bucketOfId: number[] = [];
    const pending = Array.from({ length: buckets }, () => ({ a: new Int32Array(64), n: 0 }));
    let held = 0;
    const flush = () => {
      pending.forEach((p, b) => {
        if (p.n) appendFileSync(join(spill, String(b)), new Uint8Array(p.a.buffer, 0, p.n * 4));
        p.n = 0;
      });
      held = 0;
    };
    const post = (term: string, field: number, d: number, i: number, tf: number) => {
      let id = ids.get(term);
      if (id === undefined) {
        id = vocabulary.length;
        ids.set(term, id);
        vocabulary.push(term);
        bucketOfId.push(bucketOf(term, buckets));
      }
      const p = pending[bucketOfId[id]!]!;
      if (p.n + 5 > p.a.length) {
        const a = new Int32Array(p.a.length * 2);
        a.set(p.a);
        p.a = a;
      }
      const a = p.a;
      const n = p.n;
      a[n] = id;
      a[n + 1] = field;
      a[n + 2] = d;
      a[n + 3] = i;
      a[n + 4] = tf;
      p.n = n + 5;
      held += 20;
    };
    // MiniSearch's running averages, in its order (unit by unit, field by field): the same floats.
    const average = [0, 0, 0];
    let count = 0;
    let store: unknown[] = [];
    documents.forEach((doc, d) => {
      const title = fieldTerms(doc.title);
      const units = unitsOf(doc.name).map((u, i) => {
        const fields = [fieldTerms(u.diplomatic), fieldTerms(u.normalized), title];
        fields.forEach((f, field) => {
          average[field] = (average[field]! * count + f.length) / (count + 1);
          for (const [term, tf] of f.terms) post(term, field, d, i, tf);
        });
        count++;
        return [u.id.slice(doc.name.length + 1), u.anchor, u.diplomatic, u.normalized, ...fields.map((f) => f.length)];
      });
      // The document's type and date with its units: the page's filters read them from the hits.
      store.push([doc.name, doc.title, units, doc.type ?? '', doc.date ?? '']);
      if (store.length === STORE_DOCUMENTS || d === documents.length - 1) {
        put(`s${Math.floor(d / STORE_DOCUMENTS)}`, store);
        store = [];
      }
      if (held > SPILL_BYTES) flush();
    });

    // Each term shard: its terms in order, each with its postings per field as flat
    // [document (from the previous entry's), unit, frequency, ...].
    for (let b = 0; b < buckets; b++) {
      const spilled = join(spill, String(b));
      const bytes = existsSync(spilled) ? readFileSync(spilled) : undefined;
      const parts = [...(bytes ? [new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))] : []), pending[b]!.a.subarray(0, pending[b]!.n)];
      pending[b] = { a: new Int32Array(0), n: 0 };
      const postings = new Map<number, { last: number[]; flat: number[][] }>();
      for (const a of parts) {
        for (let k = 0; k < a.length; k += 5) {
          const f = a[k + 1]!;
          const d = a[k + 2]!;
          let t = postings.get(a[k]!);
          if (!t) postings.set(a[k]!, (t = { last: [0, 0, 0], flat: [[], [], []] }));
          t.flat[f]!.push(d - t.last[f]!, a[k + 3]!, a[k + 4]!);
          t.last[f] = d;
        }
      }
      put(`t${b}`, [...postings].map(([id, t]) => [vocabulary[id]!, t.flat] as const).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    }
    // The dictionary: the terms by first letter, whole letters to a shard.
    const byLetter = new Map<string, string[]>();
    for (const term of [...vocabulary].sort()) {
      const letter = String.fromCodePoint(term.codePointAt(0)!);
      const list = byLetter.get(letter);
      if (list) list.push(term);
      else byLetter.set(letter, [term]);
    }
    const dictionaries: string[] = [];
    let letters = '';
    let terms: string[] = [];
    let bytes = 0;
    const close = () => {
      put(`d${dictionaries.length}`, terms);
      dictionaries.push(letters);
      letters = '';
      terms = [];
      bytes = 0;
    };
    for (const [letter, list] of byLetter) {
      letters += letter;
      terms.push(...list);
      bytes += list.reduce((n, t) => n + t.length + 3, 0);
      if (bytes >= (options.dictionaryBytes ?? DICTIONARY_BYTES)) close();
    }
    if (letters || !dictionaries.length) close();

    put('index', {
      format: 1,
      fields: SEARCH_FIELDS,
      documents: documents.length,
      units: count,
      averageFieldLength: average,
      buckets,
      storeDocuments: STORE_DOCUMENTS,
      dictionaries,
    });
  } finally {
    rmSync(spill, { recursive: true, force: true });
  }
  // What an earlier build wrote and this one did not: the shards of a larger edition, the one-file index.
  for (const f of readdirSync(out)) if (f.endsWith('.js') && !written.has(f)) rmSync(join(out, f), { force: true });
  rmSync(join(dir, 'search-index.js'), { force: true });
  writeIfChanged(join(dir, 'assets', 'minisearch.js'), readFileSync(join(dependencyDir('minisearch'), 'dist', 'umd', 'index.js')));
  writeIfChanged(join(dir, 'search.js'), readFileSync(join(XSLT_DIR, 'assets', 'search.js')));
}
