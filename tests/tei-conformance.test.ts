/**
 * Every TEI file the project writes must be valid TEI P5 (tei_all 4.8.0, in ../shared/schema),
 * checked with jing, an independent validator. In CI the schema and jing must be there: the test
 * fails rather than skips. Elsewhere it is skipped when either is missing.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { convertFile, metadataFor, registersFor } from '../src/pipeline.js';
import { EMPTY_METADATA, convert } from './helpers.js';

const SCHEMA = '../shared/schema/tei_all.rng';
const hasJing = spawnSync('sh', ['-c', 'command -v jing'], { encoding: 'utf8' }).status === 0;
const ready = hasJing && existsSync(SCHEMA);
const inCI = Boolean(process.env.CI);

function jing(files: string[]): { status: number | null; output: string } {
  const r = spawnSync('jing', [SCHEMA, ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { status: r.status, output: (r.stdout + r.stderr).split('\n').filter((l) => !l.startsWith('[warning]')).join('\n') };
}

describe.runIf(ready || inCI)('TEI P5 conformance (jing, tei_all.rng)', () => {
  test('jing and the schema are available', () => {
    expect(hasJing, 'jing is not installed (Debian package jing)').toBe(true);
    expect(existsSync(SCHEMA), `${SCHEMA} is missing`).toBe(true);
  });

  test('jing rejects an invalid TEI document (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-jing-'));
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><stamp>x</stamp></body></text></TEI>\n');
    const r = jing([bad]);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/bad\.xml:1:\d+: error/);
  });

  test('the five sample documents, and any TEI already in tei/, are valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-sample-'));
    const metadata = metadataFor('sources');
    const registers = registersFor('sources');
    const files = readdirSync('sources')
      .filter((f) => f.endsWith('.txt'))
      .map((f) => {
        const out = join(dir, f.replace(/\.txt$/, '.xml'));
        writeFileSync(out, convertFile(join('sources', f), metadata, { registers }).xml);
        return out;
      });
    expect(files).toHaveLength(5);
    const built = existsSync('tei') ? readdirSync('tei').filter((f) => f.endsWith('.xml')).map((f) => join('tei', f)) : [];
    const r = jing([...files, ...built]);
    expect(r.output.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  test('property: TEI converted from generated transcriptions is valid', () => {
    const line = fc
      .array(
        fc.constantFrom(
          'SECRET', 'DECLASSIFIED', '-3-', 'ACTION:', 'INFO:', 'TO:', 'SUBJECT:', 'Copies to:', 'RUSK', 'Rusk', 'END.', 'FOR TOKYO',
          'Drafted by:', 'Cleared:', 'DEPARTMENT OF STATE', '() RELEASE', '(X) EXCISE', "Nov 19 9 19 PM '62", 'October 26, 1962',
          'REPRODUCTION FROM THIS COPY', 'The United States:', '(a)', '1.', 'the', 'Secretary', 'said', 'that', 'missiles.', 'Cuba',
          '~~struck~~', '^{added}', '*hll*', '**bold**', '*[Signature]*', '[]', '[bracketed words]', '[Page 7]', '0000000000',
          'EXCISED COPY FOLLOWS', 'F780011-0573', 'INDICATE: ☐ COLLECT',
          'QTE', 'UNQTE', 'Kuznatsov', 'Therman Kent', 'Mr. Smith', 'Ambassador Jones', 'EUR:JRSchaetzle:MC', 'NAC', 'Amembassy', '11/19/62',
        ),
        { minLength: 1, maxLength: 10 },
      )
      .map((ws) => ws.join(' '));
    const doc = fc
      .array(fc.array(fc.oneof(line, fc.constantFrom('EXCISED COPY FOLLOWS', 'SECRET', 'RUSK', '-2-', 'Cleared:')), { minLength: 1, maxLength: 3 }), {
        minLength: 1,
        maxLength: 25,
      })
      .map((bs) => bs.map((b) => b.join('\n')).join('\n\n'));
    const samples = fc.sample(doc, { numRuns: 60, seed: 4711 });
    const registers = registersFor('sources');
    const dir = mkdtempSync(join(tmpdir(), 'tei-gen-'));
    const files = samples.map((src, i) => {
      const f = join(dir, `g${i}.xml`);
      // Half with the sample edition's registers and name suggestions, half without enrichment.
      writeFileSync(f, (i % 2 ? convert(src, `g${i}`) : convert(src, `g${i}`, EMPTY_METADATA, registers)).xml);
      writeFileSync(join(dir, `g${i}.txt`), src);
      return f;
    });
    const r = jing(files);
    expect(r.output.trim(), `sources beside the files in ${dir}`).toBe('');
    expect(r.status).toBe(0);
  });
});
