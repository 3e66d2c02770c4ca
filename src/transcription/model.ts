/**
 * The typed document model: one central representation that every stage reads
 * (in the spirit of pandoc's AST). Every node keeps the source position it came from.
 */

/** A position in a transcription: 1-based line and column (columns count Unicode code points). */
export interface Position {
  line: number;
  column: number;
}

/** Inline content of a line. */
export type Inline =
  | { kind: 'text'; text: string; pos: Position }
  /** `~~x~~`: struck through in the source; `hand`: whose (the hand sign `~~@name x~~`). */
  | { kind: 'del'; children: Inline[]; pos: Position; hand?: string }
  /** `^{x}`: inserted above the line; `hand`: whose (`^{@name x}`). */
  | { kind: 'add'; children: Inline[]; pos: Position; hand?: string }
  /** `*x*`: written by another hand (handwriting on a typescript); `hand`: which (`*@name x*`). */
  | { kind: 'hand'; children: Inline[]; pos: Position; hand?: string }
  /** `**x**`: bold. */
  | { kind: 'bold'; children: Inline[]; pos: Position }
  /** `*[Signature]*`: an illegible handwritten signature. */
  | { kind: 'signature'; pos: Position }
  /**
   * `[]`: an empty bracket, the mark an excision leaves; or an editor's statement of what was
   * withheld ("[1 paragraph (7 lines of source text) not declassified]"), kept word for word in
   * `wording`, with its extent ("1 paragraph (7 lines of source text)") and, where stated, how
   * much (`quantity` of `unit`; `atMost` for "less than"). `measured`: the extent the collation
   * measured against a fuller copy (src/enrich/collate.ts).
   */
  | { kind: 'excision'; pos: Position; wording?: string; extent?: string; quantity?: string; atMost?: string; unit?: string; measured?: Extent }
  /** `[x]`: text bracketed in the source (e.g. marked for excision by a reviewer). */
  | { kind: 'bracketed'; children: Inline[]; pos: Position }
  /** `[Page N]` inside a line: a page break. */
  | { kind: 'pb'; n: string; pos: Position }
  /** A footnote marker glued to the preceding word, resolved to the note it points to. */
  | { kind: 'noteRef'; marker: string; note: Note; pos: Position }
  // Added by enrichment (src/enrich), from the registers:
  /** A person's, place's or organisation's name; `ref` is the register id (none for a name no register lists). */
  | {
      kind: 'name';
      type: 'person' | 'place' | 'org';
      ref?: string;
      children: Inline[];
      pos: Position;
      /** A name broken by a line end is two parts: the id of this part, and of the other. */
      part?: { id: string; next?: string; prev?: string };
    }
  /** The source's text with its correction or expansion. */
  | {
      kind: 'choice';
      type: 'correction' | 'expansion' | 'acronym';
      original: Inline[];
      regular: string;
      cert?: 'high' | 'medium' | 'low';
      /** The copy whose reading confirms the correction (an emendation from another witness, set by collation). */
      source?: string;
      pos: Position;
    }
  /**
   * A term the registers explain rather than expand (NIACT: "night action, precedence…"): kept as
   * written in every view; its gloss is listed with the text (`term`: the register entry's first form).
   */
  | { kind: 'gloss'; term: string; gloss: string; children: Inline[]; pos: Position }
  /** A telegraphic quotation mark (QTE, UNQTE): shown as written, read as a quotation mark. */
  | { kind: 'quoteMark'; text: string; pos: Position }
  /** Quoted text (between QTE and UNQTE). */
  | { kind: 'quote'; children: Inline[]; pos: Position }
  /** A date, with its ISO value. */
  | { kind: 'date'; when: string; children: Inline[]; pos: Position }
  /**
   * Where an apparatus entry (`app`, its xml:id) starts or ends in the base copy (app-start/app-end:
   * its @from and @to), or where its reading starts or ends in another copy (rdg-start/rdg-end). Added
   * by collation; `id` is the anchor's own xml:id.
   */
  | { kind: 'anchor'; id: string; app: string; type: 'app-start' | 'app-end' | 'rdg-start' | 'rdg-end'; pos: Position };

/** The extent of an excision, measured by collation against a fuller copy; `text` worded as FRUS does. */
export interface Extent {
  quantity: number;
  unit: 'word' | 'line' | 'paragraph';
  /** "less than 1 line of source text", "1 paragraph (3 lines of source text)", "5 words of source text". */
  text: string;
}

export type InlineKind = Inline['kind'];

/** One line of a block, as written in the transcription. */
export interface Line {
  inlines: Inline[];
  pos: Position;
  /** The line as written, markup signs included. */
  raw: string;
}

/** A note taken from the note list at the end of a scraped FRUS page. */
export interface Note {
  /** The note's number: as its marker in the text gives it once resolved (FRUS: the source note is 0), else its place in the list (1-based). */
  n: string;
  /** The first note of a FRUS document is its source note. */
  type?: 'source';
  content: Inline[];
  pos: Position;
  /** False when no marker for the note was found in the text (it is then kept at the end). */
  placed: boolean;
}

/** Something the converter did that the editor should check. */
export interface Warning {
  pos: Position;
  message: string;
}

/** Types of page furniture lines. */
export type FwType = 'classification' | 'pageNum' | 'header' | 'notice' | 'form' | 'archival' | 'formField' | 'date' | 'mark';

/** Kinds of stamps and printed-form blocks. */
export type StampType = 'review' | 'declassification' | 'datetime';

/** Kinds of fields in a document's heading. */
export type FieldType =
  | 'action'
  | 'info'
  | 'to'
  | 'through'
  | 'from'
  | 'subject'
  | 'distribution';

/** Kinds of administrative blocks of a telegram or memorandum form. */
export type AdminType = 'drafting' | 'approval' | 'clearance' | 'classifiedBy';

export type Block =
  /** The heading of a document (first line of a FRUS page). */
  | { kind: 'head'; lines: Line[]; pos: Position }
  /** A paragraph of the running text. `continues` marks one broken off by a page break. */
  | { kind: 'paragraph'; lines: Line[]; pos: Position; continuesPrevious?: boolean; continuedNext?: boolean }
  /** A caption inside the text: "FOR TOKYO", "FOR ALL MISSIONS". */
  | { kind: 'caption'; lines: Line[]; pos: Position }
  /** A dateline: "October 26, 1962". */
  | { kind: 'dateline'; lines: Line[]; pos: Position }
  /** A heading field: label ("ACTION:") and its entries, one per line. */
  | { kind: 'field'; field: FieldType; label: Line; entries: Line[]; pos: Position }
  /** A participants list of a memorandum of conversation, possibly in groups. */
  | { kind: 'participants'; groups: { head?: Line; entries: Line[] }[]; pos: Position }
  /** Drafting, clearance and approval lines of the form. */
  | { kind: 'admin'; admin: AdminType; lines: Line[]; pos: Position }
  /** Page furniture: each line has its own type. */
  | { kind: 'furniture'; lines: { fw: FwType; line: Line }[]; pos: Position }
  /** A stamp or a stamped/printed form block. Blank lines inside are kept as `null`. */
  | { kind: 'stamp'; stamp: StampType; lines: (Line | null)[]; pos: Position }
  /** A page break between blocks (`[Page N]` or `-N-` on a line, or inferred). */
  | { kind: 'pb'; n?: string; inferred: boolean; pos: Position; source?: Line }
  /** The signature closing the text (`closerOnly`: a closer the editor marked, without a signature). */
  | { kind: 'signature'; lines: Line[]; pos: Position; closerOnly?: boolean }
  /** A salutation: "Dear Mr. Secretary:" opening a letter, "Sincerely yours," before the signature. */
  | { kind: 'salute'; lines: Line[]; pos: Position; place: 'opener' | 'closer' }
  /** A memorandum's subject written without a label ("Measures Against Surprise Attack"). */
  | { kind: 'subject'; lines: Line[]; pos: Position }
  /** An address (the editor's sign `{=address}`). */
  | { kind: 'address'; lines: Line[]; pos: Position }
  /** Lines the editor marked as the opener of a letter (`{=opener}`). */
  | { kind: 'opener'; lines: Line[]; pos: Position }
  /** A block the converter does not recognise: kept as written. */
  | { kind: 'block'; lines: Line[]; pos: Position; zone: 'head' | 'body' | 'tail' };

export type BlockKind = Block['kind'];

/** One copy of the document (a witness). */
export interface Witness {
  /** xml:id of the witness: "wit-A", "wit-B" … (witnessId), or as edition.yaml sets it. */
  id: string;
  /** The transcriber's line that introduced this copy ("EXCISED COPY FOLLOWS"), if any. */
  introduction?: Line;
  blocks: Block[];
  pos: Position;
}

export interface TranscribedDocument {
  /** File the transcription came from (for messages). */
  file: string;
  /** Which source conventions the file follows. */
  style: 'typescript' | 'frus-web';
  witnesses: Witness[];
  notes: Note[];
  warnings: Warning[];
}

/** Every line of a block, in order (field labels and participant heads included). */
export function blockLines(b: Block): Line[] {
  switch (b.kind) {
    case 'field':
      return [b.label, ...b.entries];
    case 'participants':
      return b.groups.flatMap((g) => [...(g.head ? [g.head] : []), ...g.entries]);
    case 'furniture':
      return b.lines.map((l) => l.line);
    case 'stamp':
      return b.lines.filter((l): l is Line => l !== null);
    case 'pb':
      return b.source ? [b.source] : [];
    default:
      return b.lines;
  }
}

/**
 * The siglum of the k-th copy (0-based), as spreadsheet columns count: A … Z, AA, AB … AZ, BA …
 * Always a valid XML name part (letters only).
 */
export function witnessSiglum(k: number): string {
  let s = '';
  for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The xml:id of the k-th copy (0-based): "wit-A" … "wit-Z", "wit-AA" … */
export function witnessId(k: number): string {
  return `wit-${witnessSiglum(k)}`;
}

/** The siglum of a witness id, as the edition shows it: "wit-AB" -> "AB" (an id without "wit-" as it is). */
export function siglum(id: string): string {
  return id.replace(/^wit-/, '');
}
