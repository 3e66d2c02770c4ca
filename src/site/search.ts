/**
 * The edition's full-text search (editions/search.html): what a document gives to it (its blocks as
 * search units), and the index written for the page's script (xslt/assets/search.js), loaded with
 * script tags so that it works from file:// too.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { blockLines } from '../transcription/model.js';
import { inlineText, readingText } from '../transcription/inline.js';
import { paragraphIds } from '../tei/build.js';
import { writeFileAtomic, writeIfChanged } from '../io.js';
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

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A document of the index: its name, title, type and date; `stamp` names its units' version (its build's fingerprint). */
export interface SearchDocument {
  name: string;
  title: string;
  type?: string;
  date?: string;
  /** Unchanged since the last merge when equal to the stamp it had then: its units are not read again. */
  stamp?: string;
}

/** A document as a text shard holds it: name, title, units (id, anchor, texts, field lengths), type, date. */
type StoredDocument = [string, string, [string, string, string, string, number, number, number][], string, string];
/** A term shard's entry: the term and its postings per field, flat [document (from the previous entry's), unit, frequency, ...]. */
type TermEntry = [string, number[][]];

/**
 * What the last merge wrote (kept by the build, .tei-edition/search-merge.json): its settings, each
 * document with its stamp and its units' field lengths (the manifest's averages are a running mean
 * over every unit), the letters of each dictionary file, and each file's size and SHA-256.
 */
interface MergeState {
  format: number;
  buckets: number;
  dictionaryBytes: number;
  documents: { name: string; title: string; type: string; date: string; stamp?: string; title_length: number; lengths: number[] }[];
  dictionaries: string[];
  files: Record<string, { size: number; sha: string }>;
}
const MERGE_FORMAT = 1;

/** The last merge's files are not as it left them: the index is written whole. */
class StaleIndex extends Error {}

/** The manifest (index.js). */
const manifest = (documents: number, units: number, average: number[], buckets: number, dictionaries: string[]) => ({
  format: 1,
  fields: SEARCH_FIELDS,
  documents,
  units,
  averageFieldLength: average,
  buckets,
  storeDocuments: STORE_DOCUMENTS,
  dictionaries,
});

/** The dictionary files: the terms sorted, by first letter, whole letters to a file of about `limit` bytes. */
function dictionaryFiles(vocabulary: Iterable<string>, limit: number): { letters: string; terms: string[] }[] {
  const byLetter = new Map<string, string[]>();
  for (const term of [...vocabulary].sort()) {
    const letter = String.fromCodePoint(term.codePointAt(0)!);
    const list = byLetter.get(letter);
    if (list) list.push(term);
    else byLetter.set(letter, [term]);
  }
  const files: { letters: string; terms: string[] }[] = [];
  let letters = '';
  let terms: string[] = [];
  let bytes = 0;
  const close = () => {
    files.push({ letters, terms });
    letters = '';
    terms = [];
    bytes = 0;
  };
  for (const [letter, list] of byLetter) {
    letters += letter;
    terms.push(...list);
    bytes += list.reduce((n, t) => n + t.length + 3, 0);
    if (bytes >= limit) close();
  }
  if (letters || !files.length) close();
  return files;
}

/** MiniSearch's running averages of the field lengths, in its order (unit by unit, field by field): the same floats. */
function averages(documents: MergeState['documents']): { average: number[]; units: number } {
  const average = [0, 0, 0];
  let count = 0;
  for (const d of documents) {
    for (let k = 0; k < d.lengths.length; k += 2) {
      const lengths = [d.lengths[k]!, d.lengths[k + 1]!, d.title_length];
      lengths.forEach((n, field) => (average[field] = (average[field]! * count + n) / (count + 1)));
      count++;
    }
  }
  return { average, units: count };
}

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
 * With `state` (a file the build keeps), a merge updates the last one's index: when the documents
 * are the same list (names, titles, types, dates) and the files are as it left them, only the
 * documents whose stamp changed are read; the postings that changed are found by comparing the
 * document's units with those of its text shard, and only the text shards, term shards and (if a
 * term came or went) dictionary files concerned are written, with the manifest. Otherwise, or when
 * a quarter of the documents changed, the index is written whole. Either gives the same bytes.
 *
 * Memory stays flat: the documents are read one at a time; postings are spilled to temporary files
 * per term shard; only the vocabulary is kept whole. Files whose bytes are unchanged are not
 * written again; files of an earlier, larger index are removed.
 */
export function writeSearch(
  dir: string,
  documents: SearchDocument[],
  unitsOf: (name: string) => SearchUnit[],
  options: { dictionaryBytes?: number; buckets?: number; state?: string } = {},
): void {
  const out = join(dir, 'search');
  mkdirSync(out, { recursive: true });
  const settings = { buckets: options.buckets ?? termBuckets(documents.length), dictionaryBytes: options.dictionaryBytes ?? DICTIONARY_BYTES };
  let last: MergeState | undefined;
  if (options.state) {
    try {
      last = JSON.parse(readFileSync(options.state, 'utf8')) as MergeState;
    } catch {
      last = undefined;
    }
    // Gone while the index is written: a merge stopped half-way leaves none, and the next one writes the index whole.
    rmSync(options.state, { force: true });
  }
  let next: MergeState | undefined;
  try {
    if (last) next = mergeChanges(out, documents, unitsOf, settings, last);
  } catch {
    // A file not as the last merge left it (StaleIndex), or a state not of the shape written: the
    // update writes nothing before all it reads is checked, so the index is written whole instead.
    next = undefined;
  }
  next ??= mergeAll(out, documents, unitsOf, settings);
  // What an earlier build wrote and this one did not: the shards of a larger edition, the one-file index.
  for (const f of readdirSync(out)) if (f.endsWith('.js') && !Object.hasOwn(next.files, f.slice(0, -3))) rmSync(join(out, f), { force: true });
  rmSync(join(dir, 'search-index.js'), { force: true });
  writeIfChanged(join(dir, 'assets', 'minisearch.js'), readFileSync(join(dependencyDir('minisearch'), 'dist', 'umd', 'index.js')));
  writeIfChanged(join(dir, 'search.js'), readFileSync(join(XSLT_DIR, 'assets', 'search.js')));
  if (options.state) writeFileAtomic(options.state, JSON.stringify(next));
}

/** A shard written (if its bytes changed), noted in the merge's state. */
function shardWriter(out: string, files: MergeState['files']) {
  return (name: string, data: unknown) => {
    const text = script(name, data);
    files[name] = { size: Buffer.byteLength(text), sha: sha256(text) };
    writeIfChanged(join(out, `${name}.js`), text);
  };
}

/** The whole index, from every document's units. */
function mergeAll(out: string, documents: SearchDocument[], unitsOf: (name: string) => SearchUnit[], settings: { buckets: number; dictionaryBytes: number }): MergeState {
  const { buckets } = settings;
  const state: MergeState = { format: MERGE_FORMAT, ...settings, documents: [], dictionaries: [], files: {} };
  const put = shardWriter(out, state.files);
  const spill = mkdtempSync(join(tmpdir(), 'tei-edition-search-'));
  try {
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
    let store: StoredDocument[] = [];
    documents.forEach((doc, d) => {
      const title = fieldTerms(doc.title);
      const lengths: number[] = [];
      const units = unitsOf(doc.name).map((u, i) => {
        const fields = [fieldTerms(u.diplomatic), fieldTerms(u.normalized), title];
        fields.forEach((f, field) => {
          for (const [term, tf] of f.terms) post(term, field, d, i, tf);
        });
        lengths.push(fields[0]!.length, fields[1]!.length);
        return [u.id.slice(doc.name.length + 1), u.anchor, u.diplomatic, u.normalized, ...fields.map((f) => f.length)] as StoredDocument[2][number];
      });
      state.documents.push({ name: doc.name, title: doc.title, type: doc.type ?? '', date: doc.date ?? '', ...(doc.stamp ? { stamp: doc.stamp } : {}), title_length: title.length, lengths });
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
      put(`t${b}`, [...postings].map(([id, t]): TermEntry => [vocabulary[id]!, t.flat]).sort(byTerm));
    }
    const dictionaries = dictionaryFiles(vocabulary, settings.dictionaryBytes);
    dictionaries.forEach((f, k) => put(`d${k}`, f.terms));
    state.dictionaries = dictionaries.map((f) => f.letters);
    const { average, units } = averages(state.documents);
    put('index', manifest(documents.length, units, average, buckets, state.dictionaries));
  } finally {
    rmSync(spill, { recursive: true, force: true });
  }
  return state;
}

const byTerm = ([x]: TermEntry, [y]: TermEntry) => (x < y ? -1 : x > y ? 1 : 0);

/** A document's postings: per term, per field, [unit, frequency, ...] in unit order. */
function postingsOf(title: string, units: { diplomatic: string; normalized: string }[]): { postings: Map<string, number[][]>; lengths: number[]; title: number } {
  const postings = new Map<string, number[][]>();
  const t = fieldTerms(title);
  const lengths: number[] = [];
  units.forEach((u, i) => {
    const fields = [fieldTerms(u.diplomatic), fieldTerms(u.normalized), t];
    fields.forEach((f, field) => {
      for (const [term, tf] of f.terms) {
        let p = postings.get(term);
        if (!p) postings.set(term, (p = [[], [], []]));
        p[field]!.push(i, tf);
      }
    });
    lengths.push(fields[0]!.length, fields[1]!.length);
  });
  return { postings, lengths, title: t.length };
}

/**
 * The last merge's index brought up to date (see writeSearch), or undefined when it must be written
 * whole; throws StaleIndex when a file it reads is not as the last merge wrote it.
 */
function mergeChanges(
  out: string,
  documents: SearchDocument[],
  unitsOf: (name: string) => SearchUnit[],
  settings: { buckets: number; dictionaryBytes: number },
  last: MergeState,
): MergeState | undefined {
  if (last.format !== MERGE_FORMAT || last.buckets !== settings.buckets || last.dictionaryBytes !== settings.dictionaryBytes) return undefined;
  if (last.documents.length !== documents.length) return undefined;
  const same = documents.every((d, k) => {
    const o = last.documents[k]!;
    return o.name === d.name && o.title === d.title && o.type === (d.type ?? '') && o.date === (d.date ?? '');
  });
  if (!same) return undefined;
  // Every file of the last index is there, with its size (those read are checked byte for byte).
  for (const [name, f] of Object.entries(last.files)) if (statSync(join(out, `${name}.js`), { throwIfNoEntry: false })?.size !== f.size) return undefined;
  const changed = documents.flatMap((d, k) => (d.stamp && d.stamp === last.documents[k]!.stamp ? [] : [k]));
  if (changed.length * 4 > documents.length) return undefined;

  const read = <T>(name: string): T => {
    const text = readFileSync(join(out, `${name}.js`), 'utf8');
    const head = `TEI_EDITION_SEARCH_LOADED(${JSON.stringify(name)},`;
    if (last.files[name]?.sha !== sha256(text) || !text.startsWith(head) || !text.endsWith(');\n')) throw new StaleIndex(name);
    return JSON.parse(text.slice(head.length, -3)) as T;
  };
  const next: MergeState = { ...last, documents: [...last.documents], files: { ...last.files } };
  // The text shards of the changed documents, and per term shard the terms whose postings changed,
  // with each changed document's new postings of them.
  const stores = new Map<number, StoredDocument[]>();
  const touched = new Map<number, Map<string, Map<number, number[][]>>>();
  for (const d of changed) {
    const doc = documents[d]!;
    const k = Math.floor(d / STORE_DOCUMENTS);
    let store = stores.get(k);
    if (!store) stores.set(k, (store = read<StoredDocument[]>(`s${k}`)));
    const stored = store[d % STORE_DOCUMENTS];
    if (stored?.[0] !== doc.name) throw new StaleIndex(`s${k}`);
    const before = postingsOf(doc.title, stored[2].map(([, , diplomatic, normalized]) => ({ diplomatic, normalized })));
    const units = unitsOf(doc.name);
    const after = postingsOf(doc.title, units);
    for (const term of new Set([...before.postings.keys(), ...after.postings.keys()])) {
      const now = after.postings.get(term) ?? [[], [], []];
      if (JSON.stringify(before.postings.get(term)) === JSON.stringify(after.postings.get(term))) continue;
      const b = bucketOf(term, settings.buckets);
      let terms = touched.get(b);
      if (!terms) touched.set(b, (terms = new Map()));
      let byDocument = terms.get(term);
      if (!byDocument) terms.set(term, (byDocument = new Map()));
      byDocument.set(d, now);
    }
    store[d % STORE_DOCUMENTS] = [
      doc.name,
      doc.title,
      units.map((u, i) => [u.id.slice(doc.name.length + 1), u.anchor, u.diplomatic, u.normalized, after.lengths[2 * i]!, after.lengths[2 * i + 1]!, after.title]),
      doc.type ?? '',
      doc.date ?? '',
    ];
    next.documents[d] = { ...last.documents[d]!, ...(doc.stamp ? { stamp: doc.stamp } : {}), title_length: after.title, lengths: after.lengths };
  }
  // The term shards concerned: each changed term's postings of the changed documents replaced.
  const added: string[] = [];
  const removed = new Set<string>();
  const shards = new Map<number, TermEntry[]>();
  for (const [b, terms] of touched) {
    const entries = read<TermEntry[]>(`t${b}`);
    const at = new Map(entries.map((e, j) => [e[0], j]));
    const kept: TermEntry[] = [];
    const gone = new Set<number>();
    for (const [term, byDocument] of terms) {
      const j = at.get(term);
      const fields = [0, 1, 2].map((f) => {
        // Decoded: [document, unit, frequency] in order; the changed documents' taken out, their new ones put in.
        const postings: number[][] = [];
        let d = 0;
        const flat = j === undefined ? [] : entries[j]![1][f]!;
        for (let k = 0; k < flat.length; k += 3) {
          d += flat[k]!;
          if (!byDocument.has(d)) postings.push([d, flat[k + 1]!, flat[k + 2]!]);
        }
        for (const [doc, p] of byDocument) for (let k = 0; k < p[f]!.length; k += 2) postings.push([doc, p[f]![k]!, p[f]![k + 1]!]);
        postings.sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
        let previous = 0;
        return postings.flatMap(([doc, unit, tf]) => {
          const delta = doc! - previous;
          previous = doc!;
          return [delta, unit!, tf!];
        });
      });
      const empty = fields.every((f) => !f.length);
      if (j !== undefined) {
        gone.add(j);
        if (empty) removed.add(term);
      } else if (!empty) added.push(term);
      if (!empty) kept.push([term, fields]);
    }
    shards.set(b, [...entries.filter((_, j) => !gone.has(j)), ...kept].sort(byTerm));
  }
  // The dictionary, when a term came or went.
  let dictionaries: { letters: string; terms: string[] }[] | undefined;
  if (added.length || removed.size) {
    const vocabulary = last.dictionaries.flatMap((_, k) => read<string[]>(`d${k}`)).filter((t) => !removed.has(t));
    dictionaries = dictionaryFiles([...vocabulary, ...added], settings.dictionaryBytes);
  }

  // Everything read and checked: the files concerned are written.
  const put = shardWriter(out, next.files);
  for (const [k, store] of stores) put(`s${k}`, store);
  for (const [b, entries] of shards) put(`t${b}`, entries);
  if (dictionaries) {
    for (let k = 0; k < last.dictionaries.length; k++) delete next.files[`d${k}`];
    dictionaries.forEach((f, k) => put(`d${k}`, f.terms));
    next.dictionaries = dictionaries.map((f) => f.letters);
  }
  const { average, units } = averages(next.documents);
  put('index', manifest(documents.length, units, average, settings.buckets, next.dictionaries));
  return next;
}
