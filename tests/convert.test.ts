import { describe, expect, test } from 'vitest';
import { EMPTY_METADATA, body, convert, teiText } from './helpers.js';

/** The TEI body of a transcription, indentation removed, for compact expectations. */
const enc = (src: string) => body(convert(src).xml).replace(/\n\s*/g, '\n').trim();

describe('inline signs become TEI', () => {
  test.each([
    ['a ~~struck~~ word in a sentence of prose here.', '<del rend="strikethrough">struck</del>'],
    ['the ^{presence} of words in a sentence of prose here.', '<add place="above">presence</add>'],
    ['initials *hll* in a sentence of prose that goes on.', '<seg type="handwritten" hand="#hand-ms">hll</seg>'],
    ['a **bold** word in a sentence of prose here and on.', '<hi rend="bold">bold</hi>'],
    ['signed *[Signature]* in a sentence of prose here and on.', '<seg type="signature" hand="#hand-ms"><gap reason="illegible" quantity="1" unit="signature"/></seg>'],
    ['[] accompany you to NAC meeting to assist you in such way.', '<gap reason="excised" rend="empty-brackets"/> accompany'],
    ['[Therman Kent] arriving Paris a.m. November 20 to brief de Gaulle.', '<seg type="bracketed" rend="brackets">Therman Kent</seg> arriving'],
    ['closer to them [Page 450] than to us, and so on in a long sentence.', 'them <pb n="450"/> than'],
  ])('%s', (src, tei) => {
    expect(enc(src)).toContain(tei);
  });

  test('spaces around inline elements are kept exactly, none added', () => {
    const b = enc('safeguards against the ^{presence} ~~presence~~ and reintroduction of offensive weapons.');
    expect(b).toContain('against the <subst><add place="above">presence</add> <del rend="strikethrough">presence</del></subst> and reintroduction');
    const glued = enc('a word~~s~~^{es} glued to its correction in a long sentence.');
    expect(glued).toContain('word<subst><del rend="strikethrough">s</del><add place="above">es</add></subst> glued');
  });

  test('text that looks like an entity stays text (xmlbuilder2 would pass "&gt;" through)', () => {
    const { xml } = convert('a &foo; b and &amp; and &gt; and &#65; here in prose of a sentence.');
    expect(xml).toContain('a &amp;foo; b and &amp;amp; and &amp;gt; and &amp;#65; here');
    expect(teiText(xml)).toContain('a &foo; b and &amp; and &gt; and &#65; here');
  });

  test('markup characters in the text are escaped', () => {
    expect(enc('Profits & losses < 5 > 3 in "quotes" and more words here.')).toContain('Profits &amp; losses &lt; 5 &gt; 3 in "quotes"');
  });
});

describe('page furniture', () => {
  test('classification markings, struck ones too, are fw', () => {
    const b = enc('SECRET\n\nText of the first page that runs on in a sentence.\n\n~~TOP SECRET~~\nDECLASSIFIED');
    expect(b).toContain('<fw type="classification">SECRET</fw>');
    expect(b).toContain('<fw type="classification"><del rend="strikethrough">TOP SECRET</del></fw>');
    expect(b).toContain('<fw type="classification">DECLASSIFIED</fw>');
  });

  test('the reproduction notice is one fw over its lines', () => {
    const b = enc('A sentence of text on the page that goes on.\n\nREPRODUCTION FROM THIS\nCOPY IS PROHIBITED\nUNLESS "UNCLASSIFIED".');
    expect(b).toContain('<fw type="notice">REPRODUCTION FROM THIS\n<lb/>COPY IS PROHIBITED\n<lb/>UNLESS "UNCLASSIFIED".</fw>');
  });

  test('form heading, captions with check boxes kept as written, archival numbers', () => {
    const b = enc('OUTGOING TELEGRAM Department of State\n\nINDICATE: ☐ COLLECT\n☐ CHARGE TO\n\nF780011-0573\n\nText of the telegram in a sentence that goes on.');
    expect(b).toContain('<fw type="header">OUTGOING TELEGRAM Department of State</fw>');
    expect(b).toContain('<fw type="form">INDICATE: ☐ COLLECT</fw>');
    expect(b).toContain('<fw type="form">☐ CHARGE TO</fw>');
    expect(b).toContain('<fw type="archival">F780011-0573</fw>');
  });
});

describe('stamps', () => {
  test('a declassification review block is a stamp inside fw, line by line, hands kept', () => {
    const b = enc(
      'Text before the stamp that runs on in a sentence.\n\nDEPARTMENT OF STATE A/CDC/MR\nREVIEWED BY *W. B. Johnson* DATE *3/4/88*\n() RELEASE () DECLASSIFY\n(X) EXCISE (X) DECLASSIFY IN PART\n\nText after the stamp that runs on in a sentence.',
    );
    expect(b).toContain(
      '<fw type="stamp"><stamp type="review">DEPARTMENT OF STATE A/CDC/MR\n<lb/>REVIEWED BY <seg type="handwritten" hand="#hand-reviewer">W. B. Johnson</seg> DATE <seg type="handwritten" hand="#hand-reviewer">3/4/88</seg>\n<lb/>() RELEASE () DECLASSIFY\n<lb/>(X) EXCISE (X) DECLASSIFY IN PART</stamp></fw>',
    );
  });

  test('a date/time stamp', () => {
    expect(enc("Nov 19 9 19 PM '62\n\nText of the telegram in a sentence that goes on.")).toContain(
      '<fw type="stamp"><stamp type="datetime">Nov 19 9 19 PM \'62</stamp></fw>',
    );
  });

  test('a NARS declassification stamp over two blocks is one stamp', () => {
    const b = enc('Text of the telegram in a sentence that goes on.\n\nFORM 5-61 DS-322 Authority NSC 65 12/27/77\n\nBy JK, NARS, Date 8/5/01');
    // the form's printed number, run into the stamp on one line, is the form's, not the stamp's
    expect(b).toContain('<fw type="form">FORM 5-61 DS-322</fw>');
    expect(b).toContain('<stamp type="declassification">Authority NSC 65 12/27/77\n<lb/>By JK, NARS, Date 8/5/01</stamp>');
  });

  test('a review stamp interleaved with memorandum fields (two OCR columns) stays apart from them', () => {
    const b = enc('TO: The Secretary\n\nDEPARTMENT OF STATE A/CDC/MR\n\nREVIEWED BY Sh DATE 8/19/8\n\nTHROUGH: S/S\n\nCLASSIFIED BY Sh\n( ) DECLASSIFY\n\nFROM: S/P - W. W. Rostow');
    expect(b).toContain('<stamp type="review">DEPARTMENT OF STATE A/CDC/MR\n<lb/>REVIEWED BY Sh DATE 8/19/8</stamp>');
    expect(b).toContain('<list type="field" subtype="through">\n<head>THROUGH:</head>\n<item>S/S</item>\n</list>');
    expect(b).toContain('<stamp type="review">CLASSIFIED BY Sh\n<lb/>( ) DECLASSIFY</stamp>');
  });
});

describe('document structure', () => {
  test('telegram addressee fields: label as head, one item per addressee', () => {
    const b = enc('ACTION: Amembassy OTTAWA NIACT\nAmembassy THE HAGUE NIACT\n\nINFO: Amembassy LONDON NIACT');
    expect(b).toContain('<list type="field" subtype="action">\n<head>ACTION:</head>\n<item>Amembassy OTTAWA NIACT</item>\n<item>Amembassy THE HAGUE NIACT</item>\n</list>');
    expect(b).toContain('<list type="field" subtype="info">\n<head>INFO:</head>\n<item>Amembassy LONDON NIACT</item>\n</list>');
  });

  test('memorandum heading fields', () => {
    const b = enc('TO: The Secretary\nThe Under Secretary ✓\n\nFROM: S/P - W. W. Rostow\n\nSUBJECT: Alliance Missiles.\n\nCopies to: S/S EUR\nS/P ACDA');
    expect(b).toContain('<item>The Under Secretary ✓</item>');
    expect(b).toContain('subtype="from"');
    // the subject as FRUS encodes it
    expect(b).toContain('<list type="subject">\n<head>SUBJECT:</head>\n<item>Alliance Missiles.</item>');
    expect(b).toContain('<list type="field" subtype="distribution">\n<head>Copies to:</head>\n<item>S/S EUR</item>\n<item>S/P ACDA</item>');
  });

  test('participants of a memorandum of conversation, by group', () => {
    const b = enc('The United States:\n\nThe Secretary\nAmbassador Thompson\n\nThe Soviet Union:\n\nFirst Dep. Premier Anastas Mikoyan\nAmbassador Dobrynin\n\nThe Secretary said that it was our impression that we could move.');
    expect(b).toContain('<list type="participants">\n<head>The United States:</head>\n<item>The Secretary</item>\n<item>Ambassador Thompson</item>\n</list>');
    expect(b).toContain('<head>The Soviet Union:</head>\n<item>First Dep. Premier Anastas Mikoyan</item>');
  });

  test('drafting and clearance lines, with entries in the following blocks', () => {
    const b = enc('Text of the telegram in a sentence that goes on.\n\nDrafted by:\n\nG:UAJohnson:ges 12/18/62\n\nClearance:\n\nS/S - Mr. Rowe\n\nSECRET');
    expect(b).toContain('<note type="drafting">Drafted by:\n<lb/>G:UAJohnson:ges 12/18/62</note>');
    expect(b).toContain('<note type="clearance">Clearance:\n<lb/>S/S - Mr. Rowe</note>');
  });

  test('numbered paragraphs are paragraphs; captions are labels; a dateline gets its ISO date', () => {
    const b = enc('October 26, 1962\n\n(a) The US has still been unable to obtain satisfactory results.\n\nFOR TOKYO\n\n1. As reported telecon, Nitze regretfully unable to schedule.');
    expect(b).toContain('<dateline><date when="1962-10-26">October 26, 1962</date></dateline>');
    expect(b).toContain('<p xml:id="A-p1">(a) The US');
    expect(b).toContain('<label type="caption">FOR TOKYO</label>');
    expect(b).toContain('<p xml:id="A-p2">1. As reported');
  });

  test('the signature after the text is closer/signed; form matter after it stays valid', () => {
    const b = enc('Report promptly host government reaction to US views.\n\nEND.\n\nRUSK\n\nDrafted by:\n\nG:UAJohnson:ges 12/18/62\n\nSECRET');
    expect(b).toContain('<closer>\n<signed>RUSK</signed>\n</closer>\n<note type="drafting">');
  });

  test('unrecognised text after the signature is kept inside the closer', () => {
    const b = enc('Report promptly host government reaction to US views.\n\nRUSK\n\n0000000000\n\nSECRET');
    expect(b).toContain('<closer>\n<signed>RUSK</signed>\n<lb/>0000000000\n</closer>');
  });

  test('anything not recognised stays in the text', () => {
    const b = enc('52\n\nOrigin\n\nPB\n\n0000000000');
    for (const w of ['52', 'Origin', 'PB', '0000000000']) expect(b).toContain(w);
  });
});

describe('page breaks', () => {
  test('a typescript starts on page 1; a -N- line is a page break before its block', () => {
    const b = enc('Text of page one that runs on in a full sentence.\n\nSECRET\nUNCLASSIFIED\n-2-\nDECLASSIFIED\n\nText of page two that runs on in a full sentence.');
    expect(b.startsWith('<div type="witness" corresp="#wit-A">\n<pb n="1"/>')).toBe(true);
    expect(b).toContain('sentence.</p>\n<pb n="2"/>\n<fw type="classification">SECRET</fw>\n<fw type="classification">UNCLASSIFIED</fw>\n<fw type="pageNum">-2-</fw>');
  });

  test('a page break is inferred after the notice at a page foot', () => {
    const b = enc('(a) The US has still been unable to obtain satisfactory\n\nSECRET\n\nREPRODUCTION FROM THIS COPY IS PROHIBITED UNLESS "UNCLASSIFIED"\n\nSECRET\n\nperformance from the USSR with regard to the withdrawal of IL-28s;');
    expect(b).toContain('PROHIBITED UNLESS "UNCLASSIFIED"</fw>\n<pb n="2" cert="medium"/>\n<fw type="classification">SECRET</fw>');
  });

  test('a page break is inferred between foot and head markings, and the broken paragraph is linked', () => {
    const b = enc('(h) The President intends to make clear to the nation and the world ex\n\nSECRET\n\nSECRET\n\nTuesday afternoon the present posture of affairs must be achieved.');
    expect(b).toContain('<p xml:id="A-p1" next="#A-p2">(h) The President');
    expect(b).toContain('<fw type="classification">SECRET</fw>\n<pb n="2" cert="medium"/>\n<fw type="classification">SECRET</fw>\n<p xml:id="A-p2" prev="#A-p1">Tuesday');
  });

  test('a paragraph that ends its sentence is not linked across a page break', () => {
    const b = enc('A sentence that ends on page one with a full stop here.\n\nSECRET\n\nSECRET\n\nAnother sentence on page two that is complete as well.');
    expect(b).not.toContain('next=');
    expect(b).toContain('<pb n="2" cert="medium"/>');
  });

  test('[Page N] on its own line', () => {
    const b = enc('156. Telegram From the Department of State0\n\nA paragraph of the page that runs on in a sentence.\n\n[Page 450]\n\nAnother paragraph on the next page of the volume.\n\n  1. Source: Department of State, Central Files.');
    expect(b).toContain('<pb n="450"/>');
  });
});

describe('witnesses', () => {
  const src = 'SECRET\n\nThe full text of the telegram in a sentence.\n\nRUSK\n\nEXCISED COPY FOLLOWS\n\nSECRET\n\nThe [] text of the telegram in a sentence.\n\nRUSK';
  test('each copy is a witness div, declared in listWit, both kept in full', () => {
    const xml = convert(src).xml.replace(/<anchor [^>]*\/>/g, '');
    expect(xml).toContain('<listWit>\n          <witness xml:id="wit-A">');
    expect(xml).toContain('<witness xml:id="wit-B">EXCISED COPY FOLLOWS</witness>');
    const b = body(xml).replace(/\n\s*/g, '\n');
    expect(b).toContain('<div type="witness" corresp="#wit-A">');
    expect(b).toContain('<div type="witness" corresp="#wit-B">\n<head type="transcriber">EXCISED COPY FOLLOWS</head>\n<pb n="1"/>');
    expect(b).toContain('The full text');
    expect(b).toContain('The <gap reason="excised" rend="empty-brackets" quantity="1" unit="word" extent="1 word of source text"/> text');
    expect(b.match(/<signed>RUSK<\/signed>/g)).toHaveLength(2);
  });

  test('witness ids and labels come from edition.yaml when given', () => {
    const metadata = {
      edition: EMPTY_METADATA.edition,
      documents: { c939: { identifiers: [], witnesses: [{ id: 'full', label: 'Full copy' }, { id: 'excised', label: 'Excised copy, 1988' }] } },
    };
    const { xml } = convert(src, 'c939', metadata);
    expect(xml).toContain('<witness xml:id="full">Full copy</witness>');
    expect(xml).toContain('<witness xml:id="excised">Excised copy, 1988</witness>');
    expect(xml).toContain('<div type="witness" corresp="#excised">');
    expect(xml).toContain('<p xml:id="excised-p1">');
  });

  test('witness ids whose siglum starts with a digit still give paragraph ids that are XML names', async () => {
    const metadata = { edition: EMPTY_METADATA.edition, documents: { c939: { identifiers: [], date: '1962-11-19', witnesses: [{ id: 'wit-1', label: 'One' }, { id: 'wit-2', label: 'Two' }] } } };
    const { xml } = convert(src, 'c939', metadata);
    expect(xml).toContain('<p xml:id="wit-2-p1">');
    const { validateText } = await import('../src/validate/index.js');
    const v = await validateText('c939.xml', xml);
    expect(v.errors).toEqual([]);
  });
});

describe('FRUS web pages: note markers', () => {
  const page = [
    '156. Telegram From the Department of State to the Mission to NATO0',
    '',
    '2. Reviewing Poltos 513 and 5181 Department struck by tendency to cite lessening of tension.',
    '',
    'Rusk',
    '  1. Source: Department of State, Central Files, 375/10–2962. Secret.',
    '  2. Polto 513, October 29, summarized that part of the NAC meeting.',
  ].join('\n');

  test('markers glued to words become notes at their place; the first is the source note', () => {
    const { xml, doc } = convert(page);
    expect(doc.style).toBe('frus-web');
    const b = body(xml);
    // numbered as the markers number them: FRUS's source note is note 0
    expect(b).toContain('to NATO<note xml:id="note-0" n="0" place="foot" type="source">Source: Department of State, Central Files, 375/10–2962. Secret.</note></head>');
    expect(b).toContain('Poltos 513 and 518<note xml:id="note-1" n="1" place="foot">Polto 513, October 29');
    expect(b).toContain('</note> Department struck');
    expect(b).not.toContain('  1. Source');
    expect(b).toContain('<signed>Rusk</signed>');
  });

  test('a note whose marker cannot be found is kept, with a warning', () => {
    const { xml, warnings } = convert(page.replace('5181', '518'));
    expect(warnings.map((w) => w.message).join()).toContain("no marker '1'");
    expect(body(xml)).toContain('<note xml:id="note-1" n="1" place="foot">Polto 513');
  });
});
