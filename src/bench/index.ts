/**
 * npm run bench: speed and memory of the pipeline's stages, each reported as a ratio against a
 * baseline measured in the same process on the same input (so that machines compare).
 *
 *   validation   salve-annos RELAX NG (+ Schematron) per document, against a plain saxes parse
 *   schema load  converting a schema, and loading its cached converted form
 */
import { performance } from 'node:perf_hooks';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { convertText } from '../pipeline.js';
import { DEFAULT_EDITION } from '../enrich/metadata.js';
import { validateText, PROJECT_SCHEMA } from '../validate/index.js';
import { loadGrammar } from '../validate/relaxng.js';
import { parseXml } from '../validate/xml.js';
import { renderTei } from '../render/index.js';
import { XSLT_DIR } from '../render/compile-xslt.js';
import { collateTokens, normalise, type Token } from '../enrich/collate.js';
import { cacheDir } from '../paths.js';

// The bench's schema caches go to a folder of its own, not the user's cache.
process.env.TEI_EDITION_CACHE ??= mkdtempSync(join(tmpdir(), 'tei-edition-bench-cache-'));

const metadata = { edition: DEFAULT_EDITION, documents: {} };

const teiOf = (pages: number) => convertText('bench.txt', new TextEncoder().encode(syntheticTranscription(pages)), metadata, { enrich: false }).xml;

/** A synthetic TEI document of about `bytes` bytes (header included). */
export function syntheticTei(bytes: number): string {
  const one = teiOf(1).length;
  const perPage = teiOf(2).length - one;
  return teiOf(Math.max(1, Math.round((bytes - one) / perPage) + 1));
}

/** A synthetic transcription of `pages` pages, with every kind of block. */
export function syntheticTranscription(pages: number): string {
  const page = [
    'SECRET',
    "Nov 19 9 19 PM '62",
    'ACTION: Amembassy OTTAWA NIACT\nAmembassy THE HAGUE NIACT',
    'DEPARTMENT OF STATE A/CDC/MR\nREVIEWED BY *W. B. Johnson* DATE *3/4/88*\n(X) EXCISE (X) DECLASSIFY in PART',
    '(a) The US has still been unable to obtain ~~satisfactory~~ ^{adequate} performance from the USSR with regard to the withdrawal of IL-28s and [] the reintroduction of offensive weapons.',
    'FOR TOKYO',
    'You ~~are~~ should, in your discretion, inform [Japanese Government] of paras (a) through (j). Report promptly host government reaction to US views contained in the preceding paragraphs.',
    'Drafted by: EUR:JRSchaetzle:MC 11/19/62',
    'SECRET\n\nREPRODUCTION FROM THIS COPY IS PROHIBITED UNLESS "UNCLASSIFIED"\n\nSECRET',
  ].join('\n\n');
  return Array.from({ length: pages }, () => page).join('\n\n') + '\n\nRUSK\n';
}

function time<T>(fn: () => T, minMs = 300): { ms: number; result: T } {
  let result = fn(); // warm-up
  let n = 0;
  const t0 = performance.now();
  do {
    result = fn();
    n++;
  } while (performance.now() - t0 < minMs);
  return { ms: (performance.now() - t0) / n, result };
}

async function timeAsync<T>(fn: () => Promise<T>, minMs = 300): Promise<{ ms: number }> {
  await fn();
  let n = 0;
  const t0 = performance.now();
  do {
    await fn();
    n++;
  } while (performance.now() - t0 < minMs);
  return { ms: (performance.now() - t0) / n };
}

function saxesParse(xml: string): void {
  const p = new SaxesParser({ xmlns: true });
  p.write(xml).close();
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(8) + ' ms';

async function benchValidation(): Promise<void> {
  console.log('\n## Validation (project schema + Schematron), per document');
  console.log('baseline: a plain saxes parse of the same file (well-formedness only)\n');
  console.log('size      parse (baseline)   RELAX NG       ratio   RELAX NG+Schematron   ratio');
  await loadGrammar(PROJECT_SCHEMA);
  const grammar = await loadGrammar(PROJECT_SCHEMA);
  for (const target of [5_000, 50_000, 5_000_000]) {
    const xml = syntheticTei(target);
    const kb = `${Math.round(xml.length / 1000)} KB`.padEnd(9);
    const base = time(() => saxesParse(xml));
    const rng = time(() => parseXml('bench.xml', xml, grammar));
    if (rng.result.problems.length) throw new Error(`synthetic TEI invalid: ${rng.result.problems[0]!.message}`);
    const full = await timeAsync(() => validateText('bench.xml', xml));
    console.log(
      `${kb} ${fmt(base.ms)}        ${fmt(rng.ms)}  ${(rng.ms / base.ms).toFixed(1).padStart(6)}x   ${fmt(full.ms)}        ${(full.ms / base.ms).toFixed(1).padStart(6)}x`,
    );
  }
}

async function benchSchemaLoad(): Promise<void> {
  console.log('\n## Schema load (once per process)');

  const schemas: [string, string][] = [['project schema', PROJECT_SCHEMA], ['tei_all 4.8.0', '../shared/schema/tei_all.rng']];
  for (const [name, path] of schemas) {
    try {
      const run = (clear: boolean) => {
        if (clear) rmSync(cacheDir('schemas'), { recursive: true, force: true });
        const out = execFileSync(process.execPath, [fileURLToPath(new URL('./load-schema.js', import.meta.url)), path], { encoding: 'utf8' });
        return Number(out.trim());
      };
      const cold = run(true);
      const cached = run(false);
      console.log(`${name.padEnd(16)} convert ${fmt(cold)}   from cache ${fmt(cached)}   ratio ${(cold / cached).toFixed(1)}x`);
    } catch (e) {
      console.log(`${name.padEnd(16)} skipped: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

const SAXON_JAR = '/usr/share/java/Saxon-HE.jar';

/** Saxon-HE (Java): average warm transformation time of one stylesheet on one file, in ms. */
function saxonJavaAverage(xsl: string, file: string, params: string[], repeat: number): number {
  const r = spawnSync('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', `-s:${file}`, `-xsl:${xsl}`, `-o:${file}.out`, `-repeat:${repeat}`, '-t', ...params], {
    encoding: 'utf8',
  });
  const log = r.stderr + r.stdout;
  const m = /Average execution time over last \d+ runs: (?:[\d.]+s \()?([\d.]+)ms/.exec(log) ?? /Execution time: (?:[\d.]+s \()?([\d.]+)ms/.exec(log);
  if (!m) throw new Error(`Saxon-HE gave no timing: ${log.split('\n').slice(-3).join(' ')}`);
  return Number(m[1]);
}

async function benchRender(): Promise<void> {
  console.log('\n## Rendering: HTML page + diplomatic text + reading text, per document');
  console.log('baseline: Saxon-HE (Java, Debian libsaxonhe-java) running the same XSLT on the same file, warm (-repeat)\n');
  const haveJava = existsSync(SAXON_JAR);
  const dir = mkdtempSync(join(tmpdir(), 'tei-bench-'));
  console.log('size      SaxonJS (node)    Saxon-HE (Java)   ratio JS/Java');
  for (const target of [5_000, 50_000, 5_000_000]) {
    const xml = syntheticTei(target);
    const file = join(dir, `doc-${target}.xml`);
    writeFileSync(file, xml);
    const kb = `${Math.round(xml.length / 1000)} KB`.padEnd(9);
    const js = time(() => renderTei(file, xml, 'doc'), target > 1_000_000 ? 0 : 300);
    let java = NaN;
    if (haveJava) {
      const repeat = target > 1_000_000 ? 3 : 20;
      java =
        saxonJavaAverage(join(XSLT_DIR, 'html.xsl'), file, ['name=doc'], repeat) +
        saxonJavaAverage(join(XSLT_DIR, 'text.xsl'), file, ['view=diplomatic'], repeat) +
        saxonJavaAverage(join(XSLT_DIR, 'text.xsl'), file, ['view=normalized'], repeat);
    }
    console.log(`${kb} ${fmt(js.ms)}       ${haveJava ? fmt(java) : '   (no Java Saxon)'}      ${haveJava ? (js.ms / java).toFixed(1) + 'x' : ''}`);
  }

  console.log('\n## A 1,000-document synthetic edition, rendered whole (all three outputs)');
  const ed = join(dir, 'edition');
  mkdirSync(ed);
  const small = teiOf(1);
  for (let i = 0; i < 1000; i++) writeFileSync(join(ed, `d${String(i).padStart(4, '0')}.xml`), small.replace('xml:id="bench"', `xml:id="d${i}"`));
  const files = readdirSync(ed).map((f) => join(ed, f));
  const t0 = performance.now();
  for (const f of files) renderTei(f, readFileSync(f, 'utf8'), 'd');
  const jsTotal = performance.now() - t0;
  let javaTotal = NaN;
  if (haveJava) {
    const t1 = performance.now();
    for (const [xsl, param] of [['html.xsl', 'name=d'], ['text.xsl', 'view=diplomatic'], ['text.xsl', 'view=normalized']] as const) {
      const out = join(dir, `out-${param.replace(/\W/g, '')}`);
      mkdirSync(out, { recursive: true });
      execFileSync('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', `-s:${ed}`, `-xsl:${join(XSLT_DIR, xsl)}`, `-o:${out}`, param], { stdio: 'ignore' });
    }
    javaTotal = performance.now() - t1;
  }
  console.log(`SaxonJS, in-process, stylesheets loaded once: ${fmt(jsTotal)} (${(jsTotal / 1000).toFixed(1)} ms a document)`);
  if (haveJava) {
    console.log(`Saxon-HE Java, one JVM per stylesheet over the folder: ${fmt(javaTotal)}   ratio JS/Java ${(jsTotal / javaTotal).toFixed(1)}x`);
  }
  rmSync(dir, { recursive: true, force: true });
}


async function benchCollation(): Promise<void> {
  console.log('\n## Collation of two copies, word by word');
  console.log('baseline: one pass over both token lists (counting shared words), in the same process\n');
  console.log('words      differences   baseline        collation      ratio');
  // Text-like: frequent function words between rarer words (about one word in four rare).
  const common = ['the', 'of', 'and', 'to', 'in', 'that', 'US', 'Soviet'];
  const word = (i: number) => (i % 4 === 3 ? `word${(i * 2654435761) % 1_000_003}` : common[(i * 7) % common.length]!);
  for (const [n, edits] of [[1_000, 10], [10_000, 100], [100_000, 1_000], [100_000, 20_000]] as const) {
    const words = Array.from({ length: n }, (_, i) => word(i));
    const other = [...words];
    for (let k = 0; k < edits; k++) {
      const at = (k * 7919) % other.length;
      if (k % 3 === 0) other.splice(at, 3, '[]');
      else if (k % 3 === 1) other[at] = 'Kuznatsov';
      else other.splice(at, 0, 'hll');
    }
    const toTokens = (ws: string[]): Token[] => ws.map((w) => ({ text: w, norm: w === '[]' ? '[]' : normalise(w), kind: w === '[]' ? 'excision' : 'word', block: 0 }));
    const a = toTokens(words);
    const b = toTokens(other);
    // Every token of each copy looked at once: a lower bound for any alignment.
    const base = time(() => {
      const seen = new Map<string, number>();
      for (const t of a) seen.set(t.norm, (seen.get(t.norm) ?? 0) + 1);
      let shared = 0;
      for (const t of b) if (seen.get(t.norm)) shared++;
      return shared;
    }, 100);
    const c = time(() => collateTokens('A', a, 'B', b), n >= 100_000 ? 0 : 200);
    console.log(
      `${String(n).padEnd(10)} ${String(edits).padEnd(13)} ${fmt(base.ms)}    ${fmt(c.ms)}   ${(c.ms / base.ms).toFixed(0).padStart(6)}x${c.result.aborted ? '  (too different: one variant)' : ''}`,
    );
  }
}

const sections: Record<string, () => Promise<void>> = {
  validation: benchValidation,
  schema: benchSchemaLoad,
  render: benchRender,
  collation: benchCollation,
  memory: benchMemory,
};
async function benchMemory(): Promise<void> {
  console.log('\n## Memory: heap and resident size holding a step\'s result, against the process at rest');
  const mb = (n: number) => `${(n / 1e6).toFixed(0).padStart(6)} MB`;
  const at = () => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return { heap: m.heapUsed, rss: m.rss };
  };
  const rest = at();
  console.log(`${'at rest'.padEnd(34)} heap ${mb(rest.heap)}   rss ${mb(rest.rss)}`);
  const xml = syntheticTei(5_000_000);
  const grammar = await loadGrammar(PROJECT_SCHEMA);
  const steps: [string, () => unknown][] = [
    ['5 MB TEI validated (RELAX NG, DOM)', () => parseXml('m.xml', xml, grammar)],
    ['5 MB TEI rendered (three outputs)', () => renderTei('m.xml', xml, 'm')],
  ];
  for (const [label, fn] of steps) {
    // The step's result is held while measuring: what it costs to have it in memory.
    const keep = fn();
    const after = at();
    console.log(`${label.padEnd(34)} heap ${mb(after.heap)}   rss ${mb(after.rss)}   (${(after.rss / rest.rss).toFixed(1)}x at rest)`);
    void keep;
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-') && !a.endsWith('.ts'));
  console.log(`# tei-edition benchmark (node ${process.version}, ${new Date().toISOString().slice(0, 10)})`);
  for (const [name, fn] of Object.entries(sections)) if (!only.length || only.includes(name)) await fn();
}

await main();
