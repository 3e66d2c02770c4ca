/**
 * TEI P4 to TEI P5, for `render`: a document whose root is TEI P4's `TEI.2` or `teiCorpus.2` in no
 * namespace is converted (docs/editions.md, "TEI P4") and rendered, with a warning that lists what
 * was changed. The changes follow the TEI's own guidance on migrating P4 to P5 (the Guidelines and
 * the TEI Stylesheets' P4 profile, learnt from, not copied):
 *
 * - every element in no namespace is put in the TEI namespace;
 * - renamed elements: TEI.2 → TEI, teiCorpus.2 → teiCorpus, xref → ref, xptr → ptr, witList →
 *   listWit, state → refState, dateRange → date, div0 → div;
 * - renamed attributes: id → xml:id (on language and lang: ident), lang → xml:lang, witness/@sigil
 *   → xml:id, date/@value → when, date/@certainty → cert, space/@extent → quantity, entryFree/@key
 *   → sortKey, @targType → type, @url → target (on a figure: a graphic with that url);
 * - pointers (IDREFs in P4: target, corresp, next, prev, who, wit, hand, resp, ana, …) become
 *   local URIs: each name gets its '#', URLs are left as they are;
 * - a correction or normalisation carried in an attribute becomes a choice: corr/@sic, sic/@corr,
 *   abbr/@expan, expan/@abbr, orig/@reg, reg/@orig; gap/@desc becomes its desc;
 * - dropped: teiHeader/@date.created and @date.updated, figure/@entity and @doc (entities of a DTD
 *   that is never read).
 *
 * The positions of the original elements are kept (a problem found later is reported where it is).
 */
import * as slimdom from 'slimdom';
import { TEI_NS, type ParsedXml, type XmlPosition } from '../validate/xml.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const ELEMENTS: Record<string, string> = {
  'TEI.2': 'TEI',
  'teiCorpus.2': 'teiCorpus',
  xref: 'ref',
  xptr: 'ptr',
  witList: 'listWit',
  state: 'refState',
  dateRange: 'date',
  div0: 'div',
};

/** P4's IDREF attributes: in P5 pointers (#name). */
const POINTERS = new Set(
  ('ana active adj adjFrom adjTo children class code copyOf corresp decls domains end exclude fVal feats follow hand inst langKey ' +
    'location mergedin new next old origin otherLangs parent passive perf prev render resp sameAs scheme script select since start ' +
    'synch target targetEnd who wit').split(' '),
);

/** Pairs of a choice carried in an attribute: element, its attribute, the element the attribute becomes. */
const CHOICES: Record<string, [string, string]> = {
  corr: ['sic', 'sic'],
  sic: ['corr', 'corr'],
  abbr: ['expan', 'expan'],
  expan: ['abbr', 'abbr'],
  orig: ['reg', 'reg'],
  reg: ['orig', 'orig'],
};

/** Is this TEI P4: the root TEI.2 or teiCorpus.2, in no namespace? */
export function isP4(parsed: ParsedXml): boolean {
  const root = parsed.document.documentElement;
  return !!root && !root.namespaceURI && (root.localName === 'TEI.2' || root.localName === 'teiCorpus.2');
}

export interface P4Conversion {
  parsed: ParsedXml;
  xml: string;
  /** What was converted, as one sentence. */
  summary: string;
}

/** Convert a TEI P4 document (isP4) to TEI P5. */
export function convertP4(parsed: ParsedXml): P4Conversion {
  const src = parsed.document;
  const document = new slimdom.Document();
  const positions = new WeakMap<slimdom.Node, XmlPosition>();
  const counts = new Map<string, number>();
  const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  let moved = 0;

  const pointer = (value: string) =>
    value
      .split(/\s+/)
      .filter(Boolean)
      .map((t) => (/^[\p{L}_][\p{L}\p{N}_.\-]*$/u.test(t) ? `#${t}` : t))
      .join(' ');

  const el = (local: string) => document.createElementNS(TEI_NS, local);

  const convert = (e: slimdom.Element): slimdom.Element => {
    const p4 = !e.namespaceURI;
    const name = e.localName;
    let local = name;
    if (p4) {
      moved++;
      if (ELEMENTS[name]) {
        local = ELEMENTS[name]!;
        count(`${name} → ${local}`);
      }
    }
    const out = p4 ? el(local) : document.createElementNS(e.namespaceURI, e.prefix ? `${e.prefix}:${name}` : name);
    const at = parsed.positions.get(e);
    if (at) positions.set(out, at);
    let figureUrl: string | undefined;
    const addChild: slimdom.Element[] = [];
    for (const a of Array.from(e.attributes)) {
      if (a.namespaceURI === XMLNS_NS) {
        // No namespace declaration is carried over for elements now in the TEI namespace: the serialiser declares what is used.
        if (!p4) out.setAttributeNS(XMLNS_NS, a.name, a.value);
        continue;
      }
      if (!p4 || a.namespaceURI) {
        out.setAttributeNS(a.namespaceURI, a.name, a.value);
        continue;
      }
      const n = a.localName;
      const set = (to: string, value = a.value) => {
        if (to === n) out.setAttribute(n, value);
        else {
          count(`@${n} → @${to}`);
          if (to.startsWith('xml:')) out.setAttributeNS(XML_NS, to, value);
          else out.setAttribute(to, value);
        }
      };
      if (n === 'id') set(name === 'lang' || name === 'language' ? 'ident' : 'xml:id');
      else if (n === 'lang') set('xml:lang');
      else if (n === 'sigil' && name === 'witness') {
        if (!e.getAttribute('id')) set('xml:id');
      } else if (n === 'value' && name === 'date') set('when');
      else if (n === 'certainty' && name === 'date') set('cert');
      else if (n === 'extent' && name === 'space') set('quantity');
      else if (n === 'key' && name === 'entryFree') set('sortKey');
      else if (n === 'targType') set('type');
      else if (n === 'url' && name === 'figure') {
        figureUrl = a.value;
        count('figure/@url → figure/graphic/@url');
      } else if (n === 'url') set('target');
      else if (n === 'entity' || n === 'doc' || ((n === 'date.created' || n === 'date.updated') && name === 'teiHeader')) count(`@${n} dropped`);
      else if (n === 'desc' && name === 'gap') {
        const d = el('desc');
        d.appendChild(document.createTextNode(a.value));
        addChild.push(d);
        count('gap/@desc → gap/desc');
      } else if (CHOICES[name] && n === CHOICES[name]![0]) {
        // Handled below: the element becomes a choice.
      } else if (POINTERS.has(n)) {
        const v = pointer(a.value);
        if (v !== a.value) count(`@${n} names → #names`);
        out.setAttribute(n, v);
      } else out.setAttribute(n, a.value);
    }
    for (const c of Array.from(e.childNodes)) {
      if (c.nodeType === 1) out.appendChild(convert(c as slimdom.Element));
      else if (c.nodeType === 3) out.appendChild(document.createTextNode((c as slimdom.Text).data));
      else if (c.nodeType === 7) out.appendChild(document.createProcessingInstruction((c as slimdom.ProcessingInstruction).target, (c as slimdom.ProcessingInstruction).data));
    }
    for (const d of addChild) out.appendChild(d);
    if (figureUrl !== undefined) {
      const g = el('graphic');
      g.setAttribute('url', figureUrl);
      out.insertBefore(g, out.firstChild);
    }
    const choice = p4 ? CHOICES[name] : undefined;
    if (choice && e.hasAttribute(choice[0])) {
      const wrap = el('choice');
      if (at) positions.set(wrap, at);
      const other = el(choice[1]);
      other.appendChild(document.createTextNode(e.getAttribute(choice[0])!));
      wrap.appendChild(out);
      wrap.appendChild(other);
      count(`${name}/@${choice[0]} → choice`);
      return wrap;
    }
    return out;
  };

  document.appendChild(convert(src.documentElement!));
  const root = document.documentElement!;
  root.setAttributeNS(XMLNS_NS, 'xmlns', TEI_NS);
  const changes = [...counts].map(([what, n]) => (n > 1 ? `${what} (${n})` : what));
  const summary = `converted from TEI P4 to TEI P5 for rendering: ${moved} elements put in the TEI namespace; ${changes.join(', ')}`;
  return { parsed: { document, positions }, xml: slimdom.serializeToWellFormedString(document), summary };
}
