/**
 * The edition's configuration files (edition.yaml, the registers) checked against the JSON Schemas
 * the package ships in schema/ (the same files editors use for completion, through the
 * `# yaml-language-server: $schema=…` line), with every problem at its file:line:col.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { parse as parseBcp47 } from 'bcp-47';
import { closest, distance } from 'fastest-levenshtein';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { ConfigError } from '../errors.js';
import type { Position } from '../transcription/model.js';
import { packageFile } from '../paths.js';

export type ConfigSchema = 'edition' | 'persons' | 'corrections' | 'abbreviations';

/** The JSON Schema of a configuration file, as shipped with the package. */
export function schemaPath(name: ConfigSchema): string {
  return packageFile('schema', `${name}.schema.json`);
}

export { ConfigError };

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** YYYY, YYYY-MM or YYYY-MM-DD, and a day that exists. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  if (Number(mo) < 1 || Number(mo) > 12) return false;
  if (d === undefined) return true;
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  return Number(d) >= 1 && Number(d) <= days;
}

/**
 * A well-formed BCP 47 language tag (RFC 5646), as xml:lang and @mainLang need, whose language is
 * an ISO 639 code (two or three letters: "english" is well-formed BCP 47 but names no language).
 */
export function isLanguageTag(s: string): boolean {
  let ok = true;
  const tag = parseBcp47(s, {
    warning: () => {
      ok = false;
    },
  });
  if (!ok) return false;
  if (tag.language) return /^[a-z]{2,3}$/i.test(tag.language);
  return tag.privateuse.length > 0 || Boolean(tag.irregular) || Boolean(tag.regular);
}

/** An absolute http(s) URL, as the WHATWG URL parser reads it. */
export function isHttpUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
  } catch {
    return false;
  }
}

const FORMATS: Record<string, { check: (s: string) => boolean; says: string }> = {
  'iso-date': { check: isIsoDate, says: 'an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)' },
  bcp47: { check: isLanguageTag, says: 'a BCP 47 language tag (en, de, fr, la, en-GB…)' },
  'http-url': { check: isHttpUrl, says: 'an absolute http or https URL' },
  'hh-mm': { check: (s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), says: 'a time as HH:MM' },
};

/** The options the validators are made with, at run time or ahead of it (config-validators.ts). */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true } as const;
export const CONFIG_SCHEMAS: readonly ConfigSchema[] = ['edition', 'persons', 'corrections', 'abbreviations'];

/** The format checks by name, as the schemas' "format" keywords name them. */
export const FORMAT_CHECKS: Record<string, (s: string) => boolean> = Object.fromEntries(Object.entries(FORMATS).map(([f, { check }]) => [f, check]));

const require = createRequire(import.meta.url);

/** The validators `npm run compile` wrote ahead of time (dist/enrich/config-validators.cjs), if there. */
function precompiled(): Partial<Record<ConfigSchema, ValidateFunction>> | undefined {
  try {
    const make = require('./config-validators.cjs') as (formats: typeof FORMAT_CHECKS) => Record<ConfigSchema, ValidateFunction>;
    return make(FORMAT_CHECKS);
  } catch {
    return undefined;
  }
}

let ajv: Ajv | undefined;
let ahead: Partial<Record<ConfigSchema, ValidateFunction>> | undefined | null = null;
const validators = new Map<ConfigSchema, ValidateFunction>();

/**
 * The validator of a configuration schema: written ahead of time by `npm run compile` (compiling
 * the edition schema costs ~0.2 s of CPU in every command that reads edition.yaml), else compiled now.
 */
function validator(name: ConfigSchema): ValidateFunction {
  if (ahead === null) ahead = precompiled();
  let v = ahead?.[name] ?? validators.get(name);
  if (!v) {
    if (!ajv) {
      // Loaded only here: the precompiled validators need none of Ajv but a small runtime part.
      const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
      ajv = new AjvClass(AJV_OPTIONS);
      for (const [f, check] of Object.entries(FORMAT_CHECKS)) ajv.addFormat(f, check);
    }
    v = ajv.compile(JSON.parse(readFileSync(schemaPath(name), 'utf8')) as object);
    validators.set(name, v);
  }
  return v;
}

export interface CheckedYaml<T> {
  value: T;
  /** The node at a path of keys and indexes, for positions of later checks. */
  at: (path: (string | number)[], key?: boolean) => Position;
}

const PATTERN_SAYS: Record<string, string> = {
  '^[A-Za-z_][A-Za-z0-9_.-]*$': "an XML name safe as a file name: a letter or '_' first, then letters, digits, '-', '_' or '.'",
  '^[A-Za-z0-9_][A-Za-z0-9_.-]*$': "a name safe as a file name: a letter, digit or '_' first, then letters, digits, '-', '_' or '.'",
};

/**
 * Parse YAML and check it against one of the shipped schemas. YAML scalars that read as numbers
 * or dates where the schema wants text (`date: 2026`, `value: 1687`) are taken as written.
 */
export function checkYaml<T>(file: string, text: string, schema: ConfigSchema): CheckedYaml<T> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const posOf = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ pos: posOf(e.pos[0]), message: `YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  const value = textScalars(doc);
  const at = (path: (string | number)[], key = false): Position => posOf(nodeAt(doc, path, key)?.range?.[0] ?? 0);
  const validate = validator(schema);
  if (!validate(value)) {
    const seen = new Set<string>();
    const problems = (validate.errors ?? [])
      .filter((e) => !['oneOf', 'anyOf', 'if', 'propertyNames'].includes(e.keyword))
      .map((e) => describe(e, at, schema, value))
      .filter((p) => !seen.has(p.message) && seen.add(p.message))
      .sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
    throw new ConfigError(file, problems);
  }
  return { value: value as T, at };
}

/** The document as JSON, every scalar written without quotes that YAML reads as a number kept as its source text. */
function textScalars(doc: Document): unknown {
  const walk = (node: unknown): unknown => {
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) out[String(isScalar(pair.key) ? pair.key.value : pair.key)] = walk(pair.value);
      return out;
    }
    if (isSeq(node)) return node.items.map(walk);
    if (isScalar(node)) {
      if (typeof node.value === 'number' && node.source !== undefined) return node.source;
      return node.value;
    }
    return node ?? null;
  };
  return walk(doc.contents);
}

function nodeAt(doc: Document, path: (string | number)[], key: boolean): YamlNode | undefined {
  let node = doc.contents as unknown;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) return node as YamlNode;
      if (key && i === path.length - 1) return pair.key as YamlNode;
      node = pair.value ?? pair.key;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return node as YamlNode;
      node = item;
    } else return node as YamlNode;
  }
  return node as YamlNode;
}

function pathOf(e: ErrorObject): (string | number)[] {
  return e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** How a register entry reads in a message: person 'rusk', the correction of 'QAS', 'NAC'. */
function entryLabel(schema: ConfigSchema, item: unknown, i: number): string {
  const m = (item ?? {}) as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);
  const label = schema === 'persons' ? s(m.id) && `person '${s(m.id)}'` : schema === 'corrections' ? s(m.sic) && `the correction of '${s(m.sic)}'` : s(m.abbr) && `'${s(m.abbr)}'`;
  return label || `entry ${i + 1}`;
}

/** How a path reads in a message: edition.editors[0].id, document 'x', person 'rusk'. */
function named(path: (string | number)[], schema: ConfigSchema, root?: unknown): string {
  if (!path.length) return schema === 'edition' ? 'the file' : 'the register';
  if (schema !== 'edition' && typeof path[0] === 'number') {
    const rest = path.slice(1).map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
    return `${entryLabel(schema, (root as unknown[] | undefined)?.[path[0]], path[0])}${rest ? ` (${rest.slice(1)})` : ''}`;
  }
  if (schema === 'edition' && path[0] === 'documents' && path.length > 1) return `document '${path[1]}'${named(path.slice(2), schema).replace(/^the file$/, '').replace(/^(?=.)/, ' ')}`;
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('') || 'the file';
}

function describe(e: ErrorObject, at: (path: (string | number)[], key?: boolean) => Position, schema: ConfigSchema, root: unknown): { pos: Position; message: string } {
  const path = pathOf(e);
  const last = path[path.length - 1];
  const key = typeof last === 'string' ? `'${last}'` : named(path, schema, root);
  const value = typeof e.data === 'string' ? `'${e.data}'` : JSON.stringify(e.data);
  if (e.propertyName !== undefined) {
    return { pos: at([...path, e.propertyName], true), message: `the name '${e.propertyName}' must be ${PATTERN_SAYS[String((e.params as { pattern?: string }).pattern)] ?? 'a safe name'}` };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> }).properties ?? {});
      const guess = allowed.length ? closest(extra, allowed) : undefined;
      const near = guess !== undefined && distance(extra.toLowerCase(), guess.toLowerCase()) <= Math.max(2, Math.floor(guess.length / 3));
      const owner = path.length ? named(path, schema, root) : schema === 'edition' ? 'edition.yaml' : 'the register';
      return {
        pos: at([...path, extra], true),
        message: `'${extra}' is not a key of ${owner}${near ? `; did you mean '${guess}'?` : allowed.length ? ` (keys: ${allowed.join(', ')})` : ''}`,
      };
    }
    case 'required':
      return { pos: at(path), message: `${named(path, schema, root)} needs '${(e.params as { missingProperty: string }).missingProperty}'` };
    case 'type': {
      const t = (e.params as { type: string }).type;
      const says: Record<string, string> = { string: 'a text value', boolean: 'true or false', array: 'a list', object: 'a mapping (key: value)', number: 'a number' };
      if (!path.length && schema !== 'edition') return { pos: at(path), message: 'a register is a list of entries (each starting with "- ")' };
      return { pos: at(path), message: `${key} must be ${says[t] ?? t}` };
    }
    case 'format': {
      const f = FORMATS[(e.params as { format: string }).format];
      return { pos: at(path), message: `${key} must be ${f?.says ?? (e.params as { format: string }).format}, not ${value}` };
    }
    case 'pattern': {
      const p = (e.params as { pattern: string }).pattern;
      return { pos: at(path), message: `${key} must be ${PATTERN_SAYS[p] ?? `of the form ${p}`}, not ${value}` };
    }
    case 'enum':
      return { pos: at(path), message: `${key} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}, not ${value}` };
    case 'minLength':
      return { pos: at(path), message: `${key} must not be empty` };
    case 'maxLength':
      return { pos: at(path), message: `${key} is too long (at most ${(e.params as { limit: number }).limit} characters)` };
    default:
      return { pos: at(path), message: `${key} ${e.message ?? 'is not valid'}` };
  }
}
