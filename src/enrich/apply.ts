/**
 * Enrichment: the registers applied to the document model. Names of the person register become
 * names with their id, corrections become sic/corr choices, abbreviations abbr/expan choices,
 * QTE ... UNQTE a quotation, dates in the text dates with their ISO value. With `suggest`, likely
 * person names that no register lists (a title and a capitalised name, a drafter code, a signature)
 * become names without an id, and are reported so that the editor can add them.
 */
import type { Block, Inline, Line, Position, TranscribedDocument } from '../transcription/model.js';
import { blockLines } from '../transcription/model.js';
import { codePointLength } from '../transcription/source.js';
import type { Abbreviation, Correction, Person, Registers } from './registers.js';
import { isoFromNumeric, isoFromStamp, parseLongDate } from './dates.js';
import { inlineText } from '../transcription/inline.js';
import { findNames, type NameType, type Segment } from './names.js';

export interface EnrichOptions {
  registers: Registers;
  /** The document's name (corrections may be limited to some documents). */
  document: string;
  /** Tag likely person names that no register lists. */
  suggest: boolean;
}

export interface UnknownName {
  text: string;
  pos: Position;
}

export interface EnrichReport {
  unknownNames: UnknownName[];
  /** Ids of the register's persons named in the document, in order of first mention. */
  persons: string[];
}

interface Entry {
  person?: Person;
  /** A likely name no register lists, found elsewhere in the document by the suggestion rules. */
  unlisted?: NameType;
  correction?: Correction;
  abbreviation?: Abbreviation;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A regex matching any of the texts as whole words, longest first. */
function alternation(texts: string[]): RegExp | null {
  if (!texts.length) return null;
  const sorted = [...new Set(texts)].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** Drafter codes: OFFICE:InitialsSurname:typist. */
const DRAFTER_RE = /(?<![\p{L}\p{N}])[A-Z]{1,5}(?:\/[A-Z]{1,5})?:([A-Z]{1,3}[A-Z][a-z]+):[A-Za-z]{1,4}(?![\p{L}])/gu;
const MONTH_ABBR = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const FULL_MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE_RE = new RegExp(
  [
    `(?<stamp>(?:${MONTH_ABBR})[a-z]*\\.? \\d{1,2},? \\d{1,2}[ :]\\d{2} ?(?:AM|PM|A\\.M\\.|P\\.M\\.) '\\d{2})`,
    `(?<long>(?:${FULL_MONTHS}) \\d{1,2}, \\d{4})`,
    `(?<numeric>(?<![\\d/])\\d{1,2}/\\d{1,2}/\\d{2}(?:\\d{2})?(?![\\d/]))`,
  ].join('|'),
  'gu',
);

class Enricher {
  private readonly report: EnrichReport = { unknownNames: [], persons: [] };
  private entries = new Map<string, Entry>();
  private registerRe: RegExp | null = null;
  private correctionRe: RegExp | null = null;
  private corrections = new Map<string, Correction>();

  constructor(private readonly options: EnrichOptions) {}

  /** Prepare the matchers for one witness (corrections may be limited to a witness). */
  private prepare(witness: string): void {
    const { registers, document } = this.options;
    this.entries = new Map();
    const entry = (t: string) => {
      let e = this.entries.get(t);
      if (!e) this.entries.set(t, (e = {}));
      return e;
    };
    for (const p of registers.persons) for (const f of p.forms) entry(f).person ??= p;
    this.corrections = new Map();
    for (const c of registers.corrections) {
      if (c.documents && !c.documents.includes(document)) continue;
      if (c.witness && c.witness !== witness) continue;
      entry(c.sic).correction ??= c;
      this.corrections.set(c.sic, c);
    }
    for (const a of registers.abbreviations) for (const f of a.abbr) entry(f).abbreviation ??= a;
    for (const [c, type] of this.candidates) if (!this.entries.has(c)) entry(c).unlisted = type;
    this.registerRe = alternation([...this.entries.keys()]);
    this.correctionRe = alternation([...this.corrections.keys()]);
  }

  /** Likely names no register lists, found anywhere in the document: tagged wherever they occur. */
  private candidates = new Map<string, NameType>();

  private collectCandidates(doc: TranscribedDocument): void {
    const segments: Segment[] = [];
    const drafters: string[] = [];
    const push = (text: string, kind: Segment['kind']) => {
      for (const m of text.matchAll(DRAFTER_RE)) drafters.push(m[1]!);
      segments.push({ text, kind });
    };
    for (const w of doc.witnesses) {
      for (const b of w.blocks) {
        const lines = blockLines(b);
        // A block of one short line without a full stop: a participant, an addressee, a role.
        const short = lines.length === 1 && b.kind !== 'head' && b.kind !== 'signature' && inlineText(lines[0]!.inlines).split(/\s+/).length <= 16 && !/[.!?]\s*$/.test(inlineText(lines[0]!.inlines));
        const kind: Segment['kind'] = b.kind === 'head' ? 'head' : b.kind === 'signature' ? 'signature' : short || b.kind === 'participants' || b.kind === 'field' ? 'line' : 'body';
        for (const l of lines) push(inlineText(l.inlines), kind);
      }
    }
    for (const n of doc.notes) push(inlineText(n.content), 'note');
    this.candidates = findNames(segments);
    for (const d of drafters) if (!this.candidates.has(d)) this.candidates.set(d, 'person');
  }

  run(doc: TranscribedDocument): EnrichReport {
    if (this.options.suggest) this.collectCandidates(doc);
    for (const w of doc.witnesses) {
      this.prepare(w.id);
      for (const b of w.blocks) this.block(b);
    }
    if (doc.witnesses[0]) this.prepare(doc.witnesses[0].id);
    for (const n of doc.notes) n.content = this.inlines(n.content, { dates: true });
    return this.report;
  }

  private block(b: Block): void {
    if (b.kind === 'pb') return;
    const lines = blockLines(b);
    for (let k = 0; k + 1 < lines.length; k++) this.acrossLineEnd(lines[k]!, lines[k + 1]!);
    for (const line of lines) {
      line.inlines = this.inlines(line.inlines, { dates: b.kind !== 'dateline' });
      if (b.kind === 'signature' && this.options.suggest) this.signature(line);
    }
  }

  private parts = 0;

  /**
   * A register name broken by a line end ("McGeorge" / "Bundy"): two linked parts, one at the end
   * of the first line, one at the start of the next.
   */
  private acrossLineEnd(first: Line, second: Line): void {
    const a = first.inlines[first.inlines.length - 1];
    const b = second.inlines[0];
    if (!this.registerRe || a?.kind !== 'text' || b?.kind !== 'text') return;
    const joined = `${a.text} ${b.text}`;
    for (const m of joined.matchAll(this.registerRe)) {
      const end = m.index + m[0].length;
      if (m.index >= a.text.length || end <= a.text.length + 1) continue;
      const person = this.entries.get(m[0])?.person;
      if (!person) continue;
      if (!this.report.persons.includes(person.id)) this.report.persons.push(person.id);
      const n = ++this.parts;
      const idA = `${person.id}-part${n}a`;
      const idB = `${person.id}-part${n}b`;
      const headA = a.text.slice(0, m.index);
      const nameA = a.text.slice(m.index);
      const nameB = b.text.slice(0, end - a.text.length - 1);
      const tailB = b.text.slice(end - a.text.length - 1);
      const posA = { line: a.pos.line, column: a.pos.column + codePointLength(headA) };
      first.inlines.splice(first.inlines.length - 1, 1, ...(headA ? [{ ...a, text: headA }] : []), {
        kind: 'name', type: 'person', ref: person.id, children: [{ kind: 'text', text: nameA, pos: posA }], pos: posA, part: { id: idA, next: idB },
      });
      second.inlines.splice(0, 1, {
        kind: 'name', type: 'person', ref: person.id, children: [{ kind: 'text', text: nameB, pos: b.pos }], pos: b.pos, part: { id: idB, prev: idA },
      }, ...(tailB ? [{ kind: 'text' as const, text: tailB, pos: { line: b.pos.line, column: b.pos.column + codePointLength(nameB) } }] : []));
      return;
    }
  }

  /**
   * A register name broken by a page break inside a line ("Dean [Page 450] Rusk"): one name with
   * the page break inside it.
   */
  private acrossPageBreaks(nodes: Inline[]): Inline[] {
    if (!this.registerRe) return nodes;
    const out: Inline[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i]!;
      const pb = nodes[i + 1];
      const b = nodes[i + 2];
      if (a.kind === 'text' && pb?.kind === 'pb' && b?.kind === 'text') {
        const aTrim = a.text.replace(/\s+$/, '');
        const aSpace = a.text.slice(aTrim.length);
        const bTrim = b.text.replace(/^\s+/, '');
        const bSpace = b.text.slice(0, b.text.length - bTrim.length);
        const joined = `${aTrim} ${bTrim}`;
        const m = [...joined.matchAll(this.registerRe)].find((x) => x.index < aTrim.length && x.index + x[0].length > aTrim.length + 1);
        const person = m && this.entries.get(m[0])?.person;
        if (m && person) {
          if (!this.report.persons.includes(person.id)) this.report.persons.push(person.id);
          const end = m.index + m[0].length - aTrim.length - 1;
          const head = aTrim.slice(0, m.index);
          const pos = { line: a.pos.line, column: a.pos.column + codePointLength(head) };
          if (head) out.push({ kind: 'text', text: head, pos: a.pos });
          out.push({
            kind: 'name',
            type: 'person',
            ref: person.id,
            pos,
            children: [
              { kind: 'text', text: aTrim.slice(m.index) + aSpace, pos },
              pb,
              { kind: 'text', text: bSpace + bTrim.slice(0, end), pos: b.pos },
            ],
          });
          const tail = bTrim.slice(end);
          if (tail) out.push({ kind: 'text', text: tail, pos: b.pos });
          i += 2;
          continue;
        }
      }
      out.push(a);
    }
    return out;
  }

  /** A signature that no register knows is a name all the same. */
  private signature(line: Line): void {
    if (line.inlines.some((n) => n.kind === 'name')) return;
    const text = line.inlines.map((n) => (n.kind === 'text' ? n.text : '')).join('');
    if (!text.trim() || line.inlines.some((n) => n.kind !== 'text')) return;
    this.report.unknownNames.push({ text: text.trim(), pos: line.pos });
    line.inlines = [{ kind: 'name', type: 'person', children: line.inlines, pos: line.pos }];
  }

  inlines(nodes: Inline[], ctx: { dates: boolean }): Inline[] {
    const out: Inline[] = [];
    for (const n of this.acrossPageBreaks(nodes)) {
      switch (n.kind) {
        case 'text':
          out.push(...this.text(n.text, n.pos, ctx));
          break;
        case 'del':
        case 'add':
        case 'hand':
        case 'bold':
        case 'bracketed':
          out.push({ ...n, children: this.inlines(n.children, ctx) });
          break;
        default:
          out.push(n);
      }
    }
    return quotations(out);
  }

  /** Register matches in a text, the rest to dates and name suggestions. */
  private text(text: string, pos: Position, ctx: { dates: boolean }): Inline[] {
    const out: Inline[] = [];
    let last = 0;
    const at = (i: number): Position => ({ line: pos.line, column: pos.column + codePointLength(text.slice(0, i)) });
    const rest = (from: number, to: number) => {
      if (to > from) out.push(...this.plain(text.slice(from, to), at(from), ctx));
    };
    if (this.registerRe) {
      for (const m of text.matchAll(this.registerRe)) {
        const e = this.entries.get(m[0])!;
        rest(last, m.index);
        out.push(this.entryNode(m[0], e, at(m.index)));
        last = m.index + m[0].length;
      }
    }
    rest(last, text.length);
    return out;
  }

  private entryNode(text: string, e: Entry, pos: Position): Inline {
    if (e.unlisted && !e.person) {
      if (e.unlisted === 'person') this.report.unknownNames.push({ text, pos });
      return { kind: 'name', type: e.unlisted, children: this.correctionsIn(text, pos), pos };
    }
    if (e.person) {
      if (!this.report.persons.includes(e.person.id)) this.report.persons.push(e.person.id);
      return { kind: 'name', type: 'person', ref: e.person.id, children: this.correctionsIn(text, pos), pos };
    }
    if (e.correction) return this.correctionNode(text, e.correction, pos);
    const a = e.abbreviation!;
    if (a.type === 'quote') return { kind: 'quoteMark', text, pos };
    if (a.type === 'gloss') return { kind: 'gloss', term: a.abbr[0]!, gloss: a.expan, children: [{ kind: 'text', text, pos }], pos };
    return { kind: 'choice', type: a.type, original: [{ kind: 'text', text, pos }], regular: a.expan, pos };
  }

  private correctionNode(text: string, c: Correction, pos: Position): Inline {
    return { kind: 'choice', type: 'correction', original: [{ kind: 'text', text, pos }], regular: c.corr, pos, ...(c.cert ? { cert: c.cert } : {}) };
  }

  /** Corrections inside a name ("Therman Kent": "Therman" is corrected). */
  private correctionsIn(text: string, pos: Position): Inline[] {
    const out: Inline[] = [];
    let last = 0;
    const at = (i: number): Position => ({ line: pos.line, column: pos.column + codePointLength(text.slice(0, i)) });
    if (this.correctionRe) {
      for (const m of text.matchAll(this.correctionRe)) {
        if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index), pos: at(last) });
        out.push(this.correctionNode(m[0], this.corrections.get(m[0])!, at(m.index)));
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) out.push({ kind: 'text', text: text.slice(last), pos: at(last) });
    return out;
  }

  /** Text no register matched: dates, then likely names. */
  private plain(text: string, pos: Position, ctx: { dates: boolean }): Inline[] {
    const at = (i: number): Position => ({ line: pos.line, column: pos.column + codePointLength(text.slice(0, i)) });
    const spans: { start: number; end: number; node: Inline }[] = [];
    if (ctx.dates) {
      for (const m of text.matchAll(DATE_RE)) {
        const g = m.groups!;
        const when = g.stamp ? isoFromStamp(g.stamp) : g.long ? parseLongDate(g.long) : g.numeric ? isoFromNumeric(g.numeric) : undefined;
        if (!when) continue;
        spans.push({ start: m.index, end: m.index + m[0].length, node: { kind: 'date', when, children: [{ kind: 'text', text: m[0], pos: at(m.index) }], pos: at(m.index) } });
      }
    }
    spans.sort((a, b) => a.start - b.start);
    const out: Inline[] = [];
    let last = 0;
    for (const sp of spans) {
      if (sp.start < last) continue;
      if (sp.start > last) out.push({ kind: 'text', text: text.slice(last, sp.start), pos: at(last) });
      out.push(sp.node);
      last = sp.end;
    }
    if (last < text.length) out.push({ kind: 'text', text: text.slice(last), pos: at(last) });
    return out;
  }
}

/** QTE ... UNQTE on one line: the words between them are a quotation. */
function quotations(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.kind === 'quoteMark' && n.text === 'QTE') {
      const j = nodes.findIndex((x, k) => k > i && x.kind === 'quoteMark' && x.text === 'UNQTE');
      if (j > i + 1) {
        const inner = nodes.slice(i + 1, j);
        // The spaces between the marks and the quotation go with the marks, so that a reading
        // view that drops the marks leaves neither space ("as “Soviet technicians”.").
        const lead = trimEdge(inner, 'start');
        const trail = trimEdge(inner, 'end');
        const open = n;
        const close = nodes[j] as Extract<Inline, { kind: 'quoteMark' }>;
        out.push(
          { ...open, text: open.text + lead },
          { kind: 'quote', children: inner, pos: inner[0]?.pos ?? n.pos },
          { ...close, text: trail + close.text },
        );
        i = j;
        continue;
      }
    }
    out.push(n);
  }
  return out;
}

/** Take the leading or trailing white space of the first/last text node out of `inner`. */
function trimEdge(inner: Inline[], edge: 'start' | 'end'): string {
  const k = edge === 'start' ? 0 : inner.length - 1;
  const t = inner[k];
  if (!t || t.kind !== 'text') return '';
  const m = edge === 'start' ? /^\s+/.exec(t.text) : /\s+$/.exec(t.text);
  if (!m) return '';
  const rest = edge === 'start' ? t.text.slice(m[0].length) : t.text.slice(0, t.text.length - m[0].length);
  if (rest) inner[k] = { ...t, text: rest };
  else inner.splice(k, 1);
  return m[0];
}

export function enrich(doc: TranscribedDocument, options: EnrichOptions): EnrichReport {
  return new Enricher(options).run(doc);
}
