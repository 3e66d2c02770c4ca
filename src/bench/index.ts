/**
 * npm run bench: speed and memory of the pipeline's stages, each reported as a ratio against a
 * baseline measured in the same process on the same input (so that machines compare). Bounded:
 * sizes and repetitions are capped so that the whole bench ends in a few minutes.
 *
 *   validation   RELAX NG per document against a plain saxes parse; the editorial rules against
 *                RELAX NG (the project's fast path; node-schematron, the general engine, on small
 *                documents only: it is quadratic)
 *   schema load  converting a schema, and loading its cached converted form
 *   render       the three outputs of a document (one transform of xslt/edition.xsl) against the
 *                SaxonJS identity transform of it (the floor: parse, copy, serialize); `tei-edition
 *                render` of two 2 MB files in a new process; SaxonJS against Saxon-HE Java on the
 *                same XSLT
 *   collation    two copies word by word against one pass over both
 *   memory       heap and resident size holding a step's result, against the process at rest
 *   build        whole builds of editions of FRUS pages (1,020 documents against Saxon-HE Java over
 *                their TEI; incremental rebuilds against the full build; jobs 1 against jobs 2; peak
 *                RSS of 102, 1,020 and, if the time allows or with --large, 3,060 documents), each in
 *                a child process (build-child.ts)
 *
 * The whole bench must end in under 10 minutes on the 2-core development machine: it prints its time.
 */
import { performance } from 'node:perf_hooks';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import SaxonJS from '../saxon.js';
import { SaxesParser } from 'saxes';
import { convertText } from '../pipeline.js';
import { DEFAULT_EDITION } from '../enrich/metadata.js';
import { PROJECT_SCHEMA, PROJECT_SCHEMATRON } from '../validate/index.js';
import { loadSchematron, runSchematron } from '../validate/schematron.js';
import { loadGrammar } from '../validate/relaxng.js';
import { parseXml } from '../validate/xml.js';
import { renderTei } from '../render/index.js';
import { writeEditionSources } from '../render/compile-xslt.js';
import { collateTokens, normalise, type Token } from '../enrich/collate.js';
import { cacheDir } from '../paths.js';
import { FRUS, childBuild, frusPages, frusTeiCopies, makeEdition, searchLoad, timedCommand, type BuildRun } from './build.js';

/** Queries whose loads the bench reports: a phrase's words, a rare name, the commonest word. */
const SEARCH_QUERIES = ['surprise attack', 'Kuznetsov', 'the'];

// The bench's schema caches go to a folder of its own, not the user's cache.
process.env.TEI_EDITION_CACHE ??= mkdtempSync(join(tmpdir(), 'tei-edition-bench-cache-'));

const metadata = { edition: DEFAULT_EDITION, documents: {} };

const teiOf = (pages: number) => convertText('bench.txt', new TextEncoder().encode(syntheticTranscription(pages)), metadata, { enrich: false }).xml;

const synthetic = new Map<number, string>();
/** A synthetic TEI document of about `bytes` bytes (header included); made once per size. */
export function syntheticTei(bytes: number): string {
  let xml = synthetic.get(bytes);
  if (xml === undefined) {
    const one = teiOf(1).length;
    const perPage = teiOf(2).length - one;
    xml = teiOf(Math.max(1, Math.round((bytes - one) / perPage) + 1));
    synthetic.set(bytes, xml);
  }
  return xml;
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

/** CPU time of this process, in ms: less disturbed than the clock by other processes on the machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Mean CPU time of `fn`, in ms: after a warm-up, rounds of runs for about `minMs` in all, the best
 * round kept (a round slowed by the machine's other work does not count). `minMs` 0: one run.
 */
function time<T>(fn: () => T, minMs = 300): { ms: number; result: T } {
  let result = fn(); // warm-up
  let best = Infinity;
  const t0 = cpuMs();
  do {
    const r0 = cpuMs();
    let n = 0;
    do {
      result = fn();
      n++;
    } while (cpuMs() - r0 < minMs / 5);
    best = Math.min(best, (cpuMs() - r0) / n);
  } while (cpuMs() - t0 < minMs);
  return { ms: best, result };
}

function saxesParse(xml: string): void {
  const p = new SaxesParser({ xmlns: true });
  p.write(xml).close();
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(8) + ' ms';

async function benchValidation(): Promise<void> {
  console.log('\n## Validation, per document');
  console.log('RELAX NG (parse, DOM, salve-annos) against a plain saxes parse; the editorial rules (on the DOM) against RELAX NG;');
  console.log('rules: the project\'s fast path, and node-schematron (the general engine, for other .sch files) up to 50 KB\n');
  console.log('size      saxes parse    RELAX NG   ratio    rules (fast)  ratio to RNG   node-schematron  ratio to RNG');
  const grammar = await loadGrammar(PROJECT_SCHEMA);
  const fast = loadSchematron(PROJECT_SCHEMATRON);
  const general = loadSchematron(PROJECT_SCHEMATRON, { general: true });
  for (const target of [6_000, 50_000, 5_000_000]) {
    const xml = syntheticTei(target);
    const big = target > 1_000_000;
    const kb = `${Math.round(xml.length / 1000)} KB`.padEnd(9);
    const base = time(() => saxesParse(xml), big ? 0 : 300);
    const rng = time(() => parseXml('bench.xml', xml, grammar), big ? 0 : 300);
    if (rng.result.problems.length) throw new Error(`synthetic TEI invalid: ${rng.result.problems[0]!.message}`);
    const parsed = rng.result.parsed!;
    const rules = time(() => runSchematron('bench.xml', parsed, fast), big ? 0 : 300);
    let slow = '';
    if (target <= 50_000) {
      const g = time(() => runSchematron('bench.xml', parsed, general), 0);
      if (JSON.stringify(g.result) !== JSON.stringify(rules.result)) throw new Error('the two rule engines disagree on the synthetic document');
      slow = `${fmt(g.ms)}     ${(g.ms / rng.ms).toFixed(2).padStart(6)}x`;
    }
    console.log(
      `${kb} ${fmt(base.ms)}  ${fmt(rng.ms)}  ${(rng.ms / base.ms).toFixed(1).padStart(5)}x   ${fmt(rules.ms)}     ${(rules.ms / rng.ms).toFixed(2).padStart(6)}x      ${slow}`,
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

let javaSources: string | undefined;
/**
 * The stylesheet Saxon-HE Java runs: xslt/edition.xsl as `npm run compile` compiles it for SaxonJS
 * (writeEditionSources: the rules made twice, one text for both views where they cannot differ), so
 * both run the same XSLT. Written once per bench, in a temporary folder. (Its pages are not
 * finished: src/render/index.ts writeOneText copies a text rendered once into the second view.)
 */
function javaStylesheet(): string {
  if (!javaSources) {
    javaSources = mkdtempSync(join(tmpdir(), 'tei-edition-bench-xslt-'));
    writeEditionSources(javaSources);
    process.once('exit', () => rmSync(javaSources!, { recursive: true, force: true }));
  }
  return join(javaSources, 'edition.xsl');
}

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

/** The SaxonJS identity transform, the floor of any transform: compiled once with xslt3. */
function identityStylesheet(dir: string): unknown {
  const xsl = join(dir, 'identity.xsl');
  writeFileSync(xsl, '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:mode on-no-match="shallow-copy"/></xsl:stylesheet>\n');
  const sef = join(dir, 'identity.sef.json');
  const xslt3 = createRequire(import.meta.url).resolve('xslt3');
  execFileSync(process.execPath, [xslt3, `-xsl:${xsl}`, `-export:${sef}`, '-nogo', '-relocate:on'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(sef, 'utf8')) as unknown;
}

/**
 * Two 2 MB documents made from the test corpus: a bibliography (the TEI's testbibl entries repeated,
 * ids made unique: element-dense, 23 elements a KB) and a novel (an ELTeC novel's body repeated).
 */
function bigFiles(): [string, string][] {
  const size = 2_000_000;
  // A part written again and again, its ids made unique, until the document is `size` long.
  const repeated = (part: string, around: number): string => {
    const parts: string[] = [];
    for (let i = 0, n = around; n < size; i++) {
      parts.push(part.replace(/xml:id="([^"]+)"/g, `xml:id="$1-${i}"`));
      n += parts[i]!.length;
    }
    return parts.join('');
  };
  const bibl = readFileSync('tests/corpus/tei-c/testbibl.xml', 'utf8');
  const entries = [...bibl.matchAll(/<listBibl>([\s\S]*?)<\/listBibl>/g)].map((m) => m[1]!).join('\n');
  const head = bibl.slice(0, bibl.indexOf('<body>') + 6);
  const tail = bibl.slice(bibl.indexOf('</body>'));
  const novel = readFileSync('tests/corpus/eltec-eng/ENG18872_Lyall.xml', 'utf8');
  const b0 = novel.indexOf('<body>') + 6;
  const b1 = novel.indexOf('</body>');
  return [
    ['bibliography (testbibl, repeated)', `${head}<div><listBibl>${repeated(entries, head.length + tail.length)}</listBibl></div>${tail}`],
    ['novel (ELTeC, body repeated)', novel.slice(0, b0) + repeated(novel.slice(b0, b1), novel.length) + novel.slice(b1)],
  ];
}

async function benchRender(): Promise<void> {
  console.log('\n## Rendering: HTML page + diplomatic text + reading text (one transform), per document');
  console.log('floor: the SaxonJS identity transform of the same document (parse, copy, serialize), in the same process\n');
  const dir = mkdtempSync(join(tmpdir(), 'tei-bench-'));
  const identity = identityStylesheet(dir);
  const floor = (xml: string) => SaxonJS.transform({ stylesheetInternal: identity, sourceText: xml, destination: 'serialized' }, 'sync').principalResult;
  const docs: [string, string][] = readdirSync('tei')
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => [f.replace(/\.xml$/, ''), readFileSync(join('tei', f), 'utf8')]);
  for (const size of [6_000, 50_000, 500_000]) docs.push([`synthetic ${size / 1000} KB`, syntheticTei(size)]);
  console.log('document                               size   floor (identity)   render   ratio');
  // Warm-up: the first document measured would otherwise pay for the JIT compiling SaxonJS.
  for (let i = 0; i < 5; i++) for (const [name, xml] of docs.slice(0, 2)) (floor(xml), renderTei(`${name}.xml`, xml, name, true));
  const renders = new Map<string, number>();
  let sampleRender = 0;
  let sampleFloor = 0;
  for (const [name, xml] of docs) {
    const big = xml.length > 200_000;
    const f = time(() => floor(xml), big ? 0 : 300);
    const r = time(() => renderTei(`${name}.xml`, xml, name, true), big ? 0 : 300);
    renders.set(name, r.ms);
    if (!name.startsWith('synthetic')) {
      sampleRender += r.ms;
      sampleFloor += f.ms;
    }
    console.log(`${name.padEnd(36)} ${`${Math.round(xml.length / 1000)} KB`.padStart(7)}   ${fmt(f.ms)}      ${fmt(r.ms)}  ${(r.ms / f.ms).toFixed(1).padStart(5)}x`);
  }
  console.log(`${'the sample edition, all documents'.padEnd(36)}           ${fmt(sampleFloor)}      ${fmt(sampleRender)}  ${(sampleRender / sampleFloor).toFixed(1).padStart(5)}x`);

  console.log('\n## Big files: `tei-edition render FILE` in a new process (issue 15 point 7: a 2 MB file in under 5 s)');
  console.log('wall time of the whole command: start-up, reading and checking the file, the transform, writing the three outputs\n');
  console.log('file                                   size       wall        CPU');
  for (const [name, xml] of bigFiles()) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.xml`);
    writeFileSync(file, xml);
    const run = timedCommand(process.execPath, [fileURLToPath(new URL('../cli/bin.js', import.meta.url)), 'render', file, '-o', join(dir, 'big-out')]);
    console.log(`${name.padEnd(36)} ${`${(xml.length / 1e6).toFixed(1)} MB`.padStart(7)}   ${fmt(run.wallMs)}   ${run.cpuMs === undefined ? '?' : fmt(run.cpuMs)}`);
  }

  const haveJava = existsSync(SAXON_JAR) && spawnSync('java', ['-version']).status === 0;
  console.log('\n## SaxonJS (node) against Saxon-HE (Java, Debian libsaxonhe-java): the same XSLT on the same file, warm (-repeat)');
  if (!haveJava) console.log('skipped: no Java Saxon-HE here');
  else {
    console.log('document                             SaxonJS     Saxon-HE   ratio JS/Java');
    for (const [name, xml] of docs.filter(([n]) => n === '1962-11-19-circular-939' || n === 'synthetic 6 KB' || n === 'synthetic 50 KB')) {
      const file = join(dir, `${name.replace(/\W/g, '-')}.xml`);
      writeFileSync(file, xml);
      const repeat = 10;
      const java = saxonJavaAverage(javaStylesheet(), file, ['name=doc'], repeat);
      const js = renders.get(name)!;
      console.log(`${name.padEnd(34)} ${fmt(js)}  ${fmt(java)}   ${(js / java).toFixed(1).padStart(5)}x`);
    }
  }

  const count = 1000;
  console.log(`\n## A ${count.toLocaleString('en')}-document synthetic edition, rendered whole (all three outputs)`);
  const ed = join(dir, 'edition');
  mkdirSync(ed);
  const small = teiOf(1);
  for (let i = 0; i < count; i++) writeFileSync(join(ed, `d${String(i).padStart(4, '0')}.xml`), small.replace('xml:id="bench"', `xml:id="d${i}"`));
  const files = readdirSync(ed).map((f) => join(ed, f));
  const t0 = performance.now();
  for (const f of files) renderTei(f, readFileSync(f, 'utf8'), 'd');
  const jsTotal = performance.now() - t0;
  const t1 = performance.now();
  for (const f of files) floor(readFileSync(f, 'utf8'));
  const floorTotal = performance.now() - t1;
  console.log(`SaxonJS, in-process, stylesheets loaded once: ${fmt(jsTotal)} (${(jsTotal / count).toFixed(1)} ms a document; ${(jsTotal / floorTotal).toFixed(1)}x the identity transform of each)`);
  if (haveJava) {
    const t2 = performance.now();
    // One JVM over the folder; each document's texts are written beside its page (and overwritten by the next).
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    execFileSync('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', `-s:${ed}`, `-xsl:${javaStylesheet()}`, `-o:${out}`, 'name=d'], { stdio: 'ignore' });
    const javaTotal = performance.now() - t2;
    console.log(`Saxon-HE Java, one JVM over the folder: ${fmt(javaTotal)}   ratio JS/Java ${(jsTotal / javaTotal).toFixed(1)}x`);
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
  build: benchBuild,
};

/** When the bench started, and the time it must end in (issue 12: under 10 minutes, all sections). */
const benchStart = performance.now();
const BENCH_BUDGET_MS = 10 * 60_000;

async function benchBuild(): Promise<void> {
  console.log('\n## Builds: a whole edition from transcriptions (convert, validate, render, site, search, package)');
  console.log(`the ${FRUS}/txt pages copied under distinct names (<page>-c<k>), edition.yaml giving each its title and date;`);
  console.log('each build a fresh process (buildEdition, as `tei-edition build` runs it); wall time seen from outside, node start-up included;');
  console.log('CPU time of the process, worker threads included; peak RSS of the process (maxRSS), threads included\n');
  if (!existsSync(join(FRUS, 'txt'))) {
    console.log(`skipped: no FRUS development set at ${FRUS}`);
    return;
  }
  const pages = frusPages();
  const root = mkdtempSync(join(tmpdir(), 'tei-bench-build-'));
  const s = (ms: number) => `${(ms / 1000).toFixed(1).padStart(7)} s`;
  const mb = (kb: number) => `${(kb / 1024).toFixed(0).padStart(6)} MB`;
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
  const sizes: { count: number; run: BuildRun; search: Awaited<ReturnType<typeof searchLoad>> }[] = [];
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const build = (count: number, jobs: number): { project: string; run: BuildRun } => {
    const project = join(root, `e${count}-j${jobs}`);
    makeEdition(project, count, pages);
    const run = childBuild(project, jobs);
    if (run.built !== count || run.invalid || run.failed || run.packageProblems) {
      throw new Error(`the ${count}-document build published ${run.built} (invalid ${run.invalid}, failed ${run.failed}, package problems ${run.packageProblems}): ${run.reasons.join(' | ')}`);
    }
    return { project, run };
  };
  /** A size's build, with what its search page loads. */
  const sized = async (count: number, b: { project: string; run: BuildRun }) => ({ count, run: b.run, search: await searchLoad(join(b.project, 'editions'), SEARCH_QUERIES) });
  try {
    // 1. The full build of 1,020 documents, two workers, against Saxon-HE Java over the same documents' FRUS TEI.
    const full = build(1020, 2);
    console.log(`${full.run.built} of 1,020 documents published: ${full.run.invalid} invalid, ${full.run.failed} failed`);
    sizes.push(await sized(1020, full));
    const haveJava = existsSync(SAXON_JAR) && spawnSync('java', ['-version']).status === 0;
    console.log('\n### Full build (jobs: 2) against Saxon-HE Java (Debian libsaxonhe-java 9.9) running xslt/edition.xsl (as compiled) over the same documents\' FRUS TEI');
    console.log('(the TEI Stylesheets, the baseline the issue names, are not installable here: no network beyond npm and Debian, and Debian has no tei-xsl;');
    console.log(' Java runs our own stylesheet, page and both texts of each document, in ONE JVM over the folder: its start-up counted once)\n');
    let java: ReturnType<typeof timedCommand> | undefined;
    if (!haveJava) console.log('skipped: no Java Saxon-HE here');
    else {
      const tei = join(root, 'frus-tei');
      frusTeiCopies(tei, readdirSync(join(full.project, 'sources')).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')));
      const out = join(root, 'java-out');
      mkdirSync(out);
      try {
        java = timedCommand('java', ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', `-s:${tei}`, `-xsl:${javaStylesheet()}`, `-o:${out}`, 'name=d']);
        const pagesOut = readdirSync(out).filter((f) => f.endsWith('.xml')).length;
        if (pagesOut !== 1020) throw new Error(`Saxon-HE Java wrote ${pagesOut} pages, not 1,020`);
      } catch (e) {
        java = undefined;
        // The stylesheet may use what Saxon-HE 9.9 lacks (inline functions need Saxon-PE there): the other figures still count.
        console.log(`skipped: Saxon-HE Java could not run xslt/edition.xsl: ${(e as Error).message.slice(0, 300)}`);
      }
    }
    console.log('                                   wall        CPU     peak RSS');
    console.log(`tei-edition build, 1,020 docs  ${s(full.run.wallMs)}  ${s(full.run.cpuMs)}  ${mb(full.run.maxRssKB)}`);
    if (java) {
      console.log(`Saxon-HE Java, 1,020 docs      ${s(java.wallMs)}  ${java.cpuMs === undefined ? '       ?' : s(java.cpuMs)}  ${java.maxRssKB === undefined ? '' : mb(java.maxRssKB)}`);
      console.log(`ratio build/Java: wall ${x(full.run.wallMs, java.wallMs)} (target <= 0.5x)${java.cpuMs === undefined ? '' : `, CPU ${x(full.run.cpuMs, java.cpuMs)}`}`);
    }

    // 2. Incremental builds of the same edition.
    console.log('\n### Incremental builds of the 1,020-document edition, against its full build\n');
    const none = childBuild(full.project, 2);
    if (none.rebuilt !== 0) throw new Error(`a rebuild with nothing changed rebuilt ${none.rebuilt} documents`);
    const changed = join(full.project, 'sources', readdirSync(join(full.project, 'sources')).filter((f) => f.endsWith('.txt')).sort()[500]!);
    const lines = readFileSync(changed, 'utf8').split('\n');
    lines[2] = `${lines[2]} One sentence added.`;
    writeFileSync(changed, lines.join('\n'));
    const one = childBuild(full.project, 2);
    if (one.rebuilt !== 1 || one.built !== 1020 || one.invalid || one.failed) throw new Error(`one changed transcription: rebuilt ${one.rebuilt}, published ${one.built}, invalid ${one.invalid}, failed ${one.failed}`);
    console.log('                                   wall        CPU   wall / full   CPU / full');
    console.log(`nothing changed                ${s(none.wallMs)}  ${s(none.cpuMs)}   ${pct(none.wallMs, full.run.wallMs).padStart(10)}   ${pct(none.cpuMs, full.run.cpuMs).padStart(10)}   (target <= 5 %)`);
    console.log(`one transcription changed      ${s(one.wallMs)}  ${s(one.cpuMs)}   ${pct(one.wallMs, full.run.wallMs).padStart(10)}   ${pct(one.cpuMs, full.run.cpuMs).padStart(10)}   (target <= 10 %)`);

    // 3. Both cores: one worker against two, on a smaller edition.
    const n = 204;
    console.log(`\n### Both cores: a full build of ${n} documents, jobs: 1 against jobs: 2\n`);
    const one1 = build(n, 1).run;
    const two = build(n, 2).run;
    console.log('                                   wall        CPU     peak RSS');
    console.log(`jobs: 1                        ${s(one1.wallMs)}  ${s(one1.cpuMs)}  ${mb(one1.maxRssKB)}`);
    console.log(`jobs: 2                        ${s(two.wallMs)}  ${s(two.cpuMs)}  ${mb(two.maxRssKB)}`);
    console.log(`ratio jobs 1 / jobs 2: wall ${x(one1.wallMs, two.wallMs)} (2 cores: at best 2x), CPU ${x(one1.cpuMs, two.cpuMs)}`);

    // 4, 5. Memory and size: 102 and 1,020 documents, and 3,060 if the bench's time allows (or --large).
    sizes.unshift(await sized(102, build(102, 2)));
    const elapsed = performance.now() - benchStart;
    const estimate = 3.3 * full.run.wallMs;
    if (process.argv.includes('--large') || elapsed + estimate < BENCH_BUDGET_MS - 30_000) sizes.push(await sized(3060, build(3060, 2)));
    console.log('\n### Size: full builds (jobs: 2), wall, CPU and peak RSS against the 102-document build\n');
    console.log('documents       wall        CPU   CPU per doc     peak RSS   RSS / 102 docs');
    const base = sizes[0]!.run;
    for (const { count, run } of sizes) {
      console.log(
        `${count.toLocaleString('en').padEnd(9)} ${s(run.wallMs)}  ${s(run.cpuMs)}   ${`${(run.cpuMs / count).toFixed(0)} ms`.padStart(9)}   ${mb(run.maxRssKB)}   ${x(run.maxRssKB, base.maxRssKB).padStart(8)}${count === 3060 ? '  (target <= 1.3x)' : ''}`,
      );
    }
    console.log('\n### Search (target 7): what the search page loads on opening (page, stylesheet, scripts, manifest: target <= 1 MB at 3,060 documents), and per query\n');
    console.log(`documents   first load   ${SEARCH_QUERIES.map((q) => `"${q}": loaded (files, hits)`).join('   ')}`);
    for (const { count, search } of sizes) {
      console.log(`${count.toLocaleString('en').padEnd(9)} ${kb(search.firstLoad).padStart(12)}   ${search.queries.map((q) => `${kb(q.bytes)} (${q.files}, ${q.hits})`).join('   ')}`);
    }
    if (!sizes.some((z) => z.count === 3060)) {
      console.log(`3,060     not run: about ${s(estimate).trim()} more would take the bench past ${BENCH_BUDGET_MS / 60_000} minutes (\`npm run bench -- build --large\` runs it)`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
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
  const took: string[] = [];
  for (const [name, fn] of Object.entries(sections)) {
    if (only.length && !only.includes(name)) continue;
    const t0 = performance.now();
    await fn();
    took.push(`${name} ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const total = (performance.now() - benchStart) / 1000;
  console.log(`\nbench time: ${Math.floor(total / 60)} min ${Math.round(total % 60)} s (${took.join(', ')})`);
}

await main();
