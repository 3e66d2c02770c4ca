import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { run } from './helpers.js';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { validateText, validateFile, PROJECT_SCHEMATRON } from '../src/validate/index.js';
import { loadSchematron, runSchematron, PROJECT_RULES_SHA256 } from '../src/validate/schematron.js';
import { parseXml } from '../src/validate/xml.js';

const TEI_ALL = '../shared/schema/tei_all.rng';
const hasTeiAll = (() => {
  try {
    readFileSync(TEI_ALL);
    return true;
  } catch {
    return false;
  }
})();


const dir = mkdtempSync(join(tmpdir(), 'tei-validate-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** A minimal document valid against the project schema, with a hole to fill in the body. */
function doc(bodyXml: string, header: { creation?: string } = {}): string {
  const creation = header.creation ?? '<date when="1962-10-26">October 26, 1962</date>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t">
  <teiHeader>
    <fileDesc>
      <titleStmt><title type="main">T</title></titleStmt>
      <publicationStmt><publisher>P</publisher><idno type="local">t</idno><availability status="free"><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY</licence></availability></publicationStmt>
      <sourceDesc>
        <msDesc><msIdentifier><idno>1</idno></msIdentifier><msContents><textLang mainLang="en">English</textLang><msItem><title>T</title></msItem></msContents><physDesc><objectDesc form="typescript"><p>Typescript.</p></objectDesc></physDesc></msDesc>
        <listWit><witness xml:id="wit-A">Copy</witness></listWit>
      </sourceDesc>
    </fileDesc>
    <encodingDesc><projectDesc><p>x</p></projectDesc><editorialDecl><p>x</p></editorialDecl><appInfo><application ident="tei-edition" version="0"><label>x</label></application></appInfo></encodingDesc>
    <profileDesc><creation>${creation}</creation><langUsage><language ident="en">English</language></langUsage></profileDesc>
    <revisionDesc><change>x</change></revisionDesc>
  </teiHeader>
  <text>
    <body>
      <div type="witness" corresp="#wit-A">
${bodyXml}
      </div>
    </body>
  </text>
</TEI>
`;
}
/** Line of the body hole in doc(): the first body line is line 19. */
const BODY_LINE = 19;

describe('RELAX NG (project schema, salve-annos)', () => {
  test('a minimal document is valid', async () => {
    const r = await validateText('ok.xml', doc('<p>Text.</p>'));
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  test.each([
    ['an attribute value outside the closed list', '<p>a <gap reason="secret"/> b</p>', 6, /invalid value "secret" for attribute reason of gap/],
    ['an element where the schema does not allow it', '<stamp type="review">x</stamp>', 1, /tag not allowed here: stamp/],
    ['a duplicate xml:id', '<p xml:id="p1">a</p><p xml:id="p1">b</p>', 21, /ID "p1" has already been declared/],
    ['a missing required attribute', '<fw>SECRET</fw>', 1, /attribute missing|required/i],
  ])('%s: rejected at its line and column', async (_name, body, column, message) => {
    const r = await validateText('bad.xml', doc(body));
    expect(r.valid).toBe(false);
    const e = r.errors.find((x) => x.source === 'rng');
    expect(e?.message).toMatch(message);
    expect({ line: e?.line, column: e?.column }).toEqual({ line: BODY_LINE, column });
  });
});

describe('Schematron: the editorial rules', () => {
  test.each([
    ['a persName/@ref that points nowhere', '<p><persName ref="#nobody">Rusk</persName></p>', 'pointer-resolves', /@ref points to #nobody, which is not an xml:id/],
    ['a gap with @quantity but no @unit', '<p><gap reason="excised" quantity="7"/></p>', 'gap-unit', /needs @unit/],
    ['page numbers that go back', '<pb n="2"/><p>a</p>\n<pb n="1"/>', 'pb-increase', /Page 1 comes after page 2 in the same witness/],
    ['a paragraph continued to one that does not point back', '<p xml:id="a" next="#b">a</p><p xml:id="b">b</p>', 'next-prev', /does not point back/],
  ])('%s', async (_name, body, rule, message) => {
    const r = await validateText('bad.xml', doc(body));
    const e = r.errors.find((x) => (x as { rule?: string }).rule === rule);
    expect(e, JSON.stringify(r.errors)).toBeDefined();
    expect(e!.message).toMatch(message);
    expect(e!.line).toBeGreaterThanOrEqual(BODY_LINE);
    expect(r.valid).toBe(false);
  });

  test('page numbers restart in each witness', async () => {
    const two = doc('<pb n="1"/><p>a</p><pb n="2"/>').replace(
      '</body>',
      '  <div type="witness" corresp="#wit-A"><pb n="1"/><p>b</p><pb n="2"/></div>\n    </body>',
    );
    const r = await validateText('ok.xml', two);
    expect(r.errors).toEqual([]);
  });

  test('a choice that pairs sic with expan (checked against tei_all, which allows it)', async () => {
    if (!hasTeiAll) return;
    const r = await validateText('bad.xml', doc('<p><choice><sic>Therman</sic><expan>Sherman</expan></choice></p>'), { schema: TEI_ALL });
    const e = r.errors.find((x) => (x as { rule?: string }).rule === 'choice-pair');
    expect(e?.message).toMatch(/pairs sic with corr.*this one has sic, expan/);
    expect({ line: e?.line, column: e?.column }).toEqual({ line: BODY_LINE, column: 4 });
  });

  test('a document without its creation date is an error; one that says it is undated, a warning', async () => {
    const r = await validateText('bad.xml', doc('<p>a</p>', { creation: '<note>no date</note>' }));
    expect(r.errors.map((e) => (e as { rule?: string }).rule)).toContain('creation-date');
    expect(r.errors.find((e) => (e as { rule?: string }).rule === 'creation-date')!.line).toBe(2);
    const undated = await validateText('undated.xml', doc('<p>a</p>', { creation: '<date>undated</date>' }));
    expect(undated.valid).toBe(true);
    expect(undated.warnings.map((w) => w.rule)).toEqual(['warn-undated']);
    expect(undated.warnings[0]!.message).toMatch(/published undated/);
  });

  test('an excision without extent is a warning, not an error', async () => {
    const r = await validateText('w.xml', doc('<p>a <gap reason="excised"/> b</p>'));
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.rule)).toEqual(['warn-excision-extent']);
    const extent = await validateText('w.xml', doc('<p>a <gap reason="excised" quantity="7" unit="line"/> b</p>'));
    expect(extent.warnings).toEqual([]);
  });
});

describe('bad input: a clear error, a non-zero exit, no hang', () => {
  test.each([
    ['not well-formed', '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <text><p>x</text>\n</TEI>', /nw\.xml:2:\d+: error: .*(unexpected close tag|mismatch|close)/i],
    [
      'a billion-laughs entity bomb',
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&lol2;</TEI>',
      /error: entity declarations are not allowed/,
    ],
    [
      'an external entity',
      '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>',
      /error: entity declarations are not allowed/,
    ],
    ['an undeclared entity', '<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>', /nw\.xml:1:\d+: error: .*undefined entity/i],
  ])('%s', async (_name, content, message) => {
    const f = file('nw.xml', content);
    const r = await run('validate', f);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(message);
    expect(r.out).not.toContain('root:');
  });

  test('a missing file, a directory with no XML', async () => {
    const r = await run('validate', join(dir, 'missing.xml'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('missing.xml:1:1: error: cannot read: no such file');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r2 = await run('validate', empty);
    expect(r2.code).toBe(1);
    expect(r2.out).toContain('empty:1:1: error: no XML files (*.xml) in this directory');
  });

  test('a schema file that is not RELAX NG', async () => {
    const notRng = file('not.rng', '<schema xmlns="http://www.w3.org/2001/XMLSchema"/>');
    const f = file('ok.xml', doc('<p>a</p>'));
    const r = await run('validate', '--schema', notRng, f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not\.rng: not a RELAX NG schema/);
    const broken = file('broken.rng', '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nowhere"/></start></grammar>');
    const r2 = await run('validate', '--schema', broken, f);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/broken\.rng: not a usable RELAX NG schema/);
  });
});

describe('the validate command', () => {
  test('text: file:line:col: message; json: the same fields', async () => {
    const bad = file('b.xml', doc('<p>a <gap reason="secret"/> b</p>'));
    const ok = file('o.xml', doc('<p>a</p>'));
    const r = await run('validate', ok, bad);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${bad}:${BODY_LINE}:6: error: invalid value "secret" for attribute reason of gap`);
    expect(r.err).toContain('2 files validated, 1 invalid');
    const j = await run('validate', '--format', 'json', ok, bad);
    const reports = JSON.parse(j.out) as { file: string; valid: boolean; errors: { line: number; column: number; message: string }[] }[];
    expect(reports.map((x) => x.valid)).toEqual([true, false]);
    expect(reports[1]!.errors[0]).toMatchObject({ file: bad, line: BODY_LINE, column: 6 });
    expect((await run('validate', ok)).code).toBe(0);
  });

  test('the sample edition is valid against the project schema and rules', async () => {
    const files = readdirSync('tei').filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const r = await validateFile(join('tei', f));
      expect(r.errors, f).toEqual([]);
    }
  });

  test.runIf(hasTeiAll)('salve-annos and jing agree on tei_all: the sample edition valid, crafted documents invalid', async () => {
    const crafted = [
      file('c1.xml', doc('<stamp type="review">x</stamp>')),
      file('c2.xml', doc('<p xml:id="p1">a</p><p xml:id="p1">b</p>')),
      file('c3.xml', doc('<list type="field" subtype="to"><head>TO:</head></list>')),
    ];
    const sample = readdirSync('tei').filter((f) => f.endsWith('.xml')).map((f) => join('tei', f));
    for (const f of [...sample, ...crafted]) {
      const salve = (await validateFile(f, { schema: TEI_ALL, schematron: false })).valid;
      const jing = spawnSync('jing', [TEI_ALL, f], { encoding: 'utf8' });
      if (jing.error) return; // no jing here: the conformance test requires it in CI
      expect(salve, f).toBe(jing.status === 0);
      expect(salve, f).toBe(!crafted.includes(f));
    }
  });
});

describe('the fast path of the editorial rules: the same reports as tei-edition.sch run by node-schematron', () => {
  const rulesOf = (xml: string, general: boolean) => {
    const { parsed } = parseXml('x.xml', xml);
    return runSchematron('x.xml', parsed!, loadSchematron(PROJECT_SCHEMATRON, { general }));
  };

  test('the fast path translates tei-edition.sch as it stands (change both, then PROJECT_RULES_SHA256)', () => {
    const sha = createHash('sha256').update(readFileSync(PROJECT_SCHEMATRON)).digest('hex');
    expect(sha, 'tei-edition.sch changed: translate the change in projectRules (src/validate/schematron.ts), then update PROJECT_RULES_SHA256').toBe(PROJECT_RULES_SHA256);
    expect(loadSchematron(PROJECT_SCHEMATRON).kind).toBe('project');
    expect(loadSchematron(PROJECT_SCHEMATRON, { general: true }).kind).toBe('general');
  });

  test('the sample edition and the FRUS development set', () => {
    const files = readdirSync('tei').filter((f) => f.endsWith('.xml')).map((f) => join('tei', f));
    const frus = '../shared/frus-dev/tei';
    try {
      files.push(...readdirSync(frus).filter((f) => f.endsWith('.xml')).map((f) => join(frus, f)));
    } catch {
      // no development set here
    }
    for (const f of files) {
      const xml = readFileSync(f, 'utf8');
      expect(rulesOf(xml, false), f).toEqual(rulesOf(xml, true));
    }
  });

  test('crafted failures of every rule', () => {
    const bodies = [
      '<p><persName ref="#nobody #wit-A  #t" corresp="#x">R</persName><seg hand="#h1 #h2" next="#q">s</seg></p>',
      '<p><choice><sic>a</sic><corr>b</corr><corr>c</corr></choice><choice><abbr>a</abbr></choice><choice><orig>o</orig><expan>e</expan></choice><choice><orig>o</orig><reg>r</reg></choice></p>',
      '<p><gap/><gap reason="excised"/><gap reason="excised" quantity="2"/><gap reason="illegible" quantity="1" unit="line"/><gap reason="excised" extent="1 line"/></p>',
      '<pb n="3"/><p>a</p><pb n="x"/><pb n="2"/><pb n="02"/><pb n="10"/><pb n="9"/>',
      '<p xml:id="a" next="#b">a</p><p xml:id="b" prev="#a" next="#c">b</p><p xml:id="c" prev="#b " next="#a #b">c</p><p next="#d">d</p><p xml:id="d" prev="#">e</p><p next="b">f</p>',
    ];
    for (const b of bodies) {
      const xml = doc(b);
      const fast = rulesOf(xml, false);
      expect(fast.length, b).toBeGreaterThan(0);
      expect(fast, b).toEqual(rulesOf(xml, true));
    }
    const undated = doc('<p>a</p>', { creation: '<date when="62">1962</date>' });
    expect(rulesOf(undated, false)).toEqual(rulesOf(undated, true));
    const witnesses = doc('<pb n="1"/><p>a</p><pb n="2"/>').replace('</body>', '<div type="witness" corresp="#wit-A"><pb n="2"/><div type="witness"><pb n="1"/></div><pb n="1"/></div></body>');
    expect(rulesOf(witnesses, false)).toEqual(rulesOf(witnesses, true));
  });

  test('property: random documents', () => {
    const attr = fc.record(
      {
        'xml:id': fc.constantFrom('a', 'b', 'c'),
        ref: fc.constantFrom('#a', '#b', '#x', '#a #x', ' #b ', '', 'a', '#'),
        next: fc.constantFrom('#a', '#b', '#c', '#x', '#a #b', 'b'),
        prev: fc.constantFrom('#a', '#b', '#c', '#'),
        n: fc.constantFrom('1', '2', '3', '02', 'x', ''),
        reason: fc.constantFrom('excised', 'illegible'),
        quantity: fc.constantFrom('1', '3'),
        unit: fc.constantFrom('line'),
        extent: fc.constantFrom('1 line'),
        type: fc.constantFrom('witness', 'other'),
      },
      { requiredKeys: [] },
    );
    const names = ['p', 'choice', 'sic', 'corr', 'abbr', 'expan', 'orig', 'reg', 'gap', 'pb', 'div', 'seg', 'persName'];
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant('t'),
        fc.tuple(fc.constantFrom(...names), attr, fc.array(tie('node'), { maxLength: 4 })).map(([name, as, kids]) => {
          const attrs = Object.entries(as)
            .filter(([k]) => name === 'div' || k !== 'type')
            .map(([k, v]) => ` ${k}="${v}"`)
            .join('');
          return `<${name}${attrs}>${(kids as string[]).join('')}</${name}>`;
        }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), (nodes) => {
        const xml = doc(nodes.join('')).replace(/ xml:id="t"/, '');
        expect(rulesOf(xml, false)).toEqual(rulesOf(xml, true));
      }),
      { numRuns: 300 },
    );
  });
});
