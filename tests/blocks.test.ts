/**
 * Block classification by general rules, and the editor's block signs that overrule it (issue 14).
 */
import { describe, expect, test } from 'vitest';
import { body, convert } from './helpers.js';
import { SourceError } from '../src/transcription/source.js';

const enc = (src: string) => body(convert(src).xml).replace(/\n\s*/g, '\n').trim();
const PROSE = 'The text of the telegram runs on in a sentence of some length here.';

describe('the heading of a form', () => {
  test('short lines of the telegram form are form fields; a block with review vocabulary is a stamp', () => {
    const b = enc(`SECRET\n\nEXCISE\n4267\n360\n\n52\n\nOrigin\n\nSS\n\nInfo\n\nEXCOM\nDistri-\nbution\n\nACTION: Amembassy PARIS\n\n${PROSE}`);
    expect(b).toContain('<fw type="stamp"><stamp type="review">EXCISE\n<lb/>4267\n<lb/>360</stamp></fw>');
    for (const f of ['52', 'Origin', 'SS', 'Info', 'EXCOM', 'Distri-', 'bution']) expect(b).toContain(`<fw type="formField">${f}</fw>`);
    expect(b).not.toMatch(/<ab>/);
  });

  test('a drafting symbol alone is a drafting note; a date alone is a date; a series number is archival', () => {
    const b = enc(`01295\n\n1962/11/30\n\nEUR:RHDavis:AMR\n\nMCMC No.2\n\nNovember 30, 1962\n\nMeasures Against Surprise Attack\n\n${PROSE}`);
    expect(b).toContain('<fw type="date"><date when="1962-11-30">1962/11/30</date></fw>');
    expect(b).toContain('<note type="drafting">EUR:RHDavis:AMR</note>');
    expect(b).toContain('<fw type="archival">MCMC No.2</fw>');
    // at the top of the division: a dateline; the title after it is the subject, as FRUS encodes it
    expect(b).toContain('<dateline><date when="1962-11-30">November 30, 1962</date></dateline>');
    expect(b).toContain('<list type="subject">\n<item>Measures Against Surprise Attack</item>\n</list>');
  });

  test('a drafting symbol after a bare "Drafted by:" is its entry', () => {
    const b = enc(`${PROSE}\n\nDrafted by:\n\nG:UAJohnson:ges 12/18/62\n\nSECRET`);
    expect(b).toContain('<note type="drafting">Drafted by:\n<lb/>G:UAJohnson:ges 12/18/62</note>');
  });

  test('two columns of the form on one line: the drafting note does not swallow the approval', () => {
    const b = enc(`${PROSE}\n\nDrafted by: EUR:JRSchaetzle:MC 11/19/62\tTelegraphic transmission and classification approved by: U. Alexis Johnson\n--\t--\n\nSECRET`);
    expect(b).toContain('<note type="drafting">Drafted by: EUR:JRSchaetzle:MC 11/19/62</note>');
    expect(b).toContain('<note type="approval">Telegraphic transmission and classification approved by: U. Alexis Johnson\n<lb/>--\t--</note>');
  });

  test('initials alone among the furniture of a page foot are a mark, not a caption', () => {
    const b = enc(`${PROSE}\n\nUNCLASSIFIED\n\n87- DOS 0317\n\nPB\n\n-2-\n\n${PROSE}`);
    expect(b).toContain('<fw type="mark">PB</fw>');
  });
});

describe('datelines and letters', () => {
  test('a dateline with a place: placeName and date/@when with the time', () => {
    const b = enc(`Paris, December 14, 1962, 4 p.m.\n\n${PROSE}`);
    expect(b).toContain('<dateline><placeName>Paris</placeName>, <date when="1962-12-14T16:00:00">December 14, 1962, 4 p.m.</date></dateline>');
  });

  test('a dateline after the text has begun is kept as ab type="dateline" (tei_all allows dateline only at the top)', () => {
    const b = enc(`${PROSE}\n\nWashington, April 5, 1963`);
    expect(b).toContain('<ab type="dateline"><placeName>Washington</placeName>, <date when="1963-04-05">April 5, 1963</date></ab>');
  });

  test('a letter: opener with dateline and salute, closer with salute and signed', () => {
    const b = enc(`Athens, April 5, 1963\n\nDear Mr. Secretary:\n\n${PROSE}\n\nSincerely yours,\n\nHenry Labouisse`);
    expect(b).toContain('<opener>\n<dateline><placeName>Athens</placeName>, <date when="1963-04-05">April 5, 1963</date></dateline>\n<salute>Dear Mr. Secretary:</salute>\n</opener>');
    expect(b).toContain('<closer>\n<salute>Sincerely yours,</salute>\n<signed>Henry Labouisse</signed>\n</closer>');
  });
});

describe('block signs: the editor overrules the rules', () => {
  test.each([
    ['{=paragraph}', 'RELEASE', '<p xml:id="A-p2">RELEASE</p>'],
    // after the text has begun, where tei_all allows no head: ab type="head"
    ['{=heading}', 'Alliance Missiles', '<ab type="head">Alliance Missiles</ab>'],
    ['{=stamp:declassification}', 'E.O. 12958 Sec. 3.6', '<fw type="stamp"><stamp type="declassification">E.O. 12958 Sec. 3.6</stamp></fw>'],
    ['{=furniture:archival}', 'Box 12 Folder 3', '<fw type="archival">Box 12 Folder 3</fw>'],
    ['{=form}', 'Origin', '<fw type="formField">Origin</fw>'],
    ['{=drafting}', 'WWRostow:mk', '<note type="drafting">WWRostow:mk</note>'],
    ['{=address}', 'The Honorable Dean Rusk', '<ab type="address">\n<address>\n<addrLine>The Honorable Dean Rusk</addrLine>\n</address>\n</ab>'],
    ['{=block}', 'A sentence that the rules would read as a paragraph of prose.', '<ab>A sentence that the rules would read as a paragraph of prose.</ab>'],
  ])('%s %s', (sign, line, tei) => {
    expect(enc(`${PROSE}\n\n${sign} ${line}`)).toContain(tei);
    // on a line of its own, the sign applies to the block's lines after it
    expect(enc(`${PROSE}\n\n${sign}\n${line}`)).toContain(tei);
  });

  test('{=heading} at the top is a head', () => {
    expect(enc(`{=heading} Alliance Missiles\n\n${PROSE}`)).toContain('<head>Alliance Missiles</head>');
  });

  test('{=closer} and {=signature}: a closer without and with signed', () => {
    expect(enc(`${PROSE}\n\n{=closer} With the Secretary's compliments`)).toContain("<closer>With the Secretary's compliments\n</closer>");
    expect(enc(`${PROSE}\n\n{=signature} for the Secretary`)).toContain('<closer>\n<signed>for the Secretary</signed>\n</closer>');
  });

  test('{=text} keeps a line from being read as furniture or a page break', () => {
    const read = enc(`${PROSE}\n\n-2-\n\n${PROSE}`);
    expect(read).toContain('<pb n="2"/>');
    const kept = enc(`${PROSE}\n\n{=text} -2-\n\n{=text}\nSECRET\n\n${PROSE}`);
    expect(kept).not.toContain('<pb n="2"/>');
    expect(kept).not.toContain('<fw');
    expect(kept).toContain('<ab>-2-</ab>');
    expect(kept).toContain('<ab>SECRET</ab>');
  });

  test('an unknown sign is an error at its place; an escaped sign is text', () => {
    expect(() => convert(`${PROSE}\n\n{=stmp} x`)).toThrow(SourceError);
    expect(() => convert(`${PROSE}\n\n{=stmp} x`)).toThrow(/test\.txt:3:1: unknown block sign '\{=stmp\}'/);
    expect(() => convert(`${PROSE}\n\n{=stamp:big} x`)).toThrow(/unknown stamp type 'big'/);
    expect(enc(`${PROSE}\n\n\\{=stamp} is written so.`)).toContain('{=stamp} is written so.');
  });

  test('the sign leaves positions right: a sign error further on the line is located in the source', () => {
    expect(() => convert(`${PROSE}\n\n{=paragraph} a ~~b`)).toThrow(/test\.txt:3:16:/);
  });
});
