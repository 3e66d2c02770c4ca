import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { convertFile, metadataFor, registersFor } from '../src/pipeline.js';

const metadata = metadataFor('sources');
const registers = registersFor('sources');
/** The TEI of a sample document, without the anchors of the apparatus (tested in collate.test.ts). */
const tei = (name: string) => convertFile(`sources/${name}.txt`, metadata, { registers }).xml.replace(/<anchor [^>]*type="(app|rdg)-(start|end)"[^>]*\/>/g, '');
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const witness = (xml: string, id: string) => {
  const m = new RegExp(`<div type="witness" corresp="#${id}">([\\s\\S]*?)\\n      </div>`).exec(xml);
  if (!m) throw new Error(`no witness ${id}`);
  return m[1]!;
};

describe('the sample edition', () => {
  test('the sources are the seeds, byte for byte', () => {
    const pairs = {
      '000_630f75d08ade0f08': '1962-11-19-circular-939',
      '001_ab7df87a182603b2': '1962-12-18-usun-1687',
      '002_568b4a8598cf90c3': '1962-10-26-rostow-alliance-missiles',
      '003_759721de50065839': '1962-10-29-topol-594',
      '004_fbd59c3f0b3d8611': '1962-11-30-memcon-surprise-attack',
    };
    for (const [seed, name] of Object.entries(pairs)) {
      let shared: Buffer;
      try {
        shared = readFileSync(`../shared/seeds/${seed}.txt`);
      } catch {
        continue; // the project works without ../shared
      }
      expect(readFileSync(`sources/${name}.txt`).equals(shared), name).toBe(true);
    }
  });

  test('circular 939: full and excised copies as two witnesses of four pages each', () => {
    const xml = tei('1962-11-19-circular-939');
    expect(xml).toContain('<date when="1962-11-19T21:19:00">November 19, 1962, 9:19 p.m.</date>');
    const a = witness(xml, 'wit-A');
    const b = witness(xml, 'wit-B');
    for (const w of [a, b]) {
      expect([...w.matchAll(/<pb n="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '3', '4']);
      expect(w).toContain('<signed><persName ref="#rusk">RUSK</persName></signed>');
      expect(w).toContain('<stamp type="review">');
      expect(w).toContain('<stamp type="datetime"><date when="1962-11-19T21:19:00">Nov 19 9 19 PM \'62</date></stamp>');
      expect(count(w, /<list type="field" subtype="action">/g)).toBe(2);
    }
    expect(a).toContain('<seg type="bracketed" rend="brackets"><persName ref="#kent"><choice><sic>Therman</sic><corr>Sherman</corr></choice> Kent</persName></seg>');
    expect(b).toContain('<head type="transcriber">EXCISED COPY FOLLOWS</head>');
    expect(b).toContain('<gap reason="excised" rend="empty-brackets" quantity="0.3" unit="line" extent="less than 1 line of source text"/> accompany you');
    // The marks beside the excisions are the declassification reviewer's.
    expect(b).toContain('<seg type="handwritten" hand="#hand-reviewer">hll</seg>');
    // paragraph (a) runs over the page break in both copies
    expect(a).toMatch(/<p xml:id="A-p2" next="#A-p3">\(a\) The <placeName>US<\/placeName> has still been unable to obtain satisfactory<\/p>/);
    expect(b).toMatch(/<p xml:id="B-p2" next="#B-p3">\(a\)/);
    expect(a).toContain('<del rend="strikethrough">Since</del> (e) Since');
  });

  test('USUN 1687: the facsimile reading and the transcribed page', () => {
    const xml = tei('1962-12-18-usun-1687');
    expect(xml).toContain('<witness xml:id="wit-A">OCR reading of the facsimile</witness>');
    const a = witness(xml, 'wit-A');
    const b = witness(xml, 'wit-B');
    expect(a).toContain('<fw type="classification"><del rend="strikethrough">TOP SECRET</del></fw>');
    expect(a).toContain('at <del rend="strikethrough">improving</del> and improve');
    expect(a).toMatch(/<closer>\s*<signed><persName ref="#rusk">RUSK<\/persName><\/signed>\s*<\/closer>\s*<note type="drafting">Drafted by:/);
    expect(a).toContain('<fw type="form">FORM 5-61 DS-322</fw>');
    expect(a).toContain('<stamp type="declassification">Authority NSC 65 <date when="1977-12-27">12/27/77</date>');
    expect(b).toContain('<head type="transcriber">TRANSCRIBED PAGE FOLLOWS</head>');
    expect(b).toContain('<persName ref="#kuznetsov">Kuznetsov</persName> will understand our motive');
  });

  test('Rostow memorandum: heading fields between the stamp fragments, page 2 from its number', () => {
    const xml = tei('1962-10-26-rostow-alliance-missiles');
    for (const f of ['to', 'through', 'from']) expect(xml).toContain(`<list type="field" subtype="${f}">`);
    expect(xml).toContain('<list type="subject">');
    expect(count(xml, /<stamp type="review">/g)).toBe(3);
    // a stamp date before the document was written is questioned, and the header says why
    expect(xml).toContain('<stamp type="declassification">DECLASSIFICATION DATE <date when="1957-06-16" xml:id="date-doubt-1" cert="low">6/16/57</date>');
    expect(xml).toMatch(/<provenance type="declassification" when="1957-06-16" cert="low">[^<]*<note type="editorial" target="#date-doubt-1">The stamp's date 6\/16\/57 \(1957-06-16\) is earlier than the document \(1962-10-26\)/);
    expect(xml).toMatch(/<pb n="2"\/>\s*<fw type="classification">SECRET<\/fw>\s*<fw type="classification">UNCLASSIFIED<\/fw>\s*<fw type="pageNum">-2-<\/fw>/);
    expect(xml).toContain('<dateline><date when="1962-10-26">October 26, 1962</date></dateline>');
  });

  test('Topol 594 (FRUS page): notes at their markers, the source note first; page 450 inline', () => {
    const xml = tei('1962-10-29-topol-594');
    // the Department of State keeps the files: an organisation's name, as in the heading
    expect(xml).toContain('Regional Organizations<note xml:id="note-0" n="0" place="foot" type="source">Source: <orgName>Department of State</orgName>, Central Files, 375/10–2962.');
    // telegraphic codes, a sea and a people are no persons
    expect(xml).toContain('approval Bercon–Marcon plans');
    expect(xml).toContain('believe Soviets would');
    // A series indicator is glossed, not expanded: it points to the document's list of terms.
    expect(xml).toMatch(/<gloss target="#term-POLTO">Poltos<\/gloss> 513 and 518<note xml:id="note-1" n="1" place="foot"><gloss target="#term-POLTO">Polto<\/gloss>/);
    expect(xml).toMatch(/<label><term xml:id="term-POLTO">POLTO<\/term><\/label>\s*<item><gloss>series indicator for telegrams from the US Mission to NATO in Paris<\/gloss><\/item>/);
    expect(xml).toContain('geographically closer to them <pb n="450"/> than to us.');
    expect(xml).not.toMatch(/<pb n="1"/);
    expect(xml).toContain('<biblScope unit="document">156</biblScope>');
  });

  test('memorandum of conversation: participants by delegation, distribution, stamp, page 2', () => {
    const xml = tei('1962-11-30-memcon-surprise-attack');
    expect(count(xml, /<list type="participants">/g)).toBe(2);
    expect(xml).toContain('<item><choice><abbr>First Dep. Premier</abbr><expan>First Deputy Premier</expan></choice> <persName ref="#mikoyan">Anastas Mikoyan</persName></item>');
    expect(xml).toContain('<list type="field" subtype="distribution">');
    expect(xml).toMatch(/<stamp type="review">DEPARTMENT OF STATE\n<lb\/>IS\/EPC\/CORR[\s\S]*1\. IS 601\.16 CADP<\/stamp>/);
    expect(xml).toMatch(/<pb n="2"\/>\s*<fw type="pageNum">-2-<\/fw>/);
    expect(xml).toContain('<date when="1962-11-30T13:00:00">');
  });

  test('registers: every person named has a persName with @ref, the document lists them; corrections, abbreviations, dates, quotations', () => {
    const c939 = tei('1962-11-19-circular-939');
    expect(c939).toContain('<standOff>');
    expect(c939).toMatch(/<person xml:id="kent">\s*<persName>Kent, Sherman<\/persName>\s*<occupation>Chairman of the Board of National Estimates/);
    expect(c939).toContain('<idno type="wikidata">Q295202</idno>');
    expect(c939).toContain('<persName ref="#schaetzel">JRSchaetzle</persName>');
    expect(c939).toContain('<persName ref="#bundy"><choice><sic>George Bundy</sic><corr>McGeorge Bundy</corr></choice></persName>');
    expect(c939).toContain('<choice><sic>QAS</sic><corr source="#wit-B">OAS</corr></choice> resolution');
    expect(c939).toContain('merely as <abbr type="quote">QTE </abbr><q>Soviet technicians</q><abbr type="quote"> UNQTE</abbr>.');
    expect(c939).toContain('<choice><abbr>Amembassy</abbr><expan>American Embassy</expan></choice> OTTAWA');
    expect(c939).toContain('<date when="1988-03-04">3/4/88</date>');
    expect(c939).toContain('<date when="1962-11-19">11/19/62</date>');
    const usun = tei('1962-12-18-usun-1687');
    expect(usun).toContain('<persName ref="#kuznetsov"><choice><sic>Kuznatsov</sic><corr source="#wit-B">Kuznetsov</corr></choice></persName>');
    expect(usun).toContain('<persName ref="#johnson-ua">UAJohnson</persName>');
    const memcon = tei('1962-11-30-memcon-surprise-attack');
    expect(memcon).toContain('<persName ref="#rusk">The Secretary</persName> said');
    expect(memcon).toContain('<persName ref="#davis">RHDavis</persName>');
    // "G - U. [date stamp] Johnson": U. Alexis Johnson approved the telegram (his code G:UAJohnson drafted it)
    expect(usun).toContain('<date when="1962-12-18">12/18/62</date> <persName ref="#johnson-ua">Johnson</persName>');
    expect(tei('1962-10-26-rostow-alliance-missiles')).toContain('in the <placeName>Eastern Mediterranean</placeName>');
    // no name is left without its register entry in the sample edition
    for (const name of ['1962-11-19-circular-939', '1962-12-18-usun-1687', '1962-10-26-rostow-alliance-missiles', '1962-10-29-topol-594', '1962-11-30-memcon-surprise-attack']) {
      const body = tei(name).split('<text>')[1]!;
      expect(body, name).not.toMatch(/<persName>/);
    }
  });

  test('every header is complete for deposit', () => {
    for (const name of ['1962-11-19-circular-939', '1962-12-18-usun-1687', '1962-10-26-rostow-alliance-missiles', '1962-10-29-topol-594', '1962-11-30-memcon-surprise-attack']) {
      const xml = tei(name);
      for (const part of ['<titleStmt>', '<title type="main">', '<editor xml:id=', '<respStmt xml:id="tei-edition">', '<publicationStmt>', '<licence target="https://creativecommons.org/publicdomain/mark/1.0/">', '<licence target="https://creativecommons.org/licenses/by/4.0/">', '<msIdentifier>', '<listWit>', '<editorialDecl>', '<creation>', '<langUsage>', '<revisionDesc>', '<appInfo>'])
        expect(xml, `${name}: ${part}`).toContain(part);
      expect(xml).toMatch(/<creation>\s*<date when="1962-\d\d-\d\d/);
    }
  });
});
