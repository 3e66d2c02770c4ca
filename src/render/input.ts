/**
 * What `render` makes of a TEI file before the stylesheets see it: its XIncludes followed
 * (xinclude.ts), TEI P4 converted to P5 (p4.ts), and the checks rendering needs (well-formed, no
 * entity declarations, TEI P5 at the root, pointers that end: src/validate/xml.ts). A fault is a
 * SourceError at the file, line and column where it is, also inside an included file.
 */
import type * as slimdom from 'slimdom';
import { parseXml, pointerProblems, rootProblem, type Problem } from '../validate/xml.js';
import { SourceError } from '../transcription/source.js';
import { expandXIncludes, type Expanded } from './xinclude.js';
import { convertP4, isP4 } from './p4.js';

export interface InputOptions {
  /** The folder tree XIncludes may read from (default: the folder of the file). */
  includeRoot?: string;
}

export interface Input {
  /** The document to render. */
  xml: string;
  /** What was done to it (includes' fallbacks used, a P4 conversion), each a line `file:line:col: warning`-ready. */
  warnings: string[];
  /** The files it includes. */
  included: string[];
  /** Its tree (what the images are found in). */
  document: slimdom.Document;
}

/** Load a TEI document for rendering: `file` is its path (relative includes resolve against it), `xml` its text. */
export function loadTei(file: string, xml: string, options: InputOptions = {}): Input {
  const x: Expanded = expandXIncludes(file, xml, options.includeRoot ? { root: options.includeRoot } : {});
  const fault = (p: Problem): never => {
    const at = x.locate(p);
    throw new SourceError(at.file, { line: at.line, column: at.column }, p.message);
  };
  const { parsed, problems } = parseXml(file, x.xml);
  if (!parsed) return fault(problems[0]!);
  const warnings = [...x.warnings];
  let doc = parsed;
  let text = x.xml;
  if (isP4(parsed)) {
    const c = convertP4(parsed);
    doc = c.parsed;
    text = c.xml;
    const at = x.locate(parsed.positions.get(parsed.document.documentElement!) ?? { line: 1, column: 1 });
    warnings.push(`${at.file}:${at.line}:${at.column}: ${c.summary}`);
  }
  const root = rootProblem(file, doc);
  if (root) fault(root);
  const pointers = pointerProblems(file, doc);
  if (pointers.length) fault(pointers[0]!);
  return { xml: text, warnings, included: x.included, document: doc.document };
}
