/**
 * Names nobody listed (src/enrich/names.ts), on made-up text: the names here are invented, none
 * is from the FRUS development set.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EMPTY_METADATA, body, convert as convertPlain, noSpace, stripSigns, teiText } from './helpers.js';
import { EMPTY_REGISTERS } from '../src/enrich/registers.js';
import { classify, findNames, loadLexicon, type Segment } from '../src/enrich/names.js';
import { validateText } from '../src/validate/index.js';
import { documentDiff } from '../src/eval/frus.js';

/** Converted with empty registers: every name is one nobody listed. */
const convert = (src: string) => convertPlain(src, 'test', EMPTY_METADATA, EMPTY_REGISTERS);
const tagged = (src: string, element = 'persName') =>
  [...body(convert(src).xml).matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((m) => m[1]);
const names = (text: string, kind: 'body' | 'head' | 'line' | 'note' | 'signature' = 'body') =>
  Object.fromEntries(findNames([{ text, kind }]));

describe('words classed with the word lists', () => {
  test('English words, given names, places, demonyms, titles, initials, acronyms, unknown words', () => {
    expect(classify('Government')).toBe('institution');
    expect(classify('Fortunately')).toBe('common');
    expect(classify('Margaret')).toBe('given');
    expect(classify('Norway')).toBe('place');
    expect(classify('Oslo')).toBe('place');
    expect(classify('Norwegian')).toBe('demonym');
    expect(classify('Ambassador')).toBe('title');
    expect(classify('J.K.')).toBe('initial');
    expect(classify('UNESCO')).toBe('acronym');
    expect(classify('Deptel')).toBe('acronym');
    expect(classify('Vrandoukis')).toBe('unknown');
  });
});

describe('person names from the evidence of the document', () => {
  test('a title before a name; the title is not part of it', () => {
    expect(names('Foreign Minister Vrandoukis arrived, and Secretary of State Hollowell met him.')).toMatchObject({ Vrandoukis: 'person', Hollowell: 'person' });
    expect(names('Mr. Pennyfeather called.')).toMatchObject({ Pennyfeather: 'person' });
  });

  test('a given name or initials before a surname; the surname alone is then a name too', () => {
    expect(names('He met Margaret Oakhurst and J. K. Tillbrook and Walter Q. Bell.')).toMatchObject({
      'Margaret Oakhurst': 'person',
      Oakhurst: 'person',
      'J. K. Tillbrook': 'person',
      Tillbrook: 'person',
      'Walter Q. Bell': 'person',
      Bell: 'person',
    });
  });

  test('verbs of speech and report: "X said", "told X", "approved by X"', () => {
    expect(names('The memorandum was approved by Pardew. Later Stone said the plan was sound, and the Embassy told Marsh.')).toMatchObject({
      Pardew: 'person',
      Stone: 'person',
      Marsh: 'person',
    });
  });

  test('a word that is no English word, place or demonym is a surname; runs with particles stay whole', () => {
    expect(names('The talks between Vrandoukis and Coutre de Mervaille went on in Oslo.')).toMatchObject({
      Vrandoukis: 'person',
      'Coutre de Mervaille': 'person',
      Oslo: 'place',
    });
  });

  test('no name: pronouns and English words at the start of a sentence, institutions, acronyms, demonyms', () => {
    const found = names('He said so. The Soviets would agree. Fortunately the Government told UNESCO. Norwegians agreed. The King. He indicated nothing.');
    for (const w of ['He', 'Soviets', 'Fortunately', 'Government', 'Norwegians', 'King']) expect(found[w]).toBeUndefined();
    expect(found.UNESCO).toBe('org');
  });

  test('a participant line, a name in parentheses in a heading, a signature', () => {
    expect(names('Harold Q. Dunmore, EUR/RPM', 'line')).toMatchObject({ 'Harold Q. Dunmore': 'person' });
    expect(names('Letter From the Ambassador to Norway (Pellingham) to the Secretary', 'head')).toMatchObject({ Pellingham: 'person' });
  });
});

describe('more evidence rules (issue 14)', () => {
  const persons = (found: Record<string, string>) => Object.keys(found).filter((k) => found[k] === 'person').sort();
  const doc = (...segs: [Segment['kind'], string][]) => Object.fromEntries(findNames(segs.map(([kind, text]) => ({ kind, text }))));

  test.each([
    ['Ambassador Hedge arrived.', ['Hedge']],
    ['Secretary Plover replied at once.', ['Plover']],
    ['The cable went to Secretary of Commerce Bramble, at Oslo.', ['Bramble']],
    ['Prime Minister Quentin spoke.', ['Quentin']],
    ['King Tobias received him.', ['Tobias']],
    // A title that is an adjective too takes only a name; an adjective after a title is no name.
    ['General Bramble was seen.', []],
    ['He was Ambassador Extraordinary there.', []],
  ])('a title before a name: %s', (text, expected) => {
    expect(persons(names(text))).toEqual(expected);
  });

  test.each([
    ['He wrote to Zebulon Q. Marrowby yesterday.', 'Zebulon Q. Marrowby'],
    ['Drafted by G. Ansel Marrowby in EUR.', 'G. Ansel Marrowby'],
    ['It was signed by Thaddeus Agatha Fenwick.', 'Thaddeus Agatha Fenwick'],
  ])('initials and forenames take the whole name: %s', (text, name) => {
    expect(names(text)[name]).toBe('person');
  });

  test('a signature after a complimentary close, with a note marker glued to it, or initials; a salutation', () => {
    expect(persons(doc(['body', 'Dear Tobias: The plan holds.'], ['line', 'Sincerely yours,'], ['line', 'Hedge']))).toEqual(['Hedge', 'Tobias']);
    expect(persons(doc(['line', 'Sincerely yours,'], ['line', 'Quentin R. Harrowgate3']))).toContain('Quentin R. Harrowgate');
    expect(persons(doc(['line', 'Very truly yours,'], ['line', 'QRH']))).toEqual(['QRH']);
    expect(persons(doc(['body', 'Dear Sir: The plan holds.'], ['body', 'Dear Mr. Secretary: It holds.']))).toEqual([]);
    // Without a close before it, a line of one English word is no signature.
    expect(persons(doc(['line', 'The plan holds.'], ['line', 'Hedge']))).toEqual([]);
  });

  test.each([
    ['the Quentin Doctrine', 'They invoked the Quentin Doctrine again.', 'Quentin Doctrine'],
    ['a pronoun before a verb', 'And (3) What will the cost be? Something would be done.', 'What'],
    ['a pronoun before a verb', 'Something would also have to be done.', 'Something'],
    ['an office word after a verb', 'The President has asked State and Defense Departments to report.', 'State'],
    ['a code of two letters', 'Source: Central Files, POL Qx–US. Secret.', 'Qx'],
    ['a people in -ite', 'He listened with as much expression as a Zorbite idol.', 'Zorbite'],
  ])('no person: %s', (_, text, word) => {
    expect(names(text)[word]).not.toBe('person');
  });

  test('property: no given name or surname of the word lists is taken for a people', () => {
    const lx = loadLexicon();
    const wrong = [...lx.given, ...lx.surname]
      .filter((w) => /^[a-z]{4,}$/.test(w) && !lx.demonym.has(w) && !lx.place.has(w))
      .filter((w) => classify(w[0]!.toUpperCase() + w.slice(1)) === 'demonym');
    expect(wrong).toEqual([]);
  });

  test('countries in capitals or dotted are places, not in a file code, a document number or a text in capitals', () => {
    expect(names('The U.K. and the UK delegation agreed with Congress.')).toMatchObject({ 'U.K.': 'place', UK: 'place', Congress: 'org' });
    expect(names('Source: Central Files, DEF 1 UK. Secret. See UK/MC/4.').UK).toBeUndefined();
    expect(names('LET UK KNOW AT ONCE THAT WE AGREE', 'body').UK).toBeUndefined();
  });

  test('organisations: a head noun with capitalised words; none with a title inside or a determiner', () => {
    const found = names('The National Planning Council met the Committee of Public Safety. This Government and the Government agreed; the Office of the Secretary General was told.');
    expect(found).toMatchObject({ 'National Planning Council': 'org', 'Committee of Public Safety': 'org' });
    for (const w of ['This Government', 'Government', 'Office of the Secretary General']) expect(found[w], w).toBeUndefined();
  });
});

describe('persons an editor\'s note identifies are left untagged (the FRUS convention)', () => {
  const doc = (...notes: string[]): Segment[] => [
    { text: 'The Ambassador met Foreign Minister Vrandoukis, Mr. Pennyfeather and Mr. Oakhurst. Vrandoukis said the talks with Zebulon Q. Tillbrook had gone well.', kind: 'body' },
    ...notes.map((text) => ({ text, kind: 'note' as const })),
  ];
  test('"Full Name, office." and "Full Name was appointed": every form of that person goes', () => {
    const found = Object.fromEntries(findNames(doc('Margaret Vrandoukis, Minister of Foreign Affairs of Doeland.', 'Zebulon Q. Tillbrook was appointed Ambassador on May 4.')));
    for (const w of ['Vrandoukis', 'Zebulon Q. Tillbrook', 'Tillbrook']) expect(found[w], w).toBeUndefined();
    expect(found).toMatchObject({ Pennyfeather: 'person', Oakhurst: 'person' });
  });
  test('a title before the name; a second person in the same note ("and Sir X Y, office", "A and B, respectively")', () => {
    const found = Object.fromEntries(findNames(doc('Senator Walter Pennyfeather of Doeland was, as chairman, the host.', 'Margaret Vrandoukis, Minister of Trade, and Sir Ralph Oakhurst, Minister of Defence.')));
    for (const w of ['Pennyfeather', 'Vrandoukis', 'Oakhurst']) expect(found[w], w).toBeUndefined();
    const pair = Object.fromEntries(findNames(doc('Ralph Oakhurst and Walter Pennyfeather, respectively.')));
    for (const w of ['Pennyfeather', 'Oakhurst']) expect(pair[w], w).toBeUndefined();
  });
  test('no identification: a surname alone, "was" and no appointment, "who", the source note', () => {
    for (const note of ['Vrandoukis made a similar argument.', 'Zebulon Q. Tillbrook was in Paris at the time.', 'Zebulon Q. Tillbrook, who had been ill, did not attend.', 'Source: Zebulon Q. Tillbrook, Papers, Box 4.']) {
      const found = Object.fromEntries(findNames(doc(note)));
      expect(found, note).toMatchObject({ Vrandoukis: 'person', Tillbrook: 'person' });
    }
  });
});

describe('what speaks against a name found from its words alone', () => {
  const none = (found: Record<string, string>, ...ws: string[]) => {
    for (const w of ws) expect(found[w], w).not.toBe('person');
  };

  test('a people, a plural of an English word', () => {
    none(names('The Vardonians would not agree, and Soviets would refuse.'), 'Vardonians', 'Soviets');
  });

  test('telegraphese: office codes run together with -con, -tel', () => {
    none(names('Department urges approval of Quercon–Delcon plans and asks about Embtel.'), 'Quercon', 'Delcon', 'Embtel');
  });

  test('a series and its number', () => {
    none(names('As reported in Quelto 512, the Council met.'), 'Quelto');
  });

  test("a telegram's address line names places", () => {
    const found = names('Repeated to Oslo, Bergen, and Trondvik.', 'note');
    expect(found.Trondvik).toBe('place');
  });

  test('a point of the compass makes a region', () => {
    expect(names('A force deployed in the Eastern Vardosea.')).toMatchObject({ 'Eastern Vardosea': 'place' });
  });

  test('an article before the name as a noun of its own; a preposition of place; a list with places', () => {
    none(names('Control of the Zelmarine was discussed. Aircraft at Quarnik were ready. Bases such as Oslo and Tremsk.'), 'Zelmarine', 'Quarnik', 'Tremsk');
  });

  test('a name that mostly qualifies nouns is a thing ("the Zorbax missile"); a government of a person is not', () => {
    none(names('US Zorbax submarines, the new Zorbax missile and rapid Zorbax progress. Whether Zorbax would help.'), 'Zorbax');
    expect(names('The Pellingham government fell. Pellingham had resigned.')).toMatchObject({ Pellingham: 'person' });
  });

  test('an office: "Minister of X"', () => {
    none(names('The Minister of Quandary was coming.'), 'Quandary');
  });

  test('strong evidence wins: a title, a given name, a verb of speech', () => {
    expect(names('Ambassador Zorbax arrived. The Zorbax proposal, the Zorbax plan and Zorbax missiles.')).toMatchObject({ Zorbax: 'person' });
  });

  test('the gazetteer: world cities are places; one that is also a name is left to the evidence', () => {
    expect(classify('Mombasa')).toBe('place');
    expect(names('Mr. Jackson arrived.')).toMatchObject({ Jackson: 'person' });
  });
});

describe('places and organisations', () => {
  test('countries and capitals are placeName; governments and departments orgName', () => {
    expect(tagged('The Norwegian Government informed the Department of State that Oslo agreed.', 'orgName')).toEqual(['Norwegian Government', 'Department of State']);
    expect(tagged('The Norwegian Government informed the Department of State that Oslo agreed.', 'placeName')).toEqual(['Oslo']);
  });
});

describe('in the TEI', () => {
  test('a name found once is tagged wherever it occurs, without @ref; the TEI is valid (project schema, and tei_all)', async () => {
    const src = 'Ambassador Pellingham arrived.\n\nLater Pellingham spoke with the Norwegian Government in Oslo.';
    const { xml } = convert(src);
    expect(tagged(src)).toEqual(['Pellingham', 'Pellingham']);
    const r = await validateText('names.xml', xml);
    expect(r.errors.filter((e) => e.rule !== 'creation-date').map((e) => e.message)).toEqual([]);
    const all = await validateText('names.xml', xml, { schema: '../shared/schema/tei_all.rng', schematron: false });
    expect(all.errors.map((e) => e.message)).toEqual([]);
  });

  const word = fc.oneof(
    fc.constantFrom('Ambassador', 'Mr.', 'said', 'told', 'Vrandoukis', 'Margaret', 'Oakhurst', 'J. K.', 'de', 'Oslo', 'Norwegian', 'Government', 'Department of State', 'He', 'the', 'and', ',', '.'),
    fc.stringMatching(/^[A-Z][a-z]{2,8}$/),
  );
  const line = fc.array(word, { minLength: 1, maxLength: 14 }).map((ws) => ws.join(' '));
  const text = fc.array(line, { minLength: 1, maxLength: 5 }).map((ls) => ls.join('\n\n'));

  test('property: tagging names never changes the text', () => {
    fc.assert(
      fc.property(text, (src) => {
        const { xml } = convert(src);
        expect(noSpace(teiText(xml))).toBe(noSpace(stripSigns(src)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the eval\'s list of a document\'s extra and missed names', () => {
  test('aligned in order: an extra with its context and evidence, a missed name', () => {
    const xml = '<TEI><text><body><p>Mr. <persName>Oakhurst</persName> met <persName>Vrandoukis</persName> and <persName>Tillbrook</persName>.</p></body></text></TEI>';
    const lines = documentDiff('x.txt', xml, ['Oakhurst', 'Tillbrook', 'Pennyfeather'], new Map([['Vrandoukis', ['strong: title Mr', 'strong: title Mr']]]));
    expect(lines[0]).toBe('x.txt: found 3, FRUS 3');
    expect(lines.slice(1).map((l) => l.split('\n')[0])).toEqual(['  + Vrandoukis [strong: title Mr]', '  - Pennyfeather']);
    expect(lines[1]).toContain('met [[Vrandoukis]] and');
  });
});
