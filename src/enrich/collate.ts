/**
 * Witness collation, in the spirit of CollateX (tokenise -> normalise -> align -> analyse):
 * each copy of a document is aligned word by word with the base copy (jsdiff's Myers diff on
 * normalised tokens); where they differ the result is a variant, an OCR misreading (a sic/corr
 * proposal) or an excision (the other copy shows an empty bracket or the reviewer's handwritten
 * marks where the base has text).
 */
import { diffArrays } from 'diff';
import type { Block, Inline, Witness } from '../transcription/model.js';
import { blockLines } from '../transcription/model.js';

export interface Token {
  /** As written. */
  text: string;
  /** Normalised for matching: case, punctuation and OCR-confusable characters folded. */
  norm: string;
  /** A word; an excision's empty bracket; a reviewer's handwritten mark. */
  kind: 'word' | 'excision' | 'mark';
  /** Index of the block of its witness it comes from. */
  block: number;
  /** Where the token starts and ends in the witness's model (to anchor the apparatus there). */
  from?: Loc;
  to?: Loc;
}

/** A place in the model: a character offset in an inline node of a list (0 or 1 for a whole node). */
export interface Loc {
  list: Inline[];
  node: Inline;
  offset: number;
  /** The node is taken whole (an excision mark, a choice): before it or after it. */
  whole?: boolean;
}

export type Segment =
  | { kind: 'equal'; base: Token[]; other: Token[] }
  | { kind: 'excision' | 'variant' | 'ocr' | 'form'; base: Token[]; other: Token[] };

export interface Collation {
  base: string;
  other: string;
  segments: Segment[];
  /** True when the witnesses differed too much to align word by word (one variant for all). */
  aborted: boolean;
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

/** The reading of a witness as tokens: deletions left out, insertions in, corrections as written. */
export function witnessTokens(w: Witness): Token[] {
  const pieces: Piece[] = [];
  w.blocks.forEach((b, block) => {
    if (!TEXT_BLOCKS.has(b.kind)) return;
    for (const line of blockLines(b)) {
      walk(line.inlines, false, block, pieces);
      pieces.push({ text: ' ', kind: 'word', block });
    }
  });
  // Words run across inline elements ("EUR:" + name + ":MC" is one word): split on white space only.
  const out: Token[] = [];
  let cur: { text: string; word: boolean; block: number; from?: Loc; to?: Loc } | null = null;
  const end = () => {
    if (cur) {
      const t: Token = { text: cur.text, norm: normalise(cur.text) || cur.text, kind: cur.word ? 'word' : 'mark', block: cur.block };
      if (cur.from) t.from = cur.from;
      if (cur.to) t.to = cur.to;
      out.push(t);
    }
    cur = null;
  };
  const loc = (p: Piece, offset: number, edge: 'start' | 'end'): Loc | undefined =>
    p.at && (p.at.whole ? { list: p.at.list, node: p.at.node, offset: edge === 'start' ? 0 : 1, whole: true } : { list: p.at.list, node: p.at.node, offset });
  for (const p of pieces) {
    if (p.kind === 'excision' || p.kind === 'signature') {
      end();
      const t: Token = p.kind === 'excision' ? { text: '[]', norm: '[]', kind: 'excision', block: p.block } : { text: '[Signature]', norm: '[signature]', kind: 'mark', block: p.block };
      const f = loc(p, 0, 'start');
      const e = loc(p, 0, 'end');
      if (f) t.from = f;
      if (e) t.to = e;
      out.push(t);
      continue;
    }
    let offset = 0;
    for (const part of p.text.split(/(\s+)/)) {
      if (!part) continue;
      if (/^\s+$/.test(part)) {
        end();
        offset += part.length;
        continue;
      }
      if (!cur) {
        cur = { text: '', word: false, block: p.block };
        const f = loc(p, offset, 'start');
        if (f) cur.from = f;
      }
      cur.text += part;
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
  kind: 'word' | 'mark' | 'excision' | 'signature';
  block: number;
  /** The node the piece comes from; `whole` when a mark must go around it, not inside. */
  at?: { list: Inline[]; node: Inline; whole: boolean };
}

function walk(nodes: Inline[], hand: boolean, block: number, out: Piece[], around?: { list: Inline[]; node: Inline }): void {
  for (const n of nodes) {
    const at = around ? { ...around, whole: true } : { list: nodes, node: n, whole: n.kind !== 'text' };
    switch (n.kind) {
      case 'text':
        out.push({ text: n.text, kind: hand ? 'mark' : 'word', block, at });
        break;
      case 'excision':
        out.push({ text: '[]', kind: 'excision', block, at });
        break;
      case 'signature':
        out.push({ text: '', kind: 'signature', block, at });
        break;
      case 'del':
      case 'pb':
      case 'noteRef':
        break;
      case 'hand':
        walk(n.children, true, block, out, around);
        break;
      case 'add':
      case 'bold':
      case 'bracketed':
      case 'name':
      case 'quote':
      case 'date':
        walk(n.children, hand, block, out, around);
        break;
      case 'choice':
        // Marks go around a choice, not into its sic (which the reading view does not show).
        walk(n.original, hand, block, out, around ?? { list: nodes, node: n });
        break;
      case 'quoteMark':
        out.push({ text: n.text, kind: hand ? 'mark' : 'word', block, at: around ? { ...around, whole: true } : { list: nodes, node: n, whole: true } });
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

export interface CollateOptions {
  /** Propose sic/corr for OCR misreadings (default true). */
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
    // Tokens equal once folded but written differently: an OCR misreading of the same word.
    let start = 0;
    // Written differently: an OCR misreading, or case and punctuation only (form).
    for (let k = 0; k < a.length; k++) {
      if (a[k]!.text !== b[k]!.text || a[k]!.kind !== b[k]!.kind) {
        if (k > start) segments.push({ kind: 'equal', base: a.slice(start, k), other: b.slice(start, k) });
        const same = plainKey(a[k]!) === plainKey(b[k]!);
        segments.push({ kind: same ? 'form' : ocr && a[k]!.kind === 'word' && b[k]!.kind === 'word' ? 'ocr' : 'variant', base: [a[k]!], other: [b[k]!] });
        start = k + 1;
      }
    }
    if (start < a.length) segments.push({ kind: 'equal', base: a.slice(start), other: b.slice(start) });
  };
  equal(base.slice(0, pre), other.slice(0, pre));
  let aborted = false;
  if (midA.length || midB.length) {
    const changes = align(midA, midB, options.maxEdits ?? 20_000);
    if (!changes) {
      aborted = true;
      segments.push({ kind: 'variant', base: midA, other: midB });
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
  return { base: baseId, other: otherId, segments: merge(segments), aborted };
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

/** A difference: an excision when the other copy has only excision marks where the base has words. */
function classify(a: Token[], b: Token[], ocr: boolean): Segment {
  const words = a.filter((t) => t.kind === 'word').length;
  if (words > 0 && b.length > 0 && b.every((t) => t.kind !== 'word')) return { kind: 'excision', base: a, other: b };
  if (ocr && a.length === 1 && b.length === 1 && a[0]!.kind === 'word' && b[0]!.kind === 'word') {
    const x = plainKey(a[0]!);
    const y = plainKey(b[0]!);
    if (x && y && distance(x, y) <= Math.max(1, Math.floor(Math.max(x.length, y.length) / 3))) return { kind: 'ocr', base: a, other: b };
  }
  return { kind: 'variant', base: a, other: b };
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

/** The text of a witness from a collation: what the round trip must give back. */
export function tokensText(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}

export interface ExcisionEntry {
  /** The copy that lacks the text. */
  witness: string;
  /** The words excised, as the base copy has them. */
  text: string;
  words: number;
}

/** What was withheld in which copy, and how much. */
export function excisionLedger(collations: Collation[]): ExcisionEntry[] {
  return collations.flatMap((c) =>
    c.segments
      .filter((s) => s.kind === 'excision')
      .map((s) => ({ witness: c.other, text: tokensText(s.base), words: s.base.filter((t) => t.kind === 'word').length })),
  );
}

/**
 * Anchor the apparatus in the base copy: an anchor before the first and after the last base word of
 * each excision and variant, pointing to its app.
 */
export function anchorApparatus(c: Collation, appId: (k: number) => string): void {
  const inserts: { loc: Loc; id: string; type: 'app-start' | 'app-end' }[] = [];
  let k = 0;
  for (const s of c.segments) {
    if (s.kind === 'equal') continue;
    const id = appId(k++);
    // Readers are shown excisions and variants in the text; case, punctuation and the
    // converter's OCR proposals are listed in the apparatus only.
    if (s.kind === 'form' || s.kind === 'ocr' || !s.base.length) continue;
    const from = s.base[0]!.from;
    const to = s.base[s.base.length - 1]!.to;
    if (!from || !to) continue;
    // Telegraphic quotation marks are not read in the reading text: nothing there to mark.
    if (s.base.every((t) => t.from?.node.kind === 'quoteMark')) continue;
    inserts.push({ loc: from, id, type: 'app-start' }, { loc: to, id, type: 'app-end' });
  }
  // Last first, so that earlier offsets in the same node stay right.
  const order = (x: (typeof inserts)[number]) => x.loc.offset + (x.loc.whole ? (x.loc.offset ? 1e9 : -1e9) : 0);
  const byNode = new Map<Inline, typeof inserts>();
  for (const i of inserts) byNode.set(i.loc.node, [...(byNode.get(i.loc.node) ?? []), i]);
  for (const [node, list] of byNode) {
    list.sort((a, b) => order(b) - order(a) || (a.type === 'app-start' ? 1 : -1));
    for (const ins of list) {
      const arr = ins.loc.list;
      const at = arr.indexOf(node);
      if (at < 0) continue;
      const anchor: Inline = { kind: 'anchor', id: ins.id, type: ins.type, pos: node.pos };
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
