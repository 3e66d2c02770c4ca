import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isIsoDate, isLanguageTag } from '../src/enrich/config.js';
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
