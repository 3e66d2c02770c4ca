/**
 * Builds in worker threads and incremental builds give the same bytes as a clean build in one
 * thread; a build rebuilds exactly the documents whose inputs changed.
 */
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildEdition, documentMetadata, metadataFor, shardOf, type BuildOptions } from '../src/pipeline.js';
import fc from 'fast-check';
import { project } from './project.js';
import { run } from './helpers.js';
import { verifyBag } from '../src/site/package.js';

/** Every output file of a project (tei/, editions/, package/) with its content. */
function outputs(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  for (const top of ['tei', 'editions', 'package']) walk(join(dir, top));
  return out;
}

/** Every output of `dir` is the same bytes as a clean build's of the same sources (tei/, editions/, package/). */
async function expectCleanBuildBytes(dir: string): Promise<void> {
  const clean = project();
  rmSync(join(clean, 'sources'), { recursive: true });
  cpSync(join(dir, 'sources'), join(clean, 'sources'), { recursive: true });
  await build(clean);
  const a = outputs(clean);
  const b = outputs(dir);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [f, content] of a) expect(b.get(f) === content, f).toBe(true);
}

/** The bag of a project: its one folder under package/. */
const first = (dir: string) => join(dir, 'package', readdirSync(join(dir, 'package')).filter((f) => !f.startsWith('.'))[0]!);

const mtimes = (dir: string) => new Map([...outputs(dir).keys()].map((f) => [f, statSync(join(dir, f)).mtimeMs]));

/** A project of 20 documents: the sample's five, each four times under other names. */
function bigProject(): string {
  const dir = project();
  const src = join(dir, 'sources');
  for (const f of readdirSync(src).filter((f) => f.endsWith('.txt'))) {
    for (const k of [2, 3, 4]) {
      const name = f.replace('.txt', `-copy${k}`);
      cpSync(join(src, f), join(src, `${name}.txt`));
      // edition.yaml ends with its documents: each copy gets its date (the name starts with it).
      appendFileSync(join(src, 'edition.yaml'), `  ${name}:\n    date: ${name.slice(0, 10)}\n`);
    }
  }
  return dir;
}

const build = async (dir: string, options: Partial<BuildOptions> = {}) => {
  const r = await buildEdition({ dir, ...options });
  expect(r.failed.map((f) => f.error.message)).toEqual([]);
  return r;
};

describe('builds on two cores and incremental builds', () => {
  test('a build in two worker threads writes the same bytes as a build in one thread', async () => {
    const one = bigProject();
    const two = bigProject();
    await build(one, { jobs: 1 });
    const r = await build(two, { jobs: 2 });
    expect(r.built).toHaveLength(20);
    const a = outputs(one);
    const b = outputs(two);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [f, content] of a) expect(b.get(f), f).toBe(content);
  }, 600_000);

  test("a document's job carries the edition's metadata and its own entry, not every document's", () => {
    const metadata = metadataFor(join(bigProject(), 'sources'));
    const names = Object.keys(metadata.documents);
    expect(names.length).toBeGreaterThan(5);
    const m = documentMetadata(metadata, names[0]!);
    expect(m.edition).toEqual(metadata.edition);
    expect(m.documents).toEqual({ [names[0]!]: metadata.documents[names[0]!] });
    expect(documentMetadata(metadata, 'no-such-document').documents).toEqual({});
    expect(documentMetadata(metadata, 'constructor').documents).toEqual({});
  });

  test('nothing changed: nothing is built or written again; one changed transcription: that document alone', async () => {
    const dir = project();
    const first = await build(dir);
    expect(first.rebuilt).toBe(5);
    const before = outputs(dir);
    const times = mtimes(dir);

    const again = await build(dir);
    expect(again.rebuilt).toBe(0);
    expect(again.upToDate).toBe(5);
    expect(again.warnings).toEqual(first.warnings);
    expect(outputs(dir)).toEqual(before);
    // The documents' files, the site's pages and the package are not written again.
    const unchanged = [...times].filter(([f, t]) => !f.startsWith('tei/registers') && !f.startsWith('editions/html/edition.') && statSync(join(dir, f)).mtimeMs === t);
    expect(unchanged.length).toBe(times.size - 3);

    const changed = '1962-10-29-topol-594';
    const inBag = (name: string) => statSync(join(first.package!, 'data', 'tei', `${name}.xml`)).ino;
    const inodes = { changed: inBag(changed), other: inBag('1962-11-19-circular-939') };
    appendFileSync(join(dir, 'sources', `${changed}.txt`), '\nA paragraph added while editing.\n');
    const third = await build(dir);
    expect(third.rebuilt).toBe(1);
    expect(third.upToDate).toBe(4);
    // The new bag links the unchanged files of the old one, and verifies in full.
    expect(inBag('1962-11-19-circular-939')).toBe(inodes.other);
    expect(inBag(changed)).not.toBe(inodes.changed);
    expect(verifyBag(third.package!)).toEqual([]);
    expect(readFileSync(join(dir, 'editions', 'html', `${changed}.html`), 'utf8')).toContain('A paragraph added while editing.');
    const shards = readdirSync(join(dir, 'editions', 'search')).filter((f) => f.startsWith('s'));
    expect(shards.some((f) => readFileSync(join(dir, 'editions', 'search', f), 'utf8').includes('A paragraph added while editing.'))).toBe(true);

    // The same bytes as a clean build of the same sources: the documents' files, the site's pages,
    // the search shards and the package.
    await expectCleanBuildBytes(dir);
    // The search index was updated, not written whole: its merge state names every document.
    const merge = JSON.parse(readFileSync(join(dir, '.tei-edition', 'search-merge.json'), 'utf8')) as { documents: { name: string }[] };
    expect(merge.documents).toHaveLength(5);
  }, 600_000);

  test("a document's title changed in edition.yaml: the pages that list it, the search and the package are those of a clean build", async () => {
    const dir = bigProject();
    await build(dir, { jobs: 2 });
    const yaml = join(dir, 'sources', 'edition.yaml');
    const text = readFileSync(yaml, 'utf8');
    const title = /^ {4}title: (.+)$/m.exec(text)!;
    writeFileSync(yaml, text.replace(title[0], '    title: A title changed while editing'));
    const r = await build(dir);
    expect(r.rebuilt).toBe(1);
    expect(readFileSync(join(dir, 'editions', 'index.html'), 'utf8')).toContain('A title changed while editing');
    expect(readFileSync(join(first(dir), 'data', 'edition.xml'), 'utf8')).toContain('A title changed while editing');
    // Then one transcription changed: the index is updated from the last merge.
    appendFileSync(join(dir, 'sources', '1962-10-29-topol-594-copy3.txt'), '\nOne more paragraph.\n');
    expect((await build(dir)).rebuilt).toBe(1);
    await expectCleanBuildBytes(dir);
  }, 600_000);

  test("edition.yaml is parsed again only when it changed; a page image it names that is gone is still reported", async () => {
    const dir = project();
    await build(dir);
    const kept = join(dir, '.tei-edition', 'metadata.json');
    expect(existsSync(kept)).toBe(true);
    const time = statSync(kept).mtimeMs;
    await build(dir);
    expect(statSync(kept).mtimeMs).toBe(time);
    rmSync(join(dir, 'sources', 'facsimiles', '1962-12-18-usun-1687-p1.png'));
    await expect(buildEdition({ dir })).rejects.toThrow(/1962-12-18-usun-1687-p1\.png' does not exist/);
  }, 600_000);

  test('a changed register entry rebuilds the documents that may use it, and no other; a deleted output is made again', async () => {
    const dir = project();
    await build(dir);
    const persons = join(dir, 'sources', 'registers', 'persons.yaml');
    const text = readFileSync(persons, 'utf8');
    // Kuznetsov is named in one document only.
    expect(text).toContain('name: Kuznetsov, Vasily V.');
    writeFileSync(persons, text.replace('name: Kuznetsov, Vasily V.', 'name: Kuznetsov, Vasilii Vasil’evich'));
    const r = await build(dir);
    expect(r.rebuilt).toBe(1);
    expect(readFileSync(join(dir, 'editions', 'persons.html'), 'utf8')).toContain('Kuznetsov, Vasilii Vasil’evich');

    rmSync(join(dir, 'editions', 'html', '1962-10-26-rostow-alliance-missiles.html'));
    const r2 = await build(dir);
    expect(r2.rebuilt).toBe(1);
    expect(statSync(join(dir, 'editions', 'html', '1962-10-26-rostow-alliance-missiles.html')).isFile()).toBe(true);
    expect((await build(dir, { force: true })).rebuilt).toBe(5);
  }, 600_000);

  test('a transcription removed: its outputs go, and the edition is the bytes of a clean build without it', async () => {
    const dir = project();
    await build(dir);
    const gone = '1962-10-26-rostow-alliance-missiles';
    rmSync(join(dir, 'sources', `${gone}.txt`));
    const r = await build(dir);
    expect(r.rebuilt).toBe(0);
    expect(r.upToDate).toBe(4);
    const left = [...outputs(dir).keys()].filter((f) => f.includes(gone));
    expect(left).toEqual([]);
    expect(existsSync(join(dir, '.tei-edition', 'records', `${gone}.json`))).toBe(false);
    await expectCleanBuildBytes(dir);
  }, 600_000);

  test('shard builds put together and merged: the same bytes as a build on one machine', async () => {
    const whole = project();
    await build(whole);
    const merged = project();
    const counts: number[] = [];
    for (const index of [1, 2, 3]) {
      // Each shard in a folder of its own, as on another machine; its outputs copied into one folder.
      const machine = project();
      const r = await build(machine, { shard: { index, count: 3 } });
      counts.push(r.rebuilt);
      expect(existsSync(join(machine, 'editions', 'index.html'))).toBe(false);
      expect(existsSync(join(machine, 'package'))).toBe(false);
      for (const top of ['tei', 'editions', '.tei-edition']) if (existsSync(join(machine, top))) cpSync(join(machine, top), join(merged, top), { recursive: true });
    }
    // Every document in exactly one shard.
    expect(counts.reduce((a, b) => a + b)).toBe(5);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1);
    const m = await build(merged, { merge: true });
    expect(m.rebuilt).toBe(0);
    expect(m.built).toHaveLength(5);
    expect(readdirSync(join(merged, '.tei-edition')).filter((f) => f.startsWith('shard-'))).toEqual([]);
    const a = outputs(whole);
    const b = outputs(merged);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [f, content] of a) expect(b.get(f), f).toBe(content);
    expect((await build(merged)).rebuilt).toBe(0);
  }, 600_000);

  test('a document belongs to one shard, the same whatever the machine', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 64 }), (name, n) => {
        const k = shardOf(name, n);
        expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
        expect(shardOf(name, n)).toBe(k);
      }),
    );
    expect(shardOf('1962-11-19-circular-939', 1000)).toBe(shardOf('1962-11-19-circular-939', 1000));
  });

  test('build --shard takes K/N with 1 <= K <= N, and not with --merge', async () => {
    const dir = project();
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) {
      const r = await run('build', dir, '--shard', bad);
      expect(r.code, bad).toBe(2);
      expect(r.err).toContain('--shard must be K/N');
    }
    expect((await run('build', dir, '--shard', '1/2', '--merge')).code).toBe(2);
    expect(existsSync(join(dir, '.tei-edition'))).toBe(false);
  });
});
