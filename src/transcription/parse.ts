/**
 * Transcription -> document model. Reads the block structure of a typed document
 * (blank-line separated blocks), recognises furniture, stamps, fields, paragraphs and
 * signatures, infers page breaks, and resolves the note markers of scraped FRUS pages.
 */
import type { AdminType, Block, FwType, Inline, Line, Note, Position, StampType, TranscribedDocument, Warning, Witness } from './model.js';
import { SourceError } from './source.js';
import { parseInline } from './inline.js';
import { codePointLength } from './source.js';
import {
  NOTICE_RE,
  PAGE_LINE_RE,
  WITNESS_SEPARATOR_RE,
  adminOf,
  endsSentence,
  fieldOf,
  furnitureOf,
  isBareLabel,
  isCaption,
  isDateline,
  isProse,
  isSignatureLike,
  isStampish,
  isUpperCaseLine,
  pageNumberOf,
  withheldOf,
  BLOCK_SIGN_RE,
  BLOCK_SIGNS,
  FORM_NUMBER_RE,
  isFormFieldLine,
  isMark,
  isTitleLine,
  saluteOf,
  type BlockSign,
  plain,
  stampStartOf,
  words,
} from './classify.js';
import { resolveNoteMarkers } from './notes.js';
import { blockLines, witnessId } from './model.js';

export interface ParseOptions {
  /** Source conventions; detected from the text when not given. */
  style?: 'typescript' | 'frus-web';
}

interface RawLine {
  text: string;
  number: number;
}

const NOTE_LINE_RE = /^(\s{1,6})(\d{1,3})\.\s+(\S.*)$/;

/** Is this a page scraped from the FRUS website: a numbered heading and a note list at the end? */
export function detectStyle(lines: string[]): 'typescript' | 'frus-web' {
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const last = [...lines].reverse().find((l) => l.trim() !== '') ?? '';
  return /^\d{1,4}\.\s+\S/.test(first) && NOTE_LINE_RE.test(last) ? 'frus-web' : 'typescript';
}

export function parseTranscription(file: string, text: string, options: ParseOptions = {}): TranscribedDocument {
  const lines = text.split('\n');
  const style = options.style ?? detectStyle(lines);
  let bodyEnd = lines.length;
  const notes: Note[] = [];
  if (style === 'frus-web') {
    while (bodyEnd > 0 && lines[bodyEnd - 1]!.trim() === '') bodyEnd--;
    let start = bodyEnd;
    while (start > 0 && NOTE_LINE_RE.test(lines[start - 1]!)) start--;
    for (let i = start; i < bodyEnd; i++) {
      const m = NOTE_LINE_RE.exec(lines[i]!)!;
      const column = codePointLength(lines[i]!.slice(0, lines[i]!.length - m[3]!.length)) + 1;
      const pos = { line: i + 1, column: 1 };
      const content = parseInline(file, m[3]!.replace(/\s+$/, ''), i + 1, column);
      notes.push({ n: String(notes.length + 1), content, pos, placed: false, ...(notes.length === 0 ? { type: 'source' as const } : {}) });
    }
    bodyEnd = start;
  }

  const warnings: Warning[] = [];
  // Split into witnesses at "... COPY FOLLOWS" lines.
  const witnessLines: { intro?: RawLine; lines: RawLine[] }[] = [{ lines: [] }];
  for (let i = 0; i < bodyEnd; i++) {
    const t = lines[i]!.trim();
    if (WITNESS_SEPARATOR_RE.test(t)) {
      witnessLines.push({ intro: { text: lines[i]!, number: i + 1 }, lines: [] });
    } else {
      witnessLines[witnessLines.length - 1]!.lines.push({ text: lines[i]!, number: i + 1 });
    }
  }
  const witnesses: Witness[] = witnessLines
    .filter((w, i) => i === 0 || w.lines.some((l) => l.text.trim()) || w.intro)
    .map((w, i) => {
      const introduction = w.intro ? toLine(file, w.intro) : undefined;
      const signs = new Map<Line[], Sign>();
      const blocks = structure(file, rawBlocks(file, w.lines, signs), style, warnings, signs);
      const pos = introduction?.pos ?? blocks[0]?.pos ?? { line: 1, column: 1 };
      return { id: witnessId(i), blocks, pos, ...(introduction ? { introduction } : {}) };
    });

  for (const w of witnesses) {
    if (w.introduction) withheld(w.introduction.inlines);
    for (const b of w.blocks) for (const l of blockLines(b)) withheld(l.inlines);
  }
  for (const n of notes) withheld(n.content);
  const doc: TranscribedDocument = { file, style, witnesses, notes, warnings };
  if (notes.length) resolveNoteMarkers(doc);
  return doc;
}

/** Brackets that state what was withheld ("[1 paragraph … not declassified]") are excisions, their wording kept. */
function withheld(inlines: Inline[]): void {
  inlines.forEach((n, i) => {
    if (n.kind !== 'bracketed') {
      if ('children' in n) withheld(n.children);
      return;
    }
    if (!n.children.every((c) => c.kind === 'text')) return withheld(n.children);
    const wording = n.children.map((c) => (c as { text: string }).text).join('');
    const w = withheldOf(wording);
    if (w) inlines[i] = { kind: 'excision', pos: n.pos, wording, ...w };
    else withheld(n.children);
  });
}

function toLine(file: string, raw: RawLine, column = 1): Line {
  const trimmed = raw.text.slice(column - 1).replace(/\s+$/, '');
  return { inlines: parseInline(file, trimmed, raw.number, column), pos: { line: raw.number, column }, raw: raw.text };
}

/** An editor's sign that sets the kind of its block (`{=stamp}`), where it was written. */
interface Sign {
  kind: BlockSign;
  sub?: string;
  pos: Position;
}

/**
 * Blank-line separated groups of lines; a `[Page N]` line is a group of its own. A block sign
 * (`{=kind}`) at the start of a block's first line is taken off the line and recorded in `signs`;
 * a sign on a line of its own applies to the lines after it.
 */
function rawBlocks(file: string, raw: RawLine[], signs: Map<Line[], Sign>): Line[][] {
  const out: Line[][] = [];
  let cur: Line[] = [];
  let sign: Sign | undefined;
  const flush = () => {
    if (cur.length) {
      out.push(cur);
      if (sign) signs.set(cur, sign);
      sign = undefined;
    }
    cur = [];
  };
  for (const r of raw) {
    if (r.text.trim() === '') {
      flush();
      continue;
    }
    const m = cur.length === 0 ? BLOCK_SIGN_RE.exec(r.text) : null;
    if (m) {
      const pos = { line: r.number, column: 1 };
      if (!(BLOCK_SIGNS as readonly string[]).includes(m[1]!)) {
        throw new SourceError(file, pos, `unknown block sign '{=${m[1]}}': the signs are ${BLOCK_SIGNS.map((k) => `{=${k}}`).join(', ')}`);
      }
      sign = { kind: m[1] as BlockSign, ...(m[2] ? { sub: m[2] } : {}), pos };
      const rest = r.text.slice(m[0].length);
      if (rest.trim() === '') continue;
      cur.push(toLine(file, r, codePointLength(m[0]) + 1));
      continue;
    }
    if (PAGE_LINE_RE.test(r.text.trim()) && !sign) {
      flush();
      out.push([toLine(file, r)]);
      continue;
    }
    cur.push(toLine(file, r));
  }
  flush();
  return out;
}

const FW_TYPES = new Set<string>(['classification', 'pageNum', 'header', 'notice', 'form', 'archival', 'formField', 'date', 'mark']);
const STAMP_TYPES = new Set<string>(['review', 'declassification', 'datetime']);

/** The block an editor's sign asks for; undefined for `{=text}` (the rules decide, furniture and stamps aside). */
function signedBlock(sign: Sign, lines: Line[], file: string, afterText: boolean): Block | undefined {
  const pos = lines[0]!.pos;
  const bad = (what: string) => new SourceError(file, sign.pos, `unknown ${what} '${sign.sub}' in '{=${sign.kind}:${sign.sub}}'`);
  switch (sign.kind) {
    case 'paragraph':
      return { kind: 'paragraph', lines, pos };
    case 'heading':
      return { kind: 'head', lines, pos };
    case 'caption':
      return { kind: 'caption', lines, pos };
    case 'dateline':
      return { kind: 'dateline', lines, pos };
    case 'stamp':
      if (sign.sub && !STAMP_TYPES.has(sign.sub)) throw bad('stamp type');
      return { kind: 'stamp', stamp: (sign.sub ?? 'review') as StampType, lines: [...lines], pos };
    case 'furniture':
    case 'form': {
      if (sign.sub && !FW_TYPES.has(sign.sub)) throw bad('furniture type');
      const fw = (sign.sub ?? (sign.kind === 'form' ? 'formField' : 'mark')) as FwType;
      return { kind: 'furniture', lines: lines.map((line) => ({ fw, line })), pos };
    }
    case 'drafting':
    case 'approval':
    case 'clearance':
    case 'classifiedBy':
      return { kind: 'admin', admin: sign.kind as AdminType, lines: [...lines], pos };
    case 'address':
      return { kind: 'address', lines, pos };
    case 'opener':
      return { kind: 'opener', lines, pos };
    case 'salute':
      return { kind: 'salute', lines, pos, place: afterText ? 'closer' : 'opener' };
    case 'closer':
      return { kind: 'signature', lines, pos, closerOnly: true };
    case 'signature':
      return { kind: 'signature', lines, pos };
    case 'subject':
      return { kind: 'subject', lines, pos };
    case 'block':
      return { kind: 'block', lines, pos, zone: afterText ? 'body' : 'head' };
    case 'text':
      return undefined;
  }
}

/**
 * A form's printed number run into the stamp beside it on one line ("FORM 5-61 DS-322 Authority
 * NSC 65 12/27/77"): the form number is a line of its own, the stamp starts after it.
 */
function splitFormNumber(groups: Line[][]): void {
  for (let g = 0; g < groups.length; g++) {
    const l = groups[g]![0]!;
    const first = l.inlines[0];
    if (!first || first.kind !== 'text') continue;
    const m = FORM_NUMBER_RE.exec(first.text);
    if (!m || first.text.slice(m[0].length).trim() === '') continue;
    const [number, rest] = splitLine(l, m[0].length);
    if (!rest) continue;
    groups.splice(g, 1, [number], [rest, ...groups[g]!.slice(1)]);
  }
}

/**
 * Two columns of the form typed on one line, the second an admin label of its own ("Drafted by:
 * … <tab> Telegraphic transmission and classification approved by: …"): the first column is one
 * note, the rest (second column and the lines after) the other, so the text keeps its order.
 */
function splitAdminColumns(lines: Line[]): [Line[], Line[]] | undefined {
  const l = lines[0]!;
  const first = l.inlines[0];
  if (!first || first.kind !== 'text' || l.inlines.length !== 1) return undefined;
  const tab = first.text.indexOf('\t');
  if (tab < 0 || !adminOf(first.text.slice(tab + 1).trim()) || !adminOf(first.text.slice(0, tab))) return undefined;
  const [left, right] = splitLine(l, tab);
  if (!right) return undefined;
  const leftLine: Line = { ...left, inlines: left.inlines.map((n) => (n.kind === 'text' ? { ...n, text: first.text.slice(0, tab) } : n)) };
  return [[leftLine], [right, ...lines.slice(1)]];
}

const TEXT_KINDS = new Set<Block['kind']>(['head', 'paragraph', 'caption', 'dateline', 'field', 'participants', 'signature', 'salute', 'subject', 'address', 'opener']);

/** Classify the blocks of one witness, then infer signature, page breaks and paragraph continuations. */
function structure(file: string, groups: Line[][], style: 'typescript' | 'frus-web', warnings: Warning[], signs: Map<Line[], Sign>): Block[] {
  splitFormNumber(groups);
  const blocks: Block[] = [];
  let afterText = false;
  /** For each furniture block, the index of the source group it came from. */
  const groupOf = new Map<Block, number>();
  let stampOpen: StampType | null = null;
  let adminOpen: Block | null = null;
  /** Before the first field, dateline, participants list or paragraph: the form's heading matter. */
  let inHead = true;

  for (let g = 0; g < groups.length; g++) {
    const lines = groups[g]!;
    const texts = lines.map(plain);
    const first = texts[0]!;
    const pos = lines[0]!.pos;
    const push = (b: Block) => {
      blocks.push(b);
      groupOf.set(b, g);
      if (b.kind === 'paragraph') afterText = true;
    };
    const sign = signs.get(lines);
    const signed = sign ? signedBlock(sign, lines, file, afterText) : undefined;
    if (signed) {
      push(signed);
      if (signed.kind !== 'stamp') stampOpen = null;
      adminOpen = null;
      if (['paragraph', 'dateline', 'subject', 'salute', 'opener', 'address'].includes(signed.kind)) inHead = false;
      continue;
    }
    /** `{=text}`: never furniture, a stamp, a page break or a form's admin matter. */
    const asText = sign?.kind === 'text';
    if (asText) {
      if (texts.some(isProse)) push({ kind: 'paragraph', lines, pos });
      else if (lines.length === 1 && !inHead && (isCaption(first) || isUpperCaseLine(first))) push({ kind: 'caption', lines, pos });
      else push({ kind: 'block', lines, pos, zone: inHead ? 'head' : 'body' });
      if (texts.some(isProse)) inHead = false;
      stampOpen = null;
      adminOpen = null;
      continue;
    }

    if (lines.length === 1 && PAGE_LINE_RE.test(lines[0]!.raw.trim())) {
      const n = PAGE_LINE_RE.exec(lines[0]!.raw.trim())![1]!;
      push({ kind: 'pb', n, inferred: false, pos, source: lines[0]! });
      continue;
    }
    if (style === 'frus-web' && g === 0) {
      push({ kind: 'head', lines, pos });
      continue;
    }
    if (NOTICE_RE.test(first)) {
      push({ kind: 'furniture', lines: lines.map((line) => ({ fw: 'notice' as const, line })), pos });
      stampOpen = null;
      adminOpen = null;
      continue;
    }
    const fws = texts.map(furnitureOf);
    if (fws.every((f) => f !== undefined)) {
      lines.forEach((line, k) => push({ kind: 'furniture', lines: [{ fw: fws[k]!, line }], pos: line.pos }));
      stampOpen = null;
      adminOpen = null;
      continue;
    }
    const start = stampStartOf(first);
    if (start) {
      push({ kind: 'stamp', stamp: start, lines: [...lines], pos });
      stampOpen = start === 'datetime' ? null : start;
      adminOpen = null;
      continue;
    }
    if (adminOpen && adminOpen.kind === 'admin' && lines.length === 1 && adminOf(first) === 'drafting' && !/^(?:Drafted|Dated) by\b/i.test(first)) {
      adminOpen.lines.push(...lines);
      adminOpen = null;
      continue;
    }
    const columns = splitAdminColumns(lines);
    if (columns) {
      for (const part of columns) push({ kind: 'admin', admin: adminOf(plain(part[0]!))!, lines: part, pos: part[0]!.pos });
      stampOpen = null;
      adminOpen = null;
      continue;
    }
    const admin = adminOf(texts.join(' '));
    if (admin) {
      const b: Block = { kind: 'admin', admin, lines: [...lines], pos };
      push(b);
      adminOpen = isBareLabel(texts.join(' ')) ? b : null;
      stampOpen = null;
      continue;
    }
    const field = fieldOf(first);
    if (field) {
      const l0 = lines[0]!;
      const [label, rest] = splitLine(l0, field.labelLength);
      const entries = rest ? [rest, ...lines.slice(1)] : lines.slice(1);
      // A bare label ("TO:") takes its entries from the next block when that is a plain list of lines.
      const next = groups[g + 1];
      if (!entries.length && next && next.map(plain).every((t) => !isProse(t) && !furnitureOf(t) && !fieldOf(t) && !adminOf(t) && !stampStartOf(t))) {
        entries.push(...next);
        g++;
      }
      push({ kind: 'field', field: field.field, label, entries, pos });
      adminOpen = null;
      inHead = false;
      continue; // a field may interrupt a stamp that goes on after it (two OCR'd columns)
    }
    if (isDateline(first) && lines.length <= 2) {
      push({ kind: 'dateline', lines, pos });
      inHead = false;
      stampOpen = null;
      adminOpen = null;
      continue;
    }
    if (stampOpen && texts.every((t) => isStampish(t) || (words(t) <= 4 && !isProse(t)))) {
      push({ kind: 'stamp', stamp: stampOpen, lines: [...lines], pos });
      continue;
    }
    if (!texts.some(isProse) && texts.filter(isStampish).length * 2 > texts.length) {
      push({ kind: 'stamp', stamp: 'review', lines: [...lines], pos });
      stampOpen = 'review';
      continue;
    }
    // A reviewer's mark among the short lines of a form's heading ("EXCISE" over file numbers): a stamp of its own.
    if (inHead && style === 'typescript' && texts.some(isStampish) && texts.every(isFormFieldLine)) {
      push({ kind: 'stamp', stamp: 'review', lines: [...lines], pos });
      stampOpen = null;
      continue;
    }
    stampOpen = null;
    if (adminOpen && adminOpen.kind === 'admin' && texts.every((t) => words(t) <= 10 && !isProse(t))) {
      adminOpen.lines.push(...lines);
      continue;
    }
    adminOpen = null;
    const next = groups[g + 1];
    if (
      lines.length === 1 &&
      /:$/.test(first) &&
      words(first) <= 6 &&
      next &&
      next.length >= 2 &&
      next.map(plain).every((t) => words(t) <= 8 && !furnitureOf(t) && !isStampish(t))
    ) {
      const group = { head: lines[0]!, entries: next };
      const prev = blocks[blocks.length - 1];
      if (prev?.kind === 'participants') prev.groups.push(group);
      else push({ kind: 'participants', groups: [group], pos });
      inHead = false;
      g++;
      continue;
    }
    const salute = lines.length === 1 ? saluteOf(first) : undefined;
    if (salute) {
      push({ kind: 'salute', lines, pos, place: afterText ? 'closer' : 'opener' });
      inHead = false;
      continue;
    }
    // A title right after the dateline of a memorandum is its subject.
    const prevBlock = blocks[blocks.length - 1];
    if (lines.length === 1 && prevBlock?.kind === 'dateline' && !afterText && isTitleLine(first)) {
      push({ kind: 'subject', lines, pos });
      continue;
    }
    // Short lines of a form's heading (the telegram form's origin, distribution and series boxes).
    if (inHead && style === 'typescript' && lines.length <= 3 && texts.every(isFormFieldLine) && !texts.some(isSignatureWord)) {
      push({ kind: 'furniture', lines: lines.map((line) => ({ fw: 'formField' as const, line })), pos });
      continue;
    }
    if (lines.length === 1 && !inHead && (isCaption(first) || isUpperCaseLine(first))) {
      push({ kind: 'caption', lines, pos });
      continue;
    }
    if (texts.some(isProse)) {
      push({ kind: 'paragraph', lines, pos });
      inHead = false;
      continue;
    }
    push({ kind: 'block', lines, pos, zone: inHead ? 'head' : 'body' });
  }

  const merged = mergeStamps(blocks);
  markSignature(merged);
  markTailMarks(merged);
  const paged = inferPageBreaks(merged, groupOf, style);
  markContinuations(paged, warnings);
  return paged;
}

/** Split a line after `at` UTF-16 units of its plain text (used for a field label). */
function splitLine(line: Line, at: number): [Line, Line | undefined] {
  const first = line.inlines[0];
  if (!first || first.kind !== 'text' || first.text.length < at) return [line, undefined];
  const label: Inline = { kind: 'text', text: first.text.slice(0, at), pos: first.pos };
  const restText = first.text.slice(at).replace(/^\s+/, '');
  const skipped = first.text.length - at - restText.length;
  const restPos: Position = { line: first.pos.line, column: first.pos.column + codePointLength(first.text.slice(0, at + skipped)) };
  const restInlines: Inline[] = [
    ...(restText ? [{ kind: 'text' as const, text: restText, pos: restPos }] : []),
    ...line.inlines.slice(1),
  ];
  const labelLine: Line = { inlines: [label], pos: line.pos, raw: line.raw };
  if (!restInlines.length) return [labelLine, undefined];
  return [labelLine, { inlines: restInlines, pos: restPos, raw: line.raw }];
}

/** Consecutive stamp blocks of one kind are one stamp; the blank line between them is kept. */
function mergeStamps(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (b.kind === 'stamp' && prev?.kind === 'stamp' && prev.stamp === b.stamp && b.stamp !== 'datetime') {
      prev.lines.push(null, ...b.lines);
      continue;
    }
    out.push(b);
  }
  return out;
}

const TAIL_KINDS = new Set<Block['kind']>(['furniture', 'stamp', 'admin', 'pb', 'block', 'caption']);

/** The last signature-like line after the running text, followed only by form matter, is the signature. */
function markSignature(blocks: Block[]): void {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (!TAIL_KINDS.has(b.kind)) return;
    if ((b.kind !== 'block' && b.kind !== 'caption') || b.lines.length !== 1 || !isSignatureLike(plain(b.lines[0]!))) continue;
    let j = i - 1;
    while (j >= 0 && (['furniture', 'stamp', 'pb'].includes(blocks[j]!.kind) || (blocks[j]!.kind === 'salute' && (blocks[j] as { place: string }).place === 'closer'))) j--;
    const before = blocks[j];
    const afterText = before && (before.kind === 'paragraph' || before.kind === 'caption');
    if (!afterText) continue;
    blocks[i] = { kind: 'signature', lines: b.lines, pos: b.pos };
    for (let k = i + 1; k < blocks.length; k++) {
      const t = blocks[k]!;
      if (t.kind === 'block') t.zone = 'tail';
    }
    return;
  }
}

/**
 * Initials or a mark alone on a line among the page's furniture ("PB" between an archival number
 * and the page break) are furniture, not a caption of the text.
 */
function markTailMarks(blocks: Block[]): void {
  const matter = (b: Block | undefined) => !b || b.kind === 'furniture' || b.kind === 'stamp' || b.kind === 'pb';
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if ((b.kind === 'caption' || b.kind === 'block') && b.lines.length === 1 && isMark(plain(b.lines[0]!)) && matter(blocks[i - 1]) && matter(blocks[i + 1])) {
      blocks[i] = { kind: 'furniture', lines: [{ fw: 'mark', line: b.lines[0]! }], pos: b.pos };
    }
  }
}

/** A form field is no signature: "RUSK" after the text is one, and is not in a form's heading anyway. */
function isSignatureWord(text: string): boolean {
  return /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(text);
}

function hasLineFurniture(b: Block, fw: string): boolean {
  return b.kind === 'furniture' && b.lines.some((l) => l.fw === fw);
}

/**
 * Page breaks: explicit ones (`[Page N]`, a `-N-` page number) and those inferred where the
 * running text is interrupted by the furniture of a page foot and the next page's head.
 */
function inferPageBreaks(blocks: Block[], groupOf: Map<Block, number>, style: 'typescript' | 'frus-web'): Block[] {
  const breaksBefore = new Set<number>();
  // Explicit page numbers: the break goes before the source block holding the number.
  for (let i = 0; i < blocks.length; i++) {
    if (!hasLineFurniture(blocks[i]!, 'pageNum')) continue;
    const g = groupOf.get(blocks[i]!);
    let k = i;
    while (k > 0 && groupOf.get(blocks[k - 1]!) === g && blocks[k - 1]!.kind === 'furniture') k--;
    if (k > 0 && blocks[k - 1]!.kind === 'pb') continue;
    breaksBefore.add(k);
  }
  // Runs of non-text blocks between two text blocks.
  let i = 0;
  while (i < blocks.length) {
    if (!TEXT_KINDS.has(blocks[i]!.kind)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < blocks.length && !TEXT_KINDS.has(blocks[j]!.kind)) j++;
    if (j >= blocks.length) break;
    const run = blocks.slice(i + 1, j);
    const explicit = run.some((b, k) => b.kind === 'pb' || breaksBefore.has(i + 1 + k));
    if (!explicit && run.length) {
      const noticeAt = run.map((b) => hasLineFurniture(b, 'notice')).lastIndexOf(true);
      if (noticeAt >= 0) breaksBefore.add(i + 1 + noticeAt + 1);
      else {
        const cls = run.map((b) => (hasLineFurniture(b, 'classification') ? 1 : 0) as number);
        const total = cls.reduce((a, b) => a + b, 0);
        if (total >= 2) {
          const half = Math.ceil(total / 2);
          let seen = 0;
          for (let k = 0; k < run.length; k++) {
            seen += cls[k]!;
            if (seen === half) {
              breaksBefore.add(i + 1 + k + 1);
              break;
            }
          }
        }
      }
    }
    i = j;
  }

  const out: Block[] = [];
  let page = 0;
  const firstPos = blocks[0]?.pos ?? { line: 1, column: 1 };
  if (style === 'typescript') {
    page = 1;
    out.push({ kind: 'pb', n: '1', inferred: true, pos: firstPos });
  }
  blocks.forEach((b, k) => {
    if (breaksBefore.has(k)) {
      // A page number among the furniture of the same source block names the page.
      let n: string | undefined;
      for (let m = k; m < blocks.length && groupOf.get(blocks[m]!) === groupOf.get(b); m++) {
        const bm = blocks[m]!;
        if (bm.kind === 'furniture') n ??= bm.lines.map((l) => pageNumberOf(plain(l.line))).find(Boolean);
      }
      if (n) page = Number(n);
      else page += 1;
      out.push({ kind: 'pb', inferred: n === undefined, pos: b.pos, ...(page > 0 ? { n: String(page) } : {}) });
    }
    if (b.kind === 'pb' && b.n && /^\d+$/.test(b.n)) page = Number(b.n);
    for (const line of blockLines(b)) {
      for (const inl of line.inlines) if (inl.kind === 'pb' && /^\d+$/.test(inl.n)) page = Number(inl.n);
    }
    out.push(b);
  });
  return out;
}

/**
 * How many paragraphs one paragraph may be continued into, itself included: the reading view
 * joins them, and renders the chain recursively (MAX_NEXT_CHAIN in src/validate/xml.ts, the same
 * number, is what rendering accepts).
 */
export const MAX_CONTINUED = 100;

/** A paragraph that stops mid-sentence at a page break goes on in the next paragraph (for at most MAX_CONTINUED paragraphs). */
function markContinuations(blocks: Block[], warnings: Warning[]): void {
  let chain = 1;
  for (let i = 0; i < blocks.length; i++) {
    const p = blocks[i]!;
    if (p.kind !== 'paragraph') continue;
    let j = i + 1;
    let sawPb = false;
    while (j < blocks.length && !TEXT_KINDS.has(blocks[j]!.kind)) {
      if (blocks[j]!.kind === 'pb') sawPb = true;
      j++;
    }
    const q = blocks[j];
    if (!sawPb || !q || q.kind !== 'paragraph') continue;
    const lastText = plain(p.lines[p.lines.length - 1]!);
    if (endsSentence(lastText)) continue;
    chain = p.continuesPrevious ? chain + 1 : 2;
    if (chain > MAX_CONTINUED) {
      warnings.push({
        pos: q.pos,
        message: `a paragraph continued over more than ${MAX_CONTINUED - 1} page breaks: this one is not joined to it (the reading view starts a new paragraph here)`,
      });
      continue;
    }
    p.continuedNext = true;
    q.continuesPrevious = true;
  }
}


