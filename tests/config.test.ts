import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { AJV_OPTIONS, CONFIG_SCHEMAS, FORMAT_CHECKS, isIsoDate, isLanguageTag, schemaPath, type ConfigSchema } from '../src/enrich/config.js';
import { parseMetadata } from '../src/enrich/metadata.js';
import { parsePersons } from '../src/enrich/registers.js';
import { problems, run } from './helpers.js';


const edition = (yaml: string) => problems(() => parseMetadata('edition.yaml', yaml));

describe('edition.yaml is checked against its JSON Schema, with positions', () => {
  test('an unknown key is an error with its line and a suggestion', () => {
    expect(edition('edition:\n  titel: Letters\n')).toEqual(["2:3: 'titel' is not a key of edition; did you mean 'title'?"]);
    expect(edition('documents:\n  a:\n    dat: 1921-03-12\n')).toEqual(["3:5: 'dat' is not a key of document 'a'; did you mean 'date'?"]);
    expect(edition('editon:\n  title: x\n')).toEqual(["1:1: 'editon' is not a key of edition.yaml; did you mean 'edition'?"]);
    // Nothing near: the keys are listed instead.
    expect(edition('edition:\n  zzzzzzzz: 1\n')[0]).toMatch(/'zzzzzzzz' is not a key of edition \(keys: id, title, /);
  });

  test('every problem is reported at once, in the order of the file', () => {
    const p = edition('edition:\n  id: ../../victim\n  language: "en\\"x"\n  date: 26 October 1962\ndocuments:\n  a:\n    date: 1921-02-30\n    published: { title: T, url: "javascript:alert(1)" }\n');
    expect(p).toEqual([
      "2:7: 'id' must be a name safe as a file name: a letter, digit or '_' first, then letters, digits, '-', '_' or '.', not '../../victim'",
      "3:13: 'language' must be a BCP 47 language tag (en, de, fr, la, en-GB…), not 'en\"x'",
      "4:9: 'date' must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), not '26 October 1962'",
      "7:11: 'date' must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), not '1921-02-30'",
      "8:33: 'url' must be an absolute http or https URL, not 'javascript:alert(1)'",
    ]);
  });

  test('ids: XML names, safe as file names, none the converter writes itself, none twice', () => {
    expect(edition('edition:\n  id: ..\n')[0]).toMatch(/^2:7: 'id' must be a name safe as a file name/);
    expect(edition('edition:\n  editors:\n    - { id: hand-ms, name: X }\n')).toEqual(["3:13: the id 'hand-ms' is one the converter writes itself; choose another"]);
    expect(edition('documents:\n  a:\n    witnesses:\n      - { id: A, label: x }\n      - { id: A, label: y }\n')).toEqual(["5:15: the witness id 'A' is used twice"]);
    expect(edition('documents:\n  "../x":\n    title: t\n')[0]).toMatch(/^2:3: the name '\.\.\/x' must be a name safe as a file name/);
    expect(problems(() => parsePersons('p.yaml', '- id: wit-A\n  name: A\n'))).toEqual(["1:7: the id 'wit-A' is one the converter writes itself; choose another"]);
    expect(problems(() => parsePersons('p.yaml', '- id: A-p3\n  name: A\n'))).toHaveLength(1);
  });

  test('licences: optional, checked when given', () => {
    expect(edition('edition:\n  licence:\n    encoding: { target: not a url, text: x }\n')[0]).toMatch(/^3:25: 'target' must be an absolute http or https URL/);
    expect(edition('edition:\n  licence:\n    source: { text: x }\n')).toEqual(["3:13: edition.licence.source needs 'target'"]);
    expect(parseMetadata('e.yaml', 'edition:\n  title: T\n').edition.licence).toEqual({});
  });

  test('unquoted numbers and dates are read as written', () => {
    const m = parseMetadata('e.yaml', 'edition:\n  date: 2026\ndocuments:\n  a:\n    date: 1921-03-12\n    identifiers: [{ type: n, value: 0017 }]\n');
    expect(m.edition.date).toBe('2026');
    expect(m.documents.a!.date).toBe('1921-03-12');
    expect(m.documents.a!.identifiers[0]!.value).toBe('0017');
  });

  test('formats', () => {
    expect(['2026', '1962-10', '1962-10-26', '2024-02-29'].every(isIsoDate)).toBe(true);
    expect(['1962-13', '1962-02-30', '2023-02-29', '62-10-26', '1962/10/26'].some(isIsoDate)).toBe(false);
    expect(['en', 'de-CH', 'la', 'grc', 'zh-Hant-TW', 'x-private'].every(isLanguageTag)).toBe(true);
    expect(['en"x', 'english', 'e', 'en_GB', ''].some(isLanguageTag)).toBe(false);
  });
});

describe('the build reports configuration problems', () => {
  test('a mistyped key stops the build with its line; a document entry without a transcription is a warning with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-config-'));
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources', 'a.txt'), 'A letter.\n');
    writeFileSync(join(dir, 'sources', 'edition.yaml'), 'edition:\n  titel: Letters\n');
    let r = await run('build', dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(dir, 'sources', 'edition.yaml')}:2:3: error: 'titel' is not a key of edition; did you mean 'title'?`);
    writeFileSync(join(dir, 'sources', 'edition.yaml'), 'edition:\n  title: Letters\ndocuments:\n  a: { title: A, date: 1921-03-12 }\n  b: { title: B }\n');
    r = await run('build', dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${join(dir, 'sources', 'edition.yaml')}:5:3: warning: document 'b' has no transcription b.txt`);
  });

  test('without licences in edition.yaml, the TEI and the site say that none is stated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-config-'));
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources', 'a.txt'), 'A letter.\n');
    writeFileSync(join(dir, 'sources', 'edition.yaml'), 'edition:\n  title: Letters\n  medium: manuscript\ndocuments:\n  a: { date: 1921-03-12 }\n');
    const r = await run('build', dir);
    expect(r.code).toBe(0);
    const tei = readFileSync(join(dir, 'tei', 'a.xml'), 'utf8');
    expect(tei).toContain('<availability status="unknown">');
    expect(tei).toContain('No licence is stated for the source documents or for this edition.');
    expect(tei).not.toMatch(/<licence|public domain|creativecommons|typescript|typewriter/i);
    expect(tei).toContain('objectDesc form="manuscript"');
    for (const page of ['index.html', 'html/a.html']) {
      const html = readFileSync(join(dir, 'editions', page), 'utf8');
      expect(html).toContain('No licence is stated for the source documents or for this edition.');
      expect(html).not.toMatch(/public domain|CC BY/i);
    }
  });
});

describe('the validators written ahead of time (npm run compile) are the schemas\' own', () => {
  // dist/enrich/config-validators.cjs, which the installed tool uses, against the schemas compiled now.
  const require = createRequire(import.meta.url);
  const ahead = (require('../dist/enrich/config-validators.cjs') as (f: typeof FORMAT_CHECKS) => Record<ConfigSchema, ValidateFunction>)(FORMAT_CHECKS);
  const ajv = new Ajv(AJV_OPTIONS);
  for (const [f, check] of Object.entries(FORMAT_CHECKS)) ajv.addFormat(f, check);
  const now = Object.fromEntries(CONFIG_SCHEMAS.map((n) => [n, ajv.compile(JSON.parse(readFileSync(schemaPath(n), 'utf8')) as object)]));
  const same = (name: ConfigSchema, value: unknown) => {
    const a = ahead[name](value);
    const b = now[name]!(value);
    expect(a).toBe(b);
    const strip = (errors: ValidateFunction['errors']) => (errors ?? []).map(({ instancePath, keyword, params, message }) => ({ instancePath, keyword, params, message }));
    expect(strip(ahead[name].errors)).toEqual(strip(now[name]!.errors));
  };
  const sample: Record<ConfigSchema, unknown> = {
    edition: parseYaml(readFileSync('sources/edition.yaml', 'utf8')),
    persons: parseYaml(readFileSync('sources/registers/persons.yaml', 'utf8')),
    corrections: parseYaml(readFileSync('sources/registers/corrections.yaml', 'utf8')),
    abbreviations: parseYaml(readFileSync('sources/registers/abbreviations.yaml', 'utf8')),
  };

  test('every schema is there, and the sample edition\'s files are valid by both', () => {
    expect(Object.keys(ahead).sort()).toEqual([...CONFIG_SCHEMAS].sort());
    for (const n of CONFIG_SCHEMAS) {
      expect(ahead[n](sample[n]), JSON.stringify(ahead[n].errors)).toBe(true);
      same(n, sample[n]);
    }
  });

  test('any value put anywhere in the sample files gives the same verdict and errors (property)', () => {
    // Replace the value at a random path of a sample file with an arbitrary JSON value or a string.
    const paths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
      v && typeof v === 'object' ? [at, ...Object.entries(v).flatMap(([k, c]) => paths(c, [...at, Array.isArray(v) ? Number(k) : k]))] : [at];
    for (const n of CONFIG_SCHEMAS) {
      const all = paths(sample[n]);
      fc.assert(
        fc.property(fc.nat(all.length - 1), fc.oneof(fc.jsonValue(), fc.string(), fc.constantFrom('2026-02-30', 'en-GB', 'english', 'http://x.org', 'ftp://x', '25:00', 'a b')), (i, value) => {
          const copy = structuredClone(sample[n]) as Record<string | number, unknown>;
          const path = all[i]!;
          if (path.length === 0) return same(n, value);
          let o = copy;
          for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
          o[path[path.length - 1]!] = value;
          same(n, copy);
        }),
        { numRuns: 150 },
      );
    }
  });
});
