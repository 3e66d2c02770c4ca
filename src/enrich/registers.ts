/**
 * The edition's registers (sources/registers/*.yaml), written and kept by hand by the editors:
 * persons, corrections, abbreviations. Format: README, section "Registers".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Position } from '../transcription/model.js';
import { ConfigError, checkYaml } from './config.js';
import { reservedId } from './metadata.js';

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
  type: 'expansion' | 'acronym' | 'gloss' | 'quote';
}

export interface Registers {
  persons: Person[];
  corrections: Correction[];
  abbreviations: Abbreviation[];
}

export const EMPTY_REGISTERS: Registers = { persons: [], corrections: [], abbreviations: [] };

/** Persons: checked against schema/persons.schema.json; ids unique, and none the converter writes itself. */
export function parsePersons(file: string, text: string): Person[] {
  const { value, at } = checkYaml<Person[] | null>(file, text, 'persons');
  const problems: { pos: Position; message: string }[] = [];
  const seen = new Set<string>();
  const persons = (value ?? []).map((p, i) => {
    if (reservedId(p.id)) problems.push({ pos: at([i, 'id']), message: `the id '${p.id}' is one the converter writes itself; choose another` });
    else if (seen.has(p.id)) problems.push({ pos: at([i, 'id']), message: `the id '${p.id}' is used twice` });
    seen.add(p.id);
    return { ...p, forms: p.forms ?? [] };
  });
  if (problems.length) throw new ConfigError(file, problems);
  return persons;
}

/** Corrections: checked against schema/corrections.schema.json. */
export function parseCorrections(file: string, text: string): Correction[] {
  return checkYaml<Correction[] | null>(file, text, 'corrections').value ?? [];
}

/** Abbreviations: checked against schema/abbreviations.schema.json; one form or a list of forms. */
export function parseAbbreviations(file: string, text: string): Abbreviation[] {
  const list = checkYaml<(Omit<Abbreviation, 'abbr' | 'type'> & { abbr: string | string[]; type?: Abbreviation['type'] })[] | null>(file, text, 'abbreviations').value;
  return (list ?? []).map((a) => ({ abbr: typeof a.abbr === 'string' ? [a.abbr] : a.abbr, expan: a.expan, type: a.type ?? 'expansion' }));
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
