/**
 * The edition's editorial rules (ISO Schematron) run with node-schematron on the DOM built by the
 * saxes pass, so that each failure is reported at the position of its element.
 */
import { readFileSync } from 'node:fs';
import { Schema } from 'node-schematron';
import type * as slimdom from 'slimdom';
import type { ParsedXml, Problem, XmlPosition } from './xml.js';
import { SchemaError } from './relaxng.js';

const loaded = new Map<string, Schema>();

export function loadSchematron(path: string): Schema {
  let s = loaded.get(path);
  if (!s) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new SchemaError(`${path}: cannot read the Schematron rules: ${(e as Error).message}`);
    }
    try {
      s = Schema.fromString(text);
    } catch (e) {
      throw new SchemaError(`${path}: not a usable Schematron schema: ${(e as Error).message.split('\n')[0]}`);
    }
    loaded.set(path, s);
  }
  return s;
}

export interface RuleProblem extends Problem {
  /** Warnings (rules whose id starts with "warn-") do not make a file invalid. */
  severity: 'error' | 'warning';
  rule?: string;
}

function positionOf(parsed: ParsedXml, node: slimdom.Node): XmlPosition {
  let n: slimdom.Node | null = node;
  while (n) {
    const p = parsed.positions.get(n);
    if (p) return p;
    n = (n as slimdom.Attr).ownerElement ?? n.parentNode;
  }
  return { line: 1, column: 1 };
}

export function runSchematron(file: string, parsed: ParsedXml, schema: Schema): RuleProblem[] {
  let results;
  try {
    results = schema.validateDocument(parsed.document as never);
  } catch (e) {
    return [{ file, line: 1, column: 1, source: 'sch', severity: 'error', message: `the Schematron rules could not be evaluated: ${(e as Error).message.split('\n')[0]}` }];
  }
  return results.map((r) => ({
    file,
    ...positionOf(parsed, r.context as unknown as slimdom.Node),
    source: 'sch' as const,
    severity: r.assertId?.startsWith('warn-') ? ('warning' as const) : ('error' as const),
    ...(r.assertId ? { rule: r.assertId } : {}),
    message: (r.message ?? '').replace(/\s+/g, ' ').trim(),
  }));
}
