/**
 * Seeded fuzzing of the whole chain, convert -> validate -> render, on transcriptions that mix
 * every sign with hostile material: unclosed and deeply nested signs, characters XML forbids,
 * characters outside the BMP, markup-looking text, CRLF, tabs, many copies, long lines.
 *
 * For every input: the converter either writes TEI, or refuses with a SourceError whose position
 * is inside the file (never any other exception); only inputs built with a fault may be refused.
 * The TEI is well-formed, within the depth limit, and loses no character of the transcription
 * (tests/helpers.ts: teiText, stripSigns); a sample is validated (project schema and rules: valid)
 * and rendered (no error; every letter and digit of the transcription, in order, in the
 * diplomatic text).
 *
 * The seed is fixed (FUZZ_SEED to change it, FUZZ_RUNS to scale the runs: FUZZ_RUNS=10 for a
 * long session); a failure prints the seed and path that reproduce it. On this project's 2-core
 * machine the file takes 20 to 60 s, depending on what else runs.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { convert, EMPTY_METADATA, noSpace, stripSigns, teiText } from './helpers.js';
import { SourceError } from '../src/transcription/source.js';
import { parseXml } from '../src/validate/xml.js';
import { validateText } from '../src/validate/index.js';
import { renderTei } from '../src/render/index.js';
import { registersFor } from '../src/pipeline.js';
import type { Converted } from '../src/pipeline.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_2611);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

const REGISTERS = registersFor('sources');
const METADATA = { ...EMPTY_METADATA, documents: { fuzz: { date: '1962-10-26', identifiers: [] } } };

/** A transcription and whether it was built with a fault the converter must refuse. */
interface Input {
  src: string;
  bad: boolean;
}
const ok = (src: string): Input => ({ src, bad: false });

const word = fc
  .array(
    fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:()-/\'"&<>☐✓“”’–é£'.split(''),
      '😀', '𝔘', 'e\u0301', 'א', '\t', '&amp;', '<!--', '\\]\\]>', '<?x?>', '&#0;', '\u00a0', '\u2028',
    ),
    { minLength: 1, maxLength: 9 },
  )
  .map((cs) => cs.join(''));

const escaped = fc.constantFrom('\\*', '\\~', '\\[', '\\]', '\\{', '\\}', '\\\\', '\\^');
const phrase = fc.array(fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: escaped }), { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

/** Signs around content, nested a few levels (the closing sign of a level never ends its content early). */
const SIGNS: [string, string][] = [['~~', '~~'], ['^{', '}'], ['*', '*'], ['**', '**'], ['[', ']']];
const signed: fc.Arbitrary<string> = fc.letrec<{ s: string }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    phrase,
    fc.tuple(fc.constantFrom(...SIGNS), phrase, tie('s'), phrase).map(([[open, close], a, inner, b]) => {
      // A hand (*) cannot hold a hand or bold, a bold cannot hold bold, a deletion cannot hold a deletion.
      const clash = (open === '*' && inner.includes('*')) || (open === '**' && inner.includes('*')) || (open === '~~' && inner.includes('~~'));
      return clash ? `${open}${a} ${b}${close}` : `${open}${a} ${inner} ${b}${close}`;
    }),
  ),
})).s;

/** Insertions nested around a word: refused beyond 100 levels. */
const deep = fc.integer({ min: 90, max: 110 }).map((n): Input => ({ src: `${'^{'.repeat(n)}deep${'}'.repeat(n)}`, bad: n > 100 }));

const token: fc.Arbitrary<Input> = fc.oneof(
  { weight: 8, arbitrary: word.map(ok) },
  { weight: 1, arbitrary: escaped.map(ok) },
  { weight: 4, arbitrary: signed.map(ok) },
  { weight: 1, arbitrary: fc.constantFrom('*[Signature]*', '[]', '[Page 12]', '^{a ~~b~~ c}', '[Page iv]').map(ok) },
  { weight: 1, arbitrary: fc.constantFrom('SECRET', '-2-', 'ACTION:', 'TO:', 'RUSK', 'Drafted by:', 'DEPARTMENT OF STATE', '(X) EXCISE', 'Amembassy', 'QTE', 'UNQTE', 'Kuznetsov').map(ok) },
);

/** One fault put into a transcription: an unclosed sign, a character XML 1.0 forbids, nesting too deep (or just not). */
const fault: fc.Arbitrary<Input> = fc.oneof(
  fc.tuple(fc.constantFrom('~~', '^{', '*', '**', '['), word).map(([s, w]) => ({ src: `${s}${w}`, bad: true })),
  fc.constantFrom('\u0007', '\u0000', '\uFFFE', '\u001b[0m').map((c) => ({ src: `x${c}y`, bad: true })),
  deep,
);

const join = (parts: Input[], sep: string): Input => ({ src: parts.map((p) => p.src).join(sep), bad: parts.some((p) => p.bad) });
const line = fc.array(token, { minLength: 1, maxLength: 10 }).map((ts) => join(ts, ' '));
const longLine = fc.array(word, { minLength: 200, maxLength: 1000 }).map((ws) => ok(ws.join(' ')));
const block = fc.array(fc.oneof({ weight: 100, arbitrary: line }, { weight: 1, arbitrary: longLine }), { minLength: 1, maxLength: 4 }).map((ls) => join(ls, '\n'));
const copy = fc.array(block, { minLength: 1, maxLength: 6 }).map((bs) => join(bs, '\n\n'));
const transcription: fc.Arbitrary<Input> = fc
  .tuple(fc.array(copy, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fault, fc.nat()) }))
  .map(([copies, crlf, f]) => {
    const t = join(copies, '\n\nOTHER COPY FOLLOWS\n\n');
    if (f) {
      // At the end of some line that has text.
      const lines = t.src.split('\n');
      const withText = lines.map((l, k) => (l.trim() ? k : -1)).filter((k) => k >= 0);
      const k = withText[f[1] % withText.length]!;
      lines[k] = `${lines[k]} ${f[0].src}`;
      t.src = lines.join('\n');
      t.bad ||= f[0].bad;
    }
    return { src: crlf ? t.src.replace(/\n/g, '\r\n') : t.src, bad: t.bad };
  });

/** Convert; a SourceError must be inside the file and come from a fault put there. */
function convertChecked(input: Input, enrich: boolean): Converted | SourceError {
  try {
    return enrich ? convert(input.src, 'fuzz', METADATA, REGISTERS) : convert(input.src, 'fuzz', METADATA);
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    expect(input.bad, `refused an input without a fault: ${e.message}`).toBe(true);
    const lines = input.src.split(/\r?\n/);
    expect(e.pos.line).toBeGreaterThanOrEqual(1);
    expect(e.pos.line).toBeLessThanOrEqual(lines.length);
    expect(e.pos.column).toBeGreaterThanOrEqual(1);
    expect(e.pos.column).toBeLessThanOrEqual([...lines[e.pos.line - 1]!].length + 1);
    expect(e.message).toMatch(/^fuzz\.txt:\d+:\d+: \S/);
    expect(e.message.slice(e.message.indexOf(': ') + 2)).not.toMatch(/^\d+:\d+/);
    return e;
  }
}

/** Is every letter and digit of `source` found, in order, in `out`? The number of source letters not found. */
function lettersLost(source: string, out: string): number {
  const want = source.match(/[\p{L}\p{N}]/gu) ?? [];
  const have = out.match(/[\p{L}\p{N}]/gu) ?? [];
  let k = 0;
  for (const c of have) if (k < want.length && c === want[k]) k++;
  return want.length - k;
}

describe('fuzz: convert -> validate -> render', () => {
  test('convert: TEI that is well-formed and loses nothing, or an error with a position', () => {
    const stats = { inputs: 0, converted: 0, refused: 0, malformed: 0, lost: 0 };
    fc.assert(
      // One in four with the registers and name finding (the slow part of converting).
      fc.property(transcription, fc.nat(3).map((k) => k === 0), (input, enrich) => {
        stats.inputs++;
        const c = convertChecked(input, enrich);
        if (c instanceof SourceError) {
          stats.refused++;
          return;
        }
        stats.converted++;
        const { problems } = parseXml('fuzz.xml', c.xml);
        if (problems.length) stats.malformed++;
        expect(problems).toEqual([]);
        const src = input.src.replace(/\r\n/g, '\n');
        if (noSpace(teiText(c.xml)) !== noSpace(stripSigns(src))) stats.lost++;
        expect(noSpace(teiText(c.xml))).toBe(noSpace(stripSigns(src)));
      }),
      // Bounded on a busy machine: stops early (not a failure) after 40 s.
      { seed: SEED, numRuns: runs(2500), interruptAfterTimeLimit: 40_000 * SCALE },
    );
    console.log(`fuzz convert (seed ${SEED}): ${stats.inputs} transcriptions, ${stats.converted} converted, ${stats.refused} refused with a position, 0 crashes, ${stats.malformed} malformed, ${stats.lost} with text lost`);
    expect(stats.converted).toBeGreaterThan(stats.inputs / 2);
    expect(stats.refused).toBeGreaterThan(0);
  });

  test('validate: the converter\'s TEI is valid against the project schema and rules', async () => {
    const inputs = fc.sample(transcription.filter((t) => !t.bad), { seed: SEED + 1, numRuns: runs(120) });
    let invalid = 0;
    let pagesOutOfOrder = 0;
    for (const [k, input] of inputs.entries()) {
      const c = convertChecked(input, k % 2 === 0) as Converted;
      const v = await validateText('fuzz.xml', c.xml);
      // The generator writes [Page 12] and -2- anywhere: the rules rightly flag page numbers that go back.
      const errors = v.errors.filter((e) => e.rule !== 'pb-increase');
      if (errors.length < v.errors.length) pagesOutOfOrder++;
      if (errors.length) invalid++;
      expect(errors, `input ${k} (seed ${SEED + 1}):\n${input.src}`).toEqual([]);
    }
    console.log(`fuzz validate (seed ${SEED + 1}): ${inputs.length} documents, ${invalid} invalid (${pagesOutOfOrder} with page numbers out of order, as written)`);
  });

  test('render: no error, every letter and digit of the transcription in the diplomatic text', () => {
    const inputs = fc.sample(transcription.filter((t) => !t.bad), { seed: SEED + 2, numRuns: runs(50) });
    let lost = 0;
    for (const [k, input] of inputs.entries()) {
      const c = convertChecked(input, k % 2 === 0) as Converted;
      // Rendered as a foreign file would be: the pre-render checks run too.
      const r = renderTei('fuzz.xml', c.xml, 'fuzz');
      const n = lettersLost(stripSigns(input.src), r.diplomatic);
      lost += n;
      expect(n, `input ${k} (seed ${SEED + 2}):\n${input.src}`).toBe(0);
      expect(r.html).toContain('<html');
    }
    console.log(`fuzz render (seed ${SEED + 2}): ${inputs.length} documents, 0 errors, ${lost} letters lost`);
  });
});
