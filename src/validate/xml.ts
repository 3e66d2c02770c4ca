/**
 * One pass of saxes over an XML file: well-formedness, a slimdom DOM with the source position of
 * every element (for Schematron), and the events of a RELAX NG walker (salve-annos).
 *
 * No entity is ever expanded from a DTD: a document type declaration that declares general
 * entities is rejected (billion laughs, external entities such as file:///etc/passwd), and saxes
 * itself knows only the five predefined entities and character references. Parameter entities
 * with literal values that are never referenced (the TEI's test files) are accepted: doctypeProblem.
 *
 * Elements nested deeper than MAX_XML_DEPTH are refused at the first element beyond the limit:
 * the Schematron rules and the stylesheets walk the tree recursively, and a document nested
 * thousands deep would exhaust their stack (or take minutes). Nothing the project writes, nor
 * any real TEI, comes near the limit (the sample edition and the FRUS documents: 9 levels).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import * as slimdom from 'slimdom';
import type { Grammar } from 'salve-annos';
import { DefaultNameResolver } from 'salve-annos';

export interface XmlPosition {
  line: number;
  column: number;
}

export interface Problem extends XmlPosition {
  file: string;
  /** What found it: the XML parser, the RELAX NG schema, the Schematron rules. */
  source: 'xml' | 'rng' | 'sch';
  message: string;
}

export interface ParsedXml {
  document: slimdom.Document;
  positions: WeakMap<slimdom.Node, XmlPosition>;
}

/**
 * How deep elements may nest (the root element is level 1). Measured with Node's default stack:
 * rendering overflows from about 430 levels of nested add (the element that costs the most
 * stack), the Schematron rules from about 1,600; real TEI nests about 10 deep. The limit leaves
 * the stylesheets room to grow; a document of this depth validates and renders
 * (tests/hostile.test.ts, every element kind of the stylesheets).
 */
export const MAX_XML_DEPTH = 200;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Readable element and attribute names in salve's messages: "{uri}local" -> "local" (TEI) or "prefix:local". */
export function readableNames(message: string): string {
  return message
    .replace(/\{"ns":"([^"]*)","name":"([^"]*)"\}/g, (_m, ns: string, name: string) => (ns === XML_NS ? `xml:${name}` : name))
    .replace(/\{http:\/\/www\.tei-c\.org\/ns\/1\.0\}/g, '')
    .replace(/\{http:\/\/www\.w3\.org\/XML\/1998\/namespace\}/g, 'xml:')
    .replace(/\{\}/g, '');
}

/** The offsets at which the lines of a text start. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line and column (1-based, UTF-16 code units) of an offset, given the text's line starts. */
export function positionIn(starts: number[], offset: number): XmlPosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/**
 * Parse `text`; build its DOM; feed `grammar` (if given) and collect its errors.
 * A well-formedness error ends the parse and is returned as the only problem.
 */
export function parseXml(file: string, text: string, grammar?: Grammar): { parsed?: ParsedXml; problems: Problem[] } {
  const problems: Problem[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  const document = new slimdom.Document();
  const positions = new WeakMap<slimdom.Node, XmlPosition>();
  const stack: slimdom.Node[] = [document];
  /** For each open element: did it declare namespaces (a resolver context to leave at its end)? */
  const nsContexts: boolean[] = [];
  const resolver = new DefaultNameResolver();
  const walker = grammar?.newWalker(resolver);

  // Where the last markup ended: the start of the text that follows it.
  let last: XmlPosition = { line: 1, column: 1 };
  let tagStart: XmlPosition = { line: 1, column: 1 };
  let textBuf = '';
  let textStart: XmlPosition = last;
  const here = (): XmlPosition => ({ line: parser.line, column: parser.column + 1 });
  // Line starts, for positions computed from string offsets.
  const starts = lineStarts(text);
  const at = (offset: number): XmlPosition => positionIn(starts, offset);

  const fire = (name: string, params: string[], at: XmlPosition) => {
    if (!walker) return;
    const errors = walker.fireEvent(name, params);
    if (errors) for (const e of errors) problems.push({ file, ...at, source: 'rng', message: readableNames(e.toString()) });
  };
  const flushText = () => {
    if (textBuf === '') return;
    fire('text', [textBuf], textStart);
    textBuf = '';
  };

  parser.on('doctype', (doctype) => {
    const refused = doctypeProblem(doctype);
    if (refused) throw new FatalXml(refused);
  });
  parser.on('opentagstart', (tag) => {
    flushText();
    // saxes has read '<', the name and the character after it.
    tagStart = at(parser.position - tag.name.length - 2);
    if (stack.length > MAX_XML_DEPTH) {
      throw new FatalXml(
        `elements nested deeper than ${MAX_XML_DEPTH} levels (the limit for validation and rendering): <${tag.name}> is level ${stack.length}`,
        tagStart,
      );
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const start = tagStart;
    const parent = stack[stack.length - 1]!;
    const el = document.createElementNS(tag.uri || null, tag.name);
    const mapping: Record<string, string> = {};
    let hasNs = false;
    for (const [prefix, uri] of Object.entries(tag.ns)) {
      mapping[prefix] = uri;
      hasNs = true;
    }
    if (hasNs) resolver.enterContextWithMapping(mapping);
    fire('enterStartTag', [tag.uri, tag.local], start);
    // Names and values as separate events: salve's duplicate xml:id check needs them so.
    for (const name of Object.keys(tag.attributes).sort()) {
      const a = tag.attributes[name]!;
      if (name === 'xmlns' || a.prefix === 'xmlns') {
        el.setAttributeNS(XMLNS_NS, name, a.value);
        continue;
      }
      el.setAttributeNS(a.prefix === 'xml' ? XML_NS : a.uri || null, name, a.value);
      fire('attributeName', [a.prefix === 'xml' ? XML_NS : a.uri, a.local], start);
      const before = problems.length;
      fire('attributeValue', [a.value], start);
      for (const p of problems.slice(before)) {
        if (p.message.startsWith('invalid attribute value')) p.message = `invalid value "${a.value}" for attribute ${name} of ${tag.local}`;
      }
    }
    fire('leaveStartTag', [], start);
    parent.appendChild(el);
    positions.set(el, start);
    stack.push(el);
    nsContexts.push(hasNs);
    last = here();
    textStart = last;
  });
  parser.on('text', (t) => {
    if (stack.length > 1) {
      if (textBuf === '') textStart = last;
      textBuf += t;
      stack[stack.length - 1]!.appendChild(document.createTextNode(t));
    }
  });
  parser.on('cdata', (t) => {
    if (textBuf === '') textStart = last;
    textBuf += t;
    stack[stack.length - 1]!.appendChild(document.createTextNode(t));
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    flushText();
    stack.pop();
    fire('endTag', [tag.uri, tag.local], here());
    if (nsContexts.pop()) resolver.leaveContext();
    last = here();
    textStart = last;
  });
  parser.on('comment', () => {
    last = here();
  });
  parser.on('processinginstruction', (pi) => {
    if (stack.length > 1) stack[stack.length - 1]!.appendChild(document.createProcessingInstruction(pi.target, pi.body));
    last = here();
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof FatalXml) return { problems: [{ file, ...(e.pos ?? here()), source: 'xml', message: e.message }] };
    // saxes prefixes its messages with "line:column: " (its column 0-based): the position is given once, ours.
    const message = String((e as Error).message).replace(/^\d+:\d+: /, '');
    return { problems: [{ file, ...here(), source: 'xml', message }] };
  }
  if (walker) {
    const errors = walker.end();
    if (errors) for (const e of errors) problems.push({ file, ...here(), source: 'rng', message: readableNames(e.toString()) });
  }
  return { parsed: { document, positions }, problems };
}

/**
 * Why a document type declaration is refused, or undefined if it is harmless. Refused: any general
 * entity declaration (<!ENTITY name …>: billion laughs, external entities), a parameter entity with
 * an external value (SYSTEM, PUBLIC), and any parameter entity reference (%name;) in the internal
 * subset. Accepted: parameter entities declared with a literal value and never referenced, as the
 * TEI's own test files have them (<!ENTITY % TEI.core "INCLUDE">): they select DTD modules, and
 * nothing here reads a DTD. Nothing is expanded either way (saxes knows no DTD, and renderTei
 * blanks the declaration before SaxonJS sees the document).
 */
export function doctypeProblem(doctype: string): string | undefined {
  const refuse = 'entity declarations are not allowed: a document type declaration that declares entities is refused (no entity is expanded)';
  // Quoted literals aside, so that a '%' or '<!ENTITY' inside a value is not taken for markup.
  const bare = doctype.replace(/"[^"]*"|'[^']*'/g, '""');
  const decls = bare.match(/<!ENTITY[^>]*>/gi) ?? [];
  for (const d of decls) {
    if (!/^<!ENTITY\s+%\s/i.test(d)) return refuse;
    if (/\s(SYSTEM|PUBLIC)\s/i.test(d)) return `${refuse}; a parameter entity with an external value is refused too`;
  }
  if (/%[^\s;"']+;/.test(bare.replace(/<!ENTITY[^>]*>/gi, ''))) return `${refuse}; a parameter entity reference (%name;) in the internal subset is refused`;
  return undefined;
}

/**
 * The document with its document type declaration blanked (white space, the same lines and
 * columns): what SaxonJS is given, so that no parser after ours reads a DTD. A document without
 * one is returned as it is.
 */
export function withoutDoctype(xml: string): string {
  const start = xml.search(/<!DOCTYPE/i);
  if (start < 0) return xml;
  // The declaration ends at the first '>' after its internal subset (if any) closes.
  let i = start + 9;
  let depth = 0;
  let quote = '';
  for (; i < xml.length; i++) {
    const c = xml[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) break;
  }
  return xml.slice(0, start) + xml.slice(start, i + 1).replace(/[^\n]/g, ' ') + xml.slice(i + 1);
}

class FatalXml extends Error {
  constructor(
    message: string,
    readonly pos?: XmlPosition,
  ) {
    super(message);
  }
}

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/**
 * A document whose root element is not TEI P5 (an element in the TEI namespace: TEI, teiCorpus,
 * or a fragment such as the FRUS documents' frus-excerpt): the problem, at the root element,
 * naming what was found. `undefined` for a TEI document.
 */
export function rootProblem(file: string, parsed: ParsedXml): Problem | undefined {
  const root = parsed.document.documentElement;
  if (!root || root.namespaceURI === TEI_NS) return undefined;
  const ns = root.namespaceURI;
  const hint = root.localName === 'TEI.2' ? ' (TEI P4?)' : '';
  const fix = (root.localName === 'TEI' || root.localName === 'teiCorpus') && !ns ? ` (add xmlns="${TEI_NS}" to it)` : '';
  return {
    file,
    ...(parsed.positions.get(root) ?? { line: 1, column: 1 }),
    source: 'xml',
    message: `the root element is '${root.nodeName}'${hint} ${ns ? `in the namespace ${ns}` : 'in no namespace'}; expected TEI or teiCorpus in ${TEI_NS}${fix}`,
  };
}

/** How many paragraphs one paragraph may be continued into (@next, followed), head included. */
export const MAX_NEXT_CHAIN = 100;

/**
 * The pointers the stylesheets follow, checked so that rendering ends: in the reading view a
 * paragraph (tei:p) is followed by the paragraphs its @next chain continues into, and their
 * content with it (any paragraph inside them, with its own chain). A cycle of @next pointers,
 * also through content (a note's paragraph continuing into the paragraph that holds the note),
 * would render forever; a chain longer than MAX_NEXT_CHAIN, or chains nesting the rendering
 * deeper than MAX_XML_DEPTH, would exhaust the stack. Every pointer target the stylesheets look
 * up by xml:id must be unique (`duplicates`: report an xml:id given twice; the RELAX NG schema
 * reports it already in validation). Iterative and linear in the size of the document.
 */
export function pointerProblems(file: string, parsed: ParsedXml, duplicates = true): Problem[] {
  const problems: Problem[] = [];
  const posOf = (e: slimdom.Element): XmlPosition => parsed.positions.get(e) ?? { line: 1, column: 1 };
  const problem = (e: slimdom.Element, message: string) => problems.push({ file, ...posOf(e), source: 'xml', message });
  const root = parsed.document.documentElement;
  if (!root) return problems;

  const ids = new Map<string, slimdom.Element>();
  const paragraphs: slimdom.Element[] = [];
  const depth = new Map<slimdom.Element, number>();
  /** For each paragraph: the paragraphs inside it that no other paragraph inside it holds. */
  const inner = new Map<slimdom.Element, slimdom.Element[]>();
  const isP = (e: slimdom.Element) => e.namespaceURI === TEI_NS && e.localName === 'p';

  // Document order, iteratively: (element, depth, nearest enclosing paragraph).
  const todo: [slimdom.Element, number, slimdom.Element | null][] = [[root, 1, null]];
  while (todo.length) {
    const [e, d, outer] = todo.pop()!;
    const id = e.getAttributeNS(XML_NS, 'id');
    if (id !== null) {
      const first = ids.get(id);
      if (!first) ids.set(id, e);
      else if (duplicates) {
        const at = posOf(first);
        problem(e, `xml:id '${id}' is given twice (first at ${at.line}:${at.column}): a pointer to it would be ambiguous`);
      }
    }
    let enclosing = outer;
    if (isP(e)) {
      paragraphs.push(e);
      depth.set(e, d);
      inner.set(e, []);
      if (outer) inner.get(outer)!.push(e);
      enclosing = e;
    }
    const children: slimdom.Element[] = [];
    for (let c = e.firstElementChild; c; c = c.nextElementSibling) children.push(c);
    for (let k = children.length - 1; k >= 0; k--) todo.push([children[k]!, d + 1, enclosing]);
  }

  /** The paragraph a paragraph's @next continues into, as the stylesheets look it up. */
  const next = (p: slimdom.Element): slimdom.Element | undefined => {
    const v = p.getAttribute('next');
    if (v === null || !v.startsWith('#')) return undefined;
    const t = ids.get(v.slice(1));
    return t && isP(t) ? t : undefined;
  };
  const name = (p: slimdom.Element) => {
    const id = p.getAttributeNS(XML_NS, 'id');
    const at = posOf(p);
    return id !== null ? `#${id}` : `<p> at ${at.line}:${at.column}`;
  };

  // Longest rendering below each paragraph, by a depth-first walk with an explicit stack:
  // `levels`, elements nested (a continuation counts one); `links`, @next links followed.
  const state = new Map<slimdom.Element, 'open' | 'done'>();
  const levels = new Map<slimdom.Element, number>();
  const links = new Map<slimdom.Element, number>();
  let cycle = false;
  for (const start of paragraphs) {
    if (state.has(start) || cycle) continue;
    const path: { p: slimdom.Element; succ: slimdom.Element[]; k: number }[] = [];
    const enter = (p: slimdom.Element) => {
      state.set(p, 'open');
      const n = next(p);
      path.push({ p, succ: [...inner.get(p)!, ...(n ? [n] : [])], k: 0 });
    };
    enter(start);
    while (path.length && !cycle) {
      const top = path[path.length - 1]!;
      if (top.k < top.succ.length) {
        const s = top.succ[top.k++]!;
        const st = state.get(s);
        if (st === 'open') {
          const from = path.findIndex((f) => f.p === s);
          const names = path.slice(from).map((f) => name(f.p));
          const shown = names.length > 6 ? [...names.slice(0, 5), '…'] : names;
          problem(
            s,
            `the paragraphs continued by @next form a cycle: ${[...shown, name(s)].join(' → ')}; the reading view would follow it forever`,
          );
          cycle = true;
        } else if (st === undefined) enter(s);
        continue;
      }
      // All successors done: this paragraph's longest rendering.
      const p = top.p;
      const n = next(p);
      let lv = 0;
      let ln = 0;
      for (const c of inner.get(p)!) {
        lv = Math.max(lv, depth.get(c)! - depth.get(p)! + levels.get(c)!);
        ln = Math.max(ln, links.get(c)!);
      }
      if (n) {
        lv = Math.max(lv, 1 + levels.get(n)!);
        ln = Math.max(ln, 1 + links.get(n)!);
      }
      levels.set(p, lv);
      links.set(p, ln);
      state.set(p, 'done');
      path.pop();
    }
  }
  if (cycle) return problems;
  for (const p of paragraphs) {
    if (links.get(p)! + 1 > MAX_NEXT_CHAIN) {
      problem(p, `a paragraph continued (@next) into more than ${MAX_NEXT_CHAIN} paragraphs (${links.get(p)! + 1} from here): more than rendering allows`);
      break;
    }
    if (depth.get(p)! + levels.get(p)! > MAX_XML_DEPTH) {
      problem(
        p,
        `paragraphs continued (@next) into paragraphs that hold others nest the reading view ${depth.get(p)! + levels.get(p)!} levels deep from here, more than ${MAX_XML_DEPTH}`,
      );
      break;
    }
  }
  return problems;
}

/**
 * What rendering needs of a TEI document, checked before the stylesheets run: well-formed (no
 * entity declarations, no deeper than MAX_XML_DEPTH), TEI P5 at the root, pointers that end
 * (pointerProblems). The problems, first one first; none: it can be rendered.
 */
export function renderProblems(file: string, xml: string): Problem[] {
  const { parsed, problems } = parseXml(file, xml);
  if (!parsed) return problems;
  const root = rootProblem(file, parsed);
  if (root) return [root];
  return pointerProblems(file, parsed);
}
