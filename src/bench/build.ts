/**
 * The bench's build section: whole builds of editions made of the FRUS development set's pages
 * (../shared/frus-dev/txt) copied under distinct names, each build in a child process
 * (build-child.ts), against Saxon-HE Java running xslt/edition.xsl over the same documents' TEI.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

export const FRUS = '../shared/frus-dev';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "December 12, 1962, 7:58 p.m." -> 1962-12-12 */
function isoDate(s: string): string | undefined {
  const m = /^([A-Za-z]+) (\d{1,2}), (\d{4})/.exec(s.trim());
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  if (!m || month < 0) return undefined;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

export interface FrusPage {
  name: string;
  text: Uint8Array;
  title: string;
  date: string;
}

/**
 * The FRUS pages with their title and date: the title is the page's heading (first line, its note
 * marker dropped), the date the one the set's README gives for it (the pages leave the dateline out).
 */
export function frusPages(dir = FRUS): FrusPage[] {
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const dates = new Map<string, string>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | file | title | date | kind | ...
    const date = cells[3] ? isoDate(cells[3]) : undefined;
    if (cells[1] && date) dates.set(cells[1], date);
  }
  return readdirSync(join(dir, 'txt'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.txt$/, '');
      const text = readFileSync(join(dir, 'txt', f));
      const heading = text.toString('utf8').split('\n', 1)[0]!;
      const date = dates.get(name);
      if (!date) throw new Error(`${dir}/README.md gives no date for ${name}`);
      return { name, text, title: heading.replace(/\s*\d+$/, '').trim(), date };
    });
}

const yamlString = (s: string) => JSON.stringify(s);

/**
 * A project folder with `count` transcriptions (the FRUS pages in turn, each copy under its own
 * name: <page>-c<k>) and an edition.yaml giving each its title and date. Returns the document names.
 */
export function makeEdition(project: string, count: number, pages = frusPages()): string[] {
  const sources = join(project, 'sources');
  mkdirSync(sources, { recursive: true });
  const names: string[] = [];
  const yaml = [
    'edition:',
    '  id: frus-bench',
    '  title: "FRUS pages, copied: a benchmark edition"',
    '  publisher: The tei-edition project',
    '  language: en',
    '  medium: typescript',
    'documents:',
  ];
  for (let i = 0; i < count; i++) {
    const p = pages[i % pages.length]!;
    const name = `${p.name}-c${String(Math.floor(i / pages.length)).padStart(3, '0')}`;
    names.push(name);
    writeFileSync(join(sources, `${name}.txt`), p.text);
    yaml.push(`  ${name}:`, `    title: ${yamlString(p.title)}`, `    date: ${p.date}`);
  }
  writeFileSync(join(sources, 'edition.yaml'), yaml.join('\n') + '\n');
  return names;
}

/** The FRUS TEI of the same documents: <page>-c<k>.xml, a copy of the page's TEI, in `dir`. */
export function frusTeiCopies(dir: string, names: string[], frus = FRUS): void {
  mkdirSync(dir, { recursive: true });
  for (const name of names) {
    const src = join(frus, 'tei', `${name.replace(/-c\d+$/, '')}.xml`);
    if (!existsSync(src)) throw new Error(`${src}: no FRUS TEI`);
    copyFileSync(src, join(dir, `${name}.xml`));
  }
}

export interface BuildRun {
  /** Wall time seen by the parent, process start to exit (node start-up and module loading included). */
  wallMs: number;
  /** CPU time of the process (user + system, worker threads included). */
  cpuMs: number;
  /** Peak resident size of the process (threads included), in KB. */
  maxRssKB: number;
  built: number;
  converted: number;
  invalid: number;
  failed: number;
  rebuilt: number;
  upToDate: number;
  packageProblems: number;
  reasons: string[];
}

/** One build of `project` in a child process (build-child.js). */
export function childBuild(project: string, jobs: number, force = false): BuildRun {
  const child = fileURLToPath(new URL('./build-child.js', import.meta.url));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [child, project, String(jobs), ...(force ? ['--force'] : [])], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`build of ${project} failed: ${(r.stderr || r.stdout).split('\n').slice(-5).join(' ')}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(line) as BuildRun), wallMs };
}

/** Wall, CPU and peak RSS of a command run by /usr/bin/time (CPU and RSS undefined without it). */
export function timedCommand(cmd: string, args: string[]): { wallMs: number; cpuMs?: number; maxRssKB?: number } {
  const time = '/usr/bin/time';
  const log = join(mkdtempSync(join(tmpdir(), 'tei-bench-time-')), 'time');
  const useTime = existsSync(time);
  const t0 = performance.now();
  const r = useTime ? spawnSync(time, ['-o', log, '-f', '%U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }) : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${(r.stderr || r.stdout || String(r.error)).split('\n').slice(-5).join(' ')}`);
  if (!useTime) return { wallMs };
  const [user, sys, rss] = readFileSync(log, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  return { wallMs, cpuMs: (user + sys) * 1000, maxRssKB: rss };
}

/**
 * What the search page of a built site loads (issue 12, target 7): on opening, the page and the
 * files it names (stylesheet, scripts) and the manifest the first query loads (search/index.js);
 * and for each query, the shards search.js loads for it (run here as the page runs it, in a vm).
 */
export async function searchLoad(editions: string, queries: string[]): Promise<{ firstLoad: number; queries: { query: string; bytes: number; files: number; hits: number }[] }> {
  const page = readFileSync(join(editions, 'search.html'), 'utf8');
  const named = [...page.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)].map((m) => m[1]!);
  const size = (f: string) => statSync(join(editions, f)).size;
  const firstLoad = size('search.html') + named.reduce((n, f) => n + size(f), 0) + size(join('search', 'index.js'));
  const { default: MiniSearch } = await import('minisearch');
  const out: { query: string; bytes: number; files: number; hits: number }[] = [];
  for (const query of queries) {
    const window: { TeiEditionSearch?: (m: unknown, load: (n: string) => Promise<unknown>) => { search(q: string, o: object): Promise<unknown[]> } } = {};
    runInNewContext(readFileSync(join(editions, 'search.js'), 'utf8'), { window, document: { getElementById: () => null } });
    let bytes = 0;
    let files = 0;
    const load = (name: string) => {
      const text = readFileSync(join(editions, 'search', `${name}.js`), 'utf8');
      if (name !== 'index') {
        bytes += Buffer.byteLength(text);
        files++;
      }
      let data: unknown;
      runInNewContext(text, { TEI_EDITION_SEARCH_LOADED: (_: string, d: unknown) => (data = d) });
      return Promise.resolve(data);
    };
    const hits = await window.TeiEditionSearch!(MiniSearch, load).search(query, { prefix: true, fuzzy: 0.2 });
    out.push({ query, bytes, files, hits: hits.length });
  }
  return { firstLoad, queries: out };
}
