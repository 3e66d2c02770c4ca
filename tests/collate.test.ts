import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { convertFile, metadataFor, registersFor } from '../src/pipeline.js';
import { collateTokens, excisionLedger, normalise, tokensText, witnessTokens, type Token } from '../src/enrich/collate.js';
import { buildTei } from '../src/tei/build.js';
import { DEFAULT_EDITION } from '../src/enrich/metadata.js';
import { renderTei } from '../src/render/index.js';
import { convert } from './helpers.js';

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false });

/**
 * A witness's words read from a collation div, independently of the encoder: outside app both
 * copies; in app the lem for the base, the rdg of the copy; sic not corr; a gap the copy has is its
 * empty bracket, a gap of the editor (resp) nothing.
 */
function reconstruct(xml: string, collation: number, witness: string): string {
  const doc = parser.parse(xml) as XNode[];
  const divs: XNode[] = [];
  const find = (nodes: XNode[]) => {
    for (const n of nodes) {
      const name = Object.keys(n).find((k) => k !== ':@')!;
      if (name === 'div' && n[':@']?.type === 'collation') divs.push(n);
      else if (Array.isArray(n[name])) find(n[name] as XNode[]);
    }
  };
  find(doc);
  const div = divs[collation]!;
  let out = '';
  const walk = (nodes: XNode[]) => {
    for (const n of nodes) {
      const name = Object.keys(n).find((k) => k !== ':@')!;
      const attrs = n[':@'] ?? {};
      if (name === '#text') out += String(n['#text']);
      else if (name === 'head' || name === 'corr') continue;
      else if (name === 'gap') out += attrs.resp ? '' : attrs.unit === 'signature' ? '[Signature]' : ' [] ';
      else if (name === 'ab') {
        out += ' ';
        walk(n.ab as XNode[]);
        out += ' ';
      } else if (name === 'lem' || name === 'rdg') {
        if (String(attrs.wit).split(' ').includes(`#${witness}`)) walk(n[name] as XNode[]);
      } else walk(n[name] as XNode[]);
    }
  };
  walk(div.div as XNode[]);
  return out.split(/\s+/).filter(Boolean).join(' ');
}

const metadata = metadataFor('sources');
const registers = registersFor('sources');

describe('the multi-copy sample documents', () => {
  for (const name of ['1962-11-19-circular-939', '1962-12-18-usun-1687']) {
    test(`${name}: an apparatus from which each copy reads back exactly`, () => {
      const c = convertFile(`sources/${name}.txt`, metadata, { registers });
      expect(c.collations).toHaveLength(1);
      expect(c.xml).toContain('<div type="collation" corresp="#wit-A #wit-B">');
      for (const w of c.doc.witnesses) expect(reconstruct(c.xml, 0, w.id), w.id).toBe(tokensText(witnessTokens(w)));
    });
  }

  test("circular 939: the excised copy's excisions are gap reason=\"excised\" against the full copy", () => {
    const c = convertFile('sources/1962-11-19-circular-939.txt', metadata, { registers });
    expect(c.xml).toContain(
      '<app xml:id="app-B-15" type="excision"><lem wit="#wit-A">brief de Gaulle. Ask Kent</lem><rdg wit="#wit-B" type="excision"><seg type="handwritten" hand="#hand-ms">hll</seg> <gap reason="excised" rend="empty-brackets" quantity="5" unit="word"/></rdg></app>',
    );
    const ledger = excisionLedger(c.collations);
    expect(ledger).toEqual([
      { witness: 'wit-B', text: 'Therman Kent', words: 2 },
      { witness: 'wit-B', text: 'brief de Gaulle. Ask Kent', words: 5 },
      { witness: 'wit-B', text: 'and Kent.', words: 2 },
    ]);
    expect(c.xml).toContain('<app xml:id="app-B-5" type="ocr"><lem wit="#wit-A">McGeorge</lem><rdg wit="#wit-B" resp="#tei-edition" cert="low"><choice><sic>George</sic><corr>McGeorge</corr></choice></rdg></app>');
  });

  test('the ledger shows in the HTML page; the reading view lists the apparatus', () => {
    const c = convertFile('sources/1962-11-19-circular-939.txt', metadata, { registers });
    const out = renderTei('c.xml', c.xml, '1962-11-19-circular-939');
    expect(out.html).toContain('<h2 id="ledger-title">Excision ledger</h2>');
    expect(out.html).toContain('<td>B: Excised copy as released after the review of 3/4/88</td><td>brief de Gaulle. Ask Kent</td><td>5</td>');
    expect(out.normalized).toContain('brief de Gaulle. Ask Kent ] excised in B (5 words)');
    expect(out.normalized).toContain('BONN ] BERN B');
    expect(out.diplomatic).not.toContain('] excised in B');
    // marked in the reading text where the base copy has the words
    expect(out.normalized).toContain('⸢Sherman Kent⸣[excised in B (2 words)] arriving Paris a.m. November 20 to ⸢brief de Gaulle. Ask Kent⸣[excised in B (5 words)] accompany you');
    expect(out.normalized).toContain('FOR PARIS, LONDON AND ⸢BONN⸣[B: BERN]');
    expect(out.html).toContain('<span class="app-end" aria-hidden="true">⸣</span><a class="app-ref app-ref-excision" href="#app-B-15">[excised in B (5 words)]</a>');
    expect(out.html).toContain('<li class="app app-excision" id="app-B-15">');
  });
});

describe('options and edge cases', () => {
  const src = 'The full text of the telegram is here.\n\nEXCISED COPY FOLLOWS\n\nThe [] of the telegram is here.';
  test('collation can be turned off, the base copy chosen', () => {
    const off = convert(src, 'd', { edition: DEFAULT_EDITION, documents: { d: { identifiers: [], collation: false } } }, registers);
    expect(off.xml).not.toContain('type="collation"');
    const b = convert(src, 'd', { edition: DEFAULT_EDITION, documents: { d: { identifiers: [], base: 'wit-B' } } }, registers);
    expect(b.xml).toContain('<div type="collation" corresp="#wit-B #wit-A">');
  });

  test('the default base is the fullest copy', () => {
    const c = convert('Short.\n\nEXCISED COPY FOLLOWS\n\nThe longer copy of the same text.', 'd', undefined, registers);
    expect(c.xml).toContain('corresp="#wit-B #wit-A"');
  });

  const t = (words: string[], kind: Token['kind'] = 'word'): Token[] => words.map((w) => ({ text: w, norm: normalise(w) || w, kind, block: 0 }));

  test('witnesses that share nothing, one empty witness: one variant, no crash', () => {
    const c = collateTokens('A', t(['alpha', 'beta']), 'B', t(['gamma', 'delta', 'epsilon']));
    expect(c.segments.map((s) => s.kind)).toEqual(['variant']);
    const e = collateTokens('A', t(['alpha', 'beta']), 'B', []);
    expect(e.segments).toEqual([{ kind: 'variant', base: t(['alpha', 'beta']), other: [] }]);
    expect(collateTokens('A', [], 'B', []).segments).toEqual([]);
  });

  test('three witnesses: each collated with the base', () => {
    const c = convert('One two three four.\n\nEXCISED COPY FOLLOWS\n\nOne [] four.\n\nTRANSCRIBED PAGE FOLLOWS\n\nOne two three five.', 'd', undefined, registers);
    expect(c.collations.map((x) => `${x.base}>${x.other}`)).toEqual(['wit-A>wit-B', 'wit-A>wit-C']);
    for (const [k, col] of c.collations.entries()) {
      expect(reconstruct(c.xml, k, col.base)).toBe('One two three four.');
    }
    expect(reconstruct(c.xml, 0, 'wit-B')).toBe('One [] four.');
    expect(reconstruct(c.xml, 1, 'wit-C')).toBe('One two three five.');
  });

  test('a 100,000-word pair aligns (differences few); very different ones give a few large variants', () => {
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i % 997}x${i % 13}`);
    const other = [...words];
    other.splice(50_000, 5, '[]');
    const base = t(words);
    const b = t(other).map((x) => (x.text === '[]' ? { ...x, kind: 'excision' as const, norm: '[]' } : x));
    const c = collateTokens('A', base, 'B', b);
    expect(c.aborted).toBe(false);
    expect(c.segments.filter((s) => s.kind === 'excision')).toHaveLength(1);
    const far = collateTokens('A', t(words.slice(0, 3000)), 'B', t(words.slice(0, 3000).reverse()), { maxEdits: 500 });
    expect(far.segments.filter((s) => s.kind !== 'equal').length).toBeLessThanOrEqual(3);
    expect(far.segments.flatMap((s) => s.other).map((x) => x.text)).toEqual(words.slice(0, 3000).reverse());
    // Many repeated words and no anchor: the edit bound gives one variant rather than a long wait.
    const rep = collateTokens('A', t(Array.from({ length: 4000 }, (_, i) => ['a', 'b'][i % 2]!)), 'B', t(Array.from({ length: 4000 }, (_, i) => ['b', 'c', 'a'][i % 3]!)), { maxEdits: 100 });
    expect(rep.aborted).toBe(true);
    expect(rep.segments.filter((s) => s.kind !== 'equal').map((s) => s.kind)).toEqual(['variant']);
  });
});

describe('property: each witness reads back from the apparatus exactly', () => {
  const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'Kent', 'QAS', 'OAS', 'the', 'of', 'US', 'NAC,', 'IL-28s;', '(a)');
  const base = fc.array(word, { minLength: 1, maxLength: 40 });
  const edit = fc.oneof(
    fc.record({ op: fc.constant('del' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ op: fc.constant('excise' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ op: fc.constant('sub' as const), at: fc.nat(), w: word }),
    fc.record({ op: fc.constant('ins' as const), at: fc.nat(), w: word }),
  );
  test('on generated pairs', () => {
    fc.assert(
      fc.property(base, fc.array(edit, { maxLength: 6 }), (words, edits) => {
        const other = [...words];
        for (const e of edits) {
          const at = e.at % (other.length + 1);
          if (e.op === 'del') other.splice(at, e.n);
          else if (e.op === 'excise') other.splice(at, e.n, '[]');
          else if (e.op === 'sub') other.splice(at, 1, e.w);
          else other.splice(at, 0, e.w);
        }
        const src = `${words.join(' ')}\n\nEXCISED COPY FOLLOWS\n\n${other.join(' ') || '[]'}`;
        const c = convert(src, 'g', { edition: DEFAULT_EDITION, documents: { g: { identifiers: [], base: 'wit-A' } } }, { persons: [], corrections: [], abbreviations: [] });
        for (const w of c.doc.witnesses) expect(reconstruct(c.xml, 0, w.id)).toBe(tokensText(witnessTokens(w)));
        void buildTei;
        void readFileSync;
      }),
      { numRuns: 150 },
    );
  });
});
