/**
 * Words lost per project of the corpus, each view, text and HTML; and the render time of each file.
 * Run: npx vite-node tests/corpus-report.ts [file.xml …] (no arguments: the corpus). Not a test: the
 * figures docs/editions.md quotes.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadTei } from '../src/render/input.js';
import { renderTei } from '../src/render/index.js';
import { CORPUS, corpusFiles, htmlWords, missing, readCorpusFile, sourceWords, textWords, type View } from './corpus.js';

const args = process.argv.slice(2);
const files = args.length ? args.map((path) => ({ project: 'given', file: path, path })) : corpusFiles();
const totals = new Map<string, { words: number; lost: Record<string, number>; files: number; failed: number }>();
for (const f of files) {
  const xml = args.length ? readFileSync(f.path, 'utf8') : readCorpusFile(f);
  const t = totals.get(f.project) ?? { words: 0, lost: { 'diplomatic text': 0, 'normalized text': 0, 'diplomatic html': 0, 'normalized html': 0 }, files: 0, failed: 0 };
  totals.set(f.project, t);
  t.files++;
  const start = performance.now();
  let r;
  try {
    r = renderTei(f.path, xml, 'x', false, { tei: f.path, page: join(tmpdir(), 'html', 'x.html'), root: args.length ? dirname(f.path) : CORPUS });
  } catch (e) {
    t.failed++;
    console.log(`${f.project}/${f.file}: FAILED ${(e as Error).message.slice(0, 200)}`);
    continue;
  }
  const ms = performance.now() - start;
  const line: string[] = [];
  for (const view of ['diplomatic', 'normalized'] as View[]) {
    // The words of the document as rendering reads it (its includes followed; a P4 file as converted).
    const want = sourceWords(loadTei(f.path, xml, { includeRoot: args.length ? dirname(f.path) : CORPUS }).xml, view);
    if (view === 'diplomatic') t.words += want.length;
    const lt = missing(want, textWords(view === 'diplomatic' ? r.diplomatic : r.normalized));
    const lh = missing(want, htmlWords(r.html, view));
    t.lost[`${view} text`]! += lt.length;
    t.lost[`${view} html`]! += lh.length;
    line.push(`${view[0]}: text ${lt.length} ${lt.slice(0, 8).join(' ')} | html ${lh.length} ${lh.slice(0, 8).join(' ')}`);
  }
  console.log(`${f.project}/${f.file} (${Math.round(ms)} ms, ${(xml.length / 1e6).toFixed(2)} MB) ${line.join(' || ')}`);
}
console.log('\nproject | files | failed | words | lost: diplomatic text, html | normalized text, html');
for (const [p, t] of totals) console.log(`${p} | ${t.files} | ${t.failed} | ${t.words} | ${t.lost['diplomatic text']}, ${t.lost['diplomatic html']} | ${t.lost['normalized text']}, ${t.lost['normalized html']}`);
