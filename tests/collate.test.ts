import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { convertFile, metadataFor, registersFor } from '../src/pipeline.js';
import { collateTokens, excisionLedger, normalise, tokensText, witnessTokens, type Token } from '../src/enrich/collate.js';
import { DEFAULT_EDITION } from '../src/enrich/metadata.js';
import { convert } from './helpers.js';

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false });

const nameOf = (n: XNode) => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: XNode) => (Array.isArray(n[nameOf(n)]) ? (n[nameOf(n)] as XNode[]) : []);
const ADMIN = new Set(['drafting', 'approval', 'clearance', 'classifiedBy']);
const BLOCKS = new Set(['p', 'ab', 'head', 'label', 'item', 'list', 'note', 'signed', 'closer', 'lb']);

function find(nodes: XNode[], test: (n: XNode) => boolean, out: XNode[] = []): XNode[] {
  for (const n of nodes) {
    if (nameOf(n) === '#text') continue;
    if (test(n)) out.push(n);
    find(kids(n), test, out);
  }
  return out;
}

/**
 * A copy's words read back from the TEI, independently of the encoder: the words of the text blocks
 * of a witness division (furniture, stamps, page breaks, footnotes, corr and expan aside; struck
 * words as ~~word~~; an empty bracket []; the editor's gaps (resp) nothing). A copy that is not the
 * base of the apparatus is read from the base copy's division, each app's span (from its @from
 * anchor to its @to anchor) read as the app's reading of that copy (lem or rdg by @wit).
 */
function readCopy(xml: string, witness: string): string {
  const doc = parser.parse(xml) as XNode[];
  const lists = find(doc, (n) => nameOf(n) === 'listApp');
  const list = lists.find((l) => l[':@']?.corresp?.split(' ')[1] === `#${witness}`);
  const divWit = list ? list[':@']!.corresp!.split(' ')[0]! : `#${witness}`;
  const div = find(doc, (n) => nameOf(n) === 'div' && n[':@']?.type === 'witness' && n[':@']?.corresp === divWit)[0]!;
  const apps = new Map<string, { to: string; reading: XNode[] }>();
  for (const app of list ? find(kids(list), (n) => nameOf(n) === 'app') : []) {
    const reading = kids(app).find((r) => (r[':@']?.wit ?? '').split(' ').includes(`#${witness}`));
    apps.set(app[':@']!.from!.slice(1), { to: app[':@']!.to!.slice(1), reading: reading ? kids(reading) : [] });
  }
  const tokens: string[] = [];
  let cur = '';
  let curDeleted = false;
  let skipTo: string | null = null;
  const brk = () => {
    if (cur) tokens.push(curDeleted ? `~~${cur}~~` : cur);
    cur = '';
  };
  const text = (s: string, deleted: boolean) => {
    if (deleted !== curDeleted) brk();
    curDeleted = deleted;
    for (const part of s.split(/(\s+)/)) {
      if (!part) continue;
      if (/^\s+$/.test(part)) brk();
      else cur += part;
    }
  };
  const walk = (nodes: XNode[], deleted: boolean) => {
    for (const n of nodes) {
      const name = nameOf(n);
      const a = n[':@'] ?? {};
      if (name === 'anchor') {
        const id = a['xml:id'] ?? '';
        if (skipTo !== null) {
          if (id === skipTo) skipTo = null;
          continue;
        }
        const app = apps.get(id);
        if (app) {
          brk();
          walk(app.reading, false);
          brk();
          if (app.to !== id) skipTo = app.to;
        }
        continue;
      }
      if (skipTo !== null) {
        if (name !== '#text') walk(kids(n), deleted);
        continue;
      }
      if (name === '#text') text(String(n['#text']), deleted);
      else if (name === 'fw' || name === 'pb' || name === 'corr' || name === 'expan') continue;
      else if (name === 'head' && a.type === 'transcriber') continue;
      else if (name === 'note' && !ADMIN.has(a.type ?? '')) continue;
      else if (name === 'gap') {
        brk();
        if (!a.resp) tokens.push(`${deleted ? '~~' : ''}${a.unit === 'signature' ? '[Signature]' : '[]'}${deleted ? '~~' : ''}`);
      } else if (name === 'del') {
        brk();
        walk(kids(n), true);
        brk();
      } else if (BLOCKS.has(name)) {
        brk();
        walk(kids(n), deleted);
        brk();
      } else walk(kids(n), deleted);
    }
  };
  walk(kids(div), false);
  brk();
  return tokens.join(' ');
}

const metadata = metadataFor('sources');
const registers = registersFor('sources');
const SAMPLES = ['1962-11-19-circular-939', '1962-12-18-usun-1687'];
const converted = new Map(SAMPLES.map((n) => [n, convertFile(`sources/${n}.txt`, metadata, { registers })]));
const c939 = converted.get('1962-11-19-circular-939')!;
const c1687 = converted.get('1962-12-18-usun-1687')!;
/** The app of a document whose lemma or reading holds a text. */
const appWith = (xml: string, text: string) => xml.match(new RegExp(`<app [^>]*>(?:(?!</app>).)*${text}(?:(?!</app>).)*</app>`))?.[0] ?? '';

describe('the multi-copy sample documents: each copy reads back exactly from the encoding', () => {
  for (const name of SAMPLES) {
    test(name, () => {
      const c = converted.get(name)!;
      expect(c.collations).toHaveLength(1);
      for (const w of c.doc.witnesses) expect(readCopy(c.xml, w.id), w.id).toBe(tokensText(witnessTokens(w)));
    });
  }
});

describe('issue 13, point 1: the registers decide which reading is right', () => {
  test('a misreading the register knows is the rdg, the right reading of the other copy the lemma', () => {
    const oas = appWith(c939.xml, '<sic>QAS</sic>');
    expect(oas).toMatch(/type="ocr" subtype="register" cert="high"/);
    expect(oas).toMatch(/<lem wit="#wit-B"><choice><abbr type="acronym">OAS<\/abbr>/);
    expect(oas).toMatch(/<rdg wit="#wit-A" cause="misreading"><choice><sic>QAS<\/sic>/);
    const kuz = appWith(c1687.xml, '<sic>Kuznatsov</sic>');
    // The lemma keeps its markup: the name of the register.
    expect(kuz).toMatch(/<lem wit="#wit-B"><persName ref="#kuznetsov">Kuznetsov<\/persName><\/lem>/);
    expect(kuz).toMatch(/<rdg wit="#wit-A" cause="misreading">/);
  });

  test('the excision ledger shows the corrected forms', () => {
    const ledger = excisionLedger(c939.collations);
    expect(ledger.map((e) => e.text)).toEqual(['Sherman Kent', 'brief de Gaulle. Ask Kent', 'and Kent.']);
    expect(ledger.every((e) => e.witness === 'wit-B')).toBe(true);
    expect(ledger.map((e) => e.extent)).toEqual(['less than 1 line of source text', 'less than 1 line of source text', 'less than 1 line of source text']);
  });
});

describe('issue 13, point 2: the reading text takes the right reading', () => {
  test("the base copy's misreading is emended from the other copy, which the corr names", () => {
    expect(c939.xml).toContain('<choice><sic>ex</sic><corr cert="medium" source="#wit-B">on</corr></choice>');
    expect(c939.xml).toContain('<choice><sic>QAS</sic><corr source="#wit-B">OAS</corr></choice>');
  });

  test("known misreadings are typed ocr with the register's certainty, not all low", () => {
    expect(appWith(c939.xml, '<sic>For more adequate</sic>')).toMatch(/type="ocr" subtype="register" cert="medium"/);
    expect(appWith(c939.xml, '<sic>BERN</sic>')).toMatch(/type="ocr" subtype="register" cert="high"/);
    expect(appWith(c939.xml, '<sic>BERN</sic>')).toMatch(/<lem wit="#wit-A">BONN<\/lem>/);
  });
});

describe('issue 13, point 3: OCR noise is typed as such', () => {
  test("copy B's misreadings and garbage are ocr entries (not substantive), each with the right lemma", () => {
    for (const sic of ['GDE', 'FUL', '11-28a', 'For more adequate', 'UNQDE']) expect(appWith(c939.xml, `<sic>${sic}</sic>`), sic).toMatch(/type="ocr"/);
    const noise = [...c939.xml.matchAll(/<app [^>]*>(?:(?!<\/app>).)*0000000000(?:(?!<\/app>).)*<\/app>/g)].map((m) => m[0]);
    expect(noise.length).toBeGreaterThan(0);
    for (const n of noise) expect(n).toMatch(/type="ocr" subtype="noise"/);
  });

  test('a run of digits and punctuation alone are noise; words are not', () => {
    const t = (w: string): Token => ({ text: w, norm: normalise(w), kind: 'word', block: 0 });
    const c = collateTokens('A', [t('end'), t('of'), t('text')], 'B', [t('end'), t('0000000000'), t('of'), t('text'), t('—')]);
    expect(c.segments.filter((s) => s.kind !== 'equal').map((s) => [s.kind, 'subtype' in s ? s.subtype : undefined])).toEqual([
      ['ocr', 'noise'],
      ['ocr', 'noise'],
    ]);
    const w = collateTokens('A', [t('end')], 'B', [t('end'), t('later')]);
    expect(w.segments.filter((s) => s.kind !== 'equal').map((s) => s.kind)).toEqual(['substantive']);
  });
});

describe('issue 13, point 4: deletions are collated', () => {
  test("the copies' struck words differ: deletion entries", () => {
    const pairs = [
      ['presence', 'reintroduction'],
      ['proscribed', 'zone'],
      ['Resolution', 'same'],
      ['from', 'and'],
    ];
    for (const [a, b] of pairs) {
      const app = appWith(c939.xml, `<del rend="strikethrough">${b}</del>`);
      expect(app, b).toMatch(/type="deletion"/);
      expect(app).toContain(`<lem wit="#wit-A"><del rend="strikethrough">${a}</del></lem>`);
    }
    // Struck in one copy only: the other has nothing there.
    expect(appWith(c1687.xml, '<del rend="strikethrough">improving</del>')).toMatch(/type="deletion".*<rdg wit="#wit-B"\/>/);
  });

  test('struck words never match read words', () => {
    const c = convert('The ~~old~~ text.\n\nEXCISED COPY FOLLOWS\n\nThe old text.', 'd', undefined, { persons: [], corrections: [], abbreviations: [] });
    // Struck in one copy, read in the other: the copies read differently.
    expect(c.xml).toMatch(/<app [^>]*type="substantive"[^>]*><lem wit="#wit-A"><del rend="strikethrough">old<\/del><\/lem><rdg wit="#wit-B">old<\/rdg><\/app>/);
  });
});

describe('issue 13, point 5: one standard encoding (double-end-point attachment)', () => {
  for (const name of SAMPLES) {
    test(`${name}: variantEncoding, listApp in standOff, no third copy, anchors with xml:id, entries inside one block`, () => {
      const xml = converted.get(name)!.xml;
      expect(xml).toContain('<variantEncoding method="double-end-point" location="external"/>');
      expect(xml).not.toContain('type="collation" corresp="#wit-A #wit-B">\n      <head>Copy B collated with copy A</head>\n      <ab');
      expect(xml).not.toMatch(/<div type="collation"/);
      const doc = parser.parse(xml) as XNode[];
      const witness = find(doc, (n) => nameOf(n) === 'div' && n[':@']?.corresp === '#wit-A')[0]!;
      // The block of each anchor of the base copy.
      const blockOf = new Map<string, XNode>();
      const walk = (nodes: XNode[], block: XNode | null) => {
        for (const n of nodes) {
          const nm = nameOf(n);
          if (nm === '#text') continue;
          if (nm === 'anchor') blockOf.set(n[':@']!['xml:id']!, block!);
          walk(kids(n), ['p', 'ab', 'head', 'label', 'note', 'item', 'signed'].includes(nm) ? n : block);
        }
      };
      walk(kids(witness), null);
      const apps = find(doc, (n) => nameOf(n) === 'app');
      expect(apps.length).toBeGreaterThan(10);
      for (const app of apps) {
        const { from, to } = app[':@']!;
        expect(blockOf.get(from!.slice(1)), from).toBeDefined();
        expect(blockOf.get(from!.slice(1)), `${from} ${to}`).toBe(blockOf.get(to!.slice(1)));
      }
      // Words of the body: those of the witnesses, no more (the apparatus is in standOff).
      const words = (s: string) => s.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;
      const body = /<body>([\s\S]*)<\/body>/.exec(xml)![1]!;
      const divs = [...body.matchAll(/<div type="witness"[\s\S]*?<\/div>/g)].map((m) => words(m[0]));
      expect(words(body)).toBe(divs.reduce((x, y) => x + y, 0));
    });
  }

  test("copy B's empty bracket gets the extent the collation measured", () => {
    expect(c939.xml).toMatch(/<div type="witness" corresp="#wit-B">[\s\S]*<gap reason="excised" rend="empty-brackets" quantity="0.3" unit="line" extent="less than 1 line of source text"\/>(<anchor [^>]*>)* accompany you/);
  });

  test('an excision of a whole paragraph, and one where lines are unknown, worded as FRUS does', () => {
    const src = 'First paragraph of the text.\n\nA secret paragraph\nof two lines.\n\nLast one.\n\nEXCISED COPY FOLLOWS\n\nFirst paragraph of the text.\n\n[]\n\nLast one.';
    const c = convert(src, 'd', undefined, { persons: [], corrections: [], abbreviations: [] });
    expect(excisionLedger(c.collations).map((e) => e.extent)).toEqual(['1 paragraph (2 lines of source text)']);
    const w = convert('One two three four five.\n\nEXCISED COPY FOLLOWS\n\nOne [] five.', 'd', undefined, { persons: [], corrections: [], abbreviations: [] });
    expect(excisionLedger(w.collations).map((e) => e.extent)).toEqual(['3 words of source text']);
  });
});

describe('options and edge cases', () => {
  const src = 'The full text of the telegram is here.\n\nEXCISED COPY FOLLOWS\n\nThe [] of the telegram is here.';
  test('collation can be turned off, the base copy chosen', () => {
    const off = convert(src, 'd', { edition: DEFAULT_EDITION, documents: { d: { identifiers: [], collation: false } } }, registers);
    expect(off.xml).not.toContain('<listApp');
    expect(off.xml).not.toContain('variantEncoding');
    const b = convert(src, 'd', { edition: DEFAULT_EDITION, documents: { d: { identifiers: [], base: 'wit-B' } } }, registers);
    expect(b.xml).toContain('<listApp type="collation" corresp="#wit-B #wit-A">');
  });

  test('the default base is the fullest copy', () => {
    const c = convert('Short.\n\nEXCISED COPY FOLLOWS\n\nThe longer copy of the same text.', 'd', undefined, registers);
    expect(c.xml).toContain('corresp="#wit-B #wit-A"');
  });

  const t = (words: string[], kind: Token['kind'] = 'word'): Token[] => words.map((w) => ({ text: w, norm: normalise(w) || w, kind, block: 0 }));

  test('witnesses that share nothing, one empty witness: one variant, no crash', () => {
    const c = collateTokens('A', t(['alpha', 'beta']), 'B', t(['gamma', 'delta', 'epsilon']));
    expect(c.segments.map((s) => s.kind)).toEqual(['substantive']);
    const e = collateTokens('A', t(['alpha', 'beta']), 'B', []);
    expect(e.segments).toEqual([{ kind: 'substantive', base: t(['alpha', 'beta']), other: [] }]);
    expect(collateTokens('A', [], 'B', []).segments).toEqual([]);
  });

  test('three witnesses: each collated with the base, each reads back', () => {
    const c = convert('One two three four.\n\nEXCISED COPY FOLLOWS\n\nOne [] four.\n\nTRANSCRIBED PAGE FOLLOWS\n\nOne two three five.', 'd', undefined, registers);
    expect(c.collations.map((x) => `${x.base}>${x.other}`)).toEqual(['wit-A>wit-B', 'wit-A>wit-C']);
    expect(readCopy(c.xml, 'wit-A')).toBe('One two three four.');
    expect(readCopy(c.xml, 'wit-B')).toBe('One [] four.');
    expect(readCopy(c.xml, 'wit-C')).toBe('One two three five.');
  });

  test('an entry whose words lie in two blocks of the base is split at the block', () => {
    const c = convert('Alpha beta.\n\nGamma delta.\n\nEXCISED COPY FOLLOWS\n\nAlpha [] delta.', 'd', undefined, { persons: [], corrections: [], abbreviations: [] });
    const apps = [...c.xml.matchAll(/<app [^>]*type="(\w+)"/g)].map((m) => m[1]);
    expect(apps).toEqual(['excision', 'excision']);
    for (const w of c.doc.witnesses) expect(readCopy(c.xml, w.id)).toBe(tokensText(witnessTokens(w)));
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
    expect(rep.segments.filter((s) => s.kind !== 'equal').map((s) => s.kind)).toEqual(['substantive']);
  });
});

describe('property: each witness reads back from the apparatus exactly', () => {
  const plainWord = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'Kent', 'QAS', 'OAS', 'the', 'of', 'US', 'NAC,', 'IL-28s;', '(a)', '0000000');
  // Some words struck through: deletions are collated too.
  const word = fc.oneof({ arbitrary: plainWord, weight: 4 }, { arbitrary: plainWord.map((w) => `~~${w}~~`), weight: 1 });
  const base = fc.array(word, { minLength: 1, maxLength: 40 });
  const edit = fc.oneof(
    fc.record({ op: fc.constant('del' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ op: fc.constant('excise' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ op: fc.constant('sub' as const), at: fc.nat(), w: word }),
    fc.record({ op: fc.constant('ins' as const), at: fc.nat(), w: word }),
    fc.record({ op: fc.constant('strike' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('para' as const), at: fc.nat() }),
  );
  test('on generated pairs, struck words and paragraph breaks included', () => {
    fc.assert(
      fc.property(base, fc.array(edit, { maxLength: 6 }), (words, edits) => {
        const other = [...words];
        for (const e of edits) {
          const at = e.at % (other.length + 1);
          if (e.op === 'del') other.splice(at, e.n);
          else if (e.op === 'excise') other.splice(at, e.n, '[]');
          else if (e.op === 'sub') other.splice(at, 1, e.w);
          else if (e.op === 'ins') other.splice(at, 0, e.w);
          else if (e.op === 'strike' && other[at] && !other[at]!.startsWith('~~') && other[at] !== '[]' && other[at] !== '\n\n') other[at] = `~~${other[at]}~~`;
          else if (e.op === 'para' && at > 0 && at < other.length) other.splice(at, 0, '\n\n');
        }
        const text = other.join(' ').replace(/ ?\n\n ?/g, '\n\n').replace(/^\s+|\s+$/g, '');
        const src = `${words.join(' ')}\n\nEXCISED COPY FOLLOWS\n\n${text || '[]'}`;
        const c = convert(src, 'g', { edition: DEFAULT_EDITION, documents: { g: { identifiers: [], base: 'wit-A' } } }, { persons: [], corrections: [], abbreviations: [] });
        for (const w of c.doc.witnesses) expect(readCopy(c.xml, w.id)).toBe(tokensText(witnessTokens(w)));
      }),
      { numRuns: 150 },
    );
  });
});
