/**
 * The edition's editorial rules (ISO Schematron, tei/schema/tei-edition.sch), run on the DOM built by
 * the saxes pass, so that each failure is reported at the position of its element.
 *
 * Two engines:
 *  - the project's own rules take a fast path: `projectRules` below, a translation of
 *    tei-edition.sch into one walk over the DOM with an index of the xml:ids, linear in the size of
 *    the document. It is used only while tei-edition.sch is the text it was translated from (its
 *    SHA-256 is checked); tests/validate.test.ts checks that both engines give the same reports.
 *  - any other Schematron file (`validate --schematron other.sch`, or the project's rules once
 *    edited) runs on node-schematron over fontoxpath: general, but slow on large documents (its
 *    rule matching is quadratic in the number of elements).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as slimdom from 'slimdom';
import type { ParsedXml, Problem, XmlPosition } from './xml.js';
import { SchemaError } from './relaxng.js';

type NodeSchematron = typeof import('node-schematron');
type GeneralSchema = import('node-schematron').Schema;

/** Loaded rules: the project's (fast path) or a general Schematron schema. */
export type Rules = { kind: 'project' } | { kind: 'general'; schema: GeneralSchema };

/**
 * The SHA-256 of the tei-edition.sch that `projectRules` translates. Change a rule in the .sch, and
 * translate it in `projectRules` too, then update this hash (the tests say so when they differ).
 */
export const PROJECT_RULES_SHA256 = 'b37a894ec249f1c0c601a0c6a86280f0aaa26d281064ec7cd0f4e51fe3b45e7b';

/**
 * Indexes for the rules in the general engine, in the role xsl:key plays in XSLT-based Schematron:
 * without them a rule that looks an id up from every pointer is quadratic in the size of the
 * document. Namespace urn:tei-edition:functions (prefix te in tei-edition.sch).
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

const isTei = (el: slimdom.Element, local: string) => el.localName === local && el.namespaceURI === TEI_NS;
/** A page number as te:preceding-page counts it. */
const ASCII_NUMBER = /^\d+$/;

function documentOf(node: slimdom.Node): slimdom.Node {
  return node.ownerDocument ?? node;
}

/** Every element of the document, in document order, with its witness (div type="witness"). */
function walkElements(doc: slimdom.Node, visit: (el: slimdom.Element, witness: slimdom.Element | null) => void): void {
  // Iterative: a deep document must not overflow the stack.
  const stack: [slimdom.Node, slimdom.Element | null][] = [[doc, null]];
  while (stack.length) {
    const [n, witness] = stack.pop()!;
    const children = n.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i]!;
      if (c.nodeType !== 1) continue;
      const el = c as slimdom.Element;
      stack.push([el, isTei(el, 'div') && el.getAttributeNS(null, 'type') === 'witness' ? el : witness]);
    }
    if (n.nodeType === 1) visit(n as slimdom.Element, witness);
  }
}

function indexOf(node: slimdom.Node): DocIndex {
  const doc = documentOf(node);
  let index = indexes.get(doc);
  if (index) return index;
  const ids: Record<string, slimdom.Element> = Object.create(null) as Record<string, slimdom.Element>;
  const previousPage = new Map<slimdom.Element, slimdom.Element>();
  const lastPage = new Map<slimdom.Element | null, slimdom.Element>();
  walkElements(doc, (el, w) => {
    const id = el.getAttributeNS(XML_NS, 'id');
    if (id !== null && !(id in ids)) ids[id] = el;
    if (isTei(el, 'pb') && ASCII_NUMBER.test(el.getAttributeNS(null, 'n') ?? '')) {
      const prev = lastPage.get(w);
      if (prev) previousPage.set(el, prev);
      lastPage.set(w, el);
    }
  });
  index = { ids, previousPage };
  indexes.set(doc, index);
  return index;
}

let general: NodeSchematron | undefined;
/** node-schematron (and fontoxpath), loaded only for a Schematron file other than the project's. */
function generalEngine(): NodeSchematron {
  if (general) return general;
  general = createRequire(import.meta.url)('node-schematron') as NodeSchematron;
  general.registerCustomXPathFunction(
    { localName: 'id', namespaceURI: FUNCTIONS_NS },
    ['node()', 'xs:string'],
    'element()?',
    (_dom: unknown, node: slimdom.Node, id: string) => indexOf(node).ids[id] ?? null,
  );
  general.registerCustomXPathFunction(
    { localName: 'preceding-page', namespaceURI: FUNCTIONS_NS },
    ['element()'],
    'element()?',
    (_dom: unknown, pb: slimdom.Element) => indexOf(pb).previousPage.get(pb) ?? null,
  );
  return general;
}

const loaded = new Map<string, Rules>();

/**
 * The rules of a Schematron file, loaded once per process. The project's rules, unchanged, take the
 * fast path; `{ general: true }` forces the general engine (the tests compare the two).
 */
export function loadSchematron(path: string, options: { general?: boolean } = {}): Rules {
  const key = `${options.general ? 'general:' : ''}${path}`;
  let rules = loaded.get(key);
  if (!rules) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new SchemaError(`${path}: cannot read the Schematron rules: ${(e as Error).message}`);
    }
    if (!options.general && createHash('sha256').update(text).digest('hex') === PROJECT_RULES_SHA256) {
      rules = { kind: 'project' };
    } else {
      try {
        rules = { kind: 'general', schema: generalEngine().Schema.fromString(text) };
      } catch (e) {
        throw new SchemaError(`${path}: not a usable Schematron schema: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    loaded.set(key, rules);
  }
  return rules;
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

/** A failed assert (or a report that fired), as node-schematron gives it. */
interface RuleResult {
  context: slimdom.Node;
  assertId?: string;
  message: string;
}

export function runSchematron(file: string, parsed: ParsedXml, rules: Rules): RuleProblem[] {
  let results: RuleResult[];
  try {
    results =
      rules.kind === 'project'
        ? projectRules(parsed.document)
        : (rules.schema.validateDocument(parsed.document as never) as unknown as RuleResult[]);
  } catch (e) {
    return [{ file, line: 1, column: 1, source: 'sch', severity: 'error', message: `the Schematron rules could not be evaluated: ${(e as Error).message.split('\n')[0]}` }];
  }
  return results.map((r) => ({
    file,
    ...positionOf(parsed, r.context),
    source: 'sch' as const,
    severity: r.assertId?.startsWith('warn-') ? ('warning' as const) : ('error' as const),
    ...(r.assertId ? { rule: r.assertId } : {}),
    message: (r.message ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

// ---------------------------------------------------------------- the project's rules, translated

/** The attributes that hold local pointers, in the order of the pointers rule. */
const POINTER_ATTRIBUTES = ['ref', 'corresp', 'hand', 'next', 'prev', 'who', 'wit', 'target', 'resp', 'source', 'facs'] as const;
/** XPath's \d is any Unicode decimal digit. */
const XPATH_YEAR = /^\p{Nd}{4}/u;
const XPATH_NUMBER = /^\p{Nd}+$/u;

/** XPath tokenize(normalize-space($s), ' '): XML white space only. */
function tokens(s: string): string[] {
  const n = s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  return n === '' ? [] : n.split(/[ \t\r\n]+/);
}

/** XPath substring($s, 2): from the second character (code point) on. */
function fromSecond(s: string): string {
  const first = s.codePointAt(0);
  return s.slice(first !== undefined && first > 0xffff ? 2 : 1);
}

const APPARATUS_BLOCKS = new Set(['p', 'ab', 'head', 'label', 'item', 'note', 'signed', 'closer']);

/** The nearest block of an anchor, as the apparatus rule finds it. */
function apparatusBlock(el: slimdom.Element): slimdom.Element | null {
  for (let n = el.parentNode; n && n.nodeType === 1; n = n.parentNode) {
    const e = n as slimdom.Element;
    if (e.namespaceURI === TEI_NS && APPARATUS_BLOCKS.has(e.localName)) return e;
  }
  return null;
}

function teiChildren(el: slimdom.Element, local: string): slimdom.Element[] {
  return el.children.filter((c) => isTei(c, local));
}

/**
 * tei-edition.sch, pattern by pattern, in one walk: the same results in the same order as
 * node-schematron gives them (pattern by pattern, each in document order, asserts in their order).
 */
export function projectRules(doc: slimdom.Document): RuleResult[] {
  const { ids, previousPage } = indexOf(doc);
  const id = (key: string): slimdom.Element | undefined => ids[key];
  const patterns: RuleResult[][] = [[], [], [], [], [], [], []];
  const [documents, pointers, choices, gaps, pages, apparatus, continuations] = patterns as [RuleResult[], RuleResult[], RuleResult[], RuleResult[], RuleResult[], RuleResult[], RuleResult[]];

  walkElements(doc, (el) => {
    if (el.namespaceURI !== TEI_NS) return;
    const local = el.localName;

    // pattern document: the creation date
    if (local === 'TEI') {
      const dates = teiChildren(el, 'teiHeader').flatMap((h) => teiChildren(h, 'profileDesc').flatMap((p) => teiChildren(p, 'creation').flatMap((c) => teiChildren(c, 'date'))));
      if (!dates.length) {
        documents.push({ context: el, assertId: 'creation-date', message: 'The document has no creation date: teiHeader/profileDesc/creation/date, with an ISO @when or saying that it is undated.' });
      } else if (!dates.some((d) => XPATH_YEAR.test(d.getAttributeNS(null, 'when') ?? ''))) {
        documents.push({ context: el, assertId: 'warn-undated', message: 'The document is published undated: its creation date has no ISO @when (give its date in edition.yaml if it is known).' });
      }
    }

    // pattern pointers: every local pointer resolves
    let unresolved: string[] | undefined;
    let hasPointerAttribute = false;
    for (const a of POINTER_ATTRIBUTES) {
      const value = el.getAttributeNS(null, a);
      if (value === null) continue;
      hasPointerAttribute = true;
      for (const t of tokens(value)) {
        if (t.startsWith('#') && !id(fromSecond(t))) (unresolved ??= []).push(`@${a} points to ${t}`);
      }
    }
    if (hasPointerAttribute && unresolved) {
      pointers.push({
        context: el,
        assertId: 'pointer-resolves',
        message: `A local pointer does not resolve: ${unresolved.join('; ')}, which is not an xml:id in this document.`,
      });
    }

    // pattern choice: sic+corr, abbr+expan, orig+reg
    if (local === 'choice') {
      const kids = el.children;
      const has = (name: string) => kids.some((c) => isTei(c, name));
      if (!(kids.length === 2 && ((has('sic') && has('corr')) || (has('abbr') && has('expan')) || (has('orig') && has('reg'))))) {
        choices.push({
          context: el,
          assertId: 'choice-pair',
          message: `A choice pairs sic with corr, abbr with expan, or orig with reg; this one has ${kids.map((c) => c.localName).join(', ')}.`,
        });
      }
    }

    // pattern gaps
    if (local === 'gap') {
      if (!el.hasAttributeNS(null, 'reason')) gaps.push({ context: el, assertId: 'gap-reason', message: 'A gap says why the text is missing (@reason).' });
      if (el.hasAttributeNS(null, 'quantity') && !el.hasAttributeNS(null, 'unit')) gaps.push({ context: el, assertId: 'gap-unit', message: 'A gap with @quantity needs @unit.' });
      if (el.getAttributeNS(null, 'reason') === 'excised' && !el.hasAttributeNS(null, 'extent') && !el.hasAttributeNS(null, 'quantity')) {
        gaps.push({
          context: el,
          assertId: 'warn-excision-extent',
          message: 'The excision\'s extent is not recorded (@extent, or @quantity and @unit): readers will see "[excised]".',
        });
      }
    }

    // pattern pages: page numbers increase within a witness
    if (local === 'pb') {
      const n = el.getAttributeNS(null, 'n');
      if (n !== null && XPATH_NUMBER.test(n)) {
        const prev = previousPage.get(el);
        if (prev && !(Number(prev.getAttributeNS(null, 'n')) < Number(n))) {
          pages.push({
            context: el,
            assertId: 'pb-increase',
            message: `Page ${n} comes after page ${prev.getAttributeNS(null, 'n') ?? ''} in the same witness: page numbers must increase.`,
          });
        }
      }
    }

    // pattern apparatus: an entry's anchors, in one block of the base copy
    if (local === 'app' && (el.hasAttributeNS(null, 'from') || el.hasAttributeNS(null, 'to'))) {
      const ends = ['from', 'to'].map((a) => el.getAttributeNS(null, a));
      const targets = ends.map((p) => (p === null ? undefined : id(fromSecond(p))));
      if (!ends.every((p, k) => p !== null && targets[k] && isTei(targets[k]!, 'anchor'))) {
        apparatus.push({ context: el, assertId: 'app-anchors', message: "An apparatus entry's @from and @to point at anchors of the base copy." });
      }
      const [f, t] = targets;
      if (f && t) {
        const ordered = f === t || (f.compareDocumentPosition(t) & 4) !== 0;
        if (!ordered || apparatusBlock(f) !== apparatusBlock(t)) {
          apparatus.push({ context: el, assertId: 'app-one-block', message: 'An apparatus entry starts and ends in one block of the base copy, its start before its end.' });
        }
      }
    }

    // pattern continuations: @next answered by @prev
    const next = el.getAttributeNS(null, 'next');
    if (next !== null) {
      const target = id(fromSecond(next));
      if (target && target.getAttributeNS(null, 'prev') !== `#${el.getAttributeNS(XML_NS, 'id') ?? ''}`) {
        continuations.push({ context: el, assertId: 'next-prev', message: 'The element @next points to does not point back with @prev.' });
      }
    }
  });
  return patterns.flat();
}
