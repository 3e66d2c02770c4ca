import { describe, expect, test } from 'vitest';
import { parseInline } from '../src/transcription/inline.js';
import { SourceError } from '../src/transcription/source.js';

const parse = (s: string) => parseInline('t.txt', s, 7);

/** A compact rendering of the inline tree, for readable expectations. */
function show(s: string): string {
  const walk = (xs: ReturnType<typeof parse>): string =>
    xs
      .map((x) => {
        switch (x.kind) {
          case 'text':
            return x.text;
          case 'pb':
            return `{pb ${x.n}}`;
          case 'signature':
          case 'excision':
            return `{${x.kind}}`;
          case 'noteRef':
            return `{note}`;
          default:
            return `{${x.kind} ${walk(x.children)}}`;
        }
      })
      .join('');
  return walk(parse(s));
}

describe('inline signs', () => {
  test.each([
    ['a ~~struck~~ b', 'a {del struck} b'],
    ['the ^{presence} and', 'the {add presence} and'],
    ['REVIEWED BY *W. B. Johnson* DATE', 'REVIEWED BY {hand W. B. Johnson} DATE'],
    ['Dated by: **EUR:JRSchaefer:MC**', 'Dated by: {bold EUR:JRSchaefer:MC}'],
    ['REVIEWED BY *[Signature]* DATE', 'REVIEWED BY {signature} DATE'],
    ['[] accompany you', '{excision} accompany you'],
    ['[Therman Kent] arriving', '{bracketed Therman Kent} arriving'],
    ['closer to them [Page 450] than', 'closer to them {pb 450} than'],
    ['~~zone~~ ^{proscribed}', '{del zone} {add proscribed}'],
    ['^{a ~~b~~ c}', '{add a {del b} c}'],
    ['[*hll*]', '{bracketed {hand hll}}'],
    ['a \\* b \\~~ c \\[d\\] \\\\', 'a * b ~~ c [d] \\'],
    ['() RELEASE (X) EXCISE ☐ COLLECT', '() RELEASE (X) EXCISE ☐ COLLECT'],
  ])('%s', (src, expected) => {
    expect(show(src)).toBe(expected);
  });

  test('positions are 1-based line and code-point column', () => {
    const nodes = parseInline('t.txt', '☐ ~~x~~', 3);
    expect(nodes[1]).toMatchObject({ kind: 'del', pos: { line: 3, column: 3 } });
  });

  test.each([
    ['a ~~b', 1 + 2, "unclosed deletion '~~'"],
    ['x ^{ins', 3, "unclosed insertion '^{'"],
    ['**bold', 1, "unclosed bold '**'"],
    ['a * b', 3, "unclosed other hand '*'"],
    ['see [note', 5, "unclosed bracket '['"],
  ])('unclosed sign in %j is an error at its opening', (src, column, message) => {
    let err: unknown;
    try {
      parse(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).pos).toEqual({ line: 7, column });
    expect((err as SourceError).message).toContain(`t.txt:7:${column}: ${message}`);
  });
});
