/**
 * The inline signs of the transcription conventions (see docs/transcription-syntax.md).
 * Every sign opens and closes on the same line; an unclosed sign is an error at the
 * position where it was opened. A backslash escapes a sign character.
 */
import type { Inline, Position } from './model.js';
import { SourceError } from './source.js';

/** Characters a backslash escapes. */
const ESCAPABLE = new Set(['~', '^', '*', '[', ']', '{', '}', '\\', '@']);

/**
 * The hand sign: `@name ` right after a deletion, insertion or other-hand sign opens says whose hand
 * wrote it (`^{@reviewer presence}`, `*@typist are*`); docs/transcription-syntax.md.
 */
const HAND_RE = /@([A-Za-z][\w-]*) /y;

type Closer = '~~' | '}' | '**' | '*' | ']';

const SIGN_NAMES: Record<Closer, string> = {
  '~~': "deletion '~~'",
  '}': "insertion '^{'",
  '**': "bold '**'",
  '*': "other hand '*'",
  ']': "bracket '['",
};

const PAGE_RE = /\[Page ([0-9A-Za-z]+)\]/y;
const SIGNATURE = '*[Signature]*';

/**
 * How deep signs may nest (`^{a ~~b *c*~~}` is 3 levels). Real transcriptions nest two or three
 * deep; the limit keeps every later stage (enrichment, TEI, validation, rendering) far from the
 * depth where a recursive walk would exhaust the stack (see MAX_XML_DEPTH in src/validate/xml.ts).
 */
export const MAX_INLINE_DEPTH = 100;

export function parseInline(file: string, text: string, line: number, firstColumn = 1): Inline[] {
  return new InlineParser(file, text, line, firstColumn).parse(null, { line, column: firstColumn }, 0);
}

const SURROGATE_RE = /[\uD800-\uDBFF]/;

class InlineParser {
  private i = 0;
  /**
   * Code points before each UTF-16 offset, when the line has characters outside the BMP
   * (otherwise the offset is the column). Built once: positions cost O(1), long lines stay linear.
   */
  private readonly codePointsBefore: Uint32Array | null;
  constructor(
    private readonly file: string,
    private readonly s: string,
    private readonly line: number,
    private readonly firstColumn: number,
  ) {
    if (SURROGATE_RE.test(s)) {
      const before = new Uint32Array(s.length + 1);
      let n = 0;
      for (let k = 0; k < s.length; k++) {
        before[k] = n;
        const c = s.charCodeAt(k);
        if (c < 0xd800 || c > 0xdbff) n++;
      }
      before[s.length] = n;
      this.codePointsBefore = before;
    } else this.codePointsBefore = null;
  }

  private pos(at = this.i): Position {
    const column = this.codePointsBefore ? this.codePointsBefore[at]! : at;
    return { line: this.line, column: this.firstColumn + column };
  }

  /** The hand sign after an opening sign, if there is one: `{ hand: name }`, consumed. */
  private hand(): { hand?: string } {
    HAND_RE.lastIndex = this.i;
    const m = HAND_RE.exec(this.s);
    if (!m) return {};
    this.i += m[0].length;
    return { hand: m[1]! };
  }

  /** The content of a sign opened at `at`, one level below `depth`. */
  private nested(stop: Closer, at: Position, depth: number): Inline[] {
    if (depth >= MAX_INLINE_DEPTH) {
      throw new SourceError(
        this.file,
        at,
        `signs nested deeper than ${MAX_INLINE_DEPTH} levels (the limit of the transcription syntax): this ${SIGN_NAMES[stop]} is level ${depth + 1}`,
      );
    }
    return this.parse(stop, at, depth + 1);
  }

  parse(stop: Closer | null, openedAt: Position, depth: number): Inline[] {
    const out: Inline[] = [];
    let buf = '';
    let bufStart = this.i;
    const flush = () => {
      if (buf) out.push({ kind: 'text', text: buf, pos: this.pos(bufStart) });
      buf = '';
      bufStart = this.i;
    };
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      const at0 = this.i;
      const has = (sign: string) => s.startsWith(sign, at0);
      if (c === '\\' && ESCAPABLE.has(s[this.i + 1] ?? '')) {
        if (!buf) bufStart = this.i;
        buf += s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (stop && has(stop)) {
        flush();
        this.i += stop.length;
        return out;
      }
      const start = this.i;
      const at = this.pos();
      if (has('~~')) {
        flush();
        this.i += 2;
        const hand = this.hand();
        out.push({ kind: 'del', children: this.nested('~~', at, depth), pos: at, ...hand });
      } else if (has('^{')) {
        flush();
        this.i += 2;
        const hand = this.hand();
        out.push({ kind: 'add', children: this.nested('}', at, depth), pos: at, ...hand });
      } else if (has(SIGNATURE)) {
        flush();
        this.i += SIGNATURE.length;
        out.push({ kind: 'signature', pos: at });
      } else if (has('**')) {
        flush();
        this.i += 2;
        out.push({ kind: 'bold', children: this.nested('**', at, depth), pos: at });
      } else if (c === '*') {
        flush();
        this.i += 1;
        const hand = this.hand();
        out.push({ kind: 'hand', children: this.nested('*', at, depth), pos: at, ...hand });
      } else if (has('[]')) {
        flush();
        this.i += 2;
        out.push({ kind: 'excision', pos: at });
      } else if (c === '[' && ((PAGE_RE.lastIndex = this.i), PAGE_RE.test(s))) {
        flush();
        PAGE_RE.lastIndex = this.i;
        const m = PAGE_RE.exec(s)!;
        this.i += m[0].length;
        out.push({ kind: 'pb', n: m[1]!, pos: at });
      } else if (c === '[') {
        flush();
        this.i += 1;
        out.push({ kind: 'bracketed', children: this.nested(']', at, depth), pos: at });
      } else {
        if (!buf) bufStart = start;
        buf += c;
        this.i += 1;
        continue;
      }
      bufStart = this.i;
    }
    if (stop) {
      throw new SourceError(
        this.file,
        openedAt,
        `unclosed ${SIGN_NAMES[stop]}: it must be closed with '${stop}' on the same line` +
          (stop === '*' || stop === ']' ? ` (write \\${stop === '*' ? '*' : '['} for a literal character)` : ''),
      );
    }
    flush();
    return out;
  }
}

/**
 * The plain text of inline content: as the source shows it (signs removed, deletions and the
 * original of corrections included), or as the reading text reads it (deletions left out,
 * corrections and expansions read, acronyms as written, excisions marked).
 */
export function inlineText(inlines: Inline[], reading = false): string {
  let s = '';
  for (const n of inlines) {
    switch (n.kind) {
      case 'text':
        s += n.text;
        break;
      case 'del':
        if (!reading) s += inlineText(n.children, reading);
        break;
      case 'add':
      case 'hand':
      case 'bold':
      case 'bracketed':
      case 'name':
      case 'quote':
      case 'date':
      case 'gloss':
        s += inlineText(n.children, reading);
        break;
      case 'choice':
        s += reading && n.type !== 'acronym' ? n.regular : inlineText(n.original, reading);
        break;
      case 'quoteMark':
        if (!reading) s += n.text;
        break;
      case 'excision':
        if (n.wording) s += reading ? ` [${n.wording}] ` : n.wording;
        else if (reading) s += ' [excised] ';
        break;
      default:
        break;
    }
  }
  return s;
}

/** The reading of inline content (see inlineText). */
export function readingText(inlines: Inline[]): string {
  return inlineText(inlines, true);
}
