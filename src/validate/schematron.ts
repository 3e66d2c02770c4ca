/**
 * The edition's editorial rules (ISO Schematron) run with node-schematron on the DOM built by the
 * saxes pass, so that each failure is reported at the position of its element.
 */
import { readFileSync } from 'node:fs';
import { Schema, registerCustomXPathFunction } from 'node-schematron';
import type * as slimdom from 'slimdom';
import type { ParsedXml, Problem, XmlPosition } from './xml.js';
import { SchemaError } from './relaxng.js';

const loaded = new Map<string, Schema>();

/**
 * Indexes for the rules, in the role xsl:key plays in XSLT-based Schematron: without them a rule
 * that looks an id up from every pointer is quadratic in the size of the document. Namespace
 * urn:tei-edition:functions (prefix te in tei-edition.sch).
 *   te:id($node, $id)        the element of the node's document whose xml:id is $id, if any
 *   te:preceding-page($pb)   the previous page break with a numeric @n in the same witness
 */
export const FUNCTIONS_NS = 'urn:tei-edition:functions';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const TEI_NS = 'http://www.tei-c.org/ns/1.0';

interface DocIndex {
  ids: Record<string, slimdom.Element>;
  previousPage: Map<slimdom.Element, slimdom.Element>;
}
const indexes = new WeakMap<slimdom.Node, DocIndex>();

function documentOf(node: slimdom.Node): slimdom.Node {
  return node.ownerDocument ?? node;
}

function indexOf(node: slimdom.Node): DocIndex {
  const doc = documentOf(node);
  let index = indexes.get(doc);
  if (index) return index;
  const ids: Record<string, slimdom.Element> = Object.create(null) as Record<string, slimdom.Element>;
  const previousPage = new Map<slimdom.Element, slimdom.Element>();
  const lastPage = new Map<slimdom.Element | null, slimdom.Element>();
  const walk = (n: slimdom.Node, witness: slimdom.Element | null) => {
    for (const c of n.childNodes) {
      if (c.nodeType !== 1) continue;
      const el = c as slimdom.Element;
      const id = el.getAttributeNS(XML_NS, 'id');
      if (id !== null && !(id in ids)) ids[id] = el;
      let w = witness;
      if (el.namespaceURI === TEI_NS && el.localName === 'div' && el.getAttribute('type') === 'witness') w = el;
      if (el.namespaceURI === TEI_NS && el.localName === 'pb' && /^\d+$/.test(el.getAttribute('n') ?? '')) {
        const prev = lastPage.get(w);
        if (prev) previousPage.set(el, prev);
        lastPage.set(w, el);
      }
      walk(el, w);
    }
  };
  walk(doc, null);
  index = { ids, previousPage };
  indexes.set(doc, index);
  return index;
}

registerCustomXPathFunction(
  { localName: 'id', namespaceURI: FUNCTIONS_NS },
  ['node()', 'xs:string'],
  'element()?',
  (_dom: unknown, node: slimdom.Node, id: string) => indexOf(node).ids[id] ?? null,
);
registerCustomXPathFunction(
  { localName: 'preceding-page', namespaceURI: FUNCTIONS_NS },
  ['element()'],
  'element()?',
  (_dom: unknown, pb: slimdom.Element) => indexOf(pb).previousPage.get(pb) ?? null,
);

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
