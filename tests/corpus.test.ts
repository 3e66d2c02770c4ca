/**
 * Real TEI from six public projects (tests/corpus/README.md): every word of each file's text is in
 * the diplomatic output and, but for what the reading view drops by design (deletions, the sic of a
 * correction, page furniture, readings of an apparatus: tests/corpus.ts `dropped`), in the reading
 * text; in the plain texts and in the HTML page's two views. Tables are tables, registers
 * registers, a manuscript description is shown, lines are lines, titles are right.
 */
import { describe, expect, test } from 'vitest';
import { TEI_NS } from '../src/validate/xml.js';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { renderTei, type Rendered } from '../src/render/index.js';
import { CORPUS, assembledCorpusFile, corpusFiles, htmlWords, missing, readCorpusFile, sourceWords, textWords } from './corpus.js';

const files = corpusFiles();
const rendered = new Map<string, Rendered>();
function render(file: string): Rendered {
  const f = files.find((c) => c.file === file)!;
  let r = rendered.get(f.path);
  const name = f.file.replace(/\.xml$/, '');
  // Its XIncludes followed inside the corpus folder (the Shelley-Godwin notebook includes ../shared/).
  if (!r) rendered.set(f.path, (r = renderTei(f.path, readCorpusFile(f), name, false, { tei: f.path, page: join(tmpdir(), 'html', `${name}.html`), root: CORPUS })));
  return r;
}
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const title = (html: string) => /<h1 id="doc-title">([^<]*)<\/h1>/.exec(html)?.[1];

test('the corpus holds at least six projects', () => {
  expect(new Set(files.map((f) => f.project)).size).toBeGreaterThanOrEqual(6);
});

describe.each(files.map((f) => [`${f.project}/${f.file}`, f] as const))('%s', (_name, f) => {
  test('no word of its text is missing from either view, text or page', () => {
    const r = render(f.file);
    // Its words as rendering reads it: its includes followed, TEI P4 converted (the same text).
    const xml = f.file === 'testp4compat.xml' ? readCorpusFile(f).replace('<TEI.2>', `<TEI xmlns="${TEI_NS}">`).replace('</TEI.2>', '</TEI>') : assembledCorpusFile(f);
    for (const view of ['diplomatic', 'normalized'] as const) {
      const want = sourceWords(xml, view);
      expect(missing(want, textWords(r[view])), `${view} text`).toEqual([]);
      expect(missing(want, htmlWords(r.html, view)), `${view} page`).toEqual([]);
    }
  });
});

describe('structure', () => {
  test('titles: the main title, not the series title; a page of a manuscript by its shelfmark and folio', () => {
    expect(title(render('L00526.xml').html)).toBe('Arthur Schnitzler an Richard Beer-Hofmann, [1896?]');
    expect(title(render('L01851.xml').html)).toBe('Hermann Bahr an Arthur Schnitzler, 28.\u00a06.\u00a01909');
    expect(title(render('ox-frankenstein_notebook_c1.xml').html)).toBe('Frankenstein, Notebook C1');
    expect(title(render('ox-ms_abinger_c56-0046.xml').html)).toBe('MS. Abinger c. 56, 21v');
    expect(title(render('stoa0045.stoa008.perseus-lat2.xml').html)).toBe('Ephemeris id est totius diei negotium');
    expect(title(render('testdrama.xml').html)).toBe('Hamlet');
  });

  test('every text of a file: the texts of a group, the members of a corpus, each a titled section', () => {
    const corpus = render('testcorpus.xml');
    const members = count(readCorpusFile(files.find((f) => f.file === 'testcorpus.xml')!), /<TEI[\s>]/g);
    expect(count(corpus.html, /<section class="part part-TEI">/g)).toBe(2 * members);
    expect(count(render('testchinese.xml').html, /<section class="part part-text">/g)).toBeGreaterThan(0);
  });

  test('tables are HTML tables, a cell a cell', () => {
    const r = render('testplus.xml');
    const xml = readCorpusFile(files.find((f) => f.file === 'testplus.xml')!);
    const cells = count(xml, /<cell[\s>]/g);
    const d = r.html.slice(r.html.indexOf('<section class="view view-diplomatic"'), r.html.indexOf('<section class="view view-normalized"'));
    expect(count(d, /<table class="tei-table">/g)).toBe(count(xml, /<table[\s>]/g));
    expect(count(d, /<td>/g)).toBe(cells);
    expect(r.diplomatic).toMatch(/\S \| \S/);
  });

  test('registers are registers: an entry a list item, its fields labelled', () => {
    const r = render('listcorrespondence.xml');
    expect(r.html).toContain('<section class="register register-listPerson">');
    expect(count(r.html, /<li class="entry entry-personGrp"/g)).toBeGreaterThan(10);
    const places = render('testplace.xml').html;
    expect(places).toContain('<section class="register register-listPlace">');
    expect(places).toMatch(/<span class="field-label">Location: <\/span>/);
  });

  test('a manuscript description is shown as one: shelfmark, contents, physical description; first when there is no text', () => {
    // The notebook's catalogue record alone: without its pages (the sourceDoc of XIncludes), it has no text.
    const f = files.find((c) => c.file === 'ox-frankenstein_notebook_c1.xml')!;
    const record = readCorpusFile(f).replace(/<sourceDoc>[\s\S]*<\/sourceDoc>/, '');
    const r = renderTei(f.path, record, 'record', false, { tei: f.path, page: join(tmpdir(), 'html', 'record.html'), root: CORPUS });
    const at = r.html.indexOf('<section class="ms-desc">');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(r.html.indexOf('<main'));
    const ms = r.html.slice(at);
    expect(ms).toMatch(/<span class="field-label">Shelfmark: <\/span>Oxford, Bodleian Library, University of Oxford, MS\. Abinger c\.58/);
    for (const h of ['Contents', 'Physical description']) expect(ms).toContain(`<h4>${h}</h4>`);
    expect(r.diplomatic).toContain('Manuscript description: MS. Abinger c.58');
    expect(r.html).toContain('<h2 id="about-title">About this document</h2>');
    expect(r.html).toContain('<a href="http://creativecommons.org/publicdomain/zero/1.0/">');
  });

  test('a transcribed page: its zones and lines as lines, the page number apart from the first word', () => {
    const r = render('ox-ms_abinger_c56-0046.xml');
    expect(count(r.html, /<span class="line line/g)).toBe(2 * 30);
    expect(r.diplomatic).toMatch(/\n76\n\nhis shrivelled complexion and strait\nblack lips\./);
  });

  test('drama: the speaker apart from the speech, stage directions marked', () => {
    const r = render('testdrama.xml');
    expect(r.html).toMatch(/<p class="speaker">[^<]+<\/p>/);
    expect(r.html).toContain('class="stage');
  });
});

test('TEI P4 is converted to P5 and rendered, with a warning that says what was converted', () => {
  const r = render('testp4compat.xml');
  expect(r.warnings).toEqual([expect.stringMatching(/testp4compat\.xml:2:1: converted from TEI P4 to TEI P5 for rendering: \d+ elements put in the TEI namespace; TEI\.2 → TEI, @id → @xml:id$/)]);
  expect(title(r.html)).toBe('A cautionary, and post hoc, tail of content management');
  expect(r.diplomatic).toContain('Hello');
});

test('a notebook assembled by XInclude: its 36 pages included (one include reaches ../shared/, inside the corpus folder)', () => {
  const r = render('ox-frankenstein_notebook_c1.xml');
  // Each included page is a surface of the sourceDoc, its lines as lines.
  const d = r.html.slice(r.html.indexOf('<section class="view view-diplomatic"'), r.html.indexOf('<section class="view view-normalized"'));
  expect(count(d, /class="zone surface"/g)).toBe(36);

  expect(r.diplomatic).toContain('satisfied that nothing on earth will have the power');
  // Without the corpus folder as root, the include of ../shared/classDecl.xml is refused where it stands.
  const f = corpusFiles().find((c) => c.file === 'ox-frankenstein_notebook_c1.xml')!;
  expect(() => renderTei(f.path, readCorpusFile(f), 'n')).toThrow(/ox-frankenstein_notebook_c1\.xml:109:13: xi:include href="\.\.\/shared\/classDecl\.xml": .*shared\/classDecl\.xml is outside .*shelley-godwin, the folder tree includes are read from, and the include has no xi:fallback/);
});
