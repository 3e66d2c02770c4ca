import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { renderTei, transformEdition, writeOneText } from '../src/render/index.js';
import { sefPath, writeEditionSources } from '../src/render/compile-xslt.js';
import { resolveDependency } from '../src/paths.js';
import SaxonJS from '../src/saxon.js';
import { withoutDoctype } from '../src/validate/xml.js';
import { convert, run, squash, stripSigns } from './helpers.js';

/** A TEI document around a body (one witness unless the body brings its own divs). */
function tei(body: string, extraHeader = ''): string {
  const divs = body.includes('<div') ? body : `<div type="witness" corresp="#wit-A">${body}</div>`;
  return `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title type="main">Test</title></titleStmt>
<sourceDesc><listWit><witness xml:id="wit-A">Full copy</witness><witness xml:id="wit-B">Excised copy</witness></listWit></sourceDesc></fileDesc>${extraHeader}</teiHeader>
<text><body>${divs}</body></text></TEI>`;
}

/** The body text of a plain-text edition (after its header lines, before the notes). */
function textBody(t: string): string {
  return t.split('\n\n').slice(1).join('\n\n');
}

/** One view of the HTML page. */
function view(html: string, v: 'diplomatic' | 'normalized'): string {
  const m = new RegExp(`<section class="view view-${v}"[\\s\\S]*?(?=<section class="view view-|</main>)`).exec(html);
  if (!m) throw new Error(`no ${v} view`);
  return m[0];
}

/** Visible text of HTML: tags and screen-reader-only labels removed, whitespace squashed. */
function visible(html: string): string {
  return squash(html.replace(/<span class="sr-only">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'));
}

const r = (body: string) => renderTei('t.xml', tei(body), 't');
/** Did the compiled stylesheet render the document's text once for both views (before src/render writes it in each)? */
function renderedOnce(sef: unknown, xml: string): boolean {
  const out = SaxonJS.transform({ stylesheetInternal: sef, sourceText: xml, destination: 'serialized', stylesheetParams: { name: 't' }, baseOutputURI: 'file:///t/', deliverResultDocument: () => ({ destination: 'serialized' }) }, 'sync');
  return out.principalResult.includes('<!--te:one-text prefix=');
}

describe('each element in each view', () => {
  test('del: struck in the diplomatic view, dropped in the reading view', () => {
    const out = r('<p>the <del rend="strikethrough">old</del> new text</p>');
    expect(view(out.html, 'diplomatic')).toContain('<del><span class="sr-only">deleted: </span>old</del>');
    expect(view(out.html, 'normalized')).not.toContain('old');
    expect(out.diplomatic).toContain('the [-old-] new text');
    expect(out.normalized).toContain('the new text');
  });

  test('add: raised, labelled, in the diplomatic view; in place in the reading view', () => {
    const out = r('<p>the <add place="above">presence</add> and</p>');
    expect(view(out.html, 'diplomatic')).toContain('<ins class="add add-above"><span class="sr-only">inserted above the line: </span>presence</ins>');
    expect(visible(view(out.html, 'normalized'))).toContain('the presence and');
    expect(out.diplomatic).toContain('the \\presence/ and');
    expect(out.normalized).toContain('the presence and');
  });

  test('gap: an excision is always visible, in FRUS wording', () => {
    const out = r(
      '<p>a <gap reason="excised" rend="empty-brackets"/> b <gap reason="excised" extent="1 paragraph (7 lines of source text)"/> c <gap reason="excised" quantity="1" unit="line"/> d <gap reason="excised" quantity="3" unit="line"/></p>',
    );
    for (const t of [out.diplomatic, out.normalized, visible(view(out.html, 'diplomatic')), visible(view(out.html, 'normalized'))]) {
      expect(t).toContain('a [excised] b [1 paragraph (7 lines of source text) not declassified] c [1 line of source text not declassified] d [3 lines of source text not declassified]');
    }
  });

  test('sic/corr and abbr/expan: as written in the diplomatic view, corrected and expanded in the reading view', () => {
    const out = r('<p><choice><sic>Therman</sic><corr>Sherman</corr></choice> Kent, <choice><abbr>Amembassy</abbr><expan>American Embassy</expan></choice> Paris</p>');
    expect(out.diplomatic).toContain('Therman Kent, Amembassy Paris');
    expect(out.normalized).toContain('Sherman Kent, American Embassy Paris');
    expect(visible(view(out.html, 'diplomatic'))).toContain('Therman Kent, Amembassy Paris');
    expect(visible(view(out.html, 'normalized'))).toContain('Sherman Kent, American Embassy Paris');
  });

  test('persName: kept, with its reference, in both views', () => {
    const out = r('<p>to <persName ref="#rusk">RUSK</persName> now</p>');
    expect(view(out.html, 'diplomatic')).toContain('<span class="persName" data-ref="#rusk">RUSK</span>');
    expect(view(out.html, 'normalized')).toContain('<span class="persName" data-ref="#rusk">RUSK</span>');
    expect(out.normalized).toContain('to RUSK now');
  });

  test('pb: a page marker in both views; a paragraph broken by it is one paragraph in the reading view', () => {
    const out = r('<pb n="1"/><p xml:id="A-p1" next="#A-p2">satisfactory</p><fw type="classification">SECRET</fw><pb n="2"/><fw type="classification">SECRET</fw><p xml:id="A-p2" prev="#A-p1">performance from</p>');
    expect(out.diplomatic).toContain('[Page 1]\n\nsatisfactory\n\nSECRET\n\n[Page 2]\n\nSECRET\n\nperformance from');
    expect(textBody(out.normalized)).toContain('satisfactory [Page 2] performance from');
    expect(out.normalized).not.toContain('SECRET');
    const n = view(out.html, 'normalized');
    expect(n).toContain('<p class="p" id="A-p1" data-anchor="A-p1">satisfactory <span class="pb">[Page 2]</span> <span class="continuation" id="A-p2" data-anchor="A-p2">performance from</span>');
    expect(view(out.html, 'diplomatic')).toContain('<span class="pb block" data-page="2">[Page 2]</span>');
  });

  test('fw: page furniture in the diplomatic view only, labelled', () => {
    const out = r('<fw type="classification">TOP SECRET</fw><p>text</p>');
    expect(view(out.html, 'diplomatic')).toContain('<span class="fw fw-classification block"><span class="sr-only">Page furniture (classification): </span>TOP SECRET</span>');
    expect(view(out.html, 'normalized')).not.toContain('TOP SECRET');
    expect(out.diplomatic).toContain('TOP SECRET');
    expect(out.normalized).not.toContain('TOP SECRET');
  });

  test('stamp: in place in the diplomatic view; gathered after the reading text', () => {
    const out = r('<fw type="stamp"><stamp type="review">REVIEWED BY <seg type="handwritten" hand="#h">W. B. Johnson</seg><lb/>(X) EXCISE</stamp></fw><p>text</p>');
    const d = view(out.html, 'diplomatic');
    expect(d).toContain('<span class="stamp stamp-review block"><span class="sr-only">Stamp (review): </span>REVIEWED BY <span class="hand"><span class="sr-only">handwritten: </span>W. B. Johnson</span><br>(X) EXCISE</span>');
    const n = view(out.html, 'normalized');
    expect(n.indexOf('REVIEWED BY')).toBeGreaterThan(n.indexOf('Stamps and markings'));
    expect(out.diplomatic).toContain('REVIEWED BY {W. B. Johnson}\n(X) EXCISE\n\ntext');
    expect(out.normalized).toMatch(/text\n\nStamps and markings\n\n- REVIEWED BY \{W\. B\. Johnson\}\n\(X\) EXCISE/);
  });

  test('note: numbered, linked both ways, listed after the text', () => {
    const out = r('<p>Organizations<note n="1" type="source" place="foot">Source: Central Files.</note> text<note place="foot">Second.</note></p>');
    const n = view(out.html, 'normalized');
    expect(n).toContain('<a class="noteref" id="noteref-1" href="#note-1" role="doc-noteref"><span class="sr-only">Note </span><sup>1</sup></a>');
    expect(n).toContain('<section class="notes" role="doc-endnotes"');
    expect(n).toContain('<li id="note-1" value="1">Source: Central Files. <a class="backref" href="#noteref-1"');
    expect(n).toContain('<li id="note-2" value="2"');
    expect(view(out.html, 'diplomatic')).toContain('href="#d-note-1"');
    for (const t of [out.diplomatic, out.normalized]) {
      expect(t).toContain('Organizations[1] text[2]');
      expect(t).toMatch(/Notes\n\n\[1\] Source: Central Files\.\n\n\[2\] Second\./);
    }
  });

  test('witnesses: every copy in the diplomatic view, the base copy in the reading view', () => {
    const out = r('<div type="witness" corresp="#wit-A"><p>full text</p></div><div type="witness" corresp="#wit-B"><head type="transcriber">EXCISED COPY FOLLOWS</head><p><gap reason="excised"/> text</p></div>');
    const d = view(out.html, 'diplomatic');
    expect(d).toContain('<h3 class="witness-label">Copy A: Full copy</h3>');
    expect(d).toContain('<h3 class="witness-label">Copy B: Excised copy</h3>');
    expect(d).toContain('EXCISED COPY FOLLOWS');
    const n = view(out.html, 'normalized');
    expect(n).toContain('full text');
    expect(n).not.toContain('Excised copy</h3>');
    expect(n).toContain('The reading text follows copy A (Full copy)');
    expect(out.diplomatic).toContain('=== Copy A: Full copy ===\n\nfull text\n\n=== Copy B: Excised copy ===\n\nEXCISED COPY FOLLOWS\n\n[excised] text');
    expect(out.normalized).not.toContain('[excised] text');
  });

  test('lb: a line break in the diplomatic view, a space in the reading view', () => {
    const out = r('<ab>DEPARTMENT OF STATE\n<lb/>REVIEWED BY</ab>');
    expect(out.diplomatic).toContain('DEPARTMENT OF STATE\nREVIEWED BY');
    expect(out.normalized).toContain('DEPARTMENT OF STATE REVIEWED BY');
    expect(view(out.html, 'diplomatic')).toContain('DEPARTMENT OF STATE\n<br>REVIEWED BY');
  });

  test('q: quotation marks in the reading view', () => {
    const out = r('<p>as <q>Soviet technicians</q>.</p>');
    expect(out.normalized).toContain('as “Soviet technicians”.');
    expect(out.diplomatic).toContain('as Soviet technicians.');
  });
});

describe('the processing model: where two rules of the table could match', () => {
  test('a transcriber\'s heading inside a list is still the transcriber\'s (not a list heading)', () => {
    const out = r('<list><head type="transcriber">EXCISED COPY FOLLOWS</head><item>one</item></list>');
    expect(view(out.html, 'diplomatic')).toContain('<p class="witness-intro"><span class="sr-only">Transcriber’s note: </span>EXCISED COPY FOLLOWS</p>');
    expect(view(out.html, 'normalized')).not.toContain('EXCISED COPY FOLLOWS');
    expect(out.normalized).not.toContain('EXCISED COPY FOLLOWS');
  });

  test('an acronym in a choice stays the acronym in both views, its expansion in the title, linked to the abbreviations page', () => {
    const out = r('<p>the <choice><abbr type="acronym">NAC</abbr><expan>North Atlantic Council</expan></choice> met</p>');
    for (const v of ['diplomatic', 'normalized'] as const) {
      expect(view(out.html, v)).toContain('the <a class="abbr-link" href="../abbreviations.html#abbr-NAC"><abbr title="North Atlantic Council">NAC</abbr></a> met');
      expect(out[v]).toContain('the NAC met');
    }
  });
});

/** A TEI document of any project: a text of our own choosing (no witnesses). */
function foreign(text: string, header = '<titleStmt><title>Test</title></titleStmt>'): string {
  return `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>${header}<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>${text}</TEI>`;
}
const f = (text: string, header?: string) => renderTei('f.xml', foreign(text, header), 'f');

describe('any TEI: structures a reader expects (issue 15)', () => {
  test('a table: an HTML table, its head the caption, header cells th, @cols and @rows spans; a row a line of text', () => {
    const out = f('<text><body><table><head>Votes</head><row role="label"><cell>State</cell><cell cols="2">Votes</cell></row><row><cell role="label" rows="2">Ohio</cell><cell>1</cell><cell>2</cell></row><row><cell>3</cell><cell>4</cell></row></table></body></text>');
    const d = view(out.html, 'diplomatic');
    expect(d).toContain('<table class="tei-table"><caption>Votes</caption><tbody><tr class="row row-label"><th scope="col">State</th><th scope="col" colspan="2">Votes</th></tr><tr class="row"><th scope="row" rowspan="2">Ohio</th><td>1</td><td>2</td></tr>');
    expect(out.diplomatic).toContain('Votes\nState | Votes\nOhio | 1 | 2\n3 | 4');
  });

  test('lists: a gloss list a description list, a numbered list ol, a simple list ul', () => {
    const out = f('<text><body><list type="gloss"><label>TEI</label><item>Text Encoding Initiative</item></list><list rend="numbered"><item>one</item><item>two</item></list><list><head>Things</head><item>a</item></list></body></text>');
    const d = view(out.html, 'diplomatic');
    expect(d).toContain('<dl><dt class="label">TEI</dt><dd class="item">Text Encoding Initiative</dd></dl>');
    expect(d).toContain('<ol><li class="item">one</li><li class="item">two</li></ol>');
    expect(d).toContain('<p class="list-head">Things</p><ul><li class="item">a</li></ul>');
    expect(out.diplomatic).toContain('TEI Text Encoding Initiative');
  });

  test('a register in back: entries, the name first, the fields labelled; its notes stay in the entry', () => {
    const out = f('<text><body><p>x</p></body><back><listPerson><person xml:id="p1"><persName>Bahr, Hermann</persName><birth><date when="1863">1863</date>, Linz</birth><note>critic</note></person></listPerson></back></text>');
    const d = view(out.html, 'diplomatic');
    expect(d).toContain('<section class="register register-listPerson"><h3 class="register-title">Persons</h3>');
    expect(d).toMatch(/<li class="entry entry-person" id="d-p1"> <span class="entry-name">Bahr, Hermann<\/span> +<span class="field field-birth"><span class="field-label">Born: <\/span>1863, Linz<\/span> +<span class="note-inline"><span class="sr-only">Note: <\/span>critic<\/span>/);
    expect(d).not.toContain('noteref');
    expect(out.diplomatic).toMatch(/Persons\n\nBahr, Hermann Born: 1863, Linz \[critic\]/);
  });

  test('verse and drama: lines a line each, the speaker apart from the speech, a stage direction marked', () => {
    const out = f('<text><body><sp><speaker>HAMLET</speaker><stage>aside</stage><l>To be,</l><l>or not</l></sp></body></text>');
    expect(view(out.html, 'diplomatic')).toContain('<p class="speaker">HAMLET</p> <p class="stage">aside</p> <span class="line l">To be,</span>\n<span class="line l">or not</span>');
    expect(out.diplomatic).toContain('HAMLET\n\naside\n\nTo be,\nor not');
  });

  test('no words merged where two elements meet without a space (lines, names, unknown elements, a deletion and an insertion)', () => {
    const out = f('<text><body><p>went <del>by</del><add>the</add> road</p><ab><line>by</line><line>the</line></ab><p><idno>a1</idno><idno>b2</idno></p></body></text>');
    expect(out.normalized).toContain('went the road');
    expect(out.diplomatic).toContain('went [-by-]\\the/ road');
    expect(out.diplomatic).toContain('by\nthe');
    expect(out.diplomatic).toContain('a1 b2');
    expect(visible(view(out.html, 'normalized'))).toContain('a1 b2');
  });

  test('every text of a file: the texts of a group, the TEI of a corpus, each titled', () => {
    const group = f('<text><group><text><front><titlePage><docTitle><titlePart>First</titlePart></docTitle></titlePage></front><body><p>one</p></body></text><text><body><p>two</p></body></text></group></text>');
    expect(group.diplomatic).toMatch(/== First ==[\s\S]*one[\s\S]*two/);
    const corpus = renderTei('c.xml', `<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>All</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>${foreign('<text><body><p>alpha</p></body></text>', '<titleStmt><title>A</title></titleStmt>')}${foreign('<text><body><p>beta</p></body></text>', '<titleStmt><title>B</title></titleStmt>')}</teiCorpus>`, 'c');
    expect(corpus.normalized).toMatch(/^All\n[\s\S]*== A ==\n\nalpha\n\n== B ==\n\nbeta/);
    expect(view(corpus.html, 'normalized')).toContain('<section class="part part-TEI"><h3 class="part-title">A</h3>');
  });

  test('titles: the main title; else the first that is not a series title (not seriesStmt\'s)', () => {
    const title = (h: string) => /<h1 id="doc-title">([^<]*)<\/h1>/.exec(f('<text><body><p>x</p></body></text>', h).html)![1];
    expect(title('<titleStmt><title level="s">Letters</title><title level="a">A to B, 1900</title></titleStmt>')).toBe('A to B, 1900');
    expect(title('<titleStmt><title type="sub">An edition</title><title type="main">Frankenstein</title></titleStmt>')).toBe('Frankenstein');
    expect(title('<titleStmt><title type="series">Series</title><title>Own</title></titleStmt>')).toBe('Own');
  });

  test('a paragraph with @prev but no paragraph pointing to it keeps its text in the reading view; a chain shows each page break once', () => {
    const lone = f('<text><body><p xml:id="a" prev="#nowhere">kept text</p><p xml:id="b" prev="#a">also kept</p></body></text>');
    expect(lone.normalized).toContain('kept text\n\nalso kept');
    const chain = r('<p xml:id="A-p1" next="#A-p2">one</p><pb n="2"/><p xml:id="A-p2" prev="#A-p1" next="#A-p3">two</p><pb n="3"/><p xml:id="A-p3" prev="#A-p2">three</p>');
    expect(textBody(chain.normalized)).toContain('one [Page 2] two [Page 3] three');
  });

  test('the header: "About this document" with responsibility, source and licence', () => {
    const out = f('<text><body><p>x</p></body></text>', '<titleStmt><title>T</title><editor>Ann Editor</editor></titleStmt><publicationStmt><publisher>ACDH</publisher><availability><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability></publicationStmt><sourceDesc><bibl>A printed book, 1900</bibl></sourceDesc>'.replace('<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>', ''));
    const about = out.html.slice(out.html.indexOf('<section class="about"'));
    expect(about).toContain('<dt>Responsibility</dt><dd>editor: Ann Editor</dd>');
    expect(about).toContain('<dt>Source</dt><dd>A printed book, 1900</dd>');
    expect(about).toContain('<dt>Licence</dt><dd><a href="https://creativecommons.org/licenses/by/4.0/">https://creativecommons.org/licenses/by/4.0/</a> CC BY 4.0</dd>');
  });

  test('a DOCTYPE that declares only parameter entities is accepted (nothing expanded); general entities are not', () => {
    const dt = '<!DOCTYPE TEI SYSTEM "tei.dtd" [\n<!ENTITY % TEI.core "INCLUDE">\n<!ENTITY % TEI.drama \'INCLUDE\'>\n]>\n';
    expect(renderTei('d.xml', dt + foreign('<text><body><p>fine</p></body></text>'), 'd').normalized).toContain('fine');
    expect(() => renderTei('d.xml', '<!DOCTYPE TEI [<!ENTITY % p "x"> %p;]>\n' + foreign('<text><body><p>x</p></body></text>'), 'd')).toThrow(/entity declarations are not allowed/);
    expect(() => renderTei('d.xml', '<!DOCTYPE TEI [<!ENTITY % p "x"><!ENTITY g "y">]>\n' + foreign('<text><body><p>x</p></body></text>'), 'd')).toThrow(/entity declarations are not allowed/);
  });
});

describe('one table, one transform', () => {
  test('every behaviour the table (rules.xsl) names is written by both formats, and sent to them by edition.xsl', () => {
    const xsl = (f: string) => readFileSync(`xslt/${f}`, 'utf8');
    const named = (src: string, prefix: string) => new Set([...src.matchAll(new RegExp(`<xsl:template name="${prefix}:([a-z-]+)"`, 'g'))].map((m) => m[1]));
    const behaviours = new Set([...xsl('rules.xsl').matchAll(/<xsl:call-template name="te:([a-z-]+)"/g)].map((m) => m[1]));
    expect(behaviours.size).toBeGreaterThan(30);
    // The apparatus's behaviours are written, in both formats, and sent in apparatus.xsl.
    const html = named(xsl('html.xsl') + xsl('apparatus.xsl'), 'htm');
    const text = named(xsl('text.xsl') + xsl('apparatus.xsl'), 'txt');
    const sent = named(xsl('edition.xsl') + xsl('apparatus.xsl'), 'te');
    for (const b of behaviours) {
      expect(html, `htm:${b}`).toContain(b);
      expect(text, `txt:${b}`).toContain(b);
      expect(sent, `te:${b}`).toContain(b);
    }
  });

  test('compiled, the rules call each format directly (no dispatch, no te:text), and write what the stylesheet as written writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-xslt-'));
    writeEditionSources(dir);
    const gen = (f: string) => readFileSync(join(dir, f), 'utf8');
    // Every rule twice: in the page's modes calling htm:, in the texts' modes calling txt:; no dispatch template left.
    expect(gen('rules.xsl')).not.toMatch(/<xsl:call-template name="te:/);
    expect(gen('rules.xsl').match(/mode="te:text-diplomatic te:text-normalized"><xsl:call-template name="txt:/g)?.length).toBeGreaterThan(30);
    expect(gen('edition.xsl') + gen('text.xsl') + gen('apparatus.xsl')).not.toMatch(/with-param name="te:text"/);
    expect(gen('text.xsl')).not.toMatch(/mode="te:(diplomatic|normalized)"/);
    // The outputs: the stylesheet as written (as Saxon-HE Java runs it) against the compiled one.
    const written = join(dir, 'written.sef.json');
    execFileSync(process.execPath, [resolveDependency('xslt3/xslt3.js'), '-xsl:xslt/edition.xsl', `-export:${written}`, '-nogo', '-relocate:on'], { stdio: 'ignore' });
    const stylesheets = [JSON.parse(readFileSync(sefPath('edition'), 'utf8')) as unknown, JSON.parse(readFileSync(written, 'utf8')) as unknown];
    const run = (sef: unknown, xml: string) => Object.values(transformEdition(sef, xml, { name: 't' }));
    // Every file of the test corpus, the sample edition and the fixtures: documents whose views differ and
    // documents whose text is rendered once for both (compiled; as written, always twice).
    const files = ['tei', 'tests/fixtures', 'tests/corpus'].flatMap((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.xml')).map((f) => join(d, f)));
    let once = 0;
    for (const f of files) {
      const xml = withoutDoctype(readFileSync(f, 'utf8'));
      let compiled: string[];
      try {
        compiled = run(stylesheets[0], xml);
      } catch {
        expect(() => run(stylesheets[1], xml), f).toThrow();
        continue;
      }
      expect(compiled[1], f).toMatch(/\S/);
      expect(compiled, f).toEqual(run(stylesheets[1], xml));
      if (renderedOnce(stylesheets[0], xml)) once++;
    }
    expect(files.length).toBeGreaterThan(60);
    // Both kinds were compared.
    expect(once).toBeGreaterThan(10);
    expect(files.length - once).toBeGreaterThan(20);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  test('the three outputs come from one transform: the texts are whole (a header, the text, a final line break)', () => {
    const out = r('<p>one <del>two</del> three</p>');
    expect(out.html).toMatch(/^<!DOCTYPE html>/);
    expect(out.diplomatic).toMatch(/^Test\nDiplomatic edition\n\none \[-two-\] three\n$/);
    expect(out.normalized).toMatch(/^Test\nReading edition \(normalized\)\n\none three\n$/);
  });
});

describe('one text for both views', () => {
  const sef = () => JSON.parse(readFileSync(sefPath('edition'), 'utf8')) as unknown;

  test('property: where the views cannot differ, the text rendered once gives the outputs of the text rendered in each view', () => {
    const stylesheet = sef();
    const word = fc.constantFrom('alpha', 'Beta', 'of', 'the', '1962', '&amp;', 'Kennedy');
    // Elements whose rules are the same in both views (with ids, notes and names, which the page links),
    // and a few that are not (lb, del, choice): then the text is rendered in each view.
    const inline: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { arbitrary: word, weight: 5 },
        { arbitrary: fc.tuple(fc.constantFrom('hi rend="italic"', 'persName', 'title', 'foreign', 'num', 'date'), fc.array(tie('node'), { maxLength: 3 })).map(([t, c]) => `<${t}>${c.join(' ')}</${t.split(' ')[0]}>`), weight: 2 },
        { arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => `<note>${w.join(' ')}</note>`), weight: 1 },
        { arbitrary: fc.constantFrom('<lb/>', '<del>gone</del>', '<choice><sic>teh</sic><corr>the</corr></choice>'), weight: 1 },
      ),
    })).node as fc.Arbitrary<string>;
    const block = fc.oneof(
      fc.array(inline, { maxLength: 6 }).map((c) => `<p xml:id="p">${c.join(' ')}</p>`),
      fc.array(fc.array(inline, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((bs) => `<listBibl>${bs.map((b, n) => `<bibl xml:id="b${n}"><author>${b.join(' ')}</author> <title>T</title></bibl>`).join('')}</listBibl>`),
      fc.array(inline, { maxLength: 4 }).map((c) => `<head>${c.join(' ')}</head>`),
    );
    let shared = 0;
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (blocks) => {
        // Unique ids: a repeated one is the document's fault, not the renderer's.
        let n = 0;
        const xml = tei(blocks.join('\n').replace(/xml:id="[^"]*"/g, () => `xml:id="i${n++}"`));
        const one = transformEdition(stylesheet, xml, { name: 't' });
        const each = transformEdition(stylesheet, xml, { name: 't', 'one-text': false });
        if (renderedOnce(stylesheet, xml)) shared++;
        expect(one).toEqual(each);
        expect(one.html).not.toContain('te:one-text');
      }),
      { numRuns: 60 },
    );
    expect(shared).toBeGreaterThan(5);
  }, 60_000);

  test('rendered once, the text is in both views, each with its own ids and links', () => {
    const body = '<p xml:id="p1">A note<note>one</note> here.</p>';
    expect(renderedOnce(sef(), tei(body))).toBe(true);
    expect(renderedOnce(sef(), tei(body + '<p>a <lb/> line</p>'))).toBe(false);
    const out = r(body);
    expect(view(out.html, 'diplomatic')).toContain('id="d-p1"');
    expect(view(out.html, 'diplomatic')).toContain('href="#d-note-1"');
    expect(view(out.html, 'normalized')).toContain('id="p1"');
    expect(view(out.html, 'normalized')).toContain('href="#note-1"');
    expect(out.html).not.toContain('\uFDD0');
    expect(out.html).not.toContain('te:one-text');
  });

  test('a document that holds the mark itself is rendered in each view, its text whole', () => {
    const out = r('<p xml:id="p1">odd \uFDD0 sign <ref target="https://example.org/%EF%B7%90">link</ref></p>');
    expect(view(out.html, 'normalized')).toContain('odd \uFDD0 sign');
    expect(view(out.html, 'diplomatic')).toContain('odd \uFDD0 sign');
    expect(out.html).toContain('id="d-p1"');
    expect(out.normalized).toContain('odd \uFDD0 sign');
  });

  test('a paragraph the reading view continues outside the text (a note of standOff) makes the views differ', () => {
    const xml = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><p xml:id="a" next="#b">first half</p></body></text><standOff><listAnnotation><note><p xml:id="b" prev="#a">second half</p></note></listAnnotation></standOff></TEI>`;
    expect(renderedOnce(sef(), xml)).toBe(false);
    const out = transformEdition(sef(), xml, { name: 't' });
    expect(out).toEqual(transformEdition(sef(), xml, { name: 't', 'one-text': false }));
    expect(out.normalized).toContain('first half second half');
    expect(view(out.html, 'normalized')).toContain('<span class="continuation" id="b"');
  });

  test('a page without the marks is left as it is', () => {
    expect(writeOneText('<p>no marks</p>')).toBe('<p>no marks</p>');
  });
});

describe('whitespace is exact', () => {
  test('no space lost or doubled around inline elements, at page breaks, between a deletion and an insertion', () => {
    const out = r('<p>against the <add place="above">presence</add> <del rend="strikethrough">presence</del> and word<del rend="strikethrough">s</del><add place="above">es</add> glued, <del rend="strikethrough">Since</del> (e) Since them <pb n="450"/> than</p>');
    expect(out.diplomatic).toContain('against the \\presence/ [-presence-] and word[-s-]\\es/ glued, [-Since-] (e) Since them [Page 450] than');
    expect(out.normalized).toContain('against the presence and wordes glued, (e) Since them [Page 450] than');
    expect(visible(view(out.html, 'normalized'))).toContain('against the presence and wordes glued, (e) Since them [Page 450] than');
    expect(visible(view(out.html, 'diplomatic'))).toContain('against the presence presence and wordses glued, Since (e) Since them [Page 450] than');
  });

  const word = fc.array(fc.constantFrom(...'abcdefgXYZ019.,;:()-\'"'.split('')), { minLength: 1, maxLength: 7 }).map((c) => c.join(''));
  const token = fc.oneof(
    { weight: 5, arbitrary: word },
    { weight: 1, arbitrary: word.map((w) => `~~${w}~~`) },
    { weight: 1, arbitrary: word.map((w) => `^{${w}}`) },
    { weight: 1, arbitrary: word.map((w) => `*${w}*`) },
  );
  const para = fc.array(token, { minLength: 3, maxLength: 14 }).map((ts) => `(a) ${ts.join(' ')} and so on.`);
  const doc = fc.array(para, { minLength: 1, maxLength: 4 }).map((ps) => ps.join('\n\n'));

  test('property: the diplomatic text is the transcription minus its signs, plus the edition\'s own marks; the reading text drops the deletions', () => {
    fc.assert(
      fc.property(doc, (src) => {
        const { xml } = convert(src);
        const out = renderTei('g.xml', xml, 'g');
        const dip = textBody(out.diplomatic).replace('[Page 1]', '');
        const withoutMarks = dip.replace(/\[-|-\]|\\|\/|\{|\}/g, '');
        expect(squash(withoutMarks)).toBe(squash(stripSigns(src)));
        const reading = textBody(out.normalized).replace('[Page 1]', '');
        expect(squash(reading)).toBe(squash(stripSigns(src.replace(/~~[^~]*~~/g, ''))));
      }),
      { numRuns: 60 },
    );
  });
});

describe('the sample edition', () => {
  test('circular 939, text editions: struck and raised marks, excision, both copies', () => {
    const xml = readFileSync('tei/1962-11-19-circular-939.xml', 'utf8');
    const out = renderTei('c.xml', xml, '1962-11-19-circular-939');
    expect(out.diplomatic).toContain('safeguards against the \\presence/ [-presence-] and reintroduction');
    expect(out.diplomatic).toContain('[less than 1 line of source text not declassified] accompany you to NAC meeting');
    expect(out.diplomatic).toContain('[Therman Kent] arriving Paris');
    expect(out.normalized).toContain('safeguards against the presence and reintroduction');
    expect(out.normalized).toContain('(a) The US has still been unable to obtain satisfactory [Page 2] performance from the USSR');
    expect(out.html).toContain('<button type="button" data-view="diplomatic" aria-pressed="true"');
  });
});

describe('any TEI P5 document: the FRUS development set', () => {
  const dir = '../shared/frus-dev/tei';
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
  } catch {
    files = [];
  }
  const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu) ?? [];

  test.runIf(files.length > 0 || Boolean(process.env.CI))('every word of each FRUS document (notes aside) appears, in order, in both text editions', () => {
    expect(files.length).toBe(30);
    for (const f of files) {
      const xml = readFileSync(`${dir}/${f}`, 'utf8');
      const out = renderTei(f, xml, f);
      const div = /<div type="document"[\s\S]*<\/div>/.exec(xml)![0];
      const source = words(
        div
          .replace(/<note\b[\s\S]*?<\/note>/g, ' ')
          // Tags join what they separate (IRBM</gloss>s is one word); the source is indented between blocks.
          .replace(/<[^>]+>/g, '')
          .replace(/&amp;/g, '&'),
      );
      for (const v of ['diplomatic', 'normalized'] as const) {
        const target = words(out[v]);
        let k = 0;
        for (const w of target) if (k < source.length && w === source[k]) k++;
        expect(k, `${f} ${v}: stuck at word ${k} "${source[k]}" of ${source.length}`).toBe(source.length);
      }
    }
  });
});

describe('tei-edition render: bad input', () => {
  test('a missing file, a file that is not well-formed, an entity declaration: clear errors, the others rendered', async () => {
    const { mkdtempSync, writeFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'tei-render-'));
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><p>x</text></TEI>');
    const bomb = join(dir, 'bomb.xml');
    writeFileSync(bomb, '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>');
    const { code, err } = await run('render', join(dir, 'missing.xml'), bad, bomb, 'tei/1962-10-29-topol-594.xml', '-o', join(dir, 'out'));
    expect(code).toBe(1);
    expect(err).toContain(`${join(dir, 'missing.xml')}:1:1: error: cannot read: no such file`);
    expect(err).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:\\d+: error: `));
    expect(err).toContain('error: entity declarations are not allowed');
    expect(err).toContain('1 document rendered, 3 failed');
    expect(existsSync(join(dir, 'out', 'html', '1962-10-29-topol-594.html'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'html', 'bad.html'))).toBe(false);
  });
});
