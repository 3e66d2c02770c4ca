/**
 * Recognisers for the lines and blocks of typed State Department documents: page furniture,
 * stamps, form fields. Each works on the plain text of a line (markup signs removed) and
 * says what it is; the document parser (parse.ts) decides with the context.
 */
import type { AdminType, FieldType, FwType, Line, StampType } from './model.js';
import { inlineText } from './inline.js';

export function plain(line: Line): string {
  return inlineText(line.inlines).replace(/\s+$/, '');
}

export function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

const MARKINGS = 'TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|DECLASSIFIED|EYES ONLY|LIMITED OFFICIAL USE|OFFICIAL USE ONLY';
const CLASSIFICATION_RE = new RegExp(`^(?:${MARKINGS})\\.?$`);
const PAGE_NUM_RE = /^-\s?(\d{1,4})\s?-$/;
const FORM_HEADER_RE = /^(?:[A-Z]+ )?TELEGRAM\s+Department of State$|^Department of State$/;
const FORM_CAPTION_RE = /[☐☑☒]|^INDICATE\b/;
const ARCHIVAL_RE = /^(?:[A-Z]{0,2}\d{4,}(?:-\d+)?|\d+-\s?DOS \d+|COPY NO\.\s?\d+.*|[A-Z]{2,6} No\.\s?\d+)$/;
/** A date typed or stamped on a line of its own: "1962/11/30", "11/30/62". */
const DATE_LINE_RE = /^(?:\d{4}\/\d{1,2}\/\d{1,2}|\d{1,2}\/\d{1,2}\/(?:\d{2}|\d{4}))$/;
/** The printed number of a form, at the foot of its page: "FORM 5-61 DS-322". */
export const FORM_NUMBER_RE = /^FORM [\d-]+ DS-\d+\b/;
export const NOTICE_RE = /^REPRODUCTION FROM THIS\b/;

/** Page-furniture type of a single line, if it is one. */
export function furnitureOf(text: string): FwType | undefined {
  if (CLASSIFICATION_RE.test(text)) return 'classification';
  if (PAGE_NUM_RE.test(text)) return 'pageNum';
  if (FORM_HEADER_RE.test(text)) return 'header';
  if (FORM_CAPTION_RE.test(text)) return 'form';
  if (ARCHIVAL_RE.test(text) && !/^(\d)\1*$/.test(text)) return 'archival';
  if (DATE_LINE_RE.test(text)) return 'date';
  if (FORM_NUMBER_RE.test(text) && FORM_NUMBER_RE.exec(text)![0] === text) return 'form';
  return undefined;
}

export function pageNumberOf(text: string): string | undefined {
  return PAGE_NUM_RE.exec(text)?.[1];
}

const MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const DATETIME_STAMP_RE = new RegExp(`^(?:${MONTHS})[a-z]*\\.? \\d{1,2},? \\d{1,2}[ :]\\d{2} ?(?:AM|PM|A\\.M\\.|P\\.M\\.) '\\d{2}$`);
const DECLASS_START_RE = /^(?:DECLASSIFICATION DATE\b|FORM [\d-]+ DS-\d+|Authority [A-Z]{2,}\b|By \S+,? NARS\b|PER \S+ OFFICE\b|\S+ FOI CASE\b|DECLASSIFIED\s+Authority\b)/;
const REVIEW_START_RE = /^DEPARTMENT OF STATE\b(?! [a-z])/;
const STAMP_WORD_RE =
  /\b(?:RELEASE|DECLASSIFY|EXCISE|DENY|CLASSIF(?:Y|IED)|DOWNGRADE|REVIEWED|EXTEND|DELAY|Non-respons\w*|exemptions?|[Aa]uthority|AUTHORITY|OADR|CADR|CADP|FOI|NARS)\b|\(\s?[Xx]?\s?\)/;

/** The kind of stamp a block begins, judged by its first line. */
export function stampStartOf(text: string): StampType | undefined {
  if (DATETIME_STAMP_RE.test(text)) return 'datetime';
  if (DECLASS_START_RE.test(text)) return 'declassification';
  if (REVIEW_START_RE.test(text)) return 'review';
  return undefined;
}

/** Does the line carry the vocabulary of a declassification or review stamp? */
export function isStampish(text: string): boolean {
  return STAMP_WORD_RE.test(text) && words(text) <= 12 && !readsAsSentence(text);
}

/** Prose rather than a form's line: four or more lowercase words, ending as a sentence or clause does. */
function readsAsSentence(text: string): boolean {
  return /[a-z]{2,}[.;:]$/.test(text) && text.split(/\s+/).filter((w) => /^[a-z]/.test(w)).length >= 4;
}

const FIELD_RE = /^(ACTION|INFO|TO|THROUGH|FROM|SUBJECT|Copies to|COPIES TO)\s?:\s*/;
const FIELD_TYPES: Record<string, FieldType> = {
  action: 'action',
  info: 'info',
  to: 'to',
  through: 'through',
  from: 'from',
  subject: 'subject',
  'copies to': 'distribution',
};

/** A heading field label at the start of a line ("ACTION:", "TO:", "Copies to:"): type and label length. */
export function fieldOf(text: string): { field: FieldType; labelLength: number } | undefined {
  const m = FIELD_RE.exec(text);
  if (!m) return undefined;
  return { field: FIELD_TYPES[m[1]!.toLowerCase()]!, labelLength: m[0].replace(/\s+$/, '').length };
}

const DRAFTING_SYMBOL_RE = /^[A-Z][A-Z/]{0,8}:[A-Z][A-Za-z.]{2,}(?: ?[A-Z][A-Za-z.]+)?:[A-Za-z]{2,4}(?: \d{1,2}\/\d{1,2}\/\d{2,4})?$/;

/** Drafting, approval and clearance lines of the telegram and memorandum forms. */
export function adminOf(text: string): AdminType | undefined {
  if (/^(?:Drafted|Dated) by\b/i.test(text)) return 'drafting';
  // The drafting symbol alone: office, drafter, typist ("EUR:RHDavis:AMR").
  if (DRAFTING_SYMBOL_RE.test(text)) return 'drafting';
  if (/^(?:Cleared|Clearance)\b/.test(text)) return 'clearance';
  if (/^Classified by\b/.test(text)) return 'classifiedBy';
  if (/\bapproved by\s?:/i.test(text) || /^Approved (?:in|by)\b/.test(text)) return 'approval';
  return undefined;
}

/** An admin label with nothing after it ("Cleared:"), whose entries follow in the next blocks. */
export function isBareLabel(text: string): boolean {
  return /:$/.test(text) && words(text) <= 12;
}

const FULL_MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATELINE_RE = new RegExp(
  `^(?:[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}, )?(?:${FULL_MONTHS}) \\d{1,2}, \\d{4}(?:, (?:\\d{1,2}(?::\\d{2})? ?[ap]\\.m\\.|noon|midnight))?\\.?$`,
);

export function isDateline(text: string): boolean {
  return DATELINE_RE.test(text);
}

/** A caption in the text of a telegram ("FOR TOKYO", "FOR ALL MISSIONS"). */
export function isCaption(text: string): boolean {
  return /^FOR [A-Z][A-Z ,.'&/-]*$/.test(text) && words(text) <= 8;
}

/** A line in capitals ("LIMIT DISTRIBUTION S/S", "EYES ONLY FOR STEVENSON AND McCLOY.", "END."). */
export function isUpperCaseLine(text: string): boolean {
  const t = text.replace(/\bMa?c(?=[A-Z])/g, '');
  return /[A-Z]{2}/.test(t) && !/[a-z]/.test(t) && words(text) <= 10 && !CLASSIFICATION_RE.test(text);
}

/** Numbered paragraphs: "(a)", "1.", "a." at the start. */
export function isNumbered(text: string): boolean {
  return /^(?:\([a-z0-9]{1,3}\)|\d{1,2}\.|[a-z]\.)\s/.test(text);
}

/** Prose: what reads as a sentence or more. */
export function isProse(text: string): boolean {
  const n = words(text);
  return n >= 8 || (n >= 4 && /[a-z]/.test(text) && /[.?!:;]$/.test(text)) || (isNumbered(text) && n >= 3);
}

/** A signature line: one to three capitalised words ("RUSK", "Rusk", "Dean Rusk"). */
export function isSignatureLike(text: string): boolean {
  return (
    /^[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,2}$/.test(text) &&
    !CLASSIFICATION_RE.test(text) &&
    !/^(?:END|FOR|TO|FROM)\b/.test(text)
  );
}

/** The line that introduces a second copy in the same file ("EXCISED COPY FOLLOWS"). */
export const WITNESS_SEPARATOR_RE = /^[A-Z][A-Z ]*\b(?:COPY|COPIES|PAGE|PAGES|VERSION|TRANSCRIPTION)\s+FOLLOWS\.?$/;

/** A page break written on its own line as `[Page N]`. */
export const PAGE_LINE_RE = /^\[Page ([0-9A-Za-z]+)\]$/;

/** Does the text end as a sentence ends? */
export function endsSentence(text: string): boolean {
  return /[.:;!?)"”’'\]]$/.test(text.trim());
}

const WITHHELD_RE = /^(.*\S)\s+not declassified\.?$/i;
const UNITS: Record<string, string> = { line: 'line', lines: 'line', paragraph: 'paragraph', paragraphs: 'paragraph', page: 'page', pages: 'page', word: 'word', words: 'word', sentence: 'sentence', sentences: 'sentence', name: 'name', names: 'name' };
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** "7", "7–1/2", "1/2", "two" -> a decimal number as TEI writes quantities. */
function quantityOf(s: string): string | undefined {
  const w = NUMBER_WORDS[s.toLowerCase()];
  if (w !== undefined) return String(w);
  const m = /^(\d+)?(?:[\s–-]*(\d)\/(\d))?$/.exec(s);
  if (!m || (!m[1] && !m[2])) return undefined;
  const n = Number(m[1] ?? 0) + (m[2] ? Number(m[2]) / Number(m[3]) : 0);
  return String(Math.round(n * 100) / 100);
}

/**
 * An editor's statement of withheld text, as FRUS writes it inside brackets: "less than 1 line of
 * source text not declassified", "1 paragraph (7 lines of source text) not declassified", "name
 * not declassified". Its extent, and the amount where the statement gives one.
 */
export function withheldOf(text: string): { extent: string; quantity?: string; atMost?: string; unit?: string } | undefined {
  const m = WITHHELD_RE.exec(text.trim());
  if (!m || words(m[1]!) > 14) return undefined;
  const extent = m[1]!;
  const amount = /^(less than |up to |about )?([\d/–-]+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+([a-z]+)\b/i.exec(extent);
  const unit = amount ? UNITS[amount[3]!.toLowerCase()] : UNITS[extent.toLowerCase()];
  if (!amount) return unit ? { extent, quantity: '1', unit } : { extent };
  const q = quantityOf(amount[2]!);
  if (!q || !unit) return { extent };
  if (/^(?:less than|up to)/i.test(amount[1] ?? '')) return { extent, atMost: q, unit };
  if (amount[1]) return { extent, unit };
  return { extent, quantity: q, unit };
}

/** A letter's salutation: "Dear Mr. Secretary:" (opening) or "Sincerely yours," (closing). */
export function saluteOf(text: string): 'opener' | 'closer' | undefined {
  if (/^(?:My )?[Dd]ear [^:;]{1,60}[:,]$/.test(text) && words(text) <= 8) return 'opener';
  if (/^(?:(?:Very |Most )?(?:Sincerely|Faithfully|Respectfully|Cordially|Truly)(?: yours)?|Yours(?: (?:sincerely|faithfully|truly|ever))?|With (?:best|kind|warm)[a-z ]{0,20}|(?:Best|Kind|Warm) (?:regards|wishes))[,.]?$/i.test(text)) return 'closer';
  return undefined;
}

/** Short lines of a form's heading: printed labels and what was typed in them ("Origin", "SS", "52", "Distri-"). */
export function isFormFieldLine(text: string): boolean {
  return words(text) <= 2 && text.length <= 16 && !/[.;:?!]$/.test(text);
}

/** Initials or a mark alone on a line after the text ("PB"). */
export function isMark(text: string): boolean {
  return /^[A-Z]{1,3}$/.test(text) && !/^(?:END|FYI|YES|NO|OK)$/.test(text);
}

/** A memorandum subject written without a label: a short title-case line ("Measures Against Surprise Attack"). */
export function isTitleLine(text: string): boolean {
  const ws = text.split(/\s+/).filter(Boolean);
  if (ws.length < 2 || ws.length > 12 || /[.:;,]$/.test(text)) return false;
  const small = /^(?:a|an|and|as|at|by|for|from|in|of|on|or|the|to|with|vs\.?)$/;
  return ws.every((w, i) => /^[A-Z0-9“"(]/.test(w) || (i > 0 && small.test(w)));
}

/** An editor's sign at the start of a block: `{=stamp}`, `{=furniture:archival}`, `{=text}` (see docs/transcription-syntax.md). */
export const BLOCK_SIGN_RE = /^\{=([a-zA-Z]+)(?::([a-zA-Z]+))?\}(?:[ \t]+|$)/;

/** The kinds a block sign may set. */
export const BLOCK_SIGNS = [
  'paragraph', 'heading', 'caption', 'dateline', 'stamp', 'furniture', 'form', 'drafting', 'approval', 'clearance',
  'classifiedBy', 'address', 'opener', 'salute', 'closer', 'signature', 'subject', 'block', 'text',
] as const;
export type BlockSign = (typeof BLOCK_SIGNS)[number];
