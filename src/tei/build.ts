/**
 * Document model -> TEI P5 (xmlbuilder2). The encoding decisions are documented in
 * docs/encoding.md; every element is placed where tei_all allows it.
 *
 * Mixed content is written without added whitespace (whitespace there is text); element-only
 * content (div, list, header) is indented with whitespace text nodes.
 */
import { xmlAttrs, xmlText } from './xml.js';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Block, Inline, Line, Note, TranscribedDocument, Witness } from '../transcription/model.js';
import { blockLines, siglum } from '../transcription/model.js';
import { availabilityOf, type DocumentMeta, type EditionMeta, type Medium } from '../enrich/metadata.js';
import { formatIsoDate, parseLongDate } from '../enrich/dates.js';
import { plain } from '../transcription/classify.js';
import { TOOL } from '../version.js';
import type { Person } from '../enrich/registers.js';
import type { Collation } from '../enrich/collate.js';
import { imageUrl } from '../enrich/facsimile.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** Ids of the hands declared in the header. */
export const HAND_TYPESCRIPT = 'hand-typescript';
export const HAND_MS = 'hand-ms';
export const HAND_MAIN = 'hand-main';

export interface TeiInput {
  /** Document name (file name without extension): the TEI file's id. */
  name: string;
  doc: TranscribedDocument;
  meta: DocumentMeta;
  edition: EditionMeta;
  /** The persons of the register the document names (its standOff/listPerson). */
  persons?: Person[];
  /** Each other copy collated with the base copy. */
  collations?: Collation[];
}

const ind = (depth: number) => '\n' + '  '.repeat(depth);

/** Add an element on its own indented line (element-only content). */
function el(parent: XMLBuilder, depth: number, name: string, attrs: Record<string, string> = {}): XMLBuilder {
  parent.txt(xmlText(ind(depth)));
  return parent.ele(name, xmlAttrs(attrs));
}

/** End element-only content: the closing tag goes on its own line. */
function end(parent: XMLBuilder, depth: number): void {
  parent.txt(xmlText(ind(depth)));
}

/** An element with text content on its own line. */
function leaf(parent: XMLBuilder, depth: number, name: string, text: string, attrs: Record<string, string> = {}): XMLBuilder {
  return el(parent, depth, name, attrs).txt(xmlText(text));
}

/** xml:id of a document: an NCName (the names start with a date). */
export function documentId(name: string): string {
  const id = name.replace(/[^\w.-]/g, '-');
  return /^[A-Za-z_]/.test(id) ? id : `doc-${id}`;
}

export function buildTei(input: TeiInput): string {
  const { name, doc, edition } = input;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TEI_NS, 'TEI', xmlAttrs({
    'xml:id': documentId(name),
    'xml:lang': edition.language,
  }));
  writeHeader(root, input);
  // The page breaks point to the facsimile's surfaces, written after standOff (filled in below, before
  // any witness is written).
  const facs = new Map<string, string[]>();
  const writer = new BodyWriter(doc, facs);
  // A copy that reads as the base everywhere has no entries (and no listApp).
  const collations = (input.collations ?? []).filter((c) => c.segments.some((seg) => seg.kind !== 'equal'));
  if (input.persons?.length || collations.length) {
    const standOff = el(root, 1, 'standOff');
    if (input.persons?.length) writePersons(standOff, input.persons);
    writeApparatus(standOff, 2, doc, collations, writer);
    end(standOff, 1);
  }
  for (const [wit, surfaces] of writeFacsimile(root, input)) facs.set(wit, surfaces);
  const text = el(root, 1, 'text');
  const body = el(text, 2, 'body');
  for (const w of doc.witnesses) writer.witness(body, 3, w);
  end(body, 2);
  end(text, 1);
  end(root, 0);
  return root.end({ prettyPrint: false, headless: false }).replace(/^(<\?xml[^>]*\?>)/, '$1\n') + '\n';
}

function docTitle({ name, doc, meta }: TeiInput): string {
  if (meta.title) return meta.title;
  const first = doc.witnesses[0]?.blocks.find((b) => b.kind === 'head');
  if (first) return blockLines(first).map(plain).join(' ').replace(/\d+$/, '').trim();
  return name;
}

function writeHeader(root: XMLBuilder, input: TeiInput): void {
  const { name, doc, meta, edition } = input;
  const title = docTitle(input);
  const language = meta.language ?? edition.language;
  // A page of a printed (web) edition is print whatever the edition's originals are.
  const medium = meta.medium ?? (doc.style === 'frus-web' ? 'print' : edition.medium);
  const features = featuresOf(doc);
  const h = el(root, 1, 'teiHeader');
  const fileDesc = el(h, 2, 'fileDesc');

  const titleStmt = el(fileDesc, 3, 'titleStmt');
  leaf(titleStmt, 4, 'title', title, { type: 'main' });
  leaf(titleStmt, 4, 'title', `${edition.title}${edition.subtitle ? `: ${edition.subtitle}` : ''}`, { type: 'sub' });
  if (meta.author) leaf(titleStmt, 4, 'author', meta.author);
  for (const e of edition.editors) {
    const ed = el(titleStmt, 4, 'editor', { 'xml:id': e.id, role: e.role });
    ed.ele('name').txt(xmlText(e.name));
  }
  if (edition.transcription) {
    const rs = el(titleStmt, 4, 'respStmt');
    leaf(rs, 5, 'resp', 'Transcription');
    leaf(rs, 5, 'name', edition.transcription);
    end(rs, 4);
  }
  const tool = el(titleStmt, 4, 'respStmt', { 'xml:id': 'tei-edition' });
  leaf(tool, 5, 'resp', 'TEI encoding generated from the transcription by');
  leaf(tool, 5, 'name', `${TOOL.name} ${TOOL.version}`, { type: 'software' });
  end(tool, 4);
  end(titleStmt, 3);

  const pub = el(fileDesc, 3, 'publicationStmt');
  leaf(pub, 4, 'publisher', edition.publisher);
  if (edition.pubPlace) leaf(pub, 4, 'pubPlace', edition.pubPlace);
  if (edition.date) leaf(pub, 4, 'date', edition.date, { when: edition.date });
  leaf(pub, 4, 'idno', name, { type: 'local' });
  if (edition.url) leaf(pub, 4, 'idno', edition.url, { type: 'URL' });
  const a = availabilityOf(edition);
  const avail = el(pub, 4, 'availability', a.status ? { status: a.status } : {});
  for (const l of a.licences) leaf(avail, 5, 'licence', l.text, { target: l.target });
  for (const p of a.unstated) leaf(avail, 5, 'p', p);
  end(avail, 4);
  end(pub, 3);

  const sourceDesc = el(fileDesc, 3, 'sourceDesc');
  if (meta.published) {
    const bibl = el(sourceDesc, 4, 'bibl', { type: 'publication' });
    leaf(bibl, 5, 'title', meta.published.title, { level: 'm' });
    if (meta.published.document) leaf(bibl, 5, 'biblScope', meta.published.document, { unit: 'document' });
    if (meta.published.url) leaf(bibl, 5, 'ref', meta.published.url, { target: meta.published.url });
    end(bibl, 4);
  }
  const ms = el(sourceDesc, 4, 'msDesc');
  const msId = el(ms, 5, 'msIdentifier');
  const country = meta.country ?? edition.country;
  if (country) leaf(msId, 6, 'country', country);
  if (meta.institution) leaf(msId, 6, 'institution', meta.institution);
  if (meta.archive) leaf(msId, 6, 'collection', meta.archive);
  for (const id of meta.identifiers) leaf(msId, 6, 'idno', id.value, { type: id.type });
  if (!meta.identifiers.length) leaf(msId, 6, 'idno', name, { type: 'local' });
  end(msId, 5);
  const contents = el(ms, 5, 'msContents');
  leaf(contents, 6, 'textLang', languageName(language), { mainLang: language });
  const item = el(contents, 6, 'msItem');
  if (meta.author) leaf(item, 7, 'author', meta.author);
  leaf(item, 7, 'title', title);
  end(item, 6);
  end(contents, 5);
  const phys = el(ms, 5, 'physDesc');
  const objectDesc = el(phys, 6, 'objectDesc', medium ? { form: medium === 'print' ? 'printed' : medium } : {});
  leaf(objectDesc, 7, 'p', meta.physical ?? MEDIUM[medium ?? 'unknown'].physical);
  end(objectDesc, 6);
  // The hands: the main one where the medium says what it is, another only where the transcription marks one.
  const main = medium ? MEDIUM[medium].hand : undefined;
  const named = namedHands(doc);
  if (main || features.has('otherHand') || named.length) {
    const handDesc = el(phys, 6, 'handDesc');
    const others = features.has('otherHand') || named.length > 0;
    if (main) leaf(handDesc, 7, 'handNote', main.text, { 'xml:id': main.id, scope: others ? 'major' : 'sole', ...(main.medium ? { medium: main.medium } : {}) });
    if (features.has('otherHand')) leaf(handDesc, 7, 'handNote', MEDIUM[medium ?? 'unknown'].otherHand, { 'xml:id': HAND_MS, scope: main ? 'minor' : 'major' });
    // The hands the transcription names (docs/transcription-syntax.md, the hand sign), each referred to by @hand.
    for (const h of named) leaf(handDesc, 7, 'handNote', NAMED_HANDS[h] ?? `The hand the transcription names "${h}".`, { 'xml:id': handId(h), scope: 'minor' });
    end(handDesc, 6);
  }
  const stampKinds = new Set<string>();
  for (const w of doc.witnesses) for (const b of w.blocks) if (b.kind === 'stamp') stampKinds.add(b.stamp);
  if (stampKinds.size) {
    const additions = el(phys, 6, 'additions');
    const words: Record<string, string> = {
      review: 'declassification review stamps',
      declassification: 'declassification authority stamps',
      datetime: 'date and time stamps',
    };
    leaf(additions, 7, 'p', `The document bears ${[...stampKinds].map((k) => words[k]).join(', ')}; they are transcribed as stamp elements where they stand.`);
    end(additions, 6);
  }
  end(phys, 5);
  end(ms, 4);
  const listWit = el(sourceDesc, 4, 'listWit');
  doc.witnesses.forEach((w, i) => {
    const label = meta.witnesses?.[i]?.label ?? (w.introduction ? plain(w.introduction) : 'The transcribed copy');
    const wit = el(listWit, 5, 'witness', { 'xml:id': w.id });
    wit.txt(xmlText(label));
  });
  end(listWit, 4);
  end(sourceDesc, 3);
  end(fileDesc, 2);

  const enc = el(h, 2, 'encodingDesc');
  const proj = el(enc, 3, 'projectDesc');
  leaf(proj, 4, 'p', `${edition.title}: a digital scholarly edition in TEI P5, with a diplomatic and a normalized reading view.`);
  end(proj, 3);
  const ed = el(enc, 3, 'editorialDecl');
  for (const p of editorialDeclaration(features)) leaf(ed, 4, 'p', p);
  end(ed, 3);
  // The apparatus of the copies (writeApparatus): double-end-point attachment, in standOff.
  if (input.collations?.some((c) => c.segments.some((seg) => seg.kind !== 'equal'))) el(enc, 3, 'variantEncoding', { method: 'double-end-point', location: 'external' });
  const app = el(enc, 3, 'appInfo');
  const appl = el(app, 4, 'application', { ident: TOOL.name, version: TOOL.version });
  leaf(appl, 5, 'label', TOOL.name);
  end(appl, 4);
  end(app, 3);
  end(enc, 2);

  const prof = el(h, 2, 'profileDesc');
  const creation = el(prof, 3, 'creation');
  if (meta.date) {
    const when = meta.time && /^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? `${meta.date}T${meta.time}:00` : meta.date;
    creation.ele('date', xmlAttrs({ when })).txt(xmlText(formatIsoDate(meta.date, meta.time)));
  } else {
    creation.ele('date').txt('Undated');
  }
  end(creation, 3);
  const lang = el(prof, 3, 'langUsage');
  leaf(lang, 4, 'language', languageName(language), { ident: language });
  end(lang, 3);
  if (meta.type || meta.classification || meta.precedence) {
    const tc = el(prof, 3, 'textClass');
    const kw = el(tc, 4, 'keywords');
    if (meta.type) leaf(kw, 5, 'term', meta.type, { type: 'documentType' });
    if (meta.classification) leaf(kw, 5, 'term', meta.classification, { type: 'classification' });
    if (meta.precedence) leaf(kw, 5, 'term', meta.precedence, { type: 'precedence' });
    end(kw, 4);
    end(tc, 3);
  }
  end(prof, 2);

  const rev = el(h, 2, 'revisionDesc');
  const who = edition.editors[0] ? `#${edition.editors[0].id}` : '#tei-edition';
  leaf(rev, 3, 'change', `TEI encoding generated by ${TOOL.name} ${TOOL.version} from the transcription ${baseName(doc.file)}.`, {
    ...(edition.date ? { when: edition.date } : {}),
    who,
  });
  end(rev, 2);
  end(h, 1);
}

/** The xml:id of each paragraph of a witness ("A-p3"): its citable anchor; an XML name whatever the witness id ("wit-1-p3"). */
export function paragraphIds(w: Witness): Map<Block, string> {
  const short = /^[A-Za-z_]/.test(siglum(w.id)) ? siglum(w.id) : w.id;
  const ids = new Map<Block, string>();
  for (const b of w.blocks) if (b.kind === 'paragraph') ids.set(b, `${short}-p${ids.size + 1}`);
  return ids;
}

/** The xml:id of the k-th app (0-based) of a collation. */
export function appId(c: Collation, k: number): string {
  return `app-${siglum(c.other)}-${k + 1}`;
}

/**
 * The critical apparatus in double-end-point attachment (docs/encoding.md): one listApp per
 * collated copy, each app pointing with @from/@to at the anchors collation placed in the base copy.
 * The lemma is the reading the registers and the collation hold right, the other reading(s) rdg;
 * both keep their markup, copied from the witnesses between their anchors.
 */
function writeApparatus(parent: XMLBuilder, depth: number, doc: TranscribedDocument, collations: Collation[], writer: BodyWriter): void {
  const byId = new Map(doc.witnesses.map((w) => [w.id, w]));
  for (const c of collations) {
    const list = el(parent, depth, 'listApp', { type: 'collation', corresp: `#${c.base} #${c.other}` });
    leaf(list, depth + 1, 'head', `Copy ${siglum(c.other)} collated with copy ${siglum(c.base)}${c.aborted ? ' (too different to align word by word)' : ''}`);
    const base = byId.get(c.base)!;
    const other = byId.get(c.other)!;
    const anchors = c.anchors ?? new Map();
    const ranges = (pick: (a: { from: string; to: string; rdgFrom?: string; rdgTo?: string }) => [string | undefined, string | undefined]) =>
      new Map([...anchors.values()].map((a) => pick(a)).filter((r): r is [string, string] => Boolean(r[0] && r[1])));
    const baseSlices = sliceRanges(base, ranges((a) => [a.from, a.to]));
    const otherSlices = sliceRanges(other, ranges((a) => [a.rdgFrom, a.rdgTo]));
    let k = 0;
    for (const s of c.segments) {
      if (s.kind === 'equal') continue;
      const id = appId(c, k++);
      const a = anchors.get(s);
      const attrs: Record<string, string> = { 'xml:id': id, type: s.kind };
      if (s.subtype) attrs.subtype = s.subtype;
      if (s.cert) attrs.cert = s.cert;
      if (a) {
        attrs.from = `#${a.from}`;
        attrs.to = `#${a.to}`;
      }
      const app = el(list, depth + 1, 'app', attrs);
      const baseContent = (a && baseSlices.get(a.from)) ?? [];
      const otherContent = (a?.rdgFrom && otherSlices.get(a.rdgFrom)) || [];
      const misread = { cause: 'misreading' };
      const reading = (name: 'lem' | 'rdg', wit: string, content: Inline[], extra: Record<string, string> = {}) => {
        const e = app.ele(name, xmlAttrs({ wit: `#${wit}`, ...extra }));
        writer.inlines(e, content);
        return e;
      };
      if (s.right === 'other') {
        reading('lem', c.other, otherContent);
        reading('rdg', c.base, baseContent, misread);
      } else {
        reading('lem', c.base, baseContent);
        const rdg = reading('rdg', c.other, otherContent, s.right === 'base' && s.kind === 'ocr' ? misread : {});
        if (s.kind === 'excision' && !s.other.some((t) => t.kind === 'excision')) {
          // The copy has only the reviewer's marks there: the gap is the editor's, with the measured extent.
          const extent = c.extents?.get(s);
          if (otherContent.length) rdg.txt(' ');
          rdg.ele('gap', xmlAttrs({ reason: 'excised', resp: '#tei-edition', ...(extent ? { quantity: String(extent.quantity), unit: extent.unit, extent: extent.text } : {}) }));
        }
      }
    }
    end(list, depth);
  }
}

/**
 * The content of a witness between pairs of its anchors (from id -> to id), with its markup: the
 * elements a range starts or ends inside are copied around the part in the range. Ids are not
 * copied (the witness keeps them); notes and page breaks stay in the witness.
 */
function sliceRanges(w: Witness, ranges: Map<string, string>): Map<string, Inline[]> {
  const out = new Map<string, Inline[]>();
  let cur: { from: string; to: string; root: Inline[]; clones: Map<Inline, Inline[]> } | null = null;
  const add = (n: Inline, path: Inline[]) => {
    let target = cur!.root;
    for (const c of path) {
      let kids = cur!.clones.get(c);
      if (!kids) {
        kids = [];
        const clone = { ...c, children: kids } as Inline;
        if (clone.kind === 'name') delete clone.part;
        target.push(clone);
        cur!.clones.set(c, kids);
      }
      target = kids;
    }
    target.push(n);
  };
  const walk = (nodes: Inline[], path: Inline[]) => {
    for (const n of nodes) {
      if (n.kind === 'anchor') {
        if (cur && n.id === cur.to) {
          out.set(cur.from, cur.root);
          cur = null;
        }
        const to = ranges.get(n.id);
        if (to !== undefined) {
          cur = { from: n.id, to, root: [], clones: new Map() };
          if (to === n.id) {
            out.set(n.id, []);
            cur = null;
          }
        }
        continue;
      }
      if ('children' in n) {
        walk(n.children, [...path, n]);
        continue;
      }
      if (cur && n.kind !== 'noteRef' && n.kind !== 'pb') add(n, path);
    }
  };
  for (const b of w.blocks) {
    blockLines(b).forEach((line, k) => {
      if (cur && (k > 0 || cur.root.length)) add({ kind: 'text', text: ' ', pos: line.pos }, []);
      walk(line.inlines, []);
    });
  }
  return out;
}

/** The register's entries for the persons the document names, in the order of first mention. */
function writePersons(standOff: XMLBuilder, persons: Person[]): void {
  const list = el(standOff, 2, 'listPerson');
  for (const p of persons) {
    const person = el(list, 3, 'person', { 'xml:id': p.id });
    leaf(person, 4, 'persName', p.name);
    if (p.role) leaf(person, 4, 'occupation', p.role);
    if (p.wikidata) leaf(person, 4, 'idno', p.wikidata, { type: 'wikidata' });
    if (p.viaf) leaf(person, 4, 'idno', p.viaf, { type: 'viaf' });
    end(person, 3);
  }
  end(list, 2);
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** The id of a hand the transcription names with the hand sign (`*@reviewer hll*`). */
export const handId = (label: string) => `hand-${label.replace(/[^\w.-]/g, '-')}`;

/** What the header says of the hands the transcriptions name most often; any other name is declared as named. */
const NAMED_HANDS: Record<string, string> = {
  reviewer: "The declassification reviewer's hand: the marks, initials and signatures of the review (brackets, excision marks, the review stamp's entries).",
  typist: "The typist's corrections, made on the typewriter while the document was typed.",
  pen: 'Corrections and annotations in pen by the drafters or the office, after typing.',
};

/**
 * The hands the transcription names (hand signs), and the reviewer's where a review stamp holds
 * handwriting (its signatures and initials are the reviewer's).
 */
function namedHands(doc: TranscribedDocument): string[] {
  const found = new Set<string>();
  const walk = (inlines: Inline[], review: boolean) => {
    for (const n of inlines) {
      if ((n.kind === 'hand' || n.kind === 'add' || n.kind === 'del') && n.hand) found.add(n.hand);
      if (review && (n.kind === 'signature' || (n.kind === 'hand' && !n.hand))) found.add('reviewer');
      if ('children' in n) walk(n.children, review);
    }
  };
  for (const w of doc.witnesses) for (const b of w.blocks) for (const l of blockLines(b)) walk(l.inlines, b.kind === 'stamp' && b.stamp === 'review');
  return [...found];
}

/** What the header says of each medium: the physical description's default, the main hand, another hand. */
const MEDIUM: Record<Medium | 'unknown', { physical: string; hand?: { id: string; text: string; medium?: string }; otherHand: string }> = {
  typescript: {
    physical: 'Typescript.',
    hand: { id: HAND_TYPESCRIPT, text: 'The typescript of the document.', medium: 'typewriter' },
    otherHand: 'Handwriting added to the typescript (transcribed as another hand): signatures, initials, dates, corrections.',
  },
  manuscript: {
    physical: 'Manuscript.',
    hand: { id: HAND_MAIN, text: 'The main hand of the document.' },
    otherHand: 'Writing in another hand than the main one (transcribed as another hand).',
  },
  print: { physical: 'Printed text.', otherHand: 'Handwriting added to the printed text (transcribed as another hand).' },
  mixed: { physical: 'Typescript, print and handwriting.', otherHand: 'Writing in another hand than the main text (transcribed as another hand).' },
  unknown: {
    physical: 'The physical form of the original is not described.',
    otherHand: 'Writing in another hand than the main text (transcribed as another hand).',
  },
};

/** The English name of a language tag, for textLang and language ("de" -> German). */
function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

type Feature = Inline['kind'] | Block['kind'] | 'otherHand' | 'inferredPb' | 'copies';

/** Which signs and blocks a transcription uses: the header declares those conventions, and only those. */
function featuresOf(doc: TranscribedDocument): Set<Feature> {
  const found = new Set<Feature>();
  const walk = (inlines: Inline[]) => {
    for (const n of inlines) {
      found.add(n.kind);
      if (n.kind === 'hand' || n.kind === 'signature') found.add('otherHand');
      if ('children' in n) walk(n.children);
    }
  };
  if (doc.witnesses.length > 1) found.add('copies');
  for (const w of doc.witnesses) {
    if (w.introduction) walk(w.introduction.inlines);
    for (const b of w.blocks) {
      found.add(b.kind);
      if (b.kind === 'pb' && b.inferred) found.add('inferredPb');
      for (const l of blockLines(b)) walk(l.inlines);
    }
  }
  return found;
}

/** The transcription conventions this document uses, summarised in its header (full text: docs/encoding.md). */
function editorialDeclaration(f: Set<Feature>): string[] {
  const signs = [
    f.has('del') && 'deletions are encoded as del',
    f.has('add') && 'insertions above the line as add place="above"',
    f.has('hand') && 'writing in another hand as seg with @hand pointing to the hand notes',
    f.has('bold') && 'bold type as hi rend="bold"',
  ].filter((s): s is string => Boolean(s));
  const out = [`The text is transcribed as the source shows it${signs.length ? `. ${signs.join(', ').replace(/^./, (c) => c.toUpperCase())}` : ''}.`];
  const marks = [
    f.has('excision') && 'an empty bracket left by an excision is encoded as gap reason="excised"',
    f.has('bracketed') && 'text bracketed in the source as seg type="bracketed"',
    f.has('signature') && 'illegible signatures as gaps with unit="signature"',
  ].filter((s): s is string => Boolean(s));
  if (marks.length) out.push(`${marks.join('; ').replace(/^./, (c) => c.toUpperCase())}.`);
  if (f.has('pb')) out.push(`Page breaks are pb${f.has('inferredPb') ? '; page breaks inferred from the furniture of the page foot and head carry cert="medium"' : ''}.`);
  if (f.has('furniture') || f.has('stamp')) {
    out.push(`${f.has('furniture') ? 'Running heads, markings, form captions, page numbers and archival numbers are fw' : ''}${f.has('furniture') && f.has('stamp') ? '; s' : 'S'}tamps are stamp inside fw type="stamp".`);
  }
  if (f.has('copies')) out.push('Several copies of one document in one transcription are separate witnesses, listed in listWit, each transcribed in full in its own div type="witness".');
  out.push('Nothing of the transcription is dropped: text the converter does not recognise is kept as ab.');
  return out;
}

/**
 * The page images of edition.yaml (`facs`) as a facsimile: one surface per page of a witness, its
 * graphic pointing to the published image (editions/images/, or the URL), with the alt text as
 * desc. Returns each witness's surface ids in page order (the page breaks point to them). An image
 * with no page to go with is kept (a surface no page break points to), and a warning says so.
 */
function writeFacsimile(root: XMLBuilder, input: TeiInput): Map<string, string[]> {
  const { doc, meta } = input;
  const out = new Map<string, string[]>();
  if (!meta.facs?.length) return out;
  const title = docTitle(input);
  const facsimile = el(root, 1, 'facsimile');
  const several = doc.witnesses.length > 1;
  for (const [k, w] of doc.witnesses.entries()) {
    const pages = pagesOf(w);
    const images = meta.facs.filter((f) => (f.witness ? f.witness === w.id : k === 0));
    const ids = images.map((f, i) => {
      const id = `facs-${siglum(w.id)}-${i + 1}`;
      const n = pages[i] ?? String(i + 1);
      const surface = el(facsimile, 2, 'surface', { 'xml:id': id, n, ...(several ? { corresp: `#${w.id}` } : {}) });
      const graphic = el(surface, 3, 'graphic', { url: imageUrl(f.image) });
      graphic.ele('desc').txt(xmlText(f.alt ?? `Page ${n} of ${title}${several ? ` (copy ${siglum(w.id)})` : ''}`));
      end(surface, 2);
      return id;
    });
    if (images.length > pages.length) {
      doc.warnings.push({ pos: { line: 1, column: 1 }, message: `edition.yaml gives ${images.length} page images for copy ${siglum(w.id)}, the transcription has ${pages.length} pages: the images without a page are shown apart` });
    }
    out.set(w.id, ids);
  }
  for (const f of meta.facs) {
    if (f.witness && !doc.witnesses.some((w) => w.id === f.witness)) doc.warnings.push({ pos: { line: 1, column: 1 }, message: `edition.yaml gives a page image for the witness '${f.witness}', which the transcription does not have` });
  }
  end(facsimile, 1);
  return out;
}

/** The pages of a witness, by their numbers (undefined where none is given): the first page too when no page break opens it. */
function pagesOf(w: Witness): (string | undefined)[] {
  const pages: (string | undefined)[] = [];
  const walk = (nodes: Inline[]) => {
    for (const n of nodes) {
      if (n.kind === 'pb') pages.push(n.n);
      if ('children' in n) walk(n.children);
    }
  };
  if (w.blocks[0]?.kind !== 'pb') pages.push(undefined);
  for (const b of w.blocks) {
    if (b.kind === 'pb') pages.push(b.n);
    else for (const l of blockLines(b)) walk(l.inlines);
  }
  return pages;
}

class BodyWriter {
  /** Paragraph ids, and the links of a paragraph broken off by a page break. */
  private paragraphs = new Map<Block, Record<string, string>>();
  /** Writing a review stamp (its handwriting is the reviewer's). */
  private review = false;

  /** The @hand of a hand, insertion or deletion: the hand it names, or the default. */
  private hand(n: { hand?: string }, fallback?: string): Record<string, string> {
    const h = n.hand ? handId(n.hand) : this.review ? handId('reviewer') : fallback;
    return h ? { hand: `#${h}` } : {};
  }

  /** Pages written of the current witness (page breaks point to its surfaces in this order). */
  private page = 0;
  private surfaces: string[] = [];

  constructor(
    private readonly doc: TranscribedDocument,
    /** The facsimile surfaces of each witness, by witness id, in the order of its pages. */
    private readonly facs: Map<string, string[]> = new Map(),
  ) {}

  /** The page break's facs: the surface of the next page, if the witness has one. */
  private pageFacs(): Record<string, string> {
    const id = this.surfaces[this.page++];
    return id ? { facs: `#${id}` } : {};
  }

  witness(body: XMLBuilder, depth: number, w: Witness): void {
    const div = el(body, depth, 'div', { type: 'witness', corresp: `#${w.id}` });
    const d = depth + 1;
    this.surfaces = this.facs.get(w.id) ?? [];
    this.page = 0;
    if (w.introduction) {
      const head = el(div, d, 'head', { type: 'transcriber' });
      this.inlines(head, w.introduction.inlines);
    }
    // Ids for paragraphs, so that a paragraph broken by a page break points to its continuation.
    const ids = paragraphIds(w);
    const paras = [...ids.keys()];
    paras.forEach((b, k) => {
      const attrs: Record<string, string> = { 'xml:id': ids.get(b)! };
      if (b.kind === 'paragraph' && b.continuedNext && k + 1 < paras.length) attrs.next = `#${ids.get(paras[k + 1]!)}`;
      if (b.kind === 'paragraph' && b.continuesPrevious && k > 0) attrs.prev = `#${ids.get(paras[k - 1]!)}`;
      this.paragraphs.set(b, attrs);
    });

    const blocks = w.blocks;
    // Page images and no page break at the start: the first page's break, for its image.
    if (this.surfaces.length && blocks[0]?.kind !== 'pb') el(div, d, 'pb', this.pageFacs());
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind === 'signature') {
        // The closer holds the signature and what follows it up to the last block that may not
        // stand after a closer (unrecognised blocks, captions): those become lines of the closer.
        const inCloser = (t: Block) => t.kind === 'block' || t.kind === 'caption';
        let last = i;
        for (let k = i + 1; k < blocks.length; k++) if (inCloser(blocks[k]!)) last = k;
        const closer = el(div, d, 'closer');
        const signed = el(closer, d + 1, 'signed');
        this.lines(signed, b.lines);
        for (let k = i + 1; k <= last; k++) {
          const t = blocks[k]!;
          if (t.kind === 'block' || t.kind === 'caption') {
            closer.txt(xmlText(ind(d + 1)));
            closer.ele('lb');
            this.lines(closer, t.lines);
          } else this.block(closer, d + 1, t);
        }
        end(closer, d);
        i = last;
        continue;
      }
      this.block(div, d, b);
    }
    if (w === this.doc.witnesses[0]) {
      for (const n of this.doc.notes) if (!n.placed) this.note(el(div, d, 'note', noteAttrs(n)), n);
    }
    end(div, depth);
  }

  block(parent: XMLBuilder, d: number, b: Block): void {
    switch (b.kind) {
      case 'pb': {
        const attrs: Record<string, string> = {};
        if (b.n) attrs.n = b.n;
        // Inferred from the furniture of a page foot and head, not written in the source.
        if (b.inferred && b.n !== '1') attrs.cert = 'medium';
        el(parent, d, 'pb', { ...attrs, ...this.pageFacs() });
        return;
      }
      case 'furniture': {
        const lines = b.lines;
        for (let k = 0; k < lines.length; ) {
          const fw = lines[k]!.fw;
          let j = k + 1;
          if (fw === 'notice') while (j < lines.length && lines[j]!.fw === 'notice') j++;
          const e = el(parent, d, 'fw', { type: fw });
          this.lines(
            e,
            lines.slice(k, j).map((l) => l.line),
          );
          k = j;
        }
        return;
      }
      case 'stamp': {
        const fw = el(parent, d, 'fw', { type: 'stamp' });
        const stamp = fw.ele('stamp', xmlAttrs({ type: b.stamp }));
        // Handwriting in a review stamp is the reviewer's.
        this.review = b.stamp === 'review';
        this.lines(
          stamp,
          b.lines.filter((l): l is Line => l !== null),
        );
        this.review = false;
        return;
      }
      case 'field': {
        if (!b.entries.length) {
          this.inlines(el(parent, d, 'label', { type: 'field', subtype: b.field }), b.label.inlines);
          return;
        }
        const list = el(parent, d, 'list', { type: 'field', subtype: b.field });
        this.inlines(el(list, d + 1, 'head'), b.label.inlines);
        for (const e of b.entries) this.inlines(el(list, d + 1, 'item'), e.inlines);
        end(list, d);
        return;
      }
      case 'participants': {
        for (const g of b.groups) {
          const list = el(parent, d, 'list', { type: 'participants' });
          if (g.head) this.inlines(el(list, d + 1, 'head'), g.head.inlines);
          for (const e of g.entries) this.inlines(el(list, d + 1, 'item'), e.inlines);
          end(list, d);
        }
        return;
      }
      case 'admin':
        this.lines(el(parent, d, 'note', { type: b.admin }), b.lines);
        return;
      case 'caption':
        this.lines(el(parent, d, 'label', { type: 'caption' }), b.lines);
        return;
      case 'dateline': {
        const ab = el(parent, d, 'ab', { type: 'dateline' });
        b.lines.forEach((line, k) => {
          if (k > 0) ab.txt('\n').ele('lb');
          const when = parseLongDate(plain(line));
          if (when) this.inlines(ab.ele('date', xmlAttrs({ when })), line.inlines);
          else this.inlines(ab, line.inlines);
        });
        return;
      }
      case 'head':
        this.lines(el(parent, d, 'head'), b.lines);
        return;
      case 'paragraph':
        this.lines(el(parent, d, 'p', this.paragraphs.get(b)), b.lines);
        return;
      case 'signature':
        this.lines(el(el(parent, d, 'closer'), d + 1, 'signed'), b.lines);
        return;
      case 'block':
        this.lines(el(parent, d, 'ab'), b.lines);
        return;
    }
  }

  /** Lines of a block: a line break between lines is a newline and an lb. */
  lines(parent: XMLBuilder, lines: Line[]): void {
    lines.forEach((line, k) => {
      if (k > 0) parent.txt('\n').ele('lb');
      this.inlines(parent, line.inlines);
    });
  }

  inlines(parent: XMLBuilder, nodes: Inline[], inSubst = false): void {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      // A struck word and its replacement above the line (either order, white space and anchors
      // between them): one substitution.
      if (!inSubst && (n.kind === 'del' || n.kind === 'add')) {
        let j = i + 1;
        while (j < nodes.length && ((nodes[j]!.kind === 'text' && !(nodes[j] as { text: string }).text.trim()) || nodes[j]!.kind === 'anchor')) j++;
        const other = nodes[j];
        if (other && (other.kind === 'del' || other.kind === 'add') && other.kind !== n.kind) {
          this.inlines(parent.ele('subst'), nodes.slice(i, j + 1), true);
          i = j;
          continue;
        }
      }
      switch (n.kind) {
        case 'text':
          parent.txt(xmlText(n.text));
          break;
        case 'del':
          this.inlines(parent.ele('del', xmlAttrs({ rend: 'strikethrough', ...this.hand(n) })), n.children);
          break;
        case 'add':
          this.inlines(parent.ele('add', xmlAttrs({ place: 'above', ...this.hand(n) })), n.children);
          break;
        case 'hand':
          this.inlines(parent.ele('seg', xmlAttrs({ type: 'handwritten', ...this.hand(n, HAND_MS) })), n.children);
          break;
        case 'bold':
          this.inlines(parent.ele('hi', xmlAttrs({ rend: 'bold' })), n.children);
          break;
        case 'signature':
          parent.ele('seg', xmlAttrs({ type: 'signature', ...this.hand({}, HAND_MS) })).ele('gap', xmlAttrs({ reason: 'illegible', quantity: '1', unit: 'signature' }));
          break;
        case 'excision':
          // The extent the collation measured against a fuller copy, worded as FRUS does.
          parent.ele('gap', xmlAttrs({ reason: 'excised', rend: 'empty-brackets', ...(n.extent ? { quantity: String(n.extent.quantity), unit: n.extent.unit, extent: n.extent.text } : {}) }));
          break;
        case 'bracketed':
          this.inlines(parent.ele('seg', xmlAttrs({ type: 'bracketed', rend: 'brackets' })), n.children);
          break;
        case 'pb':
          parent.ele('pb', xmlAttrs({ n: n.n, ...this.pageFacs() }));
          break;
        case 'noteRef':
          this.note(parent.ele('note', xmlAttrs(noteAttrs(n.note))), n.note);
          break;
        case 'name': {
          const attrs: Record<string, string> = n.ref ? { ref: `#${n.ref}` } : {};
          if (n.part) {
            attrs['xml:id'] = n.part.id;
            if (n.part.next) attrs.next = `#${n.part.next}`;
            if (n.part.prev) attrs.prev = `#${n.part.prev}`;
          }
          this.inlines(parent.ele(n.type === 'place' ? 'placeName' : n.type === 'org' ? 'orgName' : 'persName', xmlAttrs(attrs)), n.children);
          break;
        }
        case 'choice': {
          const choice = parent.ele('choice');
          if (n.type === 'correction') {
            this.inlines(choice.ele('sic'), n.original);
            // An emendation another copy confirms names that copy as its source.
            choice.ele('corr', xmlAttrs({ ...(n.cert && n.cert !== 'high' ? { cert: n.cert } : {}), ...(n.source ? { source: `#${n.source}` } : {}) })).txt(xmlText(n.regular));
          } else {
            this.inlines(choice.ele('abbr', xmlAttrs(n.type === 'acronym' ? { type: 'acronym' } : {})), n.original);
            choice.ele('expan').txt(xmlText(n.regular));
          }
          break;
        }
        case 'quoteMark':
          parent.ele('abbr', xmlAttrs({ type: 'quote' })).txt(xmlText(n.text));
          break;
        case 'quote':
          this.inlines(parent.ele('q'), n.children);
          break;
        case 'date':
          this.inlines(parent.ele('date', xmlAttrs({ when: n.when })), n.children);
          break;
        case 'anchor':
          parent.ele('anchor', xmlAttrs({ 'xml:id': n.id, type: n.type, corresp: `#${n.app}` }));
          break;
      }
    }
  }

  note(e: XMLBuilder, n: Note): void {
    this.inlines(e, n.content);
  }
}

function noteAttrs(n: Note): Record<string, string> {
  return { 'xml:id': `note-${n.n}`, n: n.n, place: 'foot', ...(n.type ? { type: n.type } : {}) };
}
