/**
 * Edition metadata (sources/edition.yaml): the edition's title, editors, licences, and per
 * document what the editor knows that the transcription does not say plainly.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SourceError } from '../transcription/source.js';
import type { Position } from '../transcription/model.js';
import { ConfigError, checkYaml } from './config.js';
import { imageProblem, imageSource, isRemoteImage, type FacsPage } from './facsimile.js';

export type { FacsPage } from './facsimile.js';

export interface Licence {
  target: string;
  text: string;
}

/** What the originals are: handwritten, typed, printed, or a mixture. */
export type Medium = 'manuscript' | 'typescript' | 'print' | 'mixed';

export interface EditionMeta {
  id: string;
  title: string;
  subtitle?: string;
  editors: { id: string; name: string; role: string }[];
  transcription?: string;
  publisher: string;
  pubPlace?: string;
  date?: string;
  /** Where the edition is published (the address of editions/): citations, canonical links, sitemap.xml. */
  url?: string;
  language: string;
  medium?: Medium;
  country?: string;
  /** Where the originals are kept, unless a document says otherwise (msIdentifier). */
  settlement?: string;
  institution?: string;
  repository?: string;
  collection?: string;
  /** Who did what, by name (respStmt). */
  responsibility?: { resp: string; name: string; type?: 'person' | 'org' }[];
  /** The licences the editor states; none is claimed that is not stated. */
  licence: { encoding?: Licence; source?: Licence };
}

export interface DocumentMeta {
  title?: string;
  date?: string;
  time?: string;
  type?: string;
  classification?: string;
  precedence?: string;
  author?: string;
  institution?: string;
  archive?: string;
  country?: string;
  settlement?: string;
  repository?: string;
  /** What this document was transcribed from, where it differs from the edition's statement. */
  transcription?: string;
  language?: string;
  medium?: Medium;
  identifiers: { type: string; value: string }[];
  physical?: string;
  published?: { title: string; document?: string; url?: string };
  witnesses?: { id: string; label: string }[];
  /** Collate the copies (default true); the base copy (default: the fullest); propose sic/corr for OCR misreadings (default true). */
  collation?: boolean;
  base?: string;
  ocr?: boolean;
  /** The page images, in the order of the pages (of the first copy, or of the copy an entry names). */
  facs?: FacsPage[];
}

export interface Metadata {
  edition: EditionMeta;
  documents: Record<string, DocumentMeta>;
  /** The file it was read from, and where each document's entry starts (for warnings about it). */
  file?: string;
  positions?: Record<string, Position>;
}

export const DEFAULT_EDITION: EditionMeta = {
  id: 'edition',
  title: 'Untitled edition',
  editors: [],
  publisher: 'Unpublished',
  language: 'en',
  licence: {},
};

/** Ids the converter writes itself: no editor's id may take one. */
export function reservedId(id: string): boolean {
  return /^(?:tei-edition|edition|persons|hand-.*|wit-.*|facs-.*|app-.*|note-.*|[A-Za-z0-9]+-p\d+|.*-part\d+[ab])$/.test(id);
}

interface EditionYaml {
  edition?: Partial<Omit<EditionMeta, 'editors' | 'licence'>> & {
    editors?: { id: string; name: string; role?: string }[];
    licence?: { encoding?: Licence; source?: Licence };
  };
  documents?: Record<string, Omit<DocumentMeta, 'identifiers' | 'facs'> & { identifiers?: DocumentMeta['identifiers']; facs?: (string | FacsPage)[] }>;
}

/**
 * Read edition.yaml: checked against schema/edition.schema.json, then for what a schema cannot say;
 * `checkFiles`: that the page images it names exist inside its folder.
 */
export function parseMetadata(file: string, text: string, options: { checkFiles?: boolean } = {}): Metadata {
  const { value, at } = checkYaml<EditionYaml | null>(file, text, 'edition');
  const ed = value?.edition ?? {};
  const problems: { pos: Position; message: string }[] = [];
  const editors = (ed.editors ?? []).map((e) => ({ id: e.id, name: e.name, role: e.role ?? 'editor' }));
  const ids = new Map<string, string>();
  editors.forEach((e, i) => {
    const where = ['edition', 'editors', i, 'id'];
    if (reservedId(e.id)) problems.push({ pos: at(where), message: `the id '${e.id}' is one the converter writes itself; choose another` });
    else if (ids.has(e.id)) problems.push({ pos: at(where), message: `the id '${e.id}' is used twice` });
    ids.set(e.id, 'editor');
  });
  const edition: EditionMeta = {
    ...DEFAULT_EDITION,
    ...Object.fromEntries(Object.entries(ed).filter(([k]) => k !== 'editors' && k !== 'licence')),
    editors,
    licence: { ...(ed.licence?.encoding ? { encoding: ed.licence.encoding } : {}), ...(ed.licence?.source ? { source: ed.licence.source } : {}) },
  };
  const documents: Record<string, DocumentMeta> = {};
  const positions: Record<string, Position> = {};
  for (const [name, m] of Object.entries(value?.documents ?? {})) {
    positions[name] = at(['documents', name], true);
    const { facs, ...rest } = m ?? {};
    const meta: DocumentMeta = { ...rest, identifiers: m?.identifiers ?? [] };
    if (facs) meta.facs = facs.map((f) => (typeof f === 'string' ? { image: f } : f));
    if (meta.time && !meta.date) problems.push({ pos: at(['documents', name, 'time']), message: `'time' needs a 'date'` });
    if (meta.time && meta.date && meta.date.length !== 10) problems.push({ pos: at(['documents', name, 'time']), message: `'time' needs a full 'date' (YYYY-MM-DD)` });
    const wits = meta.witnesses ?? [];
    wits.forEach((w, i) => {
      if (wits.findIndex((x) => x.id === w.id) !== i) problems.push({ pos: at(['documents', name, 'witnesses', i, 'id']), message: `the witness id '${w.id}' is used twice` });
      else if (ids.has(w.id)) problems.push({ pos: at(['documents', name, 'witnesses', i, 'id']), message: `the witness id '${w.id}' is already an editor's id` });
    });
    if (meta.base && wits.length && !wits.some((w) => w.id === meta.base)) {
      problems.push({ pos: at(['documents', name, 'base']), message: `'base' names no witness of '${name}' (${wits.map((w) => w.id).join(', ')})` });
    }
    meta.facs?.forEach((f, i) => {
      const where = ['documents', name, 'facs', i, ...(typeof facs?.[i] === 'string' ? [] : ['image'])];
      // A local image: a safe relative path and, when the file is read from disk, a file inside its folder.
      const problem = imageProblem(f.image) ?? (options.checkFiles && !isRemoteImage(f.image) ? imageSource(dirname(file), f.image).problem : undefined);
      if (problem) problems.push({ pos: at(where), message: problem });
      if (f.witness && wits.length && !wits.some((w) => w.id === f.witness)) {
        problems.push({ pos: at(['documents', name, 'facs', i, 'witness']), message: `'witness' names no witness of '${name}' (${wits.map((w) => w.id).join(', ')})` });
      }
    });
    documents[name] = meta;
  }
  if (problems.length) throw new ConfigError(file, problems.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column));
  return { edition, documents, file, positions };
}

export function loadMetadata(file: string): Metadata {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SourceError(file, { line: 1, column: 1 }, `cannot read: ${(e as Error).message}`);
  }
  return parseMetadata(file, text, { checkFiles: true });
}


/** The rights statements as readers read them: each licence's text, then what is not stated. */
export function rightsStatements(edition: EditionMeta): string[] {
  const a = availabilityOf(edition);
  return [...a.licences.map((l) => l.text), ...a.unstated];
}

/**
 * What the edition says about its rights: the licences the editor stated and, for what the editor
 * left unstated, that nothing is stated (never a licence the editor did not give). `status` is TEI's
 * availability/@status: free only for recognisably open licences, unknown where anything is unstated.
 */
export function availabilityOf(edition: EditionMeta): { status?: 'free' | 'unknown'; licences: Licence[]; unstated: string[] } {
  const { source, encoding } = edition.licence;
  const licences = [source, encoding].filter((l): l is Licence => l !== undefined);
  const unstated: string[] = [];
  if (!source && !encoding) unstated.push('No licence is stated for the source documents or for this edition.');
  else if (!source) unstated.push('No licence or status is stated for the source documents.');
  else if (!encoding) unstated.push('No licence is stated for the encoding of this edition.');
  const open = (l: Licence) => /^https?:\/\/(?:www\.)?(?:creativecommons\.org|opendatacommons\.org)\//.test(l.target);
  const status = unstated.length ? 'unknown' : licences.every(open) ? 'free' : undefined;
  return { ...(status ? { status } : {}), licences, unstated };
}
