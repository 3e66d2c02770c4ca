import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
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

type Entity = Record<string, unknown> & { '@id': string; '@type': string | string[] };

/**
 * The bag's RO-Crate (RO-Crate 1.1 in the payload: data/ is the crate's root): JSON-LD with the
 * required entities (the metadata descriptor, the root dataset with name, description, licence),
 * every payload file a File entity in the root's hasPart with its size, every reference resolved.
 */
function checkRoCrate(bag: string): void {
  const crate = JSON.parse(readFileSync(join(bag, 'data', 'ro-crate-metadata.json'), 'utf8')) as { '@context': string; '@graph': Entity[] };
  expect(crate['@context']).toBe('https://w3id.org/ro/crate/1.1/context');
  const graph = crate['@graph'];
  const byId = new Map(graph.map((e) => [e['@id'], e]));
  expect(byId.size, 'no @id twice').toBe(graph.length);
  const descriptor = byId.get('ro-crate-metadata.json')!;
  expect(descriptor).toMatchObject({ '@type': 'CreativeWork', conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' }, about: { '@id': './' } });
  const root = byId.get('./')!;
  expect(root['@type']).toBe('Dataset');
  for (const k of ['name', 'description', 'datePublished', 'license', 'publisher']) expect(root[k], k).toBeTruthy();
  // Every reference ({"@id": …}) is an entity of the graph or an absolute URL.
  const refs = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(refs) : v && typeof v === 'object' ? (Object.keys(v).length === 1 && '@id' in v ? [(v as { '@id': string })['@id']] : Object.values(v).flatMap(refs)) : []);
  for (const e of graph) for (const [k, v] of Object.entries(e)) if (k !== '@id') for (const r of refs(v)) expect(byId.has(r) || /^https?:\/\//.test(r), `${e['@id']} ${k} → ${r}`).toBe(true);
  for (const l of root.license as { '@id': string }[]) expect(byId.get(l['@id'])?.['@type']).toBe('CreativeWork');
  // Every data file, listed once, with its size; nothing listed that is not there.
  const files = [...tree(join(bag, 'data')).entries()].map(([p, b]) => [p.split(sep).join('/'), b] as const).filter(([p]) => p !== 'ro-crate-metadata.json');
  const parts = (root.hasPart as { '@id': string }[]).map((p) => decodeURIComponent(p['@id']));
  expect(parts.sort()).toEqual(files.map(([p]) => p).sort());
  for (const [p, b] of files) {
    const e = byId.get(p.split('/').map(encodeURIComponent).join('/'))!;
    expect(e['@type'], p).toBe('File');
    expect(e.contentSize, p).toBe(String(b.length));
    expect(e.encodingFormat, p).toMatch(/^[a-z]+\/[\w.+-]+$/);
  }
  expect(byId.get('tei/1962-11-30-memcon-surprise-attack.xml')).toMatchObject({ encodingFormat: 'application/tei+xml', dateCreated: '1962-11-30', name: expect.stringContaining('Measures Against Surprise Attack') });
}

describe('the deposit package (BagIt)', () => {
  test('build writes a bag that verifies the way an ingest would; two builds give the same bytes', async () => {
    const [a, b] = [project(), project()];
    const ra = await buildEdition({ dir: a });
    const rb = await buildEdition({ dir: b });
    const bagA = ra.package!;
    expect(verifyBag(bagA)).toEqual([]);
    for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'data/edition.xml', 'data/README.md', 'data/ro-crate-metadata.json', 'data/tei/1962-11-19-circular-939.xml', 'data/tei/registers/persons.xml', 'data/sources/registers/persons.yaml', 'data/editions/index.html', 'data/editions/html/1962-11-19-circular-939.html', 'data/editions/text/1962-11-19-circular-939.normalized.txt']) {
      expect(existsSync(join(bagA, f)), f).toBe(true);
    }
    expect(readFileSync(join(bagA, 'bag-info.txt'), 'utf8')).not.toMatch(/Bagging-Date/);
    expect(readFileSync(join(bagA, 'data/README.md'), 'utf8')).toMatch(/- `[0-9a-f]{64}` sources\/1962-11-19-circular-939\.txt/);
    checkRoCrate(bagA);
    // Dublin Core in bag-info.txt: what edition.yaml states, one element a line.
    const dc = readFileSync(join(bagA, 'bag-info.txt'), 'utf8').split('\n').filter((l) => l.startsWith('DC-'));
    expect(dc.filter((l) => !l.startsWith('DC-Rights: The') && !l.startsWith('DC-Description'))).toEqual([
      'DC-Title: The Cuban Missile Crisis and Its Aftermath: Five State Department Documents, October–December 1962: A sample digital scholarly edition',
      'DC-Contributor: The tei-edition project (editor)',
      'DC-Publisher: The tei-edition project',
      'DC-Date: 2026',
      'DC-Type: Collection',
      'DC-Format: application/tei+xml',
      'DC-Language: en',
      'DC-Identifier: cmc-1962',
      'DC-Coverage: 1962-10-26/1962-12-18',
      'DC-Rights: https://creativecommons.org/publicdomain/mark/1.0/',
      'DC-Rights: https://creativecommons.org/licenses/by/4.0/',
    ]);
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
