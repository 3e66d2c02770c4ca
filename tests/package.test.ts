import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildEdition } from '../src/pipeline.js';
import { verifyBag } from '../src/site/package.js';
import { validateText } from '../src/validate/index.js';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tei-bag-'));
  cpSync('sources', join(dir, 'sources'), { recursive: true });
  cpSync('tei/schema', join(dir, 'tei', 'schema'), { recursive: true });
  return dir;
}

function tree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p));
    }
  };
  walk(root);
  return out;
}

describe('the deposit package (BagIt)', () => {
  test('build writes a bag that verifies the way an ingest would; two builds give the same bytes', async () => {
    const [a, b] = [project(), project()];
    const ra = await buildEdition({ dir: a });
    const rb = await buildEdition({ dir: b });
    const bagA = ra.package!;
    expect(verifyBag(bagA)).toEqual([]);
    for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'data/edition.xml', 'data/README.md', 'data/tei/1962-11-19-circular-939.xml', 'data/tei/registers/persons.xml', 'data/sources/registers/persons.yaml', 'data/editions/index.html', 'data/editions/html/1962-11-19-circular-939.html', 'data/editions/text/1962-11-19-circular-939.normalized.txt']) {
      expect(existsSync(join(bagA, f)), f).toBe(true);
    }
    expect(readFileSync(join(bagA, 'bag-info.txt'), 'utf8')).not.toMatch(/Bagging-Date/);
    expect(readFileSync(join(bagA, 'data/README.md'), 'utf8')).toMatch(/- `[0-9a-f]{64}` sources\/1962-11-19-circular-939\.txt/);
    const ta = tree(bagA);
    const tb = tree(rb.package!);
    expect([...ta.keys()].sort()).toEqual([...tb.keys()].sort());
    for (const [k, v] of ta) expect(v.equals(tb.get(k)!), k).toBe(true);
  }, 120_000);

  test('a changed, missing or unlisted file is found', async () => {
    const dir = project();
    const bag = (await buildEdition({ dir })).package!;
    appendFileSync(join(bag, 'data/tei/1962-10-29-topol-594.xml'), ' ');
    writeFileSync(join(bag, 'data/extra.txt'), 'x');
    const problems = verifyBag(bag);
    expect(problems).toContain('manifest-sha256.txt: data/tei/1962-10-29-topol-594.xml does not match its checksum');
    expect(problems).toContain('data/extra.txt is not in the manifest');
    expect(problems.some((p) => p.startsWith('bag-info.txt: Payload-Oxum does not match'))).toBe(true);
  }, 120_000);

  test('the edition file listing the documents is valid TEI', async () => {
    const dir = project();
    const bag = (await buildEdition({ dir })).package!;
    const xml = readFileSync(join(bag, 'data/edition.xml'), 'utf8');
    expect(xml).toContain('<ref target="tei/1962-11-19-circular-939.xml">');
    if (!existsSync('../shared/schema/tei_all.rng')) return;
    const r = await validateText('edition.xml', xml, { schema: '../shared/schema/tei_all.rng', schematron: false });
    expect(r.errors).toEqual([]);
  }, 120_000);
});
