/**
 * The split search index (src/site/search.ts, xslt/assets/search.js): a query that loads only the
 * shards it needs finds what one MiniSearch index of the whole edition finds, with the same scores.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { convertFile, metadataFor, registersFor } from '../src/pipeline.js';
import { searchUnits, writeSearch, type SearchUnit } from '../src/site/search.js';

const metadata = metadataFor('sources');
const registers = registersFor('sources');
const documents = readdirSync('sources')
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const name = f.replace(/\.txt$/, '');
    const c = convertFile(join('sources', f), metadata, { registers });
    return { name, title: metadata.documents[name]?.title ?? name, units: searchUnits(name, c.doc) };
  });
const unitsOf = (name: string): SearchUnit[] => documents.find((d) => d.name === name)!.units;

/** The index as one MiniSearch over every unit, as the site had it. */
const whole = new MiniSearch({ fields: ['diplomatic', 'normalized', 'title'], storeFields: ['doc', 'title', 'anchor', 'diplomatic', 'normalized'] });
whole.addAll(documents.flatMap((d) => d.units.map((u) => ({ ...u, doc: d.name, title: d.title }))));

interface Engine {
  search(q: string, o: SearchOptions): Promise<SearchResult[]>;
}

/** The page's search engine (search.js) in node, loading the shards from `dir`/search; the files it loaded. */
function engine(dir: string): { engine: Engine; loaded: string[] } {
  const window: { TeiEditionSearch?: (m: typeof MiniSearch, load: (n: string) => Promise<unknown>) => Engine } = {};
  runInNewContext(readFileSync('xslt/assets/search.js', 'utf8'), { window, document: { getElementById: () => null } });
  const loaded: string[] = [];
  const load = (name: string) => {
    loaded.push(name);
    let data: unknown;
    runInNewContext(readFileSync(join(dir, 'search', `${name}.js`), 'utf8'), { TEI_EDITION_SEARCH_LOADED: (_: string, d: unknown) => (data = d) });
    return Promise.resolve(data);
  };
  return { engine: window.TeiEditionSearch!(MiniSearch, load), loaded };
}

const OPTIONS: SearchOptions = { prefix: true, fuzzy: 0.2 };
/** Results as comparable data: id, score (to 9 digits), the terms matched and their fields, by id. */
const plain = (rs: SearchResult[]) =>
  rs
    .map((r) => ({ id: r.id as string, score: r.score.toPrecision(9), match: JSON.stringify(Object.entries(r.match).sort()), text: r.diplomatic as string, doc: r.doc as string }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

function written(options: Parameters<typeof writeSearch>[3] = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tei-search-'));
  writeSearch(dir, documents, unitsOf, options);
  return dir;
}

/** Every term of the sample edition, and some near spellings and beginnings of them. */
const terms = [...new Set(documents.flatMap((d) => d.units.flatMap((u) => `${u.diplomatic} ${u.normalized}`.toLowerCase().split(/[\s\p{P}]+/u))))].filter((t) => t.length > 1).sort();

describe('the split search index', () => {
  test('one shard of each kind for a small edition; several for a larger one', () => {
    const dir = written();
    expect(readdirSync(join(dir, 'search')).sort()).toEqual(['d0.js', 'index.js', 's0.js', 't0.js']);
    const split = written({ buckets: 7, dictionaryBytes: 1 });
    const files = readdirSync(join(split, 'search'));
    expect(files.filter((f) => f.startsWith('t'))).toHaveLength(7);
    expect(files.filter((f) => f.startsWith('d')).length).toBeGreaterThan(10);
  });

  test('every word of the sample edition, its beginnings and near spellings: the same hits and scores as one whole index', async () => {
    const dir = written({ buckets: 5 });
    const { engine: e } = engine(dir);
    const queries = terms.flatMap((t, i) => (i % 2 ? [t, t.slice(0, 3)] : [t, `${t.slice(0, -1)}x`]));
    for (const [k, q] of [...new Set(queries)].entries()) {
      expect(plain(await e.search(q, OPTIONS)), q).toEqual(plain(whole.search(q, OPTIONS)));
      // Let the test runner's messages through (the search resolves at once here).
      if (k % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    for (const q of ['surprise attack', 'Kuznetsov', 'the missiles', 'improving', 'teletransmission']) {
      for (const o of [OPTIONS, { ...OPTIONS, combineWith: 'AND' }]) expect(plain(await e.search(q, o)), q).toEqual(plain(whole.search(q, o)));
    }
  }, 120_000);

  test('queries of random words: the same hits and scores (fast-check)', async () => {
    const dir = written({ buckets: 3 });
    const { engine: e } = engine(dir);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...terms), { minLength: 1, maxLength: 4 }), fc.boolean(), async (words, and) => {
        const q = words.join(' ');
        const o: SearchOptions = { ...OPTIONS, ...(and ? { combineWith: 'AND' } : {}) };
        expect(plain(await e.search(q, o))).toEqual(plain(whole.search(q, o)));
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  test('a dictionary by first letter: a query loads its letter, the term shards of its matches and the text of its hits only', async () => {
    const dir = written({ buckets: 16, dictionaryBytes: 1 });
    const { engine: e, loaded } = engine(dir);
    const hits = await e.search('kuznetsov', OPTIONS);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => (h.diplomatic as string).includes('Kuznatsov'))).toBe(true);
    const manifest = { dictionaries: [] as string[] };
    runInNewContext(readFileSync(join(dir, 'search', 'index.js'), 'utf8'), { TEI_EDITION_SEARCH_LOADED: (_: string, d: typeof manifest) => Object.assign(manifest, d) });
    expect(loaded.filter((n) => n.startsWith('d'))).toEqual([`d${manifest.dictionaries.findIndex((l) => l.includes('k'))}`]);
    expect(loaded.filter((n) => n.startsWith('t')).length).toBeLessThan(16);
    // Near spellings must share the first letter then: what one whole index finds with that letter, this finds.
    let compared = 0;
    for (const [k, q] of terms.entries()) {
      if (k % 50 === 0) await new Promise((r) => setImmediate(r));
      const full = whole.search(q, OPTIONS);
      if (full.some((r) => Object.keys(r.match).some((m) => m[0] !== q[0]))) continue;
      compared++;
      expect(plain(await e.search(q, OPTIONS)), q).toEqual(plain(full));
    }
    // (on the sample edition 87 % of its words: the others also find near spellings with another first letter)
    expect(compared).toBeGreaterThan(terms.length * 0.8);
  }, 120_000);

  test('written again from the same documents: the same bytes, no file rewritten', () => {
    const dir = written({ buckets: 4 });
    const files = readdirSync(join(dir, 'search'));
    const before = new Map(files.map((f) => [f, statSync(join(dir, 'search', f)).mtimeMs]));
    const bytes = new Map(files.map((f) => [f, readFileSync(join(dir, 'search', f), 'utf8')]));
    writeSearch(dir, documents, unitsOf, { buckets: 4 });
    for (const f of files) {
      expect(readFileSync(join(dir, 'search', f), 'utf8'), f).toBe(bytes.get(f));
      expect(statSync(join(dir, 'search', f)).mtimeMs, f).toBe(before.get(f));
    }
    // Fewer shards: those of the earlier index are removed.
    writeSearch(dir, documents, unitsOf, { buckets: 2 });
    expect(readdirSync(join(dir, 'search')).filter((f) => f.startsWith('t')).sort()).toEqual(['t0.js', 't1.js']);
  });

  test('a merge that updates the last one gives the bytes of a merge written whole, reading only the changed documents', () => {
    // Twelve documents (the sample's, each under two or three names): one or two changed stay under a quarter.
    const base = [0, 1, 2].flatMap((k) => documents.map((d) => ({ ...d, name: `${d.name}-${k}`, units: d.units.map((u) => ({ ...u, id: `${d.name}-${k}${u.id.slice(d.name.length)}` })) })));
    const words = ['alpha', 'Kuznetsov', 'the', 'zzyzx', 'über', '1962', 'missiles'];
    const edit = fc.record({
      doc: fc.nat(base.length - 1),
      unit: fc.nat(),
      kind: fc.constantFrom('append', 'replace', 'add', 'remove', 'empty'),
      word: fc.constantFrom(...words),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.constantFrom(1, 3, 5), fc.constantFrom(40, 400, 64 * 1024), (edits, buckets, dictionaryBytes) => {
        const options = { buckets, dictionaryBytes };
        const docs = base.map((d) => ({ ...d, stamp: 'v1', units: [...d.units] }));
        const dir = mkdtempSync(join(tmpdir(), 'tei-search-'));
        const state = join(dir, 'merge.json');
        const of = (list: typeof docs) => (name: string) => list.find((d) => d.name === name)!.units;
        writeSearch(dir, docs, of(docs), { ...options, state });
        for (const e of edits) {
          const d = docs[e.doc]!;
          d.stamp = 'v2';
          const i = d.units.length ? e.unit % d.units.length : 0;
          const u = d.units[i];
          if (e.kind === 'add' || !u) d.units.splice(i, 0, { id: `${d.name}/9/${i}`, anchor: '', diplomatic: `${e.word} added`, normalized: `${e.word} added` });
          else if (e.kind === 'remove') d.units.splice(i, 1);
          else if (e.kind === 'append') d.units[i] = { ...u, diplomatic: `${u.diplomatic} ${e.word}`, normalized: `${u.normalized} ${e.word}` };
          else if (e.kind === 'replace') d.units[i] = { ...u, diplomatic: e.word, normalized: u.normalized };
          else d.units = [];
        }
        const read: string[] = [];
        writeSearch(dir, docs, (name) => (read.push(name), of(docs)(name)), { ...options, state });
        expect(read.sort()).toEqual([...new Set(edits.map((e) => docs[e.doc]!.name))].sort());
        const clean = mkdtempSync(join(tmpdir(), 'tei-search-'));
        writeSearch(clean, docs, of(docs), options);
        const files = readdirSync(join(clean, 'search')).sort();
        expect(readdirSync(join(dir, 'search')).sort()).toEqual(files);
        for (const f of files) expect(readFileSync(join(dir, 'search', f), 'utf8'), f).toBe(readFileSync(join(clean, 'search', f), 'utf8'));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  test('a merge whose last files were changed, or whose documents are not the same list, writes the index whole', () => {
    const docs = documents.map((d) => ({ ...d, stamp: 'v1' }));
    const dir = mkdtempSync(join(tmpdir(), 'tei-search-'));
    const state = join(dir, 'merge.json');
    writeSearch(dir, docs, unitsOf, { buckets: 3, state });
    const clean = readdirSync(join(dir, 'search')).map((f) => [f, readFileSync(join(dir, 'search', f), 'utf8')] as const);
    // The text shard of a changed document altered (same size): found when read, and the index written whole.
    const t = join(dir, 'search', 's0.js');
    writeFileSync(t, readFileSync(t, 'utf8').replace(/,"[a-z]/, (c) => (c.endsWith('a') ? ',"b' : ',"a')));
    const read: string[] = [];
    const changed = docs.map((d, k) => (k === 0 ? { ...d, stamp: 'v2' } : d));
    writeSearch(dir, changed, (name) => (read.push(name), unitsOf(name)), { buckets: 3, state });
    expect(read).toHaveLength(docs.length);
    for (const [f, content] of clean) expect(readFileSync(join(dir, 'search', f), 'utf8') === content, f).toBe(true);
    // A file removed: written whole again.
    rmSync(join(dir, 'search', 's0.js'));
    read.length = 0;
    writeSearch(dir, changed, (name) => (read.push(name), unitsOf(name)), { buckets: 3, state });
    expect(read).toHaveLength(docs.length);
    for (const [f, content] of clean) expect(readFileSync(join(dir, 'search', f), 'utf8') === content, f).toBe(true);
    // Nothing changed: no document read; one more document: written whole.
    read.length = 0;
    writeSearch(dir, changed, (name) => (read.push(name), unitsOf(name)), { buckets: 3, state });
    expect(read).toEqual([]);
    writeSearch(dir, [...changed, { ...changed[0]!, name: 'another' }], (name) => (read.push(name), unitsOf(name === 'another' ? changed[0]!.name : name)), { buckets: 3, state });
    expect(read).toHaveLength(docs.length + 1);
    // A state of another shape: written whole, no error.
    writeFileSync(state, JSON.stringify({ format: 1, buckets: 3, dictionaryBytes: 64 * 1024, documents: docs.map(() => null), files: {} }));
    read.length = 0;
    writeSearch(dir, changed, (name) => (read.push(name), unitsOf(name)), { buckets: 3, state });
    expect(read).toHaveLength(docs.length);
    for (const [f, content] of clean) expect(readFileSync(join(dir, 'search', f), 'utf8') === content, f).toBe(true);
  });
});

