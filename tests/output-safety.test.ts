/**
 * Output safety (issue 11): the tool writes and removes only inside its output folders, never
 * replaces a folder it did not write, publishes only documents that converted, validated and
 * rendered, and writes its bag as RFC 8493 says.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildEdition } from '../src/pipeline.js';
import { decodeManifestPath, encodeManifestPath, recoverBag, tagValue, verifyBag } from '../src/site/package.js';
import { UnsafePathError, outputPath, safeName } from '../src/io.js';
import { run } from './helpers.js';
import { project } from './project.js';

function setEdition(dir: string, replace: (yaml: string) => string): void {
  const f = join(dir, 'sources', 'edition.yaml');
  writeFileSync(f, replace(readFileSync(f, 'utf8')));
}

/** Everything under a folder, as sorted relative paths. */
function list(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  walk(root, '');
  return out.sort();
}

const INVALID = 'zz-invalid';

describe('names and paths are checked where the tool writes', () => {
  test('safeName refuses what is not one path segment', () => {
    for (const bad of ['', '.', '..', '../x', 'a/b', 'a\\b', 'a\0b', 'a\nb']) expect(() => safeName(bad, 'edition id')).toThrow(UnsafePathError);
    expect(safeName('cmc-1962', 'edition id')).toBe('cmc-1962');
    expect(() => outputPath('/tmp/x', 'edition id', '..')).toThrow(/edition id "\.\." is not a safe file name/);
  });

  test("edition id '../../victim' does not delete that folder; the build refuses it clearly", async () => {
    const dir = project();
    const victim = join(dir, '..', 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'thesis.txt'), 'years of work');
    setEdition(dir, (y) => y.replace(/^  id: .*$/m, '  id: "../../victim"'));
    const r = await run('build', dir);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(readFileSync(join(victim, 'thesis.txt'), 'utf8')).toBe('years of work');
  }, 120_000);

  test("edition id '..' does not delete the project's sources", async () => {
    const dir = project();
    const before = list(join(dir, 'sources'));
    setEdition(dir, (y) => y.replace(/^  id: .*$/m, '  id: ".."'));
    const r = await run('build', dir);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(list(join(dir, 'sources'))).toEqual(before);
    expect(existsSync(join(dir, 'tei', 'schema'))).toBe(true);
  }, 120_000);

  test('package -o into a non-empty folder that is not one of its bags is refused; its own bag is replaced', async () => {
    const dir = project();
    const foreign = join(dir, '..', 'documents');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'letter.txt'), 'keep me');
    const r = await run('package', dir, '-o', foreign);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not empty and is not a bag written by tei-edition: refusing to replace it/);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(list(foreign)).toEqual(['letter.txt']);

    const bag = join(dir, '..', 'bag');
    mkdirSync(bag); // an empty folder is fine
    expect((await run('package', dir, '-o', bag)).code).toBe(0);
    const again = await run('package', dir, '-o', bag);
    expect(again.code, again.err).toBe(0);
    expect(again.err).toContain(`bag written: ${bag} (verified: every checksum)`);
    expect(verifyBag(bag)).toEqual([]);
    expect(readdirSync(join(dir, '..')).sort()).toEqual(['bag', 'documents', 'project']);
  }, 240_000);
});

describe('a build puts right what a stopped build left', () => {
  test('temporaries of earlier runs are removed; a bag set aside is put back', async () => {
    const dir = project();
    const bag = (await buildEdition({ dir })).package!;
    const pkg = join(dir, 'package');
    // What a killed run of this version or an older one left: an unfinished bag, a temporary file.
    mkdirSync(join(pkg, 'cmc-1962.tmp-999999', 'data', 'tei'), { recursive: true });
    writeFileSync(join(pkg, 'cmc-1962.tmp-999999', 'data', 'tei', 'x.xml'), '<TEI');
    mkdirSync(join(pkg, '.cmc-1962.tei-edition-new-999998', 'data'), { recursive: true });
    writeFileSync(join(pkg, '.cmc-1962.tei-edition-new-999998', '.tei-edition-partial'), '');
    writeFileSync(join(dir, 'tei', '.1962-10-29-topol-594.xml.999997.tmp'), '<TEI><teiHea');
    writeFileSync(join(dir, 'editions', 'html', '.index.html.999997.tmp'), '<!DOC');
    // Not the tool's: kept.
    mkdirSync(join(pkg, 'cmc-1962.tmp-notes'));
    writeFileSync(join(pkg, 'cmc-1962.tmp-notes', 'mine.txt'), 'x');
    const r = await buildEdition({ dir });
    expect(r.recovered.join('\n')).toMatch(/removed 2 unfinished files/);
    expect(readdirSync(pkg).sort()).toEqual(['cmc-1962', 'cmc-1962.tmp-notes']);
    expect(list(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(verifyBag(bag)).toEqual([]);

    // Killed between setting the old bag aside and renaming the new one in: the old one comes back.
    const before = list(bag);
    renameSync(bag, join(pkg, '.cmc-1962.tei-edition-old-999996'));
    expect(recoverBag(bag)).toEqual([`restored the previous bag ${bag} (a build was stopped while replacing it)`]);
    expect(list(bag)).toEqual(before);
    expect(verifyBag(bag)).toEqual([]);
  }, 240_000);
});

describe('only documents that converted, validated and rendered are published', () => {
  const inIndex = (dir: string, name: string) => readFileSync(join(dir, 'editions', 'index.html'), 'utf8').includes(`html/${name}.html`);
  const inBag = (bag: string, name: string) =>
    readFileSync(join(bag, 'data', 'edition.xml'), 'utf8').includes(`tei/${name}.xml`) ||
    list(join(bag, 'data')).some((f) => f.includes(name)) ||
    readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8').includes(name);

  test('an invalid document is reported, absent from the index and the package; the build exits 1', async () => {
    const dir = project();
    // Page 3 after page 5 in one witness: against the editorial rules.
    writeFileSync(join(dir, 'sources', `${INVALID}.txt`), 'A note.\n\n[Page 5]\n\nMore of it.\n\n[Page 3]\n\nThe end.\n');
    const r = await run('build', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zz-invalid\.xml:\d+:\d+: error: Page 3 comes after page 5 in the same witness/);
    expect(inIndex(dir, INVALID)).toBe(false);
    expect(existsSync(join(dir, 'editions', 'html', `${INVALID}.html`))).toBe(false);
    const bag = join(dir, 'package', 'cmc-1962');
    expect(verifyBag(bag)).toEqual([]);
    expect(inBag(bag, INVALID)).toBe(false);
    expect(inIndex(dir, '1962-10-29-topol-594')).toBe(true);
    // The TEI stays in tei/ for the editor to correct: the error messages point into it.
    expect(existsSync(join(dir, 'tei', `${INVALID}.xml`))).toBe(true);

    // Asked for: published, marked as invalid; still exit 1.
    const r2 = await run('build', dir, '--include-invalid');
    expect(r2.code).toBe(1);
    expect(inIndex(dir, INVALID)).toBe(true);
    expect(readFileSync(join(dir, 'editions', 'index.html'), 'utf8')).toMatch(/zz-invalid\.html">zz-invalid<\/a> <strong class="invalid">\(not valid/);
    expect(inBag(bag, INVALID)).toBe(true);
    expect(verifyBag(bag)).toEqual([]);

    // And unpublished again: its page removed.
    expect((await run('build', dir)).code).toBe(1);
    expect(existsSync(join(dir, 'editions', 'html', `${INVALID}.html`))).toBe(false);
    expect(inBag(bag, INVALID)).toBe(false);
  }, 360_000);

  test('a document that fails to render is absent from the index and the package', async () => {
    const dir = project();
    const name = '1962-10-29-topol-594';
    mkdirSync(join(dir, 'editions', 'html', `${name}.html`), { recursive: true }); // its page cannot be written
    const r = await buildEdition({ dir });
    expect(r.failed.map((f) => f.file)).toEqual([join(dir, 'sources', `${name}.txt`)]);
    expect(r.built.map((c) => c.name)).not.toContain(name);
    expect(inIndex(dir, name)).toBe(false);
    expect(inBag(r.package!, name)).toBe(false);
    expect(verifyBag(r.package!)).toEqual([]);
  }, 120_000);

  test('hidden files in sources are not documents: neither converted nor listed', async () => {
    const dir = project();
    cpSync(join(dir, 'sources', '1962-10-29-topol-594.txt'), join(dir, 'sources', '.draft.txt'));
    const r = await buildEdition({ dir });
    expect(r.built).toHaveLength(5);
    expect(existsSync(join(dir, 'tei', '.draft.xml'))).toBe(false);
    expect(readFileSync(join(r.package!, 'data', 'edition.xml'), 'utf8')).not.toContain('.draft');
    expect(verifyBag(r.package!)).toEqual([]);
  }, 120_000);
});

describe('the bag as RFC 8493 says', () => {
  test('manifest paths are percent-encoded; tag values are one line', () => {
    expect(encodeManifestPath('data/100%\nx\r.txt')).toBe('data/100%25%0Ax%0D.txt');
    expect(decodeManifestPath('data/100%25%0ax%0D.txt')).toBe('data/100%\nx\r.txt');
    expect(tagValue('The edition\nPayload-Oxum: 1.1\r\n  more')).toBe('The edition Payload-Oxum: 1.1 more');
  });

  test('a newline or % in a file name, a newline in publisher or title inject nothing', async () => {
    const dir = project();
    const evil = `100% sure\n${'0'.repeat(64)}  forged.txt`;
    mkdirSync(join(dir, 'sources', 'scans'));
    writeFileSync(join(dir, 'sources', 'scans', evil), 'a scan');
    setEdition(dir, (y) =>
      y.replace(/^  publisher: .*$/m, '  publisher: "Evil Press\\nPayload-Oxum: 1.1\\nExternal-Identifier: forged"').replace(/^  title: .*$/m, '  title: "A\\r\\nBagging-Date: 1999-01-01"'),
    );
    const r = await buildEdition({ dir });
    const bag = r.package!;
    expect(r.packageProblems).toEqual([]);
    expect(verifyBag(bag)).toEqual([]);
    const manifest = readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8');
    expect(manifest).toContain(`  data/sources/scans/100%25 sure%0A${'0'.repeat(64)}  forged.txt\n`);
    // Read independently of verifyBag: one line a payload file, each decoded path a file of the bag.
    const lines = manifest.split('\n').filter(Boolean);
    const payload = list(join(bag, 'data')).map((f) => `data/${f}`);
    expect(lines).toHaveLength(payload.length);
    const decoded = lines.map((l) => /^[0-9a-f]{64} {2}(.+)$/.exec(l)![1]!.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%'));
    expect(decoded.sort()).toEqual(payload.sort());
    const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8').split('\n').filter(Boolean);
    // The bag's own fields, then Dublin Core (DC-*): no line forged by the title or the publisher.
    expect(info.map((l) => l.split(':')[0]).filter((k) => !k!.startsWith('DC-'))).toEqual(['Source-Organization', 'External-Description', 'External-Identifier', 'Bag-Software-Agent', 'Payload-Oxum']);
    expect(info[0]).toBe('Source-Organization: Evil Press Payload-Oxum: 1.1 External-Identifier: forged');
    expect(info).toContain('DC-Publisher: Evil Press Payload-Oxum: 1.1 External-Identifier: forged');
    expect(info.filter((l) => l.startsWith('DC-Title: '))).toEqual(['DC-Title: A Bagging-Date: 1999-01-01: A sample digital scholarly edition']);
  }, 120_000);

  test('verifyBag: a manifest path outside data/ is a problem, not a file read', async () => {
    const dir = project();
    const bag = (await buildEdition({ dir })).package!;
    writeFileSync(join(bag, 'manifest-sha256.txt'), readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8') + `${'0'.repeat(64)}  data/../../../sources/edition.yaml\n`);
    expect(verifyBag(bag)).toContain(`manifest-sha256.txt: data/../../../sources/edition.yaml is not a path under data/`);
  }, 120_000);
});
