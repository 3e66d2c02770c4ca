/**
 * Edition metadata (sources/edition.yaml): the edition's title, editors, licences, and per
 * document what the editor knows that the transcription does not say plainly.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { SourceError } from '../transcription/source.js';

export interface Licence {
  target: string;
  text: string;
}

export interface EditionMeta {
  id: string;
  title: string;
  subtitle?: string;
  editors: { id: string; name: string; role: string }[];
  transcription?: string;
  publisher: string;
  pubPlace?: string;
  date?: string;
  language: string;
  licence: { encoding: Licence; source: Licence };
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
  identifiers: { type: string; value: string }[];
  physical?: string;
  published?: { title: string; document?: string; url?: string };
  witnesses?: { id: string; label: string }[];
  /** Collate the copies (default true); the base copy (default: the fullest); propose sic/corr for OCR misreadings (default true). */
  collation?: boolean;
  base?: string;
  ocr?: boolean;
}

export interface Metadata {
  edition: EditionMeta;
  documents: Record<string, DocumentMeta>;
}

export const DEFAULT_EDITION: EditionMeta = {
  id: 'edition',
  title: 'Untitled edition',
  editors: [],
  publisher: 'Unpublished',
  language: 'en',
  licence: {
    encoding: {
      target: 'https://creativecommons.org/licenses/by/4.0/',
      text: 'The TEI encoding is licensed under a Creative Commons Attribution 4.0 International licence (CC BY 4.0).',
    },
    source: { target: 'https://creativecommons.org/publicdomain/mark/1.0/', text: 'The source document is in the public domain.' },
  },
};

class Reader {
  constructor(
    readonly file: string,
    readonly lines: LineCounter,
  ) {}

  fail(node: YamlNode | null | undefined, message: string): never {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    throw new SourceError(this.file, { line, column: col }, message);
  }

  str(map: Record<string, unknown>, node: YamlNode, key: string, required: true): string;
  str(map: Record<string, unknown>, node: YamlNode, key: string, required?: false): string | undefined;
  str(map: Record<string, unknown>, node: YamlNode, key: string, required = false): string | undefined {
    const v = map[key];
    if (v === undefined || v === null) {
      if (required) this.fail(node, `missing '${key}'`);
      return undefined;
    }
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return this.fail(childNode(node, key) ?? node, `'${key}' must be a text value`);
  }
}

function childNode(node: YamlNode, key: string): YamlNode | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return (pair?.value as YamlNode | undefined) ?? undefined;
}

function toMap(r: Reader, node: YamlNode | undefined, what: string): Record<string, unknown> {
  if (!node || !isMap(node)) return r.fail(node, `${what} must be a mapping`);
  return node.toJSON() as Record<string, unknown>;
}

const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

export function parseMetadata(file: string, text: string): Metadata {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const r: Reader = new Reader(file, lines);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const { line, col } = lines.linePos(e.pos[0]);
    throw new SourceError(file, { line, column: col }, `YAML: ${e.message.split('\n')[0]}`);
  }
  const root = doc.contents as YamlNode | null;
  toMap(r, root ?? undefined, 'the file');
  const edNode = childNode(root!, 'edition');
  const ed = edNode ? toMap(r, edNode, "'edition'") : {};
  const licNode = edNode ? childNode(edNode, 'licence') : undefined;
  if (licNode) toMap(r, licNode, "'licence'");
  const licence = (key: 'encoding' | 'source'): Licence => {
    const n = licNode ? childNode(licNode, key) : undefined;
    if (!n) return DEFAULT_EDITION.licence[key];
    const m = toMap(r, n, `'licence.${key}'`);
    return { target: r.str(m, n, 'target', true), text: r.str(m, n, 'text', true) };
  };
  const editorsNode = edNode ? childNode(edNode, 'editors') : undefined;
  const editors: EditionMeta['editors'] = [];
  if (editorsNode) {
    if (!isSeq(editorsNode)) r.fail(editorsNode, "'editors' must be a list");
    for (const item of editorsNode.items as YamlNode[]) {
      const m = toMap(r, item, 'an editor');
      editors.push({ id: r.str(m, item, 'id', true), name: r.str(m, item, 'name', true), role: r.str(m, item, 'role') ?? 'editor' });
    }
  }
  const edition: EditionMeta = {
    id: (edNode && r.str(ed, edNode, 'id')) ?? DEFAULT_EDITION.id,
    title: (edNode && r.str(ed, edNode, 'title')) ?? DEFAULT_EDITION.title,
    editors,
    publisher: (edNode && r.str(ed, edNode, 'publisher')) ?? DEFAULT_EDITION.publisher,
    language: (edNode && r.str(ed, edNode, 'language')) ?? DEFAULT_EDITION.language,
    licence: { encoding: licence('encoding'), source: licence('source') },
  };
  for (const k of ['subtitle', 'transcription', 'pubPlace', 'date'] as const) {
    const v = edNode && r.str(ed, edNode, k);
    if (v) edition[k] = v;
  }

  const documents: Record<string, DocumentMeta> = {};
  const docsNode = childNode(root!, 'documents');
  if (docsNode) {
    if (!isMap(docsNode)) r.fail(docsNode, "'documents' must be a mapping from document name to its metadata");
    for (const pair of docsNode.items) {
      const name = String((pair.key as { value?: unknown }).value);
      const node = pair.value as YamlNode;
      const m = toMap(r, node, `document '${name}'`);
      const meta: DocumentMeta = { identifiers: [] };
      for (const k of ['title', 'date', 'time', 'type', 'classification', 'precedence', 'author', 'institution', 'archive', 'physical'] as const) {
        const v = r.str(m, node, k);
        if (v !== undefined) meta[k] = v;
      }
      if (meta.date && !ISO_DATE.test(meta.date)) r.fail(childNode(node, 'date'), `'date' must be an ISO date (YYYY-MM-DD), not '${meta.date}'`);
      if (meta.time && !/^\d{2}:\d{2}$/.test(meta.time)) r.fail(childNode(node, 'time'), `'time' must be HH:MM, not '${meta.time}'`);
      const ids = childNode(node, 'identifiers');
      if (ids) {
        if (!isSeq(ids)) r.fail(ids, "'identifiers' must be a list");
        for (const item of ids.items as YamlNode[]) {
          const im = toMap(r, item, 'an identifier');
          meta.identifiers.push({ type: r.str(im, item, 'type', true), value: r.str(im, item, 'value', true) });
        }
      }
      const pub = childNode(node, 'published');
      if (pub) {
        const pm = toMap(r, pub, "'published'");
        meta.published = { title: r.str(pm, pub, 'title', true) };
        const d = r.str(pm, pub, 'document');
        const u = r.str(pm, pub, 'url');
        if (d) meta.published.document = d;
        if (u) meta.published.url = u;
      }
      for (const k of ['collation', 'ocr'] as const) {
        if (m[k] === undefined) continue;
        if (typeof m[k] !== 'boolean') r.fail(childNode(node, k), `'${k}' must be true or false`);
        meta[k] = m[k];
      }
      const base = r.str(m, node, 'base');
      if (base) meta.base = base;
      const wits = childNode(node, 'witnesses');
      if (wits) {
        if (!isSeq(wits)) r.fail(wits, "'witnesses' must be a list");
        meta.witnesses = (wits.items as YamlNode[]).map((item) => {
          const wm = toMap(r, item, 'a witness');
          const id = r.str(wm, item, 'id', true);
          if (!/^[A-Za-z_][\w.-]*$/.test(id)) r.fail(item, `witness id '${id}' is not a valid XML name`);
          return { id, label: r.str(wm, item, 'label', true) };
        });
      }
      documents[name] = meta;
    }
  }
  return { edition, documents };
}

export function loadMetadata(file: string): Metadata {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SourceError(file, { line: 1, column: 1 }, `cannot read: ${(e as Error).message}`);
  }
  return parseMetadata(file, text);
}
