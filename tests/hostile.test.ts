/**
 * Hostile input: what a careless or malicious file does to the converter, the validator and the
 * renderer. Each bad input gets a clear error naming file:line:col, once; nothing crashes, hangs,
 * or prints a stack trace; the other documents are still done.
 */
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SaxesParser } from 'saxes';
import { EMPTY_METADATA, convert, noSpace, run, stripSigns, teiText } from './helpers.js';
import { parseInline, MAX_INLINE_DEPTH } from '../src/transcription/inline.js';
import { MAX_CONTINUED } from '../src/transcription/parse.js';
import { SourceError } from '../src/transcription/source.js';
import { witnessSiglum, witnessId, siglum } from '../src/transcription/model.js';
import { renderTei } from '../src/render/index.js';
import { validateText } from '../src/validate/index.js';
import { MAX_NEXT_CHAIN, MAX_XML_DEPTH, parseXml, renderProblems } from '../src/validate/xml.js';

/** Metadata giving a document its date, so that its TEI can be valid. */
const dated = (name: string) => ({ ...EMPTY_METADATA, documents: { [name]: { date: '1962-10-26', identifiers: [] } } });

const dir = mkdtempSync(join(tmpdir(), 'tei-hostile-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The error a function throws (a test fails if it throws none). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('no error thrown');
}

/** Deepest element nesting of an XML text (the root is level 1). */
function maxDepth(xml: string): number {
  const p = new SaxesParser();
  let d = 0;
  let max = 0;
  p.on('opentag', () => (max = Math.max(max, ++d)));
  p.on('closetag', () => d--);
  p.write(xml).close();
  return max;
}

/** No JavaScript stack trace in what a command printed. */
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |RangeError|TypeError|internal error/);

const HEADER = `<teiHeader><fileDesc><titleStmt><title type="main">T</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>`;
/** A small foreign TEI document around a body. */
const tei = (body: string) => `<TEI xmlns="http://www.tei-c.org/ns/1.0">${HEADER}<text><body>${body}</body></text></TEI>`;
/** `n` elements nested in a paragraph (at level 5: TEI, text, body, p). */
const nested = (n: number, open = '<hi>', close = '</hi>') => tei(`<p>${open.repeat(n)}x${close.repeat(n)}</p>`);
/** Column of the k-th (1-based) occurrence of `s` on the only line of `text`. */
const columnOf = (text: string, s: string, k: number) => {
  let at = -1;
  for (let i = 0; i < k; i++) at = text.indexOf(s, at + 1);
  return at + 1;
};

describe('transcriptions nested too deep', () => {
  const deep = (n: number) => `A line ${'^{a '.repeat(n)}x${'}'.repeat(n)}\n`;

  test(`signs nest up to ${MAX_INLINE_DEPTH} levels: the TEI is valid, renders, and loses nothing`, async () => {
    // The signs that can nest inside each other, in turn.
    const pairs: [string, string][] = [['^{', '}'], ['[', ']'], ['~~', '~~'], ['^{', '}'], ['**', '**']];
    let src = 'The text';
    for (let k = MAX_INLINE_DEPTH - 1; k >= 0; k--) src = `${pairs[k % pairs.length]![0]}w${k} ${src} v${k}${pairs[k % pairs.length]![1]}`;
    src = `Start of it: ${src}.\n`;
    const { xml } = convert(src, 'deep', dated('deep'));
    expect(noSpace(teiText(xml))).toBe(noSpace(stripSigns(src)));
    // Comfortably below what validation and rendering accept.
    expect(maxDepth(xml)).toBeLessThanOrEqual(MAX_XML_DEPTH - 64);
    const v = await validateText('deep.xml', xml);
    expect(v.errors).toEqual([]);
    const r = renderTei('deep.xml', xml, 'deep');
    expect(r.diplomatic).toContain('w99');
  });

  test('one level more is an error at the sign that goes too deep (was: valid TEI that overflowed the renderer at 800)', () => {
    for (const n of [MAX_INLINE_DEPTH + 1, 800, 5000]) {
      const e = thrown(() => convert(deep(n)));
      expect(e).toBeInstanceOf(SourceError);
      expect(e.message).toBe(
        `test.txt:1:${8 + 4 * MAX_INLINE_DEPTH}: signs nested deeper than ${MAX_INLINE_DEPTH} levels (the limit of the transcription syntax): this insertion '^{' is level ${MAX_INLINE_DEPTH + 1}`,
      );
    }
  });

  test('the command line: file:line:col: error, once, no stack trace, exit 1 (was: RangeError without position at 5,000)', async () => {
    const f = file('deep.txt', deep(5000));
    const r = await run('convert', f, '-o', join(dir, 'deep.xml'));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${f}:1:${8 + 4 * MAX_INLINE_DEPTH}: error: signs nested deeper than ${MAX_INLINE_DEPTH} levels (the limit of the transcription syntax): this insertion '^{' is level ${MAX_INLINE_DEPTH + 1}\n`);
    expect(existsSync(join(dir, 'deep.xml'))).toBe(false);
  });

  test('nesting deep inside a long line of other signs: the position counts code points', () => {
    const src = `😀 ${'*a* '.repeat(50)}${'[b '.repeat(MAX_INLINE_DEPTH + 1)}`;
    const e = thrown(() => parseInline('t.txt', src, 7)) as SourceError;
    expect(e.pos).toEqual({ line: 7, column: 3 + 4 * 50 + 3 * MAX_INLINE_DEPTH });
  });
});

describe('paragraphs continued over many pages', () => {
  test(`a paragraph is joined over at most ${MAX_CONTINUED - 1} page breaks, then a warning (was: 400 pages, 20 s and 3 MB to render; thousands overflowed)`, () => {
    expect(MAX_CONTINUED).toBeLessThanOrEqual(MAX_NEXT_CHAIN);
    const pages = 150;
    const src = Array.from({ length: pages }, (_, i) => `${i ? `-${i + 1}-\n\n` : ''}the text of this paragraph goes on without an end on page ${i + 1} and`).join('\n\n') + '\n';
    const { xml, warnings } = convert(src, 'chain', dated('chain'));
    expect((xml.match(/ next="/g) ?? []).length).toBe(pages - 2);
    expect(warnings).toEqual([
      { pos: { line: 1 + 4 * MAX_CONTINUED, column: 1 }, message: `a paragraph continued over more than ${MAX_CONTINUED - 1} page breaks: this one is not joined to it (the reading view starts a new paragraph here)` },
    ]);
    expect(renderProblems('chain.xml', xml)).toEqual([]);
    expect(noSpace(teiText(xml))).toBe(noSpace(stripSigns(src)));
  });
});

describe('long lines parse in linear time', () => {
  const words = ['the', '^{inserted}', '~~struck~~', '*hand*', 'text', 'of', '[Page 3]', '[]', '**bold**', 'report', 'said', '😀'];
  /** About `size` characters of text with signs, as one line or as lines of about 70 characters. */
  const text = (size: number, oneLine: boolean) => {
    const out: string[] = [];
    let line = '';
    let total = 0;
    for (let i = 0; total < size; i++) {
      const w = words[i % words.length]! + ' ';
      line += w;
      total += w.length;
      if (!oneLine && line.length > 70) {
        out.push(line);
        line = '';
      }
    }
    out.push(line);
    return out;
  };
  /** Fastest of three runs, in ms. */
  const time = (f: () => void) => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      f();
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };

  test('a 360 KB line parses about as fast as the same text in 5,000 lines (was: 52 s, quadratic)', () => {
    const [long] = text(360_000, true);
    const lines = text(360_000, false);
    expect(long!.length).toBeGreaterThan(360_000);
    let parsed: ReturnType<typeof parseInline> = [];
    const tLong = time(() => (parsed = parseInline('long.txt', long!, 1)));
    const tLines = time(() => lines.forEach((l, k) => parseInline('lines.txt', l, k + 1)));
    // Linear: the same work either way (a generous factor for noise); quadratic was thousands of times slower.
    expect(tLong).toBeLessThan(10 * tLines + 20);
    // Positions are right at the far end (columns in code points: the emoji is one).
    const last = parsed[parsed.length - 1]!;
    const before = [...long!.slice(0, long!.lastIndexOf(' 😀') + 1)].length;
    expect(last.pos.column).toBeGreaterThan(before - 20);
  });

  test('a 360 KB line converts and nothing is lost', () => {
    const [long] = text(360_000, true);
    const src = `The report said: ${long}\n`;
    const { xml } = convert(src);
    expect(noSpace(teiText(xml))).toBe(noSpace(stripSigns(src)));
  });
});

describe('many copies', () => {
  test('sigla go on past Z as spreadsheet columns do: A … Z, AA, AB … ZZ, AAA', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(witnessSiglum)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(witnessId(27)).toBe('wit-AB');
    expect(siglum('wit-AB')).toBe('AB');
    expect(siglum('copy1')).toBe('copy1');
  });

  test('30 copies: ids wit-A … wit-AD, valid XML names, valid TEI, rendered with their sigla (was: wit-[, wit-\\)', async () => {
    const copies = Array.from({ length: 30 }, (_, i) => `${i ? 'OTHER COPY FOLLOWS\n\n' : ''}The text of the telegram was sent on the day ${i}.\n`);
    const { xml, doc } = convert(copies.join('\n'), 'copies', dated('copies'));
    const ids = doc.witnesses.map((w) => w.id);
    expect(ids.slice(24)).toEqual(['wit-Y', 'wit-Z', 'wit-AA', 'wit-AB', 'wit-AC', 'wit-AD']);
    const declared = [...xml.matchAll(/<witness xml:id="([^"]+)"/g)].map((m) => m[1]);
    expect(declared).toEqual(ids);
    for (const id of declared) expect(id).toMatch(/^wit-[A-Z]+$/);
    expect(xml).toContain('Copy AD collated with copy A');
    const v = await validateText('copies.xml', xml);
    expect(v.errors).toEqual([]);
    const r = renderTei('copies.xml', xml, 'copies');
    expect(r.diplomatic).toMatch(/\bAD\b/);
  });
});

describe('foreign TEI nested too deep', () => {
  test(`a document ${MAX_XML_DEPTH} levels deep validates and renders`, async () => {
    // Nested insertions: the element the renderer needs the most stack for.
    const xml = nested(MAX_XML_DEPTH - 4, '<add place="above">', '</add>');
    expect(maxDepth(xml)).toBe(MAX_XML_DEPTH);
    expect(parseXml('ok.xml', xml).problems).toEqual([]);
    const v = await validateText('ok.xml', xml, { schematron: false });
    expect(v.errors.filter((e) => e.source === 'xml')).toEqual([]);
    const withRules = await validateText('ok.xml', xml);
    expect(withRules.errors.map((e) => e.message).join('\n')).not.toMatch(/could not be evaluated|stack/);
    const r = renderTei('ok.xml', xml, 'ok');
    expect(r.diplomatic).toContain('x');
    expect(r.html).toContain('x');
  });

  const KINDS = ['add', 'del', 'hi', 'seg', 'stamp', 'fw', 'label', 'list', 'item', 'div', 'ab', 'head', 'closer', 'signed', 'persName', 'q', 'note', 'choice', 'app', 'rdg', 'lem', 'date', 'quote', 'cit', 'l', 'cell', 'foreign-element'];
  test(`${MAX_XML_DEPTH} levels of any element the stylesheets know render`, () => {
    for (const kind of KINDS) {
      const xml = nested(MAX_XML_DEPTH - 4, `<${kind}>`, `</${kind}>`);
      expect(() => renderTei('ok.xml', xml, 'ok'), kind).not.toThrow();
    }
  });

  test.each([MAX_XML_DEPTH - 3, 1000, 100_000])('%d levels: refused at the first element beyond the limit, in render and validate (was: overflow, hang)', async (n) => {
    const xml = nested(n);
    const col = columnOf(xml, '<hi>', MAX_XML_DEPTH - 3);
    const message = `elements nested deeper than ${MAX_XML_DEPTH} levels (the limit for validation and rendering): <hi> is level ${MAX_XML_DEPTH + 1}`;
    expect(renderProblems('deep.xml', xml)).toEqual([{ file: 'deep.xml', line: 1, column: col, source: 'xml', message }]);
    const e = thrown(() => renderTei('deep.xml', xml, 'deep'));
    expect(e).toBeInstanceOf(SourceError);
    expect(e.message).toBe(`deep.xml:1:${col}: ${message}`);
    const v = await validateText('deep.xml', xml);
    expect(v.valid).toBe(false);
    expect(v.errors).toEqual([{ file: 'deep.xml', line: 1, column: col, source: 'xml', message }]);
  });

  test('the command line: render and validate report it once, exit 1, and do the other files', async () => {
    const f = file('deep1000.xml', nested(1000));
    const col = columnOf(nested(1000), '<hi>', MAX_XML_DEPTH - 3);
    const r = await run('render', f, 'tei/1962-10-29-topol-594.xml', '-o', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${f}:1:${col}: error: elements nested deeper than ${MAX_XML_DEPTH} levels`);
    expect(r.err).toMatch(/\b1 documents? rendered, 1 failed/);
    noStack(r.err);
    expect(existsSync(join(dir, 'out', 'html', '1962-10-29-topol-594.html'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'html', 'deep1000.html'))).toBe(false);
    const v = await run('validate', f);
    expect(v.code).toBe(1);
    expect(v.out).toBe(`${f}:1:${col}: error: elements nested deeper than ${MAX_XML_DEPTH} levels (the limit for validation and rendering): <hi> is level ${MAX_XML_DEPTH + 1}\n`);
  });
});

describe('pointers the renderer follows', () => {
  const p = (id: string, attrs: string, content = `text of ${id}`) => `<p xml:id="${id}" ${attrs}>${content}</p>`;

  test('a cycle of prev/next is refused with its position (was: 91 s, then a stack overflow)', async () => {
    const xml = tei(`${p('p1', 'next="#p2" prev="#p2"')}<pb n="2"/>${p('p2', 'prev="#p1" next="#p1"')}`);
    const at = columnOf(xml, '<p xml:id="p1"', 1);
    const problems = renderProblems('c.xml', xml);
    expect(problems).toEqual([
      { file: 'c.xml', line: 1, column: at, source: 'xml', message: 'the paragraphs continued by @next form a cycle: #p1 → #p2 → #p1; the reading view would follow it forever' },
    ]);
    expect(thrown(() => renderTei('c.xml', xml, 'c'))).toBeInstanceOf(SourceError);
    const v = await validateText('c.xml', xml);
    expect(v.errors).toContainEqual(problems[0]);
  });

  test('a paragraph that continues into itself', () => {
    const xml = tei(p('p1', 'next="#p1"'));
    expect(renderProblems('c.xml', xml).map((x) => x.message)).toEqual(['the paragraphs continued by @next form a cycle: #p1 → #p1; the reading view would follow it forever']);
  });

  test('a cycle through content: a note\'s paragraph continuing into the paragraph that holds the note', () => {
    const xml = tei(`${p('a', 'next="#b"', 'one <note><p xml:id="n" next="#a">note</p></note>')}${p('b', 'prev="#a"')}`);
    const [problem] = renderProblems('c.xml', xml);
    expect(problem?.message).toMatch(/^the paragraphs continued by @next form a cycle: #a → #n → #a;/);
  });

  test(`a chain of ${MAX_NEXT_CHAIN} paragraphs renders; one more is refused at its head`, () => {
    const chain = (n: number) =>
      tei(Array.from({ length: n }, (_, i) => p(`p${i + 1}`, `${i + 1 < n ? `next="#p${i + 2}"` : ''} ${i ? `prev="#p${i}"` : ''}`) + `<pb n="${i + 2}"/>`).join(''));
    const ok = chain(MAX_NEXT_CHAIN);
    expect(renderProblems('ok.xml', ok)).toEqual([]);
    const r = renderTei('ok.xml', ok, 'ok');
    expect(r.normalized).toContain(`text of p${MAX_NEXT_CHAIN}`);
    const long = chain(MAX_NEXT_CHAIN + 1);
    expect(renderProblems('long.xml', long)).toEqual([
      {
        file: 'long.xml',
        line: 1,
        column: columnOf(long, '<p xml:id="p1"', 1),
        source: 'xml',
        message: `a paragraph continued (@next) into more than ${MAX_NEXT_CHAIN} paragraphs (${MAX_NEXT_CHAIN + 1} from here): more than rendering allows`,
      },
    ]);
  });

  test('chains through content that nest the reading view too deep', () => {
    // Each paragraph continues into one that holds, 50 levels down, the next paragraph of the chain.
    const hops = 8;
    let body = '';
    for (let i = 0; i < hops; i++) {
      const inner = i + 1 < hops ? `<note><p xml:id="q${i + 1}" next="#r${i + 1}">in</p></note>` : '';
      body += `<p xml:id="r${i}">${'<hi>'.repeat(50)}${inner}x${'</hi>'.repeat(50)}</p>`;
    }
    const xml = tei(`<p xml:id="start" next="#r0">start</p>${body}`);
    expect(maxDepth(xml)).toBeLessThan(MAX_XML_DEPTH);
    const [problem] = renderProblems('c.xml', xml);
    expect(problem?.message).toMatch(new RegExp(`nest the reading view \\d+ levels deep from here, more than ${MAX_XML_DEPTH}$`));
    expect(problem?.column).toBe(columnOf(xml, '<p xml:id="start"', 1));
  });

  test('an xml:id given twice is refused by render (the stylesheets failed on it without a position)', () => {
    const xml = tei(`${p('p1', 'next="#p2"')}${p('p2', '')}${p('p2', '')}`);
    expect(renderProblems('d.xml', xml)).toEqual([
      { file: 'd.xml', line: 1, column: columnOf(xml, '<p xml:id="p2"', 2), source: 'xml', message: `xml:id 'p2' is given twice (first at 1:${columnOf(xml, '<p xml:id="p2"', 1)}): a pointer to it would be ambiguous` },
    ]);
  });
});

describe('not TEI, not XML', () => {
  const cases: [string, string, number, string][] = [
    ['TEI without its namespace', '<TEI><teiHeader/><text><body><p>x</p></body></text></TEI>', 1, `the root element is 'TEI' in no namespace; expected TEI or teiCorpus in http://www.tei-c.org/ns/1.0 (add xmlns="http://www.tei-c.org/ns/1.0" to it)`],
    ['XHTML', '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>', 1, `the root element is 'html' in the namespace http://www.w3.org/1999/xhtml; expected TEI or teiCorpus in http://www.tei-c.org/ns/1.0`],
  ];

  test.each(cases)('%s: render and validate say what the root is (was: rendered silently)', async (_what, xml, line, message) => {
    const f = file('notei.xml', xml);
    const r = await run('render', f, '-o', join(dir, 'out-notei'));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${f}:${line}:1: error: ${message}\n0 documents rendered, 1 failed\n`);
    const v = await run('validate', f);
    expect(v.code).toBe(1);
    expect(v.out).toBe(`${f}:${line}:1: error: ${message}\n`);
  });

  test('TEI P4: render converts it to P5 and says so; validate says what the root is', async () => {
    const f = file('p4.xml', '<?xml version="1.0"?>\n<TEI.2><teiHeader/><text><body><p>x</p></body></text></TEI.2>');
    const r = await run('render', f, '-o', join(dir, 'out-p4'));
    expect(r.code).toBe(0);
    expect(r.err.split('\n')[0]).toBe(`${f}:2:1: warning: converted from TEI P4 to TEI P5 for rendering: 5 elements put in the TEI namespace; TEI.2 → TEI`);
    const v = await run('validate', f);
    expect(v.code).toBe(1);
    expect(v.out).toBe(`${f}:2:1: error: the root element is 'TEI.2' (TEI P4?) in no namespace; expected TEI or teiCorpus in http://www.tei-c.org/ns/1.0\n`);
  });

  test('a TEI fragment in the TEI namespace (the FRUS documents\' frus-excerpt) is TEI', () => {
    expect(renderProblems('f.xml', '<frus-excerpt xmlns="http://www.tei-c.org/ns/1.0"><div><p>x</p></div></frus-excerpt>')).toEqual([]);
  });

  test('the position is printed once (was: empty.xml:1:1: error: 1:0: …)', async () => {
    const empty = file('empty.xml', '');
    const broken = file('broken.xml', '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><p>x</text></TEI>');
    for (const cmd of ['render', 'validate']) {
      const r = await run(cmd, empty, broken, ...(cmd === 'render' ? ['-o', join(dir, 'out-bad')] : []));
      const printed = r.out + r.err;
      expect(printed).toContain(`${empty}:1:1: error: document must contain a root element.\n`);
      expect(printed).toMatch(new RegExp(`broken\\.xml:2:\\d+: error: unexpected close tag\\.\n`));
      expect(printed).not.toMatch(/error: \d+:\d+:/);
      noStack(printed);
    }
  });
});

describe('entities, attributes, sizes', () => {
  const bombs: [string, string][] = [
    ['billion laughs', '<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&c;</TEI>'],
    ['an external entity', '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>&x;</text></TEI>'],
    ['a parameter entity', '<!DOCTYPE TEI [<!ENTITY % p SYSTEM "http://example.com/evil.dtd"> %p;]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'],
  ];
  test.each(bombs)('%s is refused, nothing expanded', async (_what, xml) => {
    for (const problems of [renderProblems('b.xml', xml), (await validateText('b.xml', xml)).errors]) {
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toContain('entity declarations are not allowed');
      expect(problems[0]!.line).toBe(1);
    }
  });

  test('an undeclared entity and an external DTD are errors or ignored, never fetched', () => {
    const [undeclared] = renderProblems('u.xml', '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>&passwd;</text></TEI>');
    expect(undeclared).toMatchObject({ line: 1, message: 'undefined entity.' });
    const ext = '<!DOCTYPE TEI SYSTEM "file:///etc/passwd">\n' + tei('<p>x</p>');
    expect(renderTei('e.xml', ext, 'e').diplomatic).not.toContain('root:');
  });

  test('a 1 MB attribute and a 1 MB line of XML render and validate', async () => {
    const big = 'x'.repeat(1_000_000);
    const xml = tei(`<p><hi rend="${big}">attr</hi> ${'word '.repeat(200_000)}</p>`);
    expect(renderProblems('big.xml', xml)).toEqual([]);
    const r = renderTei('big.xml', xml, 'big');
    expect(r.diplomatic).toContain('attr word word');
    const v = await validateText('big.xml', xml, { schematron: false });
    expect(v.errors.every((e) => e.source === 'rng')).toBe(true);
  });

  test('markup-looking text in a transcription stays text', () => {
    const src = 'The <!DOCTYPE x [<!ENTITY a "b">]> and &a; and <script>alert(1)</script> \\]\\]> stay text.\n';
    const { xml } = convert(src);
    expect(parseXml('t.xml', xml).problems).toEqual([]);
    expect(noSpace(teiText(xml))).toBe(noSpace(stripSigns(src)));
    expect(xml).not.toContain('<script>');
  });
});
