/**
 * Witness collation, in the spirit of CollateX (tokenise -> normalise -> align -> analyse):
 * each copy of a document is aligned word by word with the base copy (jsdiff's Myers diff on
 * normalised tokens), struck words included; where they differ the result is an apparatus entry of
 * a class (excision, substantive, orthographic, ocr, deletion). The registers decide which reading
 * is right: a word corrections.yaml corrects is matched by its correction, so that a known
 * misreading of one copy aligns with the right reading of the other and is typed `ocr`, with the
 * register's certainty.
 *
 * The apparatus is anchored in the copies (double-end-point attachment, docs/encoding.md): anchors
 * with xml:ids at each entry's start and end in the base copy, and at its reading in the other copy.
 */
import { diffArrays } from 'diff';
import type { Block, Extent, Inline, Witness } from '../transcription/model.js';
import { blockLines } from '../transcription/model.js';

export interface Token {
  /** As written. */
  text: string;
  /** Normalised for matching: case, punctuation and OCR-confusable characters folded; the register's correction where it has one. */
  norm: string;
  /** A word; an excision's empty bracket; a reviewer's handwritten mark. */
  kind: 'word' | 'excision' | 'mark';
  /** Index of the block of its witness it comes from. */
  block: number;
  /**
   * The element of the TEI the token stands in where a block is written as several (each line of a
   * heading field or a participants list is an item): "block:line"; otherwise the block.
   */
  unit?: string;
  /** Index of its line in the block, and how many lines the block has as transcribed. */
  line?: number;
  lines?: number;
  /** Struck through in the copy (`~~x~~`). */
  deleted?: boolean;
  /** The register's correction of the word (corrections.yaml): what the word should read. */
  reg?: string;
  /** The register's certainty of that correction. */
  cert?: 'high' | 'medium' | 'low';
  /** The correction (a choice of the model) the word belongs to. */
  choice?: Inline;
  /** The other hand (`*x*`) the mark is written in. */
  handNode?: Inline;
  /** Where the token starts and ends in the witness's model (to anchor the apparatus there). */
  from?: Loc;
  to?: Loc;
}

/** A place in the model: a character offset in an inline node of a list (0 or 1 for a whole node). */
export interface Loc {
  list: Inline[];
  node: Inline;
  offset: number;
  /** The node is taken whole (an excision mark, a choice, a deletion): before it or after it. */
  whole?: boolean;
}

/** The classes of apparatus entries (app/@type). */
export type VariantType = 'excision' | 'substantive' | 'orthographic' | 'ocr' | 'deletion';

export type Segment =
  | { kind: 'equal'; base: Token[]; other: Token[] }
  | {
      kind: VariantType;
      base: Token[];
      other: Token[];
      /** How an ocr entry is known: the register says so, OCR noise (garbage, digit runs), or characters OCR confuses. */
      subtype?: 'register' | 'noise' | 'confusable';
      /** How certain the classification is (the register's certainty for its entries). */
      cert?: 'high' | 'medium' | 'low';
      /** Which copy reads right, where it is known (the register, OCR noise); otherwise the base is the lemma. */
      right?: 'base' | 'other';
    };

export type Variant = Exclude<Segment, { kind: 'equal' }>;

export interface Collation {
  base: string;
  other: string;
  segments: Segment[];
  /** True when the witnesses differed too much to align word by word (one variant for all). */
  aborted: boolean;
  /** Where each entry is anchored in the copies (anchorApparatus). */
  anchors?: Map<Variant, Anchoring>;
  /** The extent of each excision (anchorApparatus). */
  extents?: Map<Variant, Extent>;
}

/** Blocks whose words are the text of the document (not the furniture and stamps of a copy). */
const TEXT_BLOCKS = new Set<Block['kind']>(['head', 'paragraph', 'caption', 'dateline', 'field', 'participants', 'admin', 'signature', 'block']);

/** Case, punctuation and OCR-confusable characters folded, for matching only. */
export function normalise(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/rn/g, 'm')
    .replace(/[0q]/g, 'o')
    .replace(/[1i|]/g, 'l')
    .replace(/5/g, 's');
}

/** The key a token is aligned on: the register's reading where it has one; struck words apart from read ones. */
function matchKey(text: string, deleted: boolean | undefined, reg?: string): string {
  const r = reg ?? text;
  return (deleted ? '~' : '') + (normalise(r) || r);
}

/**
 * The words of a witness as tokens: insertions in, corrections as written (with the register's
 * correction in `reg`), struck words in, flagged `deleted`.
 */
export function witnessTokens(w: Witness): Token[] {
  const pieces: Piece[] = [];
  w.blocks.forEach((b, block) => {
    if (!TEXT_BLOCKS.has(b.kind)) return;
    const lines = blockLines(b);
    const perLine = b.kind === 'field' || b.kind === 'participants';
    lines.forEach((line, k) => {
      walk(line.inlines, { hand: false, deleted: false }, { block, line: k, lines: lines.length, ...(perLine ? { unit: `${block}:${k}` } : {}) }, pieces);
      pieces.push({ text: '', kind: 'break', block, line: k, lines: lines.length });
    });
  });
  // Words run across inline elements ("EUR:" + name + ":MC" is one word): split on white space,
  // and where struck text starts or ends.
  const out: Token[] = [];
  type Cur = { text: string; reg: string; hasReg: boolean; word: boolean; p: Piece; from?: Loc; to?: Loc; cert?: Token['cert']; choice?: Inline; handNode?: Inline };
  let cur: Cur | null = null;
  const end = () => {
    if (cur) {
      const { p } = cur;
      const t: Token = { text: cur.text, norm: matchKey(cur.text, p.deleted, cur.hasReg ? cur.reg : undefined), kind: cur.word ? 'word' : 'mark', block: p.block, line: p.line, lines: p.lines };
      if (p.unit) t.unit = p.unit;
      if (p.deleted) t.deleted = true;
      if (cur.hasReg && cur.reg !== cur.text) {
        t.reg = cur.reg;
        t.cert = cur.cert ?? 'high';
      }
      if (cur.choice) t.choice = cur.choice;
      if (cur.handNode) t.handNode = cur.handNode;
      if (cur.from) t.from = cur.from;
      if (cur.to) t.to = cur.to;
      out.push(t);
    }
    cur = null;
  };
  const loc = (p: Piece, offset: number, edge: 'start' | 'end'): Loc | undefined =>
    p.at && (p.at.whole ? { list: p.at.list, node: p.at.node, offset: edge === 'start' ? 0 : 1, whole: true } : { list: p.at.list, node: p.at.node, offset });
  for (const p of pieces) {
    if (p.kind === 'break') {
      end();
      continue;
    }
    if (p.kind === 'excision' || p.kind === 'signature') {
      end();
      const t: Token =
        p.kind === 'excision'
          ? { text: '[]', norm: '[]', kind: 'excision', block: p.block, line: p.line, lines: p.lines }
          : { text: '[Signature]', norm: '[signature]', kind: 'mark', block: p.block, line: p.line, lines: p.lines };
      if (p.deleted) {
        t.deleted = true;
        t.norm = `~${t.norm}`;
      }
      if (p.unit) t.unit = p.unit;
      const f = loc(p, 0, 'start');
      const e = loc(p, 0, 'end');
      if (f) t.from = f;
      if (e) t.to = e;
      out.push(t);
      continue;
    }
    if (cur && Boolean(cur.p.deleted) !== Boolean(p.deleted)) end();
    let offset = 0;
    const parts = p.text.split(/(\s+)/);
    for (const part of parts) {
      if (!part) continue;
      if (/^\s+$/.test(part)) {
        end();
        offset += part.length;
        continue;
      }
      if (!cur) {
        cur = { text: '', reg: '', hasReg: false, word: false, p };
        const f = loc(p, offset, 'start');
        if (f) cur.from = f;
      }
      cur.text += part;
      if (p.handNode) cur.handNode = p.handNode;
      if (p.reg !== undefined) {
        cur.reg += p.reg;
        cur.hasReg = true;
        cur.cert = p.cert;
        cur.choice = p.choice;
      } else cur.reg += part;
      offset += part.length;
      const e = loc(p, offset, 'end');
      if (e) cur.to = e;
      if (p.kind === 'word') cur.word = true;
    }
  }
  end();
  // A word written as a reviewer's mark elsewhere in the copy ("hll") is a mark too.
  const marks = new Set(out.filter((t) => t.kind === 'mark').map((t) => t.text.toLowerCase()));
  for (const t of out) if (t.kind === 'word' && marks.has(t.text.toLowerCase())) t.kind = 'mark';
  return out;
}

interface Piece {
  text: string;
  kind: 'word' | 'mark' | 'excision' | 'signature' | 'break';
  block: number;
  line: number;
  lines: number;
  unit?: string;
  deleted?: boolean;
  /** The register's reading of this piece (a word of a correction). */
  reg?: string;
  cert?: Token['cert'];
  choice?: Inline;
  handNode?: Inline;
  /** The node the piece comes from; `whole` when a mark must go around it, not inside. */
  at?: { list: Inline[]; node: Inline; whole: boolean };
}

type Where = { block: number; line: number; lines: number; unit?: string };

function walk(nodes: Inline[], state: { hand: boolean; deleted: boolean; handNode?: Inline }, where: Where, out: Piece[], around?: { list: Inline[]; node: Inline }): void {
  const base = { ...where, ...(state.deleted ? { deleted: true } : {}), ...(state.handNode ? { handNode: state.handNode } : {}) };
  for (const n of nodes) {
    const at = around ? { ...around, whole: true } : { list: nodes, node: n, whole: n.kind !== 'text' };
    switch (n.kind) {
      case 'text':
        out.push({ ...base, text: n.text, kind: state.hand ? 'mark' : 'word', at });
        break;
      case 'excision':
        out.push({ ...base, text: '[]', kind: 'excision', at });
        break;
      case 'signature':
        out.push({ ...base, text: '', kind: 'signature', at });
        break;
      case 'del':
        // Struck words are collated too (the copies' deletions differ); marks go around the deletion.
        out.push({ ...base, text: '', kind: 'break' });
        walk(n.children, { ...state, deleted: true }, where, out, around ?? { list: nodes, node: n });
        out.push({ ...base, text: '', kind: 'break' });
        break;
      case 'pb':
      case 'noteRef':
      case 'anchor':
        break;
      case 'hand':
        walk(n.children, { ...state, hand: true, handNode: n }, where, out, around);
        break;
      case 'add':
      case 'bold':
      case 'bracketed':
      case 'name':
      case 'quote':
      case 'date':
      case 'gloss':
        walk(n.children, state, where, out, around);
        break;
      case 'choice': {
        // Marks go around a choice, not into its sic (which the reading view does not show).
        const wrap = around ?? { list: nodes, node: n };
        const plain = n.original.every((o) => o.kind === 'text');
        if (n.type !== 'correction' || !plain) {
          walk(n.original, state, where, out, wrap);
          break;
        }
        // A correction: each word of the original with its word of the register's reading (or the
        // whole reading on the first word where the counts differ).
        const words = n.original.map((o) => (o.kind === 'text' ? o.text : '')).join('').split(/(\s+)/).filter(Boolean);
        const regs = n.regular.trim().split(/\s+/);
        const count = words.filter((w) => !/^\s+$/.test(w)).length;
        let k = 0;
        for (const w of words) {
          if (/^\s+$/.test(w)) {
            out.push({ ...base, text: w, kind: state.hand ? 'mark' : 'word', at: { ...wrap, whole: true } });
            continue;
          }
          const reg = count === regs.length ? regs[k]! : k === 0 ? n.regular : '';
          k++;
          out.push({ ...base, text: w, kind: state.hand ? 'mark' : 'word', at: { ...wrap, whole: true }, reg, cert: n.cert ?? 'high', choice: n });
        }
        break;
      }
      case 'quoteMark':
        out.push({ ...base, text: n.text, kind: state.hand ? 'mark' : 'word', at: around ? { ...around, whole: true } : { list: nodes, node: n, whole: true } });
        break;
    }
  }
}

/** Edit distance (for telling an OCR misreading from a different word). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length]!;
}

const plainKey = (t: Token) => t.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * OCR noise: a run of one digit repeated ("0000000000"), or a token with no letter or digit at all.
 * Such a token is never a reading of the text.
 */
export function isNoise(t: Token): boolean {
  return t.kind === 'word' && (/(\p{N})\1{4,}/u.test(t.text) || !/[\p{L}\p{N}]/u.test(t.text));
}

export interface CollateOptions {
  /** Recognise OCR misreadings (default true); off, every difference of words is substantive. */
  ocr?: boolean;
  /** Give up aligning word by word beyond this many edits (default 20,000). */
  maxEdits?: number;
}

export function collate(baseW: Witness, otherW: Witness, options: CollateOptions = {}): Collation {
  return collateTokens(baseW.id, witnessTokens(baseW), otherW.id, witnessTokens(otherW), options);
}

export function collateTokens(baseId: string, base: Token[], otherId: string, other: Token[], options: CollateOptions = {}): Collation {
  const ocr = options.ocr ?? true;
  // Common prefix and suffix first: they are most of the text and cost the diff nothing.
  let pre = 0;
  while (pre < base.length && pre < other.length && base[pre]!.norm === other[pre]!.norm) pre++;
  let suf = 0;
  while (suf < base.length - pre && suf < other.length - pre && base[base.length - 1 - suf]!.norm === other[other.length - 1 - suf]!.norm) suf++;
  const midA = base.slice(pre, base.length - suf);
  const midB = other.slice(pre, other.length - suf);
  const segments: Segment[] = [];
  const equal = (a: Token[], b: Token[]) => {
    // Matched, but written differently: a misreading (the register's, or OCR-confusable
    // characters), or case and punctuation only. The words of one correction are one entry.
    let start = 0;
    for (let k = 0; k < a.length; k++) {
      if (a[k]!.text === b[k]!.text && a[k]!.kind === b[k]!.kind) continue;
      if (k > start) segments.push({ kind: 'equal', base: a.slice(start, k), other: b.slice(start, k) });
      let j = k + 1;
      const choice = a[k]!.choice ?? b[k]!.choice;
      while (choice && j < a.length && (a[j]!.choice ?? b[j]!.choice) === choice) j++;
      segments.push(matched(a.slice(k, j), b.slice(k, j), ocr));
      start = j;
      k = j - 1;
    }
    if (start < a.length) segments.push({ kind: 'equal', base: a.slice(start), other: b.slice(start) });
  };
  equal(base.slice(0, pre), other.slice(0, pre));
  let aborted = false;
  if (midA.length || midB.length) {
    const changes = align(midA, midB, options.maxEdits ?? 20_000);
    if (!changes) {
      aborted = true;
      segments.push({ kind: 'substantive', base: midA, other: midB });
    } else {
      let i = 0;
      let j = 0;
      let pendingA: Token[] = [];
      let pendingB: Token[] = [];
      const flush = () => {
        if (pendingA.length || pendingB.length) segments.push(classify(pendingA, pendingB, ocr));
        pendingA = [];
        pendingB = [];
      };
      for (const c of changes) {
        if (c.op === 'added') {
          pendingB.push(...midB.slice(j, j + c.n));
          j += c.n;
        } else if (c.op === 'removed') {
          pendingA.push(...midA.slice(i, i + c.n));
          i += c.n;
        } else {
          flush();
          equal(midA.slice(i, i + c.n), midB.slice(j, j + c.n));
          i += c.n;
          j += c.n;
        }
      }
      flush();
    }
  }
  equal(base.slice(base.length - suf), other.slice(other.length - suf));
  return { base: baseId, other: otherId, segments: splitBlocks(merge(segments)), aborted };
}

/** Tokens matched (the same word once folded, or by the register's correction) but written differently. */
function matched(a: Token[], b: Token[], ocr: boolean): Variant {
  if (a.every((t) => t.deleted) && b.every((t) => t.deleted)) return { kind: 'deletion', base: a, other: b };
  const byRegister = (ts: Token[]) => ts.some((t) => t.reg !== undefined);
  const certOf = (ts: Token[]) => ts.find((t) => t.cert)?.cert ?? 'high';
  if (byRegister(a) && byRegister(b)) return { kind: 'ocr', subtype: 'register', cert: certOf(a), base: a, other: b };
  if (byRegister(a)) return { kind: 'ocr', subtype: 'register', cert: certOf(a), right: 'other', base: a, other: b };
  if (byRegister(b)) return { kind: 'ocr', subtype: 'register', cert: certOf(b), right: 'base', base: a, other: b };
  if (a.length === 1 && b.length === 1 && plainKey(a[0]!) === plainKey(b[0]!)) return { kind: 'orthographic', base: a, other: b };
  if (ocr && a.every((t) => t.kind === 'word') && b.every((t) => t.kind === 'word')) return { kind: 'ocr', subtype: 'confusable', cert: 'low', base: a, other: b };
  return { kind: 'substantive', base: a, other: b };
}

type Change = { op: 'equal' | 'added' | 'removed'; n: number };

/**
 * Align two token lists. Words that occur once in each list and in the same order anchor the
 * alignment (as in patience diff); Myers' diff (jsdiff) aligns the stretches between anchors, so
 * that long documents stay fast where they differ little. undefined when a stretch differs in more
 * than `maxEdits` edits.
 */
function align(a: Token[], b: Token[], maxEdits: number): Change[] | undefined {
  const count = (ts: Token[]) => {
    const m = new Map<string, number>();
    for (const t of ts) m.set(t.norm, (m.get(t.norm) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const posB = new Map<string, number>();
  b.forEach((t, j) => {
    if (cb.get(t.norm) === 1) posB.set(t.norm, j);
  });
  const pairs: [number, number][] = [];
  a.forEach((t, i) => {
    if (ca.get(t.norm) === 1 && posB.has(t.norm)) pairs.push([i, posB.get(t.norm)!]);
  });
  const anchors = longestIncreasing(pairs);
  const out: Change[] = [];
  const push = (op: Change['op'], n: number) => {
    if (n <= 0) return;
    const last = out[out.length - 1];
    if (last?.op === op) last.n += n;
    else out.push({ op, n });
  };
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...anchors, [a.length, b.length] as [number, number]]) {
    const sa = a.slice(i, ai).map((t) => t.norm);
    const sb = b.slice(j, bj).map((t) => t.norm);
    if (sa.length && sb.length) {
      const changes = diffArrays(sa, sb, { maxEditLength: maxEdits });
      if (!changes) return undefined;
      for (const c of changes) push(c.added ? 'added' : c.removed ? 'removed' : 'equal', c.count ?? c.value.length);
    } else {
      push('removed', sa.length);
      push('added', sb.length);
    }
    if (ai < a.length) push('equal', 1);
    i = ai + 1;
    j = bj + 1;
  }
  return out;
}

/** The longest chain of pairs increasing in both coordinates (patience sorting, O(n log n)). */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev: number[] = new Array(pairs.length).fill(-1);
  const tailIdx: number[] = [];
  pairs.forEach(([, y], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < y) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = y;
    tailIdx[lo] = k;
    prev[k] = lo > 0 ? tailIdx[lo - 1]! : -1;
  });
  const chain: [number, number][] = [];
  for (let k = tails.length ? tailIdx[tails.length - 1]! : -1; k >= 0; k = prev[k]!) chain.push(pairs[k]!);
  return chain.reverse();
}

/** A difference the alignment found, classified. */
function classify(a: Token[], b: Token[], ocr: boolean): Variant {
  const all = [...a, ...b];
  if (all.every((t) => t.deleted)) return { kind: 'deletion', base: a, other: b };
  const read = (ts: Token[]) => ts.filter((t) => !t.deleted);
  const words = read(a).filter((t) => t.kind === 'word').length;
  if (words > 0 && b.length > 0 && b.every((t) => t.kind !== 'word')) return { kind: 'excision', base: a, other: b };
  if (ocr) {
    // OCR noise where the other copy has nothing (or noise): garbage, not a reading.
    const noise = (ts: Token[]) => ts.length > 0 && ts.every(isNoise);
    if ((noise(b) && (!a.length || noise(a))) || (noise(a) && !b.length)) return { kind: 'ocr', subtype: 'noise', cert: 'high', right: noise(b) ? 'base' : 'other', base: a, other: b };
    // The register's correction of one copy reads as the other copy: a known misreading.
    const regText = (ts: Token[]) => normalise(ts.map((t) => t.reg ?? t.text).join(''));
    const text = (ts: Token[]) => normalise(ts.map((t) => t.text).join(''));
    if (a.some((t) => t.reg !== undefined) && regText(a) === text(b)) return { kind: 'ocr', subtype: 'register', cert: a.find((t) => t.cert)?.cert ?? 'high', right: 'other', base: a, other: b };
    if (b.some((t) => t.reg !== undefined) && regText(b) === text(a)) return { kind: 'ocr', subtype: 'register', cert: b.find((t) => t.cert)?.cert ?? 'high', right: 'base', base: a, other: b };
    if (a.length === 1 && b.length === 1 && a[0]!.kind === 'word' && b[0]!.kind === 'word' && !a[0]!.deleted && !b[0]!.deleted) {
      const x = plainKey(a[0]!);
      const y = plainKey(b[0]!);
      if (x && y && distance(x, y) <= Math.max(1, Math.floor(Math.max(x.length, y.length) / 3))) return { kind: 'ocr', subtype: 'confusable', cert: 'low', base: a, other: b };
    }
  }
  return { kind: 'substantive', base: a, other: b };
}

/** Adjacent equal segments joined. */
function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (s.kind === 'equal' && prev?.kind === 'equal') {
      prev.base.push(...s.base);
      prev.other.push(...s.other);
    } else out.push({ ...s, base: [...s.base], other: [...s.other] });
  }
  return out.filter((s) => s.base.length || s.other.length);
}

/** Runs of tokens of one block. */
function byBlock(ts: Token[]): Token[][] {
  const runs: Token[][] = [];
  for (const t of ts) {
    const last = runs[runs.length - 1];
    if (last && (last[0]!.unit ?? last[0]!.block) === (t.unit ?? t.block)) last.push(t);
    else runs.push([t]);
  }
  return runs;
}

/**
 * No entry crosses the block structure of the base copy: an entry whose base words lie in several
 * blocks (or items of a list) is split, block by block, the k-th run of the base with the k-th run of the other copy (the
 * other copy's further runs with the last part: an excision's marks stay with the excision).
 */
function splitBlocks(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.kind === 'equal') {
      out.push(s);
      continue;
    }
    const ra = byBlock(s.base);
    if (ra.length <= 1) {
      out.push(s);
      continue;
    }
    const rb = byBlock(s.other);
    ra.forEach((base, k) => {
      const other = k < ra.length - 1 ? (rb[k] ?? []) : rb.slice(k).flat();
      const part: Variant = { ...s, base, other };
      // A part keeps the class of the whole where it still fits it.
      if (s.kind === 'excision' && !base.some((t) => t.kind === 'word' && !t.deleted)) out.push({ ...part, kind: 'substantive' });
      else out.push(part);
    });
  }
  return out;
}

/** The text of a witness from a collation: what the round trip must give back (struck words as ~~word~~). */
export function tokensText(tokens: Token[]): string {
  return tokens.map((t) => (t.deleted ? `~~${t.text}~~` : t.text)).join(' ');
}

/** The words as the reading text reads them: the register's corrections, struck words left out. */
export function readingOf(tokens: Token[]): string {
  return tokens
    .filter((t) => !t.deleted)
    .map((t) => t.reg ?? t.text)
    .filter(Boolean)
    .join(' ');
}

export interface ExcisionEntry {
  /** The copy that lacks the text. */
  witness: string;
  /** The words excised, as the reading text reads them (the register's corrections made). */
  text: string;
  words: number;
  /** The extent, worded as FRUS does ("less than 1 line of source text"). */
  extent: string;
}

/** What was withheld in which copy, and how much. */
export function excisionLedger(collations: Collation[]): ExcisionEntry[] {
  return collations.flatMap((c) => {
    const measure = extents(c);
    return c.segments
      .filter((s): s is Variant => s.kind === 'excision')
      .map((s) => ({ witness: c.other, text: readingOf(s.base), words: readWords(s.base), extent: measure.get(s)!.text }));
  });
}

const readWords = (ts: Token[]) => ts.filter((t) => t.kind === 'word' && !t.deleted).length;

/**
 * The extent of each excision, measured on the excised copy's page: its lines where the
 * transcription keeps them (a block of several lines), words per line taken from the block; "1
 * paragraph" where the copy withholds a whole paragraph; by word count where lines are unknown.
 */
export function extents(c: Collation): Map<Variant, Extent> {
  // Words of each block of the other copy as the full copy has them: its own read words plus those excised there.
  const words = new Map<number, number>();
  const baseBlock = new Map<number, number>();
  for (const s of c.segments) {
    for (const t of s.other) if (t.kind === 'word' && !t.deleted) words.set(t.block, (words.get(t.block) ?? 0) + 1);
    for (const t of s.base) if (t.kind === 'word' && !t.deleted) baseBlock.set(t.block, (baseBlock.get(t.block) ?? 0) + 1);
  }
  const out = new Map<Variant, Extent>();
  const excisions = c.segments.filter((s): s is Variant => s.kind === 'excision');
  for (const s of excisions) {
    const block = s.other[0]?.block;
    if (block !== undefined) words.set(block, (words.get(block) ?? 0) + readWords(s.base));
  }
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  for (const s of excisions) {
    const n = readWords(s.base);
    // The copy's block that says most of its lines (an excision's marks may stand in two).
    const other = s.other.length ? s.other.reduce((x, y) => ((y.lines ?? 1) > (x.lines ?? 1) ? y : x)) : s.base[0]!;
    const lines = s.other.length ? (other.lines ?? 1) : 1;
    const blockWords = words.get(other.block) ?? n;
    const wholeBase = baseBlock.get(s.base[0]!.block) === n;
    if (wholeBase && s.other.every((t) => t.kind !== 'word')) {
      // A whole paragraph: its lines in the full copy where the transcription keeps them.
      const own = s.base[0]!.lines ?? 1;
      const measure = own > 1 ? plural(own, 'line') : lines > 1 ? plural(lines, 'line') : plural(n, 'word');
      out.set(s, { quantity: 1, unit: 'paragraph', text: `1 paragraph (${measure} of source text)` });
    } else if (lines > 1) {
      const perLine = blockWords / lines;
      const estimate = n / perLine;
      if (estimate < 1) out.set(s, { quantity: Math.round(estimate * 10) / 10 || 0.1, unit: 'line', text: 'less than 1 line of source text' });
      else {
        const q = Math.round(estimate);
        out.set(s, { quantity: q, unit: 'line', text: `${plural(q, 'line')} of source text` });
      }
    } else out.set(s, { quantity: n, unit: 'word', text: `${plural(n, 'word')} of source text` });
  }
  return out;
}

/** The xml:ids of an entry's anchors. */
export const anchorIds = (app: string) => ({ from: `${app}-from`, to: `${app}-to`, at: `${app}-at`, rdgFrom: `${app}-rdg-from`, rdgTo: `${app}-rdg-to`, rdgAt: `${app}-rdg-at` });

/** Where an entry is anchored in each copy: from/to anchors (equal for an entry with no words there). */
export interface Anchoring {
  from: string;
  to: string;
  rdgFrom?: string;
  rdgTo?: string;
}

/**
 * Anchor the apparatus in the copies (double-end-point attachment): in the base copy an anchor
 * before the first and after the last word of each entry (one anchor for an entry with no base
 * words: where the other copy's words would stand); in the other copy, anchors around its reading.
 * The excised copy's empty brackets get the extent the collation measured. Each collation keeps
 * its entries' anchor ids (`anchors`) and excisions' extents (`extents`).
 */
export function anchorApparatus(collations: Collation[], appId: (c: Collation, k: number) => string): void {
  // One pass for all collations: they share the base copy, whose text nodes the anchors split.
  const inserts: Insert[] = [];
  const seq = { n: 0 };
  for (const c of collations) planAnchors(c, (k) => appId(c, k), inserts, seq);
  insertAnchors(inserts);
}

function planAnchors(c: Collation, appId: (k: number) => string, inserts: Insert[], seq: { n: number }): void {
  const result = new Map<Variant, Anchoring>();
  let k = 0;
  let lastBase: Token | undefined;
  let lastOther: Token | undefined;
  const measured = extents(c);
  const nextOf = (side: 'base' | 'other', from: number): Token | undefined => {
    for (let i = from; i < c.segments.length; i++) {
      const t = c.segments[i]![side][0];
      if (t) return t;
    }
    return undefined;
  };
  c.segments.forEach((s, i) => {
    if (s.kind !== 'equal') {
      const id = appId(k++);
      const ids = anchorIds(id);
      const a: Anchoring = { from: ids.from, to: ids.to };
      const place = (ts: Token[], last: Token | undefined, side: 'base' | 'other', start: string, end: string, at: string, types: [Insert['type'], Insert['type']]): [string, string] | undefined => {
        const first = ts[0]?.from;
        const final = ts[ts.length - 1]?.to;
        if (first && final) {
          inserts.push({ loc: first, id: start, app: id, type: types[0], seq: seq.n++ }, { loc: final, id: end, app: id, type: types[1], seq: seq.n++ });
          return [start, end];
        }
        // No words here: one anchor where they would stand (after the last word before, or before the next).
        const point = last?.to ?? nextOf(side, i + 1)?.from;
        if (!point) return undefined;
        inserts.push({ loc: point, id: at, app: id, type: types[0], seq: seq.n++ });
        return [at, at];
      };
      const base = place(s.base, lastBase, 'base', ids.from, ids.to, ids.at, ['app-start', 'app-end']);
      if (base) [a.from, a.to] = base;
      const other = place(s.other, lastOther, 'other', ids.rdgFrom, ids.rdgTo, ids.rdgAt, ['rdg-start', 'rdg-end']);
      if (other) [a.rdgFrom, a.rdgTo] = other;
      result.set(s, a);
      if (s.kind === 'excision') {
        const extent = measured.get(s);
        for (const t of s.other) if (t.kind === 'excision' && extent && t.from?.node.kind === 'excision') t.from.node.measured = extent;
        // Handwritten marks where the copy withholds the text are the declassification reviewer's.
        for (const t of s.other) if (t.handNode?.kind === 'hand' && !t.handNode.hand) t.handNode.hand = 'reviewer';
      }
    }
    lastBase = s.base[s.base.length - 1] ?? lastBase;
    lastOther = s.other[s.other.length - 1] ?? lastOther;
  });
  c.anchors = result;
  c.extents = measured;
}

interface Insert {
  loc: Loc;
  id: string;
  app: string;
  type: 'app-start' | 'app-end' | 'rdg-start' | 'rdg-end';
  /** Order of the anchors where several stand at one place. */
  seq: number;
}

function insertAnchors(inserts: Insert[]): void {
  // Last first, so that earlier offsets in the same node stay right; at one place, in their order
  // (before a whole node, each is put just before it: the first one last).
  const order = (x: Insert) => x.loc.offset + (x.loc.whole ? (x.loc.offset ? 1e9 : -1e9) : 0);
  const byNode = new Map<Inline, Insert[]>();
  for (const i of inserts) {
    const list = byNode.get(i.loc.node);
    if (list) list.push(i);
    else byNode.set(i.loc.node, [i]);
  }
  for (const [node, list] of byNode) {
    list.sort((a, b) => order(b) - order(a) || (a.loc.whole && !a.loc.offset ? a.seq - b.seq : b.seq - a.seq));
    for (const ins of list) {
      const arr = ins.loc.list;
      const at = arr.indexOf(node);
      if (at < 0) continue;
      const anchor: Inline = { kind: 'anchor', id: ins.id, app: ins.app, type: ins.type, pos: node.pos };
      if (ins.loc.whole || node.kind !== 'text') {
        arr.splice(ins.loc.offset ? at + 1 : at, 0, anchor);
        continue;
      }
      const head = node.text.slice(0, ins.loc.offset);
      const tail = node.text.slice(ins.loc.offset);
      node.text = head;
      arr.splice(at + 1, 0, anchor, ...(tail ? [{ kind: 'text' as const, text: tail, pos: node.pos }] : []));
    }
  }
  for (const arr of new Set(inserts.map((i) => i.loc.list))) {
    for (let i = arr.length - 1; i >= 0; i--) {
      const n = arr[i]!;
      if (n.kind === 'text' && n.text === '') arr.splice(i, 1);
    }
  }
}

/**
 * Where the base copy misreads and the other copy reads what the register corrects it to, the
 * correction is an emendation from that copy: the choice names the copy as its source.
 */
export function markEmendations(c: Collation): void {
  for (const s of c.segments) {
    if (s.kind !== 'ocr' || s.subtype !== 'register' || s.right !== 'other') continue;
    for (const t of s.base) if (t.choice?.kind === 'choice') t.choice.source = c.other;
  }
}
