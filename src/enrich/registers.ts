/**
 * The edition's registers (sources/registers/*.yaml), written and kept by hand by the editors:
 * persons, corrections, abbreviations. Format: README, section "Registers".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, isSeq, isMap, type Node as YamlNode } from 'yaml';
import { SourceError } from '../transcription/source.js';

export interface Person {
  id: string;
  /** As a scholar cites it: "Surname, Forenames". */
  name: string;
  role?: string;
  forms: string[];
  wikidata?: string;
  viaf?: string;
}

export interface Correction {
  sic: string;
  corr: string;
  documents?: string[];
  witness?: string;
  cert?: 'high' | 'medium' | 'low';
  note?: string;
}

export interface Abbreviation {
  abbr: string[];
  expan: string;
  type: 'expansion' | 'acronym' | 'quote';
}

export interface Registers {
  persons: Person[];
  corrections: Correction[];
  abbreviations: Abbreviation[];
}

export const EMPTY_REGISTERS: Registers = { persons: [], corrections: [], abbreviations: [] };

const ID_RE = /^[A-Za-z_][\w.-]*$/;

/** Parse a YAML list of mappings, with errors at their line and column. */
function readList(file: string, text: string): { items: Record<string, unknown>[]; at: (i: number, key?: string) => { line: number; column: number } } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const { line, col } = lines.linePos(e.pos[0]);
    throw new SourceError(file, { line, column: col }, `YAML: ${e.message.split('\n')[0]}`);
  }
  const root = doc.contents as YamlNode | null;
  if (root === null) return { items: [], at: () => ({ line: 1, column: 1 }) };
  if (!isSeq(root)) throw new SourceError(file, { line: 1, column: 1 }, 'a register is a list of entries (each starting with "- ")');
  const nodes = root.items as YamlNode[];
  const at = (i: number, key?: string) => {
    const node = nodes[i];
    let offset = node?.range?.[0] ?? 0;
    if (key && node && isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      offset = (pair?.value as YamlNode | undefined)?.range?.[0] ?? offset;
    }
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const items = nodes.map((n, i) => {
    if (!isMap(n)) throw new SourceError(file, at(i), 'each entry must be a mapping (key: value)');
    return n.toJSON() as Record<string, unknown>;
  });
  return { items, at };
}

function strings(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  if (typeof v === 'string') return [v];
  return undefined;
}

export function parsePersons(file: string, text: string): Person[] {
  const { items, at } = readList(file, text);
  const seen = new Set<string>();
  return items.map((m, i) => {
    const id = m.id;
    if (typeof id !== 'string' || !ID_RE.test(id)) throw new SourceError(file, at(i, 'id'), `'id' must be an XML name (letters, digits, '-', '_', '.'), not ${JSON.stringify(id)}`);
    if (seen.has(id)) throw new SourceError(file, at(i, 'id'), `the id '${id}' is used twice`);
    seen.add(id);
    if (typeof m.name !== 'string') throw new SourceError(file, at(i, 'name'), `person '${id}' needs a 'name' ("Surname, Forenames")`);
    const forms = strings(m.forms) ?? [];
    if (m.forms !== undefined && strings(m.forms) === undefined) throw new SourceError(file, at(i, 'forms'), `'forms' of '${id}' must be a list of texts`);
    const p: Person = { id, name: m.name, forms };
    for (const k of ['role', 'wikidata', 'viaf'] as const) if (m[k] !== undefined) p[k] = String(m[k]);
    return p;
  });
}

export function parseCorrections(file: string, text: string): Correction[] {
  const { items, at } = readList(file, text);
  return items.map((m, i) => {
    if (typeof m.sic !== 'string' || !m.sic) throw new SourceError(file, at(i, 'sic'), "a correction needs 'sic', the text as written");
    if (typeof m.corr !== 'string') throw new SourceError(file, at(i, 'corr'), `the correction of '${m.sic}' needs 'corr'`);
    const c: Correction = { sic: m.sic, corr: m.corr };
    const docs = strings(m.documents);
    if (docs) c.documents = docs;
    if (typeof m.witness === 'string') c.witness = m.witness;
    if (m.cert !== undefined) {
      if (m.cert !== 'high' && m.cert !== 'medium' && m.cert !== 'low') throw new SourceError(file, at(i, 'cert'), "'cert' must be high, medium or low");
      c.cert = m.cert;
    }
    if (typeof m.note === 'string') c.note = m.note;
    return c;
  });
}

export function parseAbbreviations(file: string, text: string): Abbreviation[] {
  const { items, at } = readList(file, text);
  return items.map((m, i) => {
    const abbr = strings(m.abbr);
    if (!abbr?.length) throw new SourceError(file, at(i, 'abbr'), "an abbreviation needs 'abbr', one form or a list of forms");
    if (typeof m.expan !== 'string') throw new SourceError(file, at(i, 'expan'), `'${abbr[0]}' needs 'expan', its expansion`);
    const type = m.type ?? 'expansion';
    if (type !== 'expansion' && type !== 'acronym' && type !== 'quote') throw new SourceError(file, at(i, 'type'), "'type' must be expansion, acronym or quote");
    return { abbr, expan: m.expan, type };
  });
}

/** The registers in a folder (sources/registers); a missing file is an empty register. */
export function loadRegisters(dir: string): Registers {
  const read = <T>(name: string, parse: (file: string, text: string) => T[]): T[] => {
    const file = join(dir, name);
    return existsSync(file) ? parse(file, readFileSync(file, 'utf8')) : [];
  };
  return {
    persons: read('persons.yaml', parsePersons),
    corrections: read('corrections.yaml', parseCorrections),
    abbreviations: read('abbreviations.yaml', parseAbbreviations),
  };
}
