/**
 * The inline signs of the transcription conventions (see docs/transcription-syntax.md).
 * Every sign opens and closes on the same line; an unclosed sign is an error at the
 * position where it was opened. A backslash escapes a sign character.
 */
import type { Inline, Position } from './model.js';
import { SourceError, codePointLength } from './source.js';

/** Characters a backslash escapes. */
const ESCAPABLE = new Set(['~', '^', '*', '[', ']', '{', '}', '\\']);

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

export function parseInline(file: string, text: string, line: number, firstColumn = 1): Inline[] {
  return new InlineParser(file, text, line, firstColumn).parse(null, { line, column: firstColumn });
}

class InlineParser {
  private i = 0;
  constructor(
    private readonly file: string,
    private readonly s: string,
    private readonly line: number,
    private readonly firstColumn: number,
  ) {}

  /** Column bookkeeping is incremental, so that long lines stay linear. */
  private colAt = 0;
  private colValue = 0;

  private pos(at = this.i): Position {
    if (at < this.colAt) {
      this.colAt = 0;
      this.colValue = 0;
    }
    this.colValue += codePointLength(this.s.slice(this.colAt, at));
    this.colAt = at;
    return { line: this.line, column: this.firstColumn + this.colValue };
  }

  parse(stop: Closer | null, openedAt: Position): Inline[] {
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
        out.push({ kind: 'del', children: this.parse('~~', at), pos: at });
      } else if (has('^{')) {
        flush();
        this.i += 2;
        out.push({ kind: 'add', children: this.parse('}', at), pos: at });
      } else if (has(SIGNATURE)) {
        flush();
        this.i += SIGNATURE.length;
        out.push({ kind: 'signature', pos: at });
      } else if (has('**')) {
        flush();
        this.i += 2;
        out.push({ kind: 'bold', children: this.parse('**', at), pos: at });
      } else if (c === '*') {
        flush();
        this.i += 1;
        out.push({ kind: 'hand', children: this.parse('*', at), pos: at });
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
        out.push({ kind: 'bracketed', children: this.parse(']', at), pos: at });
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
        s += inlineText(n.children, reading);
        break;
      case 'choice':
        s += reading && n.type !== 'acronym' ? n.regular : inlineText(n.original, reading);
        break;
      case 'quoteMark':
        if (!reading) s += n.text;
        break;
      case 'excision':
        if (reading) s += ' [excised] ';
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
