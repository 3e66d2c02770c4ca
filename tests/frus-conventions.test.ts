/**
 * FRUS conventions of scraped web pages (issue 14): note numbers as the markers give them,
 * paragraph labels that are no markers, statements of withheld text as excisions. The
 * development set (../shared/frus-dev) is read at test time only; nothing of it is copied here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { body, convert } from './helpers.js';
import { withheldOf } from '../src/transcription/classify.js';
import { notAMarker } from '../src/transcription/notes.js';
import { measureStructure, pageWords, readBack } from '../src/eval/structure.js';

/** A FRUS page: heading with marker 0, the body, the note list. */
const page = (body: string[], notes: string[]) =>
  ['12. Memorandum From the Director to the Secretary0', '', ...body.flatMap((b) => [b, '']), 'Director', ...notes.map((n, i) => `  ${i + 1}. ${n}`)].join('\n');

describe('note numbers and markers', () => {
  test('paragraph labels "(5)", "(6) and (7)", "10." are never markers; the notes keep the markers\' numbers', () => {
    const src = page(
      [
        '(5) After the ten-year period the plan goes on as the parties agreed in the spring.1',
        '(6) and (7) These two points were left open for the next round of the talks.',
        '10. The last point concerns the funds that the second year would need.2',
      ],
      ['Source: Central Files. Secret.', 'The plan of March.', 'Not found.'],
    );
    const { xml, doc } = convert(src);
    const b = body(xml);
    expect(doc.notes.map((n) => n.n)).toEqual(['0', '1', '2']);
    expect(b).toContain('<p xml:id="A-p1">(5) After the ten-year period');
    expect(b).toContain('spring.<note xml:id="note-1" n="1" place="foot">The plan of March.</note>');
    expect(b).toContain('(6) and (7) These two points');
    expect(b).toContain('10. The last point');
    expect(b).toContain('need.<note xml:id="note-2" n="2" place="foot">');
  });

  test('a number FRUS skipped shifts the rest; a note written out in the text keeps its number and stays at the end', () => {
    const skipped = convert(page(['A first point of the paper here.1 A second one here.3'], ['Source.', 'One.', 'Three.']));
    expect(skipped.doc.notes.map((n) => [n.n, n.placed])).toEqual([['0', true], ['1', true], ['3', true]]);
    const inline = convert(page(['A first point of the meeting,Scheduled for May 2–3. here.1 The rest.3'], ['Source.', 'One.', 'Scheduled for May 2–3.', 'Three.']));
    expect(inline.doc.notes.map((n) => [n.n, n.placed])).toEqual([['0', true], ['1', true], ['2', false], ['3', true]]);
  });

  test.each([
    ['(5) After', 1, true],
    ['and (7) These', 6, true],
    ['10. The', 1, true],
    ['Army G–2, wrote', 7, true],
    ['the pre-1963 level', 11, true],
    ['the Secretary.2 Then', 13, false],
    ['Poltos 513 and 5181 Department', 17, false],
  ])('notAMarker(%j at %i): %s', (text, at, expected) => {
    expect(notAMarker(text, at, 1, true)).toBe(expected);
  });
});

describe('withheld text', () => {
  test.each([
    ['less than 1 line of source text not declassified', { extent: 'less than 1 line of source text', atMost: '1', unit: 'line' }],
    ['1 paragraph (7–1/2 lines of source text) not declassified', { extent: '1 paragraph (7–1/2 lines of source text)', quantity: '1', unit: 'paragraph' }],
    ['13–1/2 lines of source text not declassified', { extent: '13–1/2 lines of source text', quantity: '13.5', unit: 'line' }],
    ['name not declassified', { extent: 'name', quantity: '1', unit: 'name' }],
    ['Here follows a list of names', undefined],
  ])('%s', (text, expected) => {
    expect(withheldOf(text)).toEqual(expected);
  });

  test('a bracketed statement of withheld text is a gap reason="excised" keeping its wording; other brackets stay brackets', () => {
    const b = body(convert(page(['He was [less than 1 line of source text not declassified] unyielding. [Here follows a list of names.] [Footnote in the source text not printed.]'], ['Source.'])).xml);
    expect(b).toContain('He was <gap reason="excised" extent="less than 1 line of source text" atMost="1" unit="line"><desc>less than 1 line of source text not declassified</desc></gap> unyielding.');
    expect(b).toContain('<seg type="bracketed" rend="brackets">Here follows a list of names.</seg>');
    expect(b).toContain('<seg type="bracketed" rend="brackets">Footnote in the source text not printed.</seg>');
  });
});

describe('the eval read-back', () => {
  test('a TEI document reads back as its page: notes as markers, the note texts apart', () => {
    const r = readBack('<text><body><p>To Paris<note n="0" place="foot">Source: x.</note> now <pb n="4"/>and then.</p></body></text>', (a) => /foot/.test(a));
    expect(r.body).toEqual(['To', 'Paris0', 'now', 'and', 'then.']);
    expect(r.notes).toEqual([{ n: '0', words: ['Source:', 'x.'] }]);
    expect(r.pages).toEqual(['4']);
    expect(r.before.get('0')).toBe('To Paris');
    expect(pageWords('a [Page 3] b [x] c')).toEqual(['a', 'b', 'x', 'c']);
  });
});

const DEV = '../shared/frus-dev';
describe.runIf(existsSync(`${DEV}/txt`))('the FRUS development set (read at test time)', () => {
  test('every word of each of the pages is in its TEI, in order; notes, note numbers and excisions as FRUS has them', () => {
    const s = measureStructure(DEV)!;
    expect(s.documents).toBe(readdirSync(`${DEV}/txt`).filter((f) => f.endsWith('.txt')).length);
    expect(s.lost).toBe(0);
    expect(s.docsLosing).toEqual([]);
    expect(s.numbersRight).toBe(s.documents);
    expect(s.excisionDocsRight).toBe(s.documents);
    expect(s.pagesAsShown).toBe(s.documents);
    expect(s.notesPlaced).toBeGreaterThanOrEqual(s.notes - 2);
  });
});
