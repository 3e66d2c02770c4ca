/**
 * One pass of saxes over an XML file: well-formedness, a slimdom DOM with the source position of
 * every element (for Schematron), and the events of a RELAX NG walker (salve-annos).
 *
 * No entity is ever expanded from a DTD: a document type declaration that declares entities is
 * rejected (billion laughs, external entities such as file:///etc/passwd), and saxes itself knows
 * only the five predefined entities and character references.
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
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const at = (offset: number): XmlPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

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
    if (/<!ENTITY/i.test(doctype)) {
      throw new FatalXml('entity declarations are not allowed: a document type declaration that declares entities is refused (no entity is expanded)');
    }
  });
  parser.on('opentagstart', (tag) => {
    flushText();
    // saxes has read '<', the name and the character after it.
    tagStart = at(parser.position - tag.name.length - 2);
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
    const message = e instanceof FatalXml ? e.message : String((e as Error).message).replace(/^.*?:\d+:\d+: /, '');
    return { problems: [{ file, ...here(), source: 'xml', message }] };
  }
  if (walker) {
    const errors = walker.end();
    if (errors) for (const e of errors) problems.push({ file, ...here(), source: 'rng', message: readableNames(e.toString()) });
  }
  return { parsed: { document, positions }, problems };
}

class FatalXml extends Error {}
