/**
 * A header a repository accepts (issue 14): responsibility by name, the series, the repository,
 * the review history from the stamps, correspondence, editorial practice, keywords from a taxonomy.
 */
import { describe, expect, test } from 'vitest';
import { convert } from './helpers.js';
import { parseMetadata } from '../src/enrich/metadata.js';
import { EMPTY_REGISTERS } from '../src/enrich/registers.js';

const yaml = `
edition:
  id: cmc
  title: Five Documents
  editors:
    - { id: ed-1, name: Jane Roe }
  transcription: Transcribed from photocopies of the originals.
  responsibility:
    - { resp: Transcription, name: Jane Roe }
    - { resp: Proofreading, name: A Reading Room, type: org }
  publisher: P
  url: https://example.org/cmc/
  medium: typescript
  country: United States
  settlement: College Park, Maryland
  institution: National Archives and Records Administration
  repository: National Archives at College Park
  collection: RG 59
documents:
  t:
    title: Telegram 12 From the Department of State to the Embassy in France
    date: 1962-11-30
    type: telegram
    classification: Secret
    identifiers:
      - { type: file, value: "375/10–2962" }
`;

const src = [
  'SECRET',
  '',
  'DECLASSIFICATION DATE 6/16/57',
  '',
  'ACTION: Amembassy PARIS',
  '',
  'The text of the telegram runs on in a sentence of some length here, about the meeting.',
  '',
  'RUSK',
  '',
  'DEPARTMENT OF STATE A/CDC/MR',
  'REVIEWED BY *W. B. Johnson* DATE 3/4/88',
  '(X) RELEASE ( ) EXCISE',
  '',
  'By JK, NARS, Date 8/5/01',
].join('\n');

describe('the header', () => {
  const meta = parseMetadata('edition.yaml', yaml);
  const xml = convert(src, 't', meta, EMPTY_REGISTERS).xml;
  const header = xml.slice(xml.indexOf('<teiHeader>'), xml.indexOf('</teiHeader>'));

  test('responsibility with named people and bodies; the series and its URL; the transcription statement as a note', () => {
    expect(header).toMatch(/<respStmt>\s*<resp>Transcription<\/resp>\s*<persName>Jane Roe<\/persName>\s*<\/respStmt>/);
    expect(header).toMatch(/<respStmt>\s*<resp>Proofreading<\/resp>\s*<orgName>A Reading Room<\/orgName>/);
    expect(header).toMatch(/<seriesStmt>\s*<title level="s">Five Documents<\/title>\s*<editor role="editor">Jane Roe<\/editor>\s*<idno type="edition">cmc<\/idno>\s*<idno type="URL">https:\/\/example.org\/cmc\/<\/idno>/);
    expect(header).toContain('<note type="transcription">Transcribed from photocopies of the originals.</note>');
  });

  test('where the original is kept: settlement, institution, repository, collection; the extent in pages', () => {
    expect(header).toMatch(/<country>United States<\/country>\s*<settlement>College Park, Maryland<\/settlement>\s*<institution>National Archives and Records Administration<\/institution>\s*<repository>National Archives at College Park<\/repository>\s*<collection>RG 59<\/collection>\s*<idno type="file">375\/10–2962<\/idno>/);
    expect(header).toContain('<measure unit="page" quantity="1">1 page</measure>');
  });

  test('the stamps become the history; dates that cannot be right are questioned', () => {
    expect(header).toMatch(/<provenance type="review" when="1988-03-04">Review stamp: DEPARTMENT OF STATE A\/CDC\/MR \/ REVIEWED BY W\. B\. Johnson DATE 3\/4\/88/);
    expect(header).toMatch(/<provenance type="declassification" when="1957-06-16" cert="low">[^<]*<note type="editorial" target="#date-doubt-1">[^<]*earlier than the document/);
    expect(header).toMatch(/<note type="editorial" target="#date-doubt-2">The stamp names NARS, which became NARA on April 1, 1985/);
    expect(xml).toContain('<date when="1957-06-16" xml:id="date-doubt-1" cert="low">6/16/57</date>');
    expect(xml).toContain('<date when="1988-03-04">3/4/88</date>');
    // without enrichment (no dates tagged) the history still reads them, and questions them
    const plain = convert(src, 't', meta).xml;
    expect(plain).toMatch(/<provenance type="declassification" when="1957-06-16" cert="low">[^<]*<note type="editorial">[^<]*earlier than the document/);
  });

  test('correspondence, editorial practice, keywords from a declared taxonomy', () => {
    expect(header).toMatch(/<correspDesc>\s*<correspAction type="sent">\s*<orgName>Department of State<\/orgName>\s*<date when="1962-11-30">November 30, 1962<\/date>\s*<\/correspAction>\s*<correspAction type="received">\s*<orgName>Embassy in France<\/orgName>/);
    for (const e of ['correction', 'normalization', 'hyphenation', 'quotation']) expect(header).toContain(`<${e} `);
    expect(header).toMatch(/<taxonomy xml:id="tax-document">[\s\S]*<category xml:id="cat-documentType-telegram">\s*<catDesc>telegram<\/catDesc>/);
    expect(header).toContain('<keywords scheme="#tax-document">');
    expect(header).toContain('<term type="documentType" ref="#cat-documentType-telegram">telegram</term>');
  });

  test('valid against tei_all and the project schema', async () => {
    const { validateText } = await import('../src/validate/index.js');
    const v = await validateText('t.xml', xml);
    expect(v.errors).toEqual([]);
  });
});
