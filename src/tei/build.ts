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
import { datelineDate, formatIsoDate, isoFromNumeric } from '../enrich/dates.js';
import { plain } from '../transcription/classify.js';
import { inlineText } from '../transcription/inline.js';
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
  const history = stampHistory(doc, input.meta);
  writeHeader(root, input, history);
  // The page breaks point to the facsimile's surfaces, written after standOff (filled in below, before
  // any witness is written).
  const facs = new Map<string, string[]>();
  const writer = new BodyWriter(doc, facs, history.questioned);
  // A copy that reads as the base everywhere has no entries (and no listApp); nor has one collated with
  // a base that has no running text to attach anchors to (all its lines furniture): it stands in full.
  const collations = (input.collations ?? []).filter((c) => c.segments.some((seg) => seg.kind !== 'equal') && c.segments.some((seg) => seg.base.length > 0));
  const terms = glossesOf(doc);
  if (input.persons?.length || collations.length || terms.size) {
    const standOff = el(root, 1, 'standOff');
    if (input.persons?.length) writePersons(standOff, input.persons);
    if (terms.size) writeTerms(standOff, terms);
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

function writeHeader(root: XMLBuilder, input: TeiInput, history: StampHistory): void {
  const { name, doc, meta, edition } = input;
  const title = docTitle(input);
  const language = meta.language ?? edition.language;
  // The manuscript description is the original's, also for a page of a printed (web) edition (its
  // printing is the bibl type="publication"); a document may say otherwise.
  const medium = meta.medium ?? edition.medium;
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
  writeResponsibility(titleStmt, 4, edition);
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

  // The document as part of its edition.
  const series = el(fileDesc, 3, 'seriesStmt');
  leaf(series, 4, 'title', edition.title, { level: 's' });
  for (const e of edition.editors) leaf(series, 4, 'editor', e.name, { role: e.role });
  leaf(series, 4, 'idno', edition.id, { type: 'edition' });
  if (edition.url) leaf(series, 4, 'idno', edition.url, { type: 'URL' });
  end(series, 3);
  const transcription = meta.transcription ?? edition.transcription;
  if (transcription) {
    const notes = el(fileDesc, 3, 'notesStmt');
    if (transcription) leaf(notes, 4, 'note', transcription, { type: 'transcription' });
    end(notes, 3);
  }

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
  const settlement = meta.settlement ?? edition.settlement;
  if (settlement) leaf(msId, 6, 'settlement', settlement);
  const institution = meta.institution ?? edition.institution;
  if (institution) leaf(msId, 6, 'institution', institution);
  const repository = meta.repository ?? edition.repository;
  if (repository) leaf(msId, 6, 'repository', repository);
  const collection = meta.archive ?? edition.collection;
  if (collection) leaf(msId, 6, 'collection', collection);
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
  const pages = doc.style === 'typescript' ? pageCount(doc.witnesses[0]) : 0;
  if (pages) {
    // The extent: the pages of the (first) copy, as its page breaks count them.
    const support = el(objectDesc, 7, 'supportDesc');
    const sup = el(support, 8, 'support');
    leaf(sup, 9, 'p', meta.physical ?? MEDIUM[medium ?? 'unknown'].physical);
    end(sup, 8);
    const extent = el(support, 8, 'extent');
    leaf(extent, 9, 'measure', `${pages} ${pages === 1 ? 'page' : 'pages'}`, { unit: 'page', quantity: String(pages) });
    end(extent, 8);
    end(support, 7);
  } else leaf(objectDesc, 7, 'p', meta.physical ?? MEDIUM[medium ?? 'unknown'].physical);
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
  if (history.entries.length) {
    // The review and declassification history, as the stamps record it.
    const hist = el(ms, 5, 'history');
    for (const e of history.entries) {
      const prov = el(hist, 6, 'provenance', { type: e.type, ...(e.when ? { when: e.when } : {}), ...(e.doubt.length ? { cert: 'low' } : {}) });
      prov.txt(xmlText(e.text));
      for (const q of e.doubt) prov.ele('note', xmlAttrs({ type: 'editorial', ...(q.untagged ? {} : { target: `#${q.id}` }) })).txt(xmlText(q.reason));
      end(prov, 6);
    }
    end(hist, 5);
  }
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
  for (const [name, p, attrs] of editorialPractice(doc)) {
    const part = el(ed, 4, name, attrs);
    leaf(part, 5, 'p', p);
    end(part, 4);
  }
  end(ed, 3);
  // The apparatus of the copies (writeApparatus): double-end-point attachment, in standOff.
  if (input.collations?.some((c) => c.segments.some((seg) => seg.kind !== 'equal'))) el(enc, 3, 'variantEncoding', { method: 'double-end-point', location: 'external' });
  const terms = keywordTerms(meta);
  if (terms.length) {
    // The taxonomy the keywords are taken from: the edition's kinds of document, markings and precedences.
    const cls = el(enc, 3, 'classDecl');
    const tax = el(cls, 4, 'taxonomy', { 'xml:id': 'tax-document' });
    leaf(tax, 5, 'desc', `Document types, classification markings and precedences of ${edition.title}`);
    for (const group of [...new Set(terms.map((t) => t.type))]) {
      const cat = el(tax, 5, 'category', { 'xml:id': `cat-${group}` });
      leaf(cat, 6, 'catDesc', TERM_GROUPS[group]!);
      for (const t of terms.filter((x) => x.type === group)) {
        const sub = el(cat, 6, 'category', { 'xml:id': t.id });
        leaf(sub, 7, 'catDesc', t.value);
        end(sub, 6);
      }
      end(cat, 5);
    }
    end(tax, 4);
    end(cls, 3);
  }
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
  writeCorrespondence(prof, 3, input, title);
  if (terms.length) {
    const tc = el(prof, 3, 'textClass');
    const kw = el(tc, 4, 'keywords', { scheme: '#tax-document' });
    for (const t of terms) leaf(kw, 5, 'term', t.value, { type: t.type, ref: `#${t.id}` });
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

/** The id of a term of the document's list of terms (an NCName made of the register entry's first form). */
export const termId = (term: string) => `term-${term.replace(/[^\w.-]/g, '-')}`;

/** The terms the document uses that the registers gloss (kind 'gloss'), by id, in order of first use. */
function glossesOf(doc: TranscribedDocument): Map<string, { term: string; gloss: string }> {
  const out = new Map<string, { term: string; gloss: string }>();
  const walk = (nodes: Inline[]) => {
    for (const n of nodes) {
      if (n.kind === 'gloss' && !out.has(termId(n.term))) out.set(termId(n.term), { term: n.term, gloss: n.gloss });
      if ('children' in n) walk(n.children);
      if (n.kind === 'choice') walk(n.original);
    }
  };
  for (const w of doc.witnesses) for (const b of w.blocks) for (const line of blockLines(b)) walk(line.inlines);
  for (const note of doc.notes) walk(note.content);
  return out;
}

/**
 * The list of terms the text points to with `gloss` (FRUS keeps one per volume and points to it the
 * same way): each term labelled, its gloss beside it. Glosses explain; they are not expansions.
 */
function writeTerms(standOff: XMLBuilder, terms: Map<string, { term: string; gloss: string }>): void {
  const list = el(standOff, 2, 'list', { type: 'terms' });
  leaf(list, 3, 'head', 'Terms');
  for (const [id, t] of terms) {
    el(list, 3, 'label').ele('term', xmlAttrs({ 'xml:id': id })).txt(xmlText(t.term));
    el(list, 3, 'item').ele('gloss').txt(xmlText(t.gloss));
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

/** respStmts with named people or bodies: the edition's responsibility list, else its editors for the transcription. */
function writeResponsibility(parent: XMLBuilder, depth: number, edition: EditionMeta): void {
  // Editors without a stated responsibility: person or body is not known, so a plain name.
  const entries: { resp: string; name: string; type?: 'person' | 'org' | 'name' }[] = edition.responsibility?.length
    ? edition.responsibility
    : edition.editors.map((e) => ({ resp: 'Transcription and editing', name: e.name, type: 'name' as const }));
  for (const r of entries) {
    const rs = el(parent, depth, 'respStmt');
    leaf(rs, depth + 1, 'resp', r.resp);
    leaf(rs, depth + 1, r.type === 'org' ? 'orgName' : r.type === 'name' ? 'name' : 'persName', r.name);
    end(rs, depth);
  }
}

/** The pages of a copy: its page breaks. */
function pageCount(w: Witness | undefined): number {
  if (!w) return 0;
  let n = 0;
  for (const b of w.blocks) {
    if (b.kind === 'pb') n++;
    for (const l of blockLines(b)) for (const i of l.inlines) if (i.kind === 'pb') n++;
  }
  return n;
}

const TERM_GROUPS: Record<string, string> = { documentType: 'Document type', classification: 'Classification marking', precedence: 'Precedence' };

/** The document's keywords, each a category of the edition's taxonomy. */
function keywordTerms(meta: DocumentMeta): { type: string; value: string; id: string }[] {
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const pairs: [string, string | undefined][] = [
    ['documentType', meta.type],
    ['classification', meta.classification],
    ['precedence', meta.precedence],
  ];
  return pairs.flatMap(([type, value]) => (value ? [{ type, value, id: `cat-${type}-${slug(value) || 'x'}` }] : []));
}

/** The editorial practice the transcriptions follow: correction, normalization, hyphenation, quotation. */
function editorialPractice(doc: TranscribedDocument): [string, string, Record<string, string>][] {
  const web = doc.style === 'frus-web';
  return [
    ['correction', 'Errors of the source are kept as written. Where the registers correct a reading (a misspelt name, an OCR misreading) the source\'s form and the correction are both given (choice with sic and corr; corr cert="low" where uncertain); the diplomatic view shows the source, the reading view the correction.', { status: 'medium', method: 'markup' }],
    ['normalization', 'Spelling, capitalisation and punctuation are not normalised in the text. Abbreviations the registers know are expanded in choice/expan (abbr as written); the reading view reads the expansions.', { method: 'markup' }],
    ['hyphenation', web ? 'The text is that of the printed edition\'s web page: no line-end hyphenation.' : 'Words hyphenated at a line end are kept as the source breaks them (the hyphen and the line break, lb, as written); they are not joined.', { eol: web ? 'none' : 'all' }],
    ['quotation', 'Quotation marks are kept as the source writes them. The telegraphic signs QTE and UNQTE are abbr type="quote" and the words between them q.', { marks: 'all' }],
  ];
}

/** Who sent the document to whom, from the title's "From … to …", the author and the heading's TO/ACTION field. */
function writeCorrespondence(parent: XMLBuilder, depth: number, input: TeiInput, title: string): void {
  const { meta, doc } = input;
  const kind = `${meta.type ?? ''} ${title}`;
  if (!/\b(?:telegram|memorandum|letter|airgram|message)\b/i.test(kind)) return;
  const m = /\bFrom (.+?) to (.+?)(?:,? ["“]|$)/.exec(title);
  const from = m?.[1] ?? meta.author;
  let to = m?.[2];
  if (!to) {
    const field = doc.witnesses[0]?.blocks.find((b) => b.kind === 'field' && (b.field === 'to' || b.field === 'action'));
    if (field?.kind === 'field' && field.entries[0]) to = plain(field.entries[0]).trim();
  }
  if (!from && !to) return;
  const body = (s: string) => /\b(?:Department|Embassy|Mission|Consulate|Council|Office|Bureau|Posts|Delegation|Government|Agency|Committee|Staff)\b/.test(s);
  const cd = el(parent, depth, 'correspDesc');
  if (from || meta.date) {
    const sent = el(cd, depth + 1, 'correspAction', { type: 'sent' });
    if (from) leaf(sent, depth + 2, body(from) ? 'orgName' : 'persName', from.replace(/^the /, ''));
    if (meta.date) {
      const when = meta.time && /^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? `${meta.date}T${meta.time}:00` : meta.date;
      leaf(sent, depth + 2, 'date', formatIsoDate(meta.date, meta.time), { when });
    }
    end(sent, depth + 1);
  }
  if (to) {
    const received = el(cd, depth + 1, 'correspAction', { type: 'received' });
    leaf(received, depth + 2, body(to) ? 'orgName' : 'persName', to.replace(/^the /, ''));
    end(received, depth + 1);
  }
  end(cd, depth);
}

/** A stamp's date the header questions, and why. */
interface Questioned {
  id: string;
  reason: string;
  /** The date is not tagged in the text (no enrichment): the note points nowhere. */
  untagged?: boolean;
}

interface StampHistory {
  entries: { type: string; when?: string; text: string; doubt: Questioned[] }[];
  questioned: Map<Inline, Questioned>;
  doubts: number;
}

/** The day NARS (National Archives and Records Service) became NARA. */
const NARA_FROM = '1985-04-01';

/**
 * The review and declassification history the stamps record (one entry per stamp, the copies'
 * repeats once), and their dates that cannot be right: before the document was written, or a NARS
 * stamp dated after NARS had become NARA.
 */
function stampHistory(doc: TranscribedDocument, meta: DocumentMeta): StampHistory {
  const out: StampHistory = { entries: [], questioned: new Map(), doubts: 0 };
  const seen = new Set<string>();
  const written = meta.date;
  for (const w of doc.witnesses) {
    for (const b of w.blocks) {
      if (b.kind !== 'stamp' || b.stamp === 'datetime') continue;
      const lines = b.lines.filter((l): l is Line => l !== null);
      const text = lines.map((l) => plain(l).replace(/\s+/g, ' ').trim()).join(' / ');
      if (seen.has(text)) continue;
      seen.add(text);
      const dates: Extract<Inline, { kind: 'date' }>[] = [];
      const walk = (ns: Inline[]) => {
        for (const n of ns) {
          if (n.kind === 'date') dates.push(n);
          if ('children' in n) walk(n.children);
        }
      };
      for (const l of lines) walk(l.inlines);
      // Without enrichment the dates are not tagged: read them from the stamp's text.
      const found: { node?: Extract<Inline, { kind: 'date' }>; when: string; shown: string }[] = dates.length
        ? dates.map((d) => ({ node: d, when: d.when, shown: inlineText(d.children) }))
        : [...text.matchAll(/(?<![\d/])\d{1,2}\/\d{1,2}\/\d{2}(?:\d{2})?(?![\d/])/g)].flatMap((m) => {
            const when = isoFromNumeric(m[0]);
            return when ? [{ when, shown: m[0] }] : [];
          });
      const doubt: Questioned[] = [];
      for (const d of found) {
        const day = d.when.slice(0, 10);
        const shown = d.shown;
        let reason: string | undefined;
        if (written && day < written.slice(0, 10)) reason = `The stamp's date ${shown} (${day}) is earlier than the document (${written}): misread or mistyped; kept as written.`;
        else if (/\bNARS\b/.test(text) && day >= NARA_FROM) reason = `The stamp names NARS, which became NARA on April 1, 1985; the date ${shown} (${day}) is doubtful (perhaps a misreading); kept as written.`;
        if (!reason) continue;
        const q = { id: `date-doubt-${++out.doubts}`, reason, ...(d.node ? {} : { untagged: true }) };
        if (d.node) out.questioned.set(d.node, q);
        doubt.push(q);
      }
      out.entries.push({ type: b.stamp, ...(found[0] ? { when: found[0].when.slice(0, 10) } : {}), text: `${b.stamp === 'review' ? 'Review stamp' : 'Declassification stamp'}: ${text}`, doubt });
    }
  }
  return out;
}

class BodyWriter {
  /** Paragraph ids, and the links of a paragraph broken off by a page break. */
  private paragraphs = new Map<Block, Record<string, string>>();
  /** Writing a review stamp (its handwriting is the reviewer's). */
  private review = false;
  /** Nothing but the division's top matter written yet (head, opener, dateline may stand here). */
  private top = true;
  /** Pages written of the current witness (page breaks point to its surfaces in this order). */
  private page = 0;
  private surfaces: string[] = [];

  /** The @hand of a hand, insertion or deletion: the hand it names, or the default. */
  private hand(n: { hand?: string }, fallback?: string): Record<string, string> {
    const h = n.hand ? handId(n.hand) : this.review ? handId('reviewer') : fallback;
    return h ? { hand: `#${h}` } : {};
  }

  constructor(
    private readonly doc: TranscribedDocument,
    /** The facsimile surfaces of each witness, by witness id, in the order of its pages. */
    private readonly facs: Map<string, string[]> = new Map(),
    private readonly questioned: Map<Inline, Questioned> = new Map(),
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
    /** Only the division's top (head, opener, dateline) and page matter written so far: a dateline or opener may still stand here. */
    this.top = true;
    const global = (t: Block) => t.kind === 'pb' || t.kind === 'furniture' || t.kind === 'stamp' || t.kind === 'admin';
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      // A closing salutation goes into the closer of the signature that follows it.
      let signatureAt = i;
      if (b.kind === 'salute' && b.place === 'closer') {
        let k = i + 1;
        while (k < blocks.length && global(blocks[k]!)) k++;
        if (blocks[k]?.kind === 'signature') signatureAt = k;
      }
      const sig = blocks[signatureAt]!;
      if (sig.kind === 'signature') {
        // The closer holds the signature and what follows it up to the last block that may not
        // stand after a closer (unrecognised blocks, captions): those become lines of the closer.
        const inCloser = (t: Block) => t.kind === 'block' || t.kind === 'caption';
        let last = signatureAt;
        for (let k = signatureAt + 1; k < blocks.length; k++) if (inCloser(blocks[k]!)) last = k;
        const closer = el(div, d, 'closer');
        for (let k = i; k < signatureAt; k++) {
          const t = blocks[k]!;
          if (t.kind === 'salute') this.lines(el(closer, d + 1, 'salute'), t.lines);
          else this.block(closer, d + 1, t);
        }
        if (sig.closerOnly) this.lines(closer, sig.lines);
        else this.lines(el(closer, d + 1, 'signed'), sig.lines);
        for (let k = signatureAt + 1; k <= last; k++) {
          const t = blocks[k]!;
          if (t.kind === 'block' || t.kind === 'caption') {
            closer.txt(xmlText(ind(d + 1)));
            closer.ele('lb');
            this.lines(closer, t.lines);
          } else this.block(closer, d + 1, t);
        }
        end(closer, d);
        i = last;
        this.top = false;
        continue;
      }
      // Datelines, salutations and openers at the top of the division: an opener (a lone dateline as itself).
      const opening = (t: Block) => t.kind === 'dateline' || t.kind === 'opener' || (t.kind === 'salute' && t.place === 'opener');
      if (this.top && opening(b)) {
        let last = i;
        for (let k = i + 1; k < blocks.length && (opening(blocks[k]!) || global(blocks[k]!)); k++) if (opening(blocks[k]!)) last = k;
        if (last === i && b.kind === 'dateline') {
          this.dateline(el(div, d, 'dateline'), b.lines);
          continue;
        }
        const opener = el(div, d, 'opener');
        for (let k = i; k <= last; k++) {
          const t = blocks[k]!;
          if (t.kind === 'dateline') this.dateline(el(opener, d + 1, 'dateline'), t.lines);
          else if (t.kind === 'salute') this.lines(el(opener, d + 1, 'salute'), t.lines);
          else if (t.kind === 'opener') this.lines(opener, t.lines);
          else this.block(opener, d + 1, t);
        }
        end(opener, d);
        i = last;
        continue;
      }
      this.block(div, d, b);
      if (b.kind !== 'head' && !global(b)) this.top = false;
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
          const line = lines[k]!.line;
          const when = fw === 'date' ? isoFromNumeric(plain(line)) : undefined;
          if (when && line.inlines.length === 1) {
            // A date typed or stamped on a line of its own.
            this.inlines(el(parent, d, 'fw', { type: fw }).ele('date', xmlAttrs({ when })), line.inlines);
            k = j;
            continue;
          }
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
        // The subject as FRUS encodes it: list type="subject" (the other fields: type="field").
        const list = el(parent, d, 'list', b.field === 'subject' ? { type: 'subject' } : { type: 'field', subtype: b.field });
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
      case 'dateline':
        // Not at the top of the division (where dateline may stand): kept as a dateline-typed ab.
        this.dateline(el(parent, d, 'ab', { type: 'dateline' }), b.lines);
        return;
      case 'salute':
        this.lines(el(parent, d, 'ab', { type: 'salute' }), b.lines);
        return;
      case 'opener':
        this.lines(el(parent, d, 'ab', { type: 'opener' }), b.lines);
        return;
      case 'subject': {
        const list = el(parent, d, 'list', { type: 'subject' });
        for (const l of b.lines) this.inlines(el(list, d + 1, 'item'), l.inlines);
        end(list, d);
        return;
      }
      case 'address': {
        const ab = el(parent, d, 'ab', { type: 'address' });
        const address = el(ab, d + 1, 'address');
        for (const l of b.lines) this.inlines(el(address, d + 2, 'addrLine'), l.inlines);
        end(address, d + 1);
        end(ab, d);
        return;
      }
      case 'head':
        // A heading after the text has begun (an editor's {=heading}): tei_all allows head only at the top.
        this.lines(el(parent, d, this.top ? 'head' : 'ab', this.top ? {} : { type: 'head' }), b.lines);
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

  /**
   * A dateline's lines: the date (with its time where the line gives one) as date/@when, the place
   * before it as placeName (unless enrichment named it already).
   */
  dateline(parent: XMLBuilder, lines: Line[]): void {
    lines.forEach((line, k) => {
      if (k > 0) parent.txt('\n').ele('lb');
      const nodes = line.inlines;
      const i = nodes.findIndex((n) => n.kind === 'text' && datelineDate(n.text));
      if (i < 0) return this.inlines(parent, nodes);
      const t = nodes[i] as Extract<Inline, { kind: 'text' }>;
      const dd = datelineDate(t.text)!;
      this.inlines(parent, nodes.slice(0, i));
      const before = t.text.slice(0, dd.at);
      const place = i === 0 ? /^([A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3})(,\s*)$/.exec(before) : null;
      if (place) {
        parent.ele('placeName').txt(xmlText(place[1]!));
        parent.txt(xmlText(place[2]!));
      } else if (before) parent.txt(xmlText(before));
      parent.ele('date', xmlAttrs({ when: dd.when })).txt(xmlText(t.text.slice(dd.at, dd.at + dd.length)));
      const after = t.text.slice(dd.at + dd.length);
      if (after) parent.txt(xmlText(after));
      this.inlines(parent, nodes.slice(i + 1));
    });
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
          if (n.wording) {
            // The editor's statement, word for word; its extent and amount as attributes.
            const attrs: Record<string, string> = { reason: 'excised', extent: n.extent ?? n.wording };
            if (n.quantity) attrs.quantity = n.quantity;
            if (n.atMost) attrs.atMost = n.atMost;
            if (n.unit) attrs.unit = n.unit;
            parent.ele('gap', xmlAttrs(attrs)).ele('desc').txt(xmlText(n.wording));
          } else {
            // The extent the collation measured against a fuller copy, worded as FRUS does.
            const m = n.measured;
            parent.ele('gap', xmlAttrs({ reason: 'excised', rend: 'empty-brackets', ...(m ? { quantity: String(m.quantity), unit: m.unit, extent: m.text } : {}) }));
          }
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
        case 'gloss':
          // As FRUS points to its list of terms: the term as written, pointing to its gloss (writeTerms).
          this.inlines(parent.ele('gloss', xmlAttrs({ target: `#${termId(n.term)}` })), n.children);
          break;
        case 'date': {
          // A stamp's date that cannot be right is questioned: cert="low", the header's history says why.
          const q = this.questioned.get(n);
          this.inlines(parent.ele('date', xmlAttrs({ when: n.when, ...(q ? { 'xml:id': q.id, cert: 'low' } : {}) })), n.children);
          break;
        }
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
