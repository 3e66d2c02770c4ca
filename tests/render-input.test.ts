/**
 * What `render` (and `validate`) make of a TEI file before the stylesheets (issue 15): XIncludes
 * followed (tests/fixtures/xinclude/), TEI P4 converted (tests/fixtures/p4-letter.xml), local
 * images copied beside the page, and the registers outside the text (standOff, particDesc,
 * settingDesc: tests/fixtures/registers-standoff.xml) shown as registers.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { renderTei } from '../src/render/index.js';
import { expandXIncludes, MAX_INCLUDES } from '../src/render/xinclude.js';
import { loadTei } from '../src/render/input.js';
import { validateFile } from '../src/validate/index.js';
import { run } from './helpers.js';

const FIX = 'tests/fixtures';
const SCHEMA = '/work/shared/schema/tei_all.rng';
const hasJing = spawnSync('sh', ['-c', 'command -v jing'], { encoding: 'utf8' }).status === 0 && existsSync(SCHEMA);
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const squash = (s: string) => s.replace(/\s+/g, ' ');

function jingErrors(xml: string): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'tei-input-jing-')), 'x.xml');
  writeFileSync(file, xml);
  const r = spawnSync('jing', [SCHEMA, file], { encoding: 'utf8' });
  return (r.stdout + r.stderr).split('\n').filter((l) => l && !l.startsWith('[warning]'));
}

/** A folder of files written for one test. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tei-input-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const tei = (body: string, extra = '') =>
  `<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>` +
  `<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>\n<text><body>\n${body}\n</body></text>${extra}</TEI>\n`;
const part = (body: string) => `<div xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n${body}\n</div>\n`;

function renderError(file: string, options: { root?: string } = {}): string {
  try {
    renderTei(file, readFileSync(file, 'utf8'), 'x', false, { tei: file, page: join(tmpdir(), 'html', 'x.html'), ...options });
  } catch (e) {
    return (e as Error).message;
  }
  return 'rendered';
}

describe('XInclude', () => {
  const book = join(FIX, 'xinclude', 'book.xml');

  test('a book from parts: a whole file, by bare name, by element(), a text file, a fallback, a part that includes in turn', () => {
    const r = renderTei(book, readFileSync(book, 'utf8'), 'book');
    const text = squash(r.normalized);
    const order = [
      'This preface comes from a file of its own.',
      'The First Chapter Early one morning',
      'The Second Chapter By noon',
      'Fortune favours the bold & the patient <always>.',
      'The lost chapter is missing from this copy.',
      'The Fourth Chapter In the evening the miller told them about the flood.',
      'The mill wheel was still.',
    ].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('Nobody includes this chapter');
    expect(r.warnings).toEqual([`${book}:24:7: xi:include href="lost.xml": ${join(FIX, 'xinclude', 'lost.xml')} does not exist; its xi:fallback is used`]);
  });

  test('the assembled document keeps each part\'s namespaces, language and base, and is valid TEI', () => {
    const x = expandXIncludes(book, readFileSync(book, 'utf8'));
    expect(x.xml).toContain('<div xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en" type="chapter" xml:id="ch1">');
    expect(x.xml).toContain('<div xml:base="parts/ch4.xml" xmlns="http://www.tei-c.org/ns/1.0"');
    expect(x.xml).toContain('Fortune favours the bold &amp; the patient &lt;always&gt;.');
    expect(x.xml).not.toContain('xi:include');
    expect(x.included).toEqual(['front.xml', 'chapters.xml', 'motto.txt', 'parts/ch4.xml', 'parts/ch4-text.xml'].map((f) => join(FIX, 'xinclude', f)));
    // Every position of the assembled text leads back to its own file.
    const at = (s: string) => {
      const before = x.xml.slice(0, x.xml.indexOf(s)).split('\n');
      return { line: before.length, column: before[before.length - 1]!.length + 1 };
    };
    expect(x.locate(at('By noon'))).toEqual({ file: join(FIX, 'xinclude', 'chapters.xml'), line: 9, column: 8 });
    expect(x.locate(at('In the evening'))).toEqual({ file: join(FIX, 'xinclude', 'parts', 'ch4-text.xml'), line: 2, column: 40 });
    // The indentation before it is the including part's.
    expect(x.locate({ line: at('In the evening').line, column: 1 })).toEqual({ file: join(FIX, 'xinclude', 'parts', 'ch4.xml'), line: 4, column: 1 });
    if (hasJing || process.env.CI) expect(jingErrors(x.xml)).toEqual([]);
  });

  test('a document without includes is read as it is', () => {
    const xml = readFileSync(join(FIX, 'facsimile-letter.xml'), 'utf8');
    const x = expandXIncludes('letter.xml', xml);
    expect(x.xml).toBe(xml);
    expect(x.locate({ line: 3, column: 4 })).toEqual({ file: 'letter.xml', line: 3, column: 4 });
  });

  test('a loop is an error at the include, naming the chain', () => {
    const loop = join(FIX, 'xinclude', 'loop.xml');
    expect(renderError(loop)).toBe(
      `${loop}:5:5: an include loop: ${loop}:5:5 → ${join(FIX, 'xinclude', 'loop-part.xml')}:4:3 → ${loop}:5:5 (each xi:include includes the next)`,
    );
    const self = folder({ 'a.xml': tei('<div><xi:include href="" xpointer="element(/1)"/></div>') });
    expect(renderError(join(self, 'a.xml'))).toMatch(/a\.xml:4:6: an include loop: /);
  });

  test('URLs, absolute paths and files outside the folder tree are refused; a fallback stands in for them', () => {
    const dir = folder({
      'outside.xml': part('<p>Outside the tree.</p>'),
      'docs/url.xml': tei('<xi:include href="https://example.org/part.xml"/>'),
      'docs/file-url.xml': tei('<xi:include href="file:///etc/hostname"/>'),
      'docs/absolute.xml': tei(`<xi:include href="${join(tmpdir(), 'x.xml')}" parse="text"/>`),
      'docs/up.xml': tei('<p>Before.</p>\n  <xi:include href="../outside.xml"/>'),
      'docs/fallback.xml': tei('<xi:include href="https://example.org/part.xml"><xi:fallback><p>Offline copy.</p></xi:fallback></xi:include>'),
    });
    const d = (f: string) => join(dir, 'docs', f);
    expect(renderError(d('url.xml'))).toMatch(/url\.xml:4:1: xi:include href="https:\/\/example\.org\/part\.xml": a URL is not followed \(render reads no network and only files inside .*docs\), and the include has no xi:fallback$/);
    expect(renderError(d('file-url.xml'))).toMatch(/file-url\.xml:4:1: .*a URL is not followed/);
    expect(renderError(d('absolute.xml'))).toMatch(/absolute\.xml:4:1: .*an absolute path is not followed/);
    expect(renderError(d('up.xml'))).toMatch(/up\.xml:5:3: xi:include href="\.\.\/outside\.xml": .*outside\.xml is outside .*docs, the folder tree includes are read from/);
    // --root widens the tree.
    expect(renderError(d('up.xml'), { root: dir })).toBe('rendered');
    const r = renderTei(d('fallback.xml'), readFileSync(d('fallback.xml'), 'utf8'), 'f');
    expect(r.normalized).toContain('Offline copy.');
    expect(r.warnings![0]).toMatch(/fallback\.xml:4:1: .*a URL is not followed .*; its xi:fallback is used$/);
  });

  test('a symbolic link out of the tree is refused', () => {
    const dir = folder({ 'outside.xml': part('<p>Secret.</p>'), 'docs/a.xml': tei('<xi:include href="link.xml"/>') });
    symlinkSync(join(dir, 'outside.xml'), join(dir, 'docs', 'link.xml'));
    expect(renderError(join(dir, 'docs', 'a.xml'))).toMatch(/link\.xml leads outside .*docs \(a symbolic link\)/);
  });

  test('a missing file, a pointer to nothing, a bad parse value: errors where the include is', () => {
    const dir = folder({
      'missing.xml': tei('<p>x</p>\n<xi:include href="nowhere.xml"/>'),
      'part.xml': part('<p xml:id="here">Here.</p>'),
      'pointer.xml': tei('<xi:include href="part.xml" xpointer="there"/>'),
      'pointer-fb.xml': tei('<xi:include href="part.xml" xpointer="element(there/2)"><xi:fallback><p>Not there.</p></xi:fallback></xi:include>'),
      'scheme.xml': tei('<xi:include href="part.xml" xpointer="xpath(//p)"/>'),
      'parse.xml': tei('<xi:include href="part.xml" parse="html"/>'),
      'bad.xml': tei('<xi:include href="broken.xml"/>'),
      'broken.xml': '<div xmlns="http://www.tei-c.org/ns/1.0">\n<p>open\n</div>\n',
    });
    expect(renderError(join(dir, 'missing.xml'))).toMatch(/missing\.xml:5:1: xi:include href="nowhere\.xml": .*nowhere\.xml does not exist, and the include has no xi:fallback$/);
    expect(renderError(join(dir, 'pointer.xml'))).toMatch(/pointer\.xml:4:1: xi:include href="part\.xml": xpointer="there" identifies no element in .*part\.xml, and the include has no xi:fallback$/);
    expect(renderTei(join(dir, 'pointer-fb.xml'), readFileSync(join(dir, 'pointer-fb.xml'), 'utf8'), 'p').normalized).toContain('Not there.');
    expect(renderError(join(dir, 'scheme.xml'))).toMatch(/scheme\.xml:4:1: xi:include xpointer="xpath\(\/\/p\)": only a bare name, element\(\) and xpointer\(id\('…'\)\) are understood/);
    expect(renderError(join(dir, 'parse.xml'))).toMatch(/parse\.xml:4:1: xi:include parse="html": only "xml" and "text" are defined/);
    // A fault inside an included file is reported there.
    expect(renderError(join(dir, 'bad.xml'))).toMatch(/broken\.xml:3:\d+: unexpected close tag/);
    const xp = folder({ 'a.xml': tei('<xi:include href="b.xml" xpointer="xpointer(id(\'q\'))"/>'), 'b.xml': part('<p xml:id="q">By id.</p>') });
    expect(renderTei(join(xp, 'a.xml'), readFileSync(join(xp, 'a.xml'), 'utf8'), 'a').normalized).toContain('By id.');
  });

  test('an included file is read in the encoding it declares; validate --root widens the tree as render --root does', async () => {
    const dir = folder({ 'docs/a.xml': tei('<xi:include href="../latin1.xml"/>') });
    writeFileSync(join(dir, 'latin1.xml'), Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<p xmlns="http://www.tei-c.org/ns/1.0">Caf'), Buffer.from([0xe9]), Buffer.from(' cr\u00e8me</p>\n', 'latin1')]));
    const a = join(dir, 'docs', 'a.xml');
    const r = renderTei(a, readFileSync(a, 'utf8'), 'a', false, { tei: a, page: join(dir, 'out', 'html', 'a.html'), root: dir });
    expect(r.normalized).toContain('Café crème');
    const refused = await run('validate', '-s', SCHEMA, '--no-schematron', a);
    expect(refused.out).toMatch(/a\.xml:4:1: error: xi:include href="\.\.\/latin1\.xml": .*is outside/);
    const wide = await run('validate', '-s', SCHEMA, '--no-schematron', '--root', dir, a);
    expect(wide.code, wide.out).toBe(0);
  });

  test('a file that multiplies its parts is stopped at the limit', () => {
    const many = (href: string, n: number) => Array.from({ length: n }, () => `<xi:include href="${href}"/>`).join('');
    const dir = folder({ 'a.xml': tei(many('b.xml', 101)), 'b.xml': part(many('c.xml', 101)), 'c.xml': '<p xmlns="http://www.tei-c.org/ns/1.0">x</p>' });
    expect(renderError(join(dir, 'a.xml'))).toMatch(new RegExp(`b\\.xml:2:\\d+: more than ${MAX_INCLUDES} xi:include elements followed for one document`));
  });

  test('a problem of the assembled document is reported in the part it is in (render and validate)', async () => {
    const dir = folder({ 'a.xml': tei('<p xml:id="p1">One.</p>\n<xi:include href="b.xml"/>'), 'b.xml': part('<p>Two.</p>\n<p xml:id="p1">Three.</p>\n<bogus/>') });
    expect(renderError(join(dir, 'a.xml'))).toMatch(/b\.xml:3:1: xml:id 'p1' is given twice/);
    const report = await validateFile(join(dir, 'a.xml'), { schema: SCHEMA, schematron: false });
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => `${e.file.slice(dir.length + 1)}:${e.line}:${e.column}`)).toContain('b.xml:4:1');
    expect(report.errors.find((e) => e.file.endsWith('b.xml') && e.line === 4)!.message).toMatch(/bogus/);
    // And a refused include is a validation error at its place.
    const v = await validateFile(join(FIX, 'xinclude', 'loop.xml'), { schema: SCHEMA, schematron: false });
    expect(v.errors[0]).toMatchObject({ file: join(FIX, 'xinclude', 'loop.xml'), line: 5, column: 5 });
  });

  test('render: the book and the image of an included part, copied beside the page', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tei-input-out-'));
    const r = await run('render', book, '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`${book}:24:7: warning: xi:include href="lost.xml"`);
    expect(r.err).toContain(`rendered ${book} (1 image copied)`);
    expect(readFileSync(join(out, 'images', 'book', 'parts', 'scans', 'mill.png'))).toEqual(readFileSync(join(FIX, 'xinclude', 'parts', 'scans', 'mill.png')));
    expect(readFileSync(join(out, 'html', 'book.html'), 'utf8')).toContain('<img src="../images/book/parts/scans/mill.png" alt="Page 4 of A Book in Parts"');
  });

  test("an included element's own relative xml:base is resolved where it was written, not where it lands", async () => {
    const dir = folder({
      'book.xml': tei('<xi:include href="parts/ch.xml"/>\n<div><xi:include href="parts/figures.xml" xpointer="fig"/></div>'),
      'parts/ch.xml': part(`<p>Chapter words.</p>\n<figure xml:base="https://example.org/img/"><graphic url="wheel.png"/></figure>`),
      'parts/figures.xml': part(`<figure xml:id="fig" xml:base='scans/'><graphic url="mill.png"/><head>The mill</head></figure>`),
    });
    mkdirSync(join(dir, 'parts', 'scans'));
    const png = readFileSync(join(FIX, 'xinclude', 'parts', 'scans', 'mill.png'));
    writeFileSync(join(dir, 'parts', 'scans', 'mill.png'), png);
    const x = expandXIncludes(join(dir, 'book.xml'), readFileSync(join(dir, 'book.xml'), 'utf8'));
    // A whole part gets its file as base; an element pointed to alone gets its own base made good from here.
    expect(x.xml).toContain('<div xml:base="parts/ch.xml"');
    expect(x.xml).toMatch(/<figure xmlns="[^"]+" xmlns:xi="[^"]+" xml:id="fig" xml:base="parts\/scans\/">/);
    // A base already absolute stays as written.
    expect(x.xml).toContain('<figure xml:base="https://example.org/img/">');
    const r = await run('render', join(dir, 'book.xml'), '-o', join(dir, 'out'));
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'out', 'images', 'book', 'parts', 'scans', 'mill.png'))).toEqual(png);
    expect(readFileSync(join(dir, 'out', 'html', 'book.html'), 'utf8')).toContain('src="../images/book/parts/scans/mill.png"');
  });
});

describe('TEI P4 and other XML', () => {
  const p4 = join(FIX, 'p4-letter.xml');

  test('TEI P4 is converted to P5 for rendering, with a warning that says what was converted', () => {
    const input = loadTei(p4, readFileSync(p4, 'utf8'));
    expect(input.warnings).toEqual([
      `${p4}:5:1: converted from TEI P4 to TEI P5 for rendering: 20 elements put in the TEI namespace; TEI.2 → TEI, @lang → @xml:lang, @date.created dropped, div0 → div, ` +
        '@id → @xml:id (3), @next names → #names, corr/@sic → choice, abbr/@expan → choice, @prev names → #names, gap/@desc → gap/desc, xref → ref, @url → @target',
    ]);
    expect(input.xml).toContain('<p xml:id="p1" next="#p2">The parcel you sent <choice><corr>arrived</corr><sic>arived</sic></choice>');
    expect(input.xml).toContain('<ref target="https://example.org/letters">the catalogue</ref>');
    if (hasJing || process.env.CI) expect(jingErrors(input.xml)).toEqual([]);
    const r = renderTei(p4, readFileSync(p4, 'utf8'), 'p4');
    expect(r.html).toContain('<h1 id="doc-title">A Letter in the Old Encoding</h1>');
    expect(r.diplomatic).toContain('The parcel you sent arived on the first of the month, and the Dr. opened it');
    // The reading text: the corrections, and the paragraph continued over the page break joined (its pointers converted).
    expect(squash(r.normalized)).toContain('The parcel you sent arrived on the first of the month, and the Doctor opened it at once. [Page 2] Of the second page only this survives: [water damage] and the rest.');
  });

  test('render prints the conversion as a warning and exits 0', async () => {
    const r = await run('render', p4, '-o', mkdtempSync(join(tmpdir(), 'tei-input-p4-')));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/p4-letter\.xml:5:1: warning: converted from TEI P4 to TEI P5 for rendering: /);
  });

  test('XML that is not TEI is refused with its root and where it is', () => {
    const dir = folder({ 'page.xml': '<?xml version="1.0"?>\n<!-- a web page -->\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p></body></html>\n', 'bare.xml': '<TEI><text><body><p>Hi</p></body></text></TEI>' });
    expect(renderError(join(dir, 'page.xml'))).toMatch(/page\.xml:3:1: the root element is 'html' in the namespace http:\/\/www\.w3\.org\/1999\/xhtml; expected TEI or teiCorpus/);
    expect(renderError(join(dir, 'bare.xml'))).toMatch(/bare\.xml:1:1: the root element is 'TEI' in no namespace; .*\(add xmlns="http:\/\/www\.tei-c\.org\/ns\/1\.0" to it\)/);
  });
});

describe('images copied beside the page', () => {
  const letter = readFileSync(join(FIX, 'facsimile-letter.xml'), 'utf8');
  const png = readFileSync(join(FIX, 'xinclude', 'parts', 'scans', 'mill.png'));

  test('local images inside the folder tree are copied, the page points to the copies; URLs stay', async () => {
    const dir = folder({ 'letters/letter.xml': letter });
    mkdirSync(join(dir, 'letters', 'images'));
    writeFileSync(join(dir, 'letters', 'images', 'page 1.png'), png);
    const r = await run('render', join(dir, 'letters', 'letter.xml'), '-o', join(dir, 'out'));
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, 'out', 'images', 'letter', 'images'))).toEqual(['page 1.png']);
    const html = readFileSync(join(dir, 'out', 'html', 'letter.html'), 'utf8');
    expect(html).toContain('<img src="../images/letter/images/page%201.png"');
    expect(html).toContain('data-facs-iiif="https://iiif.example.org/iiif/3/letter-p2/info.json"');
    // The envelope's image is missing: said, not copied.
    expect(r.err).toMatch(/letter\.xml: warning: the image envelope\.png \(.*envelope\.png\) does not exist/);
    // Rendering again changes nothing.
    expect((await run('render', join(dir, 'letters', 'letter.xml'), '-o', join(dir, 'out'))).code).toBe(0);
  });

  test("a figure's image in the text: shown in the page with its description, copied beside it; the texts keep the figure's words", async () => {
    const dir = folder({ 'book/figure.xml': readFileSync(join(FIX, 'figure.xml'), 'utf8') });
    mkdirSync(join(dir, 'book', 'scans'));
    writeFileSync(join(dir, 'book', 'scans', 'mill.png'), png);
    const r = await run('render', join(dir, 'book', 'figure.xml'), '-o', join(dir, 'out'));
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'out', 'images', 'figure', 'scans', 'mill.png'))).toEqual(png);
    const html = readFileSync(join(dir, 'out', 'html', 'figure.html'), 'utf8');
    expect(html).toContain('<img class="graphic" src="../images/figure/scans/mill.png" alt="A water mill with a wooden wheel, seen from the bridge." loading="lazy">');
    // A URL stays a URL; a graphic's own desc is its alt.
    expect(html).toContain('<img class="graphic" src="https://example.org/iiif/mill/full/max/0/default.jpg" alt="The mill in winter" loading="lazy">');
    const text = readFileSync(join(dir, 'out', 'text', 'figure.normalized.txt'), 'utf8');
    expect(text).toContain('Fig. 1. The old mill');
    expect(text).toContain('The mill in winter');
  });

  test('an image outside the folder tree: nothing copied, the page points to the images where they are', async () => {
    const dir = folder({ 'letters/letter.xml': letter.replace('<facsimile xml:base="images/">', '<facsimile xml:base="../scans/">') });
    mkdirSync(join(dir, 'scans'));
    writeFileSync(join(dir, 'scans', 'page 1.png'), png);
    const r = await run('render', join(dir, 'letters', 'letter.xml'), '-o', join(dir, 'out'));
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(dir, 'out', 'images'))).toBe(false);
    expect(r.err).toMatch(/letter\.xml: warning: images outside its folder tree \(page%201\.png, envelope\.png\) are not copied/);
    expect(readFileSync(join(dir, 'out', 'html', 'letter.html'), 'utf8')).toContain('<img src="../../scans/page%201.png"');
    // --root takes the folder above in: then they are copied.
    const wide = await run('render', join(dir, 'letters', 'letter.xml'), '-o', join(dir, 'out2'), '--root', dir);
    expect(wide.code, wide.err).toBe(0);
    expect(existsSync(join(dir, 'out2', 'images', 'letter', 'scans', 'page 1.png'))).toBe(true);
    expect(readFileSync(join(dir, 'out2', 'html', 'letter.html'), 'utf8')).toContain('<img src="../images/letter/scans/page%201.png"');
  });
});

describe('registers outside the text', () => {
  const file = join(FIX, 'registers-standoff.xml');

  test('the header\'s participants and setting before the text, the standOff\'s lists after it, in both views', () => {
    const r = renderTei(file, readFileSync(file, 'utf8'), 'reg');
    for (const view of ['diplomatic', 'normalized']) {
      const v = r.html.slice(r.html.indexOf(`<section class="view view-${view}"`));
      const at = (s: string) => v.indexOf(s);
      expect(at('<section class="register register-listPerson">')).toBeGreaterThan(0);
      expect(at('<section class="register register-listPerson">')).toBeLessThan(at('<section class="register register-listPlace">'));
      expect(at('<section class="register register-listPlace">')).toBeLessThan(at('The ship from Riga'));
      expect(at('The ship from Riga')).toBeLessThan(at('<section class="register register-listOrg">'));
      expect(at('<section class="register register-listOrg">')).toBeLessThan(at('<section class="register register-listBibl">'));
    }
    expect(count(r.html, /<li class="entry entry-person"/g)).toBe(4);
    expect(r.diplomatic).toMatch(/Persons\n\nAda Lindqvist Occupation: harbour master\n\nTom Berger Born: 1851\n\nPlaces\n\nThe north harbour Location: 59\.33 18\.07\n\nThe ship from Riga/);
    expect(r.normalized).toMatch(/another day\.\n\nGuilds\n\nThe Coopers' Guild Desc: Makers of barrels/);
  });

  test('a corpus member\'s registers stand in its section', () => {
    const xml = readFileSync(file, 'utf8')
      .replace('<?xml version="1.0" encoding="UTF-8"?>', '')
      .replace(/<!--[\s\S]*?-->/, '');
    const corpus = `<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>C</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>${xml.replace('<TEI xmlns="http://www.tei-c.org/ns/1.0">', '<TEI>')}</teiCorpus>`;
    const r = renderTei('corpus.xml', corpus, 'c');
    const section = r.html.slice(r.html.indexOf('<section class="part part-TEI">'));
    expect(section.indexOf('register-listPerson')).toBeGreaterThan(0);
    expect(section.indexOf('register-listPerson')).toBeLessThan(section.indexOf('The ship from Riga'));
    expect(section.indexOf('The ship from Riga')).toBeLessThan(section.indexOf('register-listOrg'));
  });

  test('the edition\'s own TEI keeps its standOff persons to the persons page: no register on its page', () => {
    const own = readdirSync('tei').find((f) => f.endsWith('.xml'))!;
    const xml = readFileSync(join('tei', own), 'utf8');
    expect(xml).toMatch(/<standOff>\s*<listPerson>/);
    expect(renderTei(own, xml, 'own').html).not.toContain('class="register');
    // The same file not written by tei-edition shows them.
    expect(renderTei(own, xml.replace('xml:id="tei-edition"', 'xml:id="other"'), 'own').html).toContain('<section class="register register-listPerson">');
  });
});
