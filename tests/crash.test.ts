/**
 * Builds killed at random moments, and builds running at the same time, on real processes
 * (`node dist/cli/bin.js build`, compiled by npm test). After every kill each output must be
 * whole: the bag verifies (or, killed between its two renames, the previous bag sits aside whole
 * and the next build puts it back), every TEI and HTML file is complete. The kill moments are
 * random but seeded (KILL_SEED); nothing here asserts a duration.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { verifyBag } from '../src/site/package.js';
import { project } from './project.js';

const CLI = 'dist/cli/bin.js';
const SEED = Number(process.env.KILL_SEED ?? 1962);
const KILLS = Number(process.env.KILLS ?? 6);

/** A small seeded PRNG (mulberry32): the same seed, the same kill moments. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  /** Resolves when the build makes its new bag beside the old one (a temporary named with its pid). */
  bagging: Promise<number>;
  /** Resolves when the build first reports (once it has the lock: 'building N documents'). */
  started: Promise<number>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>;
  kill: () => void;
}

function build(dir: string): Run {
  const child = spawn(process.execPath, [CLI, 'build', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const pkg = join(dir, 'package');
  mkdirSync(pkg, { recursive: true });
  let onBagging: (t: number) => void = () => undefined;
  const bagging = new Promise<number>((r) => (onBagging = r));
  const watcher = watch(pkg, (_event, name) => {
    if (name?.includes(String(child.pid))) onBagging(Date.now());
  });
  let err = '';
  let onStart: (t: number) => void = () => undefined;
  const started = new Promise<number>((r) => (onStart = r));
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    err += s;
    onStart(Date.now());
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((resolve) =>
    child.on('close', (code, signal) => {
      watcher.close();
      onStart(Date.now());
      onBagging(Date.now());
      resolve({ code, signal, err });
    }),
  );
  return { started, bagging, done, kill: () => child.kill('SIGKILL') };
}

/** A project with many payload files, so that writing and swapping the bag take a while. */
function bigProject(): string {
  const dir = project();
  mkdirSync(join(dir, 'sources', 'scans'));
  for (let i = 0; i < 500; i++) writeFileSync(join(dir, 'sources', 'scans', `page-${String(i).padStart(4, '0')}.txt`), `page ${i}\n`.repeat(40));
  return dir;
}

const files = (d: string, ext: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(ext) && !f.startsWith('.')) : []);

/** Every output whole; returns where the bag was ('bag' or 'aside'). */
function checkWhole(dir: string): 'bag' | 'aside' {
  for (const f of files(join(dir, 'tei'), '.xml')) {
    const xml = readFileSync(join(dir, 'tei', f), 'utf8');
    expect(xml.trimEnd().endsWith('</TEI>'), `tei/${f} is cut short`).toBe(true);
    expect(XMLValidator.validate(xml), `tei/${f} is not well-formed`).toBe(true);
  }
  for (const d of ['editions', join('editions', 'html')]) {
    for (const f of files(join(dir, d), '.html')) {
      expect(readFileSync(join(dir, d, f), 'utf8').trimEnd().endsWith('</html>'), `${d}/${f} is cut short`).toBe(true);
    }
  }
  for (const f of files(join(dir, 'editions', 'text'), '.txt')) expect(readFileSync(join(dir, 'editions', 'text', f), 'utf8').length, f).toBeGreaterThan(0);
  const pkg = join(dir, 'package');
  const bag = join(pkg, 'cmc-1962');
  if (existsSync(bag)) {
    expect(verifyBag(bag)).toEqual([]);
    return 'bag';
  }
  // Killed between the two renames of the swap: the previous bag is aside, whole.
  const aside = readdirSync(pkg).filter((e) => e.startsWith('.cmc-1962.tei-edition-old-'));
  expect(aside, `no bag in ${pkg}: ${readdirSync(pkg).join(', ')}`).toHaveLength(1);
  expect(verifyBag(join(pkg, aside[0]!))).toEqual([]);
  return 'aside';
}

/** Nothing left over: no temporaries, no lock, no bag but the one. */
function checkClean(dir: string): void {
  const leftovers: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.\d+(-\d+)?\.tmp$/.test(e.name)) leftovers.push(join(d, e.name));
    }
  };
  walk(join(dir, 'tei'));
  walk(join(dir, 'editions'));
  expect(leftovers).toEqual([]);
  expect(readdirSync(join(dir, 'package'))).toEqual(['cmc-1962']);
  expect(existsSync(join(dir, '.tei-edition.lock'))).toBe(false);
}

/** All files of a folder and their bytes. */
function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.set(`${rel}${e.name}`, readFileSync(join(d, e.name), 'latin1'));
    }
  };
  walk(root, '');
  return out;
}

describe('a build killed at any moment leaves every output whole', () => {
  test(`${KILLS} builds killed at random moments (seed ${SEED}); the next build puts things right`, async () => {
    const rand = random(SEED);
    // A reference build, uninterrupted: how long the work takes once started, and the bag it makes.
    const ref = bigProject();
    const r0 = build(ref);
    const t0 = await r0.started;
    const t1 = await r0.bagging;
    const first = await r0.done;
    expect(first.code, first.err).toBe(0);
    const span = Date.now() - t0;
    const bagSpan = Date.now() - t1;
    const expected = tree(join(ref, 'package', 'cmc-1962'));

    const dir = bigProject();
    cpSync(join(ref, 'sources'), join(dir, 'sources'), { recursive: true });
    expect((await build(dir).done).code).toBe(0);
    const seen = { killed: 0, finished: 0, bag: 0, aside: 0 };
    for (let i = 0; i < KILLS; i++) {
      const run = build(dir);
      // Every other kill at any moment of the work, the others while the bag is written and swapped.
      await (i % 2 ? run.bagging : run.started);
      await new Promise((r) => setTimeout(r, rand() * (i % 2 ? bagSpan : span)));
      run.kill();
      const end = await run.done;
      if (end.signal === 'SIGKILL') seen.killed++;
      else {
        expect(end.code, end.err).toBe(0);
        seen.finished++;
      }
      seen[checkWhole(dir)]++;
    }
    const last = await build(dir).done;
    expect(last.code, last.err).toBe(0);
    expect(checkWhole(dir)).toBe('bag');
    checkClean(dir);
    // The bag after all the kills is the bag of an uninterrupted build, byte for byte.
    const got = tree(join(dir, 'package', 'cmc-1962'));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) expect(got.get(k) === v, k).toBe(true);
    console.log(`kill test (seed ${SEED}): ${seen.killed} killed, ${seen.finished} finished first; after the kill the bag was in place ${seen.bag} times, set aside ${seen.aside} times`);
    expect(seen.killed).toBeGreaterThan(0);
  }, 600_000);
});

describe('two builds of one folder', () => {
  test('three at once: they run one after the other, or the later ones say clearly that another build is running; never ENOTEMPTY', async () => {
    const dir = bigProject();
    const results = await Promise.all([build(dir).done, build(dir).done, build(dir).done]);
    for (const r of results) {
      expect(r.err).not.toMatch(/ENOTEMPTY|EEXIST|internal error/);
      if (r.code !== 0) expect(r.err).toMatch(/^error: another build of .* is running(?: \(process \d+\))?: wait for it to finish and try again/m);
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(checkWhole(dir)).toBe('bag');
    checkClean(dir);
  }, 300_000);
});
