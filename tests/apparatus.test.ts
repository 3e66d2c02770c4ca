/**
 * The apparatus as readers get it (issue 13, issue 15 point 3): the reading view, the text
 * editions, the diplomatic view; hands and substitutions; the apparatus rules.
 */
import { describe, expect, test } from 'vitest';
import { convertFile, metadataFor, registersFor } from '../src/pipeline.js';
import { renderTei } from '../src/render/index.js';
import { validateText } from '../src/validate/index.js';
import { parseXml } from '../src/validate/xml.js';
import { loadSchematron, runSchematron } from '../src/validate/schematron.js';
import { convert, squash } from './helpers.js';

const metadata = metadataFor('sources');
const registers = registersFor('sources');
const c939 = convertFile('sources/1962-11-19-circular-939.txt', metadata, { registers });
const out = renderTei('c.xml', c939.xml, '1962-11-19-circular-939');
const NO_REGISTERS = { persons: [], corrections: [], abbreviations: [] };

function view(html: string, v: 'diplomatic' | 'normalized'): string {
  const m = new RegExp(`<section class="view view-${v}"[\\s\\S]*?(?=<section class="view view-|</main>)`).exec(html);
  if (!m) throw new Error(`no ${v} view`);
  return m[0];
}
const visible = (html: string) => squash(html.replace(/<span class="sr-only">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, ' '));
/** The reading text of a view, before its notes and apparatus. */
const textOf = (html: string) => /<div class="text">([\s\S]*?)<\/div>\s*(<section class="notes"|<section class="apparatus"|<section class="abbreviations")/.exec(html)![1]!;

describe('the reading view: a clean text, an apparatus keyed to paragraphs', () => {
  const reading = view(out.html, 'normalized');
  const text = visible(textOf(reading));

  test('the reading text takes the right reading and never runs readings together', () => {
    expect(text).toMatch(/the world on\s?e? \[Page 3\] Tuesday afternoon/);
    for (const noise of ['GDE', 'FUL', '11-28a', 'For more', '0000000000', 'QAS', '[B:', 'hll']) expect(text, noise).not.toContain(noise);
    expect(out.normalized).toContain('the world on⟨e⟩ [Page 3] Tuesday afternoon');
    expect(out.normalized).not.toMatch(/\[B: /);
  });

  test('the emendation names its source copy', () => {
    expect(reading).toContain('<span class="emendation">on<span class="sr-only"> (emended from copy B)</span></span>');
    expect(reading).toMatch(/<li class="app app-ocr" id="app-B-14">.*<span class="lem">.*on.*<\/span> <span class="siglum">B<\/span> \] <span class="rdg">ex<\/span> <span class="siglum">A<\/span> <span class="app-class">\(emended from B\)<\/span><\/li>/);
  });

  test('excisions and substantive variants first, each linked both ways; OCR behind a control', () => {
    const apparatus = reading.slice(reading.indexOf('<section class="apparatus"'));
    const details = apparatus.indexOf('<details class="apparatus-minor">');
    expect(details).toBeGreaterThan(0);
    const major = apparatus.slice(0, details);
    const minor = apparatus.slice(details);
    expect(major).toContain('<li class="app app-excision" id="app-B-20">');
    expect(major).toContain('<a href="#A-p15">¶ 15</a>');
    expect(minor).toContain('<summary>OCR misreadings, orthographic variants and differences in struck text');
    expect(minor).toMatch(/<li class="app app-ocr" id="app-B-15">/);
    expect(minor).toMatch(/<li class="app app-deletion" id="app-B-12">/);
    expect(major).not.toContain('app-ocr" id="app-B-15"');
    // The letter in the text and the entry point at each other (links: keyboard and touch reach them).
    expect(reading).toMatch(/<sup class="app-ref app-ref-excision"><a href="#app-B-20" id="ref-app-B-20">/);
    expect(major).toMatch(/<li class="app app-excision" id="app-B-20"><a class="app-back" href="#ref-app-B-20">/);
    expect(reading).not.toMatch(/onmouseover|:hover/);
  });

  test('excisions worded as FRUS words them, in the apparatus, the ledger and the text editions', () => {
    expect(visible(view(out.html, 'normalized'))).toContain('Ask Kent A ] hll [less than 1 line of source text not declassified] B (excision)');
    const ledger = out.html.slice(out.html.indexOf('<section class="ledger"'), out.html.indexOf('</section>', out.html.indexOf('<section class="ledger"')));
    expect(visible(ledger)).toContain('Sherman Kent [less than 1 line of source text not declassified]');
    expect(visible(ledger)).not.toContain('Therman');
    expect(out.normalized).toContain('⟨h⟩ brief de Gaulle. Ask Kent A ] {hll} [less than 1 line of source text not declassified] B (excision)');
    expect(out.diplomatic).toContain('[less than 1 line of source text not declassified] accompany you');
  });
});

describe('the diplomatic view: each copy with its differences marked on request', () => {
  const dip = view(out.html, 'diplomatic');
  test('a switch (a checkbox: no script, no hover) and the marked spans in both copies', () => {
    expect(dip).toContain('<input type="checkbox" class="show-variants">');
    expect(dip).toMatch(/<mark class="variant variant-ocr">QAS<\/mark>/);
    expect(dip).toMatch(/<mark class="variant variant-excision">hll<\/mark>/);
    expect(dip).toMatch(/<a class="variant-ref" href="#d-app-B-11" id="d-ref-app-B-11"><span class="sr-only">apparatus entry: <\/span>emended from B<\/a>/);
  });
});

describe('any TEI edition: an inline apparatus (parallel segmentation)', () => {
  const foreign = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Poem</title></titleStmt><publicationStmt><p/></publicationStmt>
<sourceDesc><listWit><witness xml:id="P" n="P1">Paris manuscript</witness><witness xml:id="L">London print</witness></listWit></sourceDesc></fileDesc></teiHeader>
<text><body><p>The <app><lem wit="#P">quick</lem><rdg wit="#L">quicke</rdg></app> fox <app><rdg wit="#P">jumps</rdg><rdg wit="#L">leaps</rdg></app> over.</p></body></text></TEI>`;
  const f = renderTei('f.xml', foreign, 'f');

  test('the lemma (or the first reading) in the text, never the readings run together', () => {
    expect(f.normalized).toContain('The quick⟨a⟩ fox jumps⟨b⟩ over.');
    expect(f.diplomatic).toContain('The quick⟨a⟩ fox jumps⟨b⟩ over.');
    expect(f.normalized).not.toMatch(/quickquicke|jumpsleaps/);
  });

  test('the readings with their sigla from listWit in the apparatus', () => {
    expect(f.normalized).toContain('⟨a⟩ quick P1 ] quicke L');
    expect(f.normalized).toContain('⟨b⟩ om. ] jumps P1; leaps L');
    expect(visible(view(f.html, 'normalized'))).toContain('quick P1 ] quicke L');
  });
});

describe('hands and substitutions', () => {
  test('the hand sign names the hand; the header declares it; @hand refers to it', () => {
    const c = convert('A ^{@pen presence} ~~@typist are~~ and *@reviewer hll* and *x* and \\@home.', 'h', undefined, NO_REGISTERS);
    expect(c.xml).toContain('<add place="above" hand="#hand-pen">presence</add>');
    expect(c.xml).toContain('<del rend="strikethrough" hand="#hand-typist">are</del>');
    expect(c.xml).toContain('<seg type="handwritten" hand="#hand-reviewer">hll</seg>');
    expect(c.xml).toContain('<seg type="handwritten" hand="#hand-ms">x</seg>');
    expect(c.xml).toContain(' @home.');
    for (const h of ['pen', 'typist', 'reviewer']) expect(c.xml).toMatch(new RegExp(`<handNote xml:id="hand-${h}" scope="minor">`));
  });

  test('a struck word and its replacement above the line are one substitution', () => {
    const c = convert('against the ^{presence} ~~presence~~ and ~~are~~ ^{should} go, ~~Since~~ (e).', 's', undefined, NO_REGISTERS);
    expect(c.xml).toContain('<subst><add place="above">presence</add> <del rend="strikethrough">presence</del></subst>');
    expect(c.xml).toContain('<subst><del rend="strikethrough">are</del> <add place="above">should</add></subst>');
    expect(c.xml).toContain(' <del rend="strikethrough">Since</del> (e)');
  });

  test("the reviewer's hand: the review stamp's handwriting and the marks beside the excisions", () => {
    expect(c939.xml).toContain('REVIEWED BY <seg type="signature" hand="#hand-reviewer">');
    expect(c939.xml).toMatch(/<seg type="handwritten" hand="#hand-reviewer">(<anchor [^>]*>)?hll/);
  });
});

describe('the apparatus rules (Schematron), and validity', () => {
  test('both sample documents are valid against the project schema and rules', async () => {
    for (const name of ['1962-11-19-circular-939', '1962-12-18-usun-1687']) {
      const c = convertFile(`sources/${name}.txt`, metadata, { registers });
      const r = await validateText(`${name}.xml`, c.xml);
      expect(r.errors, name).toEqual([]);
    }
  });

  test('an entry whose anchors are missing or lie in two blocks is reported, by both engines alike', () => {
    const broken = c939.xml.replace('<anchor xml:id="app-B-12-to" type="app-end" corresp="#app-B-12"/>', '').replace('from="#app-B-17-from"', 'from="#app-B-16-from"');
    const { parsed } = parseXml('b.xml', broken);
    const fast = runSchematron('b.xml', parsed!, loadSchematron('tei/schema/tei-edition.sch'));
    const general = runSchematron('b.xml', parsed!, loadSchematron('tei/schema/tei-edition.sch', { general: true }));
    expect(fast).toEqual(general);
    expect(fast.map((p) => p.rule)).toEqual(expect.arrayContaining(['app-anchors', 'app-one-block']));
  });
});
