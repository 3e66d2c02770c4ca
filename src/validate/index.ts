/**
 * Validation of TEI files: well-formedness, RELAX NG (salve-annos, the project schema by default),
 * and the edition's Schematron rules.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFileOrFail } from '../io.js';
import { decodeXml } from './encoding.js';
import { SourceError } from '../transcription/source.js';
import { join } from 'node:path';
import { PROJECT_SCHEMA, PROJECT_SCHEMATRON, loadGrammar } from './relaxng.js';
import { loadSchematron, runSchematron, type RuleProblem } from './schematron.js';
import { parseXml, pointerProblems, rootProblem, type Problem } from './xml.js';
import { expandXIncludes } from '../render/xinclude.js';

export { SchemaError, PROJECT_SCHEMA, PROJECT_SCHEMATRON } from './relaxng.js';

export interface ValidationOptions {
  /** RELAX NG schema (XML syntax); default: the project's schema. */
  schema?: string;
  /** Schematron rules; default: the project's rules. `false` to skip them. */
  schematron?: string | false;
  /** The folder tree XIncludes may read from (default: the folder of the file validated). */
  includeRoot?: string;
}

export interface Report {
  file: string;
  valid: boolean;
  errors: (Problem & { severity?: 'error' | 'warning'; rule?: string })[];
  warnings: RuleProblem[];
}

/** Validate one XML text. */
export async function validateText(file: string, text: string, options: ValidationOptions = {}): Promise<Report> {
  const grammar = await loadGrammar(options.schema ?? PROJECT_SCHEMA);
  const { parsed, problems } = parseXml(file, text, grammar);
  // Not TEI at all (TEI P4, TEI without its namespace, XHTML): that one error, not the schema's
  // every complaint about it.
  const root = parsed && rootProblem(file, parsed);
  if (root) return { file, valid: false, errors: [root], warnings: [] };
  const errors: Report['errors'] = [...problems];
  const warnings: RuleProblem[] = [];
  // Pointers the rendering would follow forever (an xml:id given twice: the schema says so).
  if (parsed) errors.push(...pointerProblems(file, parsed, false));
  if (parsed && options.schematron !== false) {
    const rules = loadSchematron(options.schematron ?? PROJECT_SCHEMATRON);
    for (const p of runSchematron(file, parsed, rules)) (p.severity === 'warning' ? warnings : errors).push(p);
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, valid: errors.length === 0, errors, warnings };
}

export async function validateFile(file: string, options: ValidationOptions = {}): Promise<Report> {
  let text: string;
  try {
    text = decodeXml(file, readFileOrFail(file));
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    return { file, valid: false, errors: [{ file, ...e.pos, source: 'xml', message: e.reason }], warnings: [] };
  }
  // A file assembled by XInclude is validated as the document its includes make; each problem is
  // reported in the file it is in.
  let expanded;
  try {
    expanded = expandXIncludes(file, text, options.includeRoot ? { root: options.includeRoot } : {});
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    return { file, valid: false, errors: [{ file: e.file, ...e.pos, source: 'xml', message: e.reason }], warnings: [] };
  }
  if (expanded.xml === text) return validateText(file, text, options);
  const report = await validateText(file, expanded.xml, options);
  for (const p of [...report.errors, ...report.warnings]) Object.assign(p, expanded.locate(p));
  return report;
}

/** The XML files named: files as given, directories searched (not recursively) for *.xml. */
export function collectXmlFiles(paths: string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) {
      const xml = readdirSync(p)
        .filter((f) => f.endsWith('.xml'))
        .sort()
        .map((f) => join(p, f));
      if (!xml.length) problems.push({ file: p, line: 1, column: 1, source: 'xml', message: 'no XML files (*.xml) in this directory' });
      files.push(...xml);
    } else files.push(p);
  }
  return { files, problems };
}
