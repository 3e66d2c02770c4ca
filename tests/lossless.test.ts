import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { convert, noSpace, stripSigns, teiText } from './helpers.js';

/** Words without sign characters: letters, digits, punctuation, the sources' symbols. */
const word = fc
  .array(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:()-/\'"&<>☐✓“”’–é£'.split('')),
    { minLength: 1, maxLength: 9 },
  )
  .map((cs) => cs.join(''));

const escaped = fc.constantFrom('\\*', '\\~', '\\[', '\\]', '\\{', '\\}', '\\\\', '\\^');

const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

/** A token: a word, an escaped sign character, or a sign around a phrase. */
const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: escaped },
  { weight: 1, arbitrary: phrase.map((p) => `~~${p}~~`) },
  { weight: 1, arbitrary: phrase.map((p) => `^{${p}}`) },
  { weight: 1, arbitrary: phrase.map((p) => `*${p}*`) },
  { weight: 1, arbitrary: phrase.map((p) => `**${p}**`) },
  { weight: 1, arbitrary: phrase.map((p) => `[${p}]`) },
  { weight: 1, arbitrary: fc.constantFrom('*[Signature]*', '[]', '[Page 12]', '^{a ~~b~~ c}') },
  { weight: 1, arbitrary: fc.constantFrom('SECRET', '-2-', 'ACTION:', 'TO:', 'RUSK', 'Drafted by:', 'DEPARTMENT OF STATE', '(X) EXCISE') },
);

const line = fc.array(token, { minLength: 1, maxLength: 12 }).map((ts) => ts.join(' '));
const block = fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n'));
const transcription = fc.array(block, { minLength: 1, maxLength: 12 }).map((bs) => bs.join('\n\n'));

describe('lossless conversion', () => {
  test('property: the TEI text holds every character of the transcription but its markup signs, in order', () => {
    fc.assert(
      fc.property(transcription, (src) => {
        const { xml } = convert(src);
        expect(noSpace(teiText(xml))).toBe(noSpace(stripSigns(src)));
      }),
      { numRuns: 300 },
    );
  });

  const seeds = readdirSync('sources').filter((f) => f.endsWith('.txt'));

  test.each(seeds.filter((f) => !f.includes('topol')))('seed %s: nothing lost, nothing added', (f) => {
    const src = readFileSync(`sources/${f}`, 'utf8');
    const { xml } = convert(src, f.replace('.txt', ''));
    expect(noSpace(teiText(xml))).toBe(noSpace(stripSigns(src)));
  });

  test('seed topol 594 (FRUS page): notes moved to their markers, nothing else lost', () => {
    const src = readFileSync('sources/1962-10-29-topol-594.txt', 'utf8');
    const { xml } = convert(src, '1962-10-29-topol-594');
    const lines = src.split('\n');
    const noteLines = lines.filter((l) => /^ {2}\d+\. /.test(l));
    expect(noteLines).toHaveLength(2);
    const bodySrc = lines
      .filter((l) => !noteLines.includes(l))
      .join('\n')
      .replace('Organizations0', 'Organizations') // marker 0: note 1
      .replace('5181 ', '518 '); // marker 1: note 2
    const notes = [...xml.matchAll(/<note [^>]*>([\s\S]*?)<\/note>/g)].map((m) => m[1]!);
    expect(notes.map(noSpace)).toEqual(noteLines.map((l) => noSpace(l.replace(/^ {2}\d+\. /, ''))));
    const withoutNotes = xml.replace(/<note [^>]*>[\s\S]*?<\/note>/g, '');
    expect(noSpace(teiText(withoutNotes))).toBe(noSpace(stripSigns(bodySrc)));
  });
});
