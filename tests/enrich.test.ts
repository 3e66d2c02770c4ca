import { describe, expect, test } from 'vitest';
import { EMPTY_METADATA, body, convert, run } from './helpers.js';
import { parseAbbreviations, parseCorrections, parsePersons, type Registers } from '../src/enrich/registers.js';
import { SourceError } from '../src/transcription/source.js';
import { isoFromNumeric, isoFromStamp } from '../src/enrich/dates.js';
import { validateText } from '../src/validate/index.js';
import { renderTei } from '../src/render/index.js';

const registers: Registers = {
  persons: [
    { id: 'rusk', name: 'Rusk, Dean', role: 'Secretary of State', forms: ['RUSK', 'Rusk', 'Dean Rusk', 'The Secretary'], wikidata: 'Q295202' },
    { id: 'bundy', name: 'Bundy, McGeorge', forms: ['McGeorge Bundy', 'Bundy'] },
    { id: 'kuznetsov', name: 'Kuznetsov, Vasily V.', forms: ['Kuznetsov', 'Kuznatsov'] },
  ],
  corrections: [
    { sic: 'Kuznatsov', corr: 'Kuznetsov' },
    { sic: 'QAS', corr: 'OAS', documents: ['c939'], witness: 'wit-A' },
    { sic: 'BERN', corr: 'BONN', cert: 'medium' },
  ],
  abbreviations: [
    { abbr: ['QTE'], expan: '“', type: 'quote' },
    { abbr: ['UNQTE'], expan: '”', type: 'quote' },
    { abbr: ['Amembassy'], expan: 'American Embassy', type: 'expansion' },
    { abbr: ['NAC'], expan: 'North Atlantic Council', type: 'acronym' },
  ],
};

const enc = (src: string, name = 'c939') => body(convert(src, name, EMPTY_METADATA, registers).xml).replace(/\n\s*/g, '\n');

describe('persons', () => {
  test('every form of a registered person is a persName pointing to the register; the document lists the person', () => {
    const { xml } = convert('The Secretary spoke to McGeorge Bundy about it today.\n\nRUSK', 'd', EMPTY_METADATA, registers);
    expect(xml).toContain('<persName ref="#rusk">The Secretary</persName> spoke to <persName ref="#bundy">McGeorge Bundy</persName> about');
    expect(xml).toContain('<signed><persName ref="#rusk">RUSK</persName></signed>');
    expect(xml).toMatch(/<standOff>\s*<listPerson>\s*<person xml:id="rusk">\s*<persName>Rusk, Dean<\/persName>\s*<occupation>Secretary of State<\/occupation>\s*<idno type="wikidata">Q295202<\/idno>/);
    expect(xml).toContain('<person xml:id="bundy">');
    expect(xml).not.toContain('<person xml:id="kuznetsov">');
  });

  test('a misspelled name is the person and a correction', () => {
    expect(enc('In your negotiations with Kuznatsov and in connection with any discussion.')).toContain(
      '<persName ref="#kuznetsov"><choice><sic>Kuznatsov</sic><corr>Kuznetsov</corr></choice></persName> and',
    );
  });

  test('a name split by a line end: two parts linked with next and prev', () => {
    const b = enc('Cleared:\n\nWhite House - Mr. McGeorge\nBundy and others');
    expect(b).toContain('Mr. <persName ref="#bundy" xml:id="bundy-part1a" next="#bundy-part1b">McGeorge</persName>\n<lb/><persName ref="#bundy" xml:id="bundy-part1b" prev="#bundy-part1a">Bundy</persName> and others');
  });

  test('a name split by a page break: one name with the page break inside', () => {
    const b = enc('Here the text reaches Dean [Page 450] Rusk and goes on to the end of it.');
    expect(b).toContain('reaches <persName ref="#rusk">Dean <pb n="450"/> Rusk</persName> and goes on');
  });

  test('a name no register lists is tagged without @ref and reported', () => {
    const c = convert('Foreign Minister Averoff said that Ambassador Palamas and Mr. Rusk agreed.\n\nDrafted by: EUR:JRSchaetzle:MC', 'd', EMPTY_METADATA, registers);
    const b = body(c.xml);
    expect(b).toContain('Foreign Minister <persName>Averoff</persName> said that Ambassador <persName>Palamas</persName> and Mr. <persName ref="#rusk">Rusk</persName> agreed');
    expect(b).toContain('EUR:<persName>JRSchaetzle</persName>:MC');
    expect(c.unknownNames.map((n) => n.text)).toEqual(['Averoff', 'Palamas', 'JRSchaetzle']);
    expect(c.unknownNames[0]!.pos).toEqual({ line: 1, column: 18 });
  });
});

describe('corrections', () => {
  test('limited to a document and a witness; with their certainty', () => {
    const src = 'authorized by the QAS resolution of October 23, in BERN.\n\nEXCISED COPY FOLLOWS\n\nauthorized by the QAS resolution of October 23, in BERN.';
    const b = enc(src);
    const [a, w] = b.split('<div type="witness" corresp="#wit-B">');
    expect(a).toContain('<choice><sic>QAS</sic><corr>OAS</corr></choice> resolution');
    expect(w).not.toContain('<sic>QAS</sic>');
    expect(w).toContain('<choice><sic>BERN</sic><corr cert="medium">BONN</corr></choice>');
    expect(enc('authorized by the QAS resolution in the other document.', 'other')).not.toContain('<sic>QAS</sic>');
  });
});

describe('abbreviations', () => {
  test('expansions, acronyms, telegraphic quotation marks', () => {
    const b = enc('Amembassy OTTAWA will ask the NAC to read QTE Soviet technicians UNQTE as written.');
    expect(b).toContain('<choice><abbr>Amembassy</abbr><expan>American Embassy</expan></choice> OTTAWA');
    expect(b).toContain('<choice><abbr type="acronym">NAC</abbr><expan>North Atlantic Council</expan></choice>');
    expect(b).toContain('read <abbr type="quote">QTE </abbr><q>Soviet technicians</q><abbr type="quote"> UNQTE</abbr> as written');
  });

  test('rendered: expanded, or kept and listed, or read as quotation marks', () => {
    const { xml } = convert('Amembassy OTTAWA will ask the NAC to read QTE Soviet technicians UNQTE as written.', 'd', EMPTY_METADATA, registers);
    const out = renderTei('d.xml', xml, 'd');
    expect(out.diplomatic).toContain('Amembassy OTTAWA will ask the NAC to read QTE Soviet technicians UNQTE as written.');
    expect(out.normalized).toContain('American Embassy OTTAWA will ask the NAC to read “Soviet technicians” as written.');
    expect(out.normalized).toMatch(/Abbreviations\n\nNAC: North Atlantic Council/);
    expect(out.html).toContain('<abbr title="North Atlantic Council">NAC</abbr>');
    expect(out.html).toContain('<dt>NAC</dt><dd>North Atlantic Council</dd>');
  });

  test('a term glossed, not expanded: kept as written in both views, pointing to the list of terms; listed with its gloss', async () => {
    const own = { ...registers, abbreviations: [...registers.abbreviations, { abbr: ['ZEPHYR', 'Zephyr'], type: 'gloss' as const, expan: 'code word for the airlift plan' }] };
    const { xml } = convert('Proceed with ZEPHYR at once.\n\nZephyr is approved by the NAC.', 'd', EMPTY_METADATA, own);
    expect(xml).toContain('<gloss target="#term-ZEPHYR">ZEPHYR</gloss>');
    expect(xml).toContain('<gloss target="#term-ZEPHYR">Zephyr</gloss>');
    // One entry, in standOff, however often the term is used.
    expect(xml.match(/<term xml:id="term-ZEPHYR">ZEPHYR<\/term>/g)).toHaveLength(1);
    expect(xml).toMatch(/<list type="terms">\s*<head>Terms<\/head>\s*<label><term xml:id="term-ZEPHYR">ZEPHYR<\/term><\/label>\s*<item><gloss>code word for the airlift plan<\/gloss><\/item>/);
    expect((await validateText('d.xml', xml)).errors.map((e) => e.message)).toEqual([]);
    const out = renderTei('d.xml', xml, 'd');
    expect(out.diplomatic).toContain('Proceed with ZEPHYR at once.');
    expect(out.normalized).toContain('Proceed with ZEPHYR at once.');
    expect(out.normalized).toMatch(/Abbreviations and terms\n\nZEPHYR: code word for the airlift plan\nZephyr: code word for the airlift plan\nNAC: North Atlantic Council/);
    expect(out.html).toContain('<abbr class="term" title="code word for the airlift plan">ZEPHYR</abbr>');
    expect(out.html).toContain('<dt>ZEPHYR</dt><dd>code word for the airlift plan</dd>');
  });
});

describe('dates', () => {
  test('in the text, with their ISO value', () => {
    const b = enc("Nov 19 9 19 PM '62\n\nDrafted by: EUR 11/19/62 and reviewed 3/4/88, after the meeting of October 26, 1962, as agreed.");
    expect(b).toContain('<stamp type="datetime"><date when="1962-11-19T21:19:00">Nov 19 9 19 PM \'62</date></stamp>');
    expect(b).toContain('<date when="1962-11-19">11/19/62</date>');
    expect(b).toContain('<date when="1988-03-04">3/4/88</date>');
    expect(b).toContain('<date when="1962-10-26">October 26, 1962</date>');
  });

  test.each([
    ['11/19/62', '1962-11-19'],
    ['3/4/88', '1988-03-04'],
    ['8/5/01', '2001-08-05'],
    ['2/30/62', undefined],
    ['13/1/62', undefined],
  ])('numeric %s', (s, iso) => expect(isoFromNumeric(s)).toBe(iso));

  test('stamps', () => {
    expect(isoFromStamp("Dec 18 2 09 PM '62")).toBe('1962-12-18T14:09:00');
    expect(isoFromStamp("Dec 18 12 09 AM '62")).toBe('1962-12-18T00:09:00');
    expect(isoFromStamp("Dec 18 13 09 PM '62")).toBeUndefined();
  });
});

describe('the enriched TEI is valid', () => {
  test('project schema and rules (pointers to the listPerson resolve, parts link both ways)', async () => {
    const { xml } = convert('Mr. McGeorge\nBundy met Kuznatsov and Dean [Page 2] Rusk at the NAC.\n\nRUSK', 'd', EMPTY_METADATA, registers);
    const r = await validateText('d.xml', xml);
    // (no metadata here, so no creation date: published undated, with a warning)
    expect(r.errors.map((e) => e.message)).toEqual([]);
    expect(r.warnings.map((e) => e.rule)).toEqual(['warn-undated']);
  });
});

describe('register files: clear errors at their line and column', () => {
  const fails = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as SourceError;
    }
    throw new Error('no error');
  };
  test('persons', () => {
    const e = fails(() => parsePersons('persons.yaml', '- id: rusk\n  name: Rusk, Dean\n- id: 9bad\n  name: X\n'));
    expect(e.message).toBe("persons.yaml:3:7: 'id' must be an XML name safe as a file name: a letter or '_' first, then letters, digits, '-', '_' or '.', not '9bad'");
    expect(fails(() => parsePersons('p.yaml', '- id: a\n  name: A\n- id: a\n  name: B\n')).message).toContain("p.yaml:3:7: the id 'a' is used twice");
    expect(fails(() => parsePersons('p.yaml', '- id: a\n')).message).toContain("p.yaml:1:3: person 'a' needs 'name'");
  });
  test('corrections and abbreviations', () => {
    expect(fails(() => parseCorrections('c.yaml', '- sic: QAS\n')).message).toContain("c.yaml:1:3: the correction of 'QAS' needs 'corr'");
    expect(fails(() => parseCorrections('c.yaml', '- { sic: QAS, corr: OAS, cert: sure }\n')).message).toContain("c.yaml:1:32: 'cert' must be one of high, medium, low, not 'sure'");
    expect(fails(() => parseAbbreviations('a.yaml', '- { abbr: NAC, expan: x, type: other }\n')).message).toContain("'type' must be one of expansion, acronym, gloss, quote, not 'other'");
    expect(fails(() => parseAbbreviations('a.yaml', 'abbr: NAC\n')).message).toContain('a register is a list of entries');
  });
});

describe('the registers command and the register file', () => {
  test('registers suggest lists the names the registers lack, with positions and entries to start from', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'tei-suggest-'));
    mkdirSync(join(dir, 'sources', 'registers'), { recursive: true });
    writeFileSync(join(dir, 'sources', 'registers', 'persons.yaml'), '- id: rusk\n  name: Rusk, Dean\n  forms: [Rusk]\n');
    writeFileSync(join(dir, 'sources', 'a.txt'), 'Foreign Minister Averoff told Mr. Rusk that Averoff would come.\n');
    const { code, out, err } = await run('registers', 'suggest', dir);
    expect(code).toBe(0);
    expect(out).toContain(`${join(dir, 'sources', 'a.txt')}:1:18: Averoff`);
    expect(out).toContain(`${join(dir, 'sources', 'a.txt')}:1:45: Averoff`);
    expect(out).not.toMatch(/: Rusk$/m);
    expect(out).toContain('- id: averoff\n  name: "Averoff"');
    expect(err).toContain('1 name no register lists');
  });

  test('the person register of the sample edition is valid TEI (tei/registers/persons.xml)', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const { buildPersonsTei } = await import('../src/tei/registers.js');
    const { registersFor, metadataFor } = await import('../src/pipeline.js');
    const xml = buildPersonsTei(registersFor('sources').persons, metadataFor('sources').edition);
    expect(xml).toContain('<person xml:id="kuznetsov">');
    expect(xml).toMatch(/<persName type="main">\s*<surname>Kuznetsov<\/surname>\s*<forename>Vasily V\.<\/forename>\s*<\/persName>/);
    expect(xml).toContain('<persName type="variant">Kuznatsov</persName>');
    if (!existsSync('../shared/schema/tei_all.rng')) return;
    const r = await validateText('persons.xml', xml, { schema: '../shared/schema/tei_all.rng', schematron: false });
    expect(r.errors).toEqual([]);
    void readFileSync;
  });
});
