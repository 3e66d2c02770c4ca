/**
 * npm run eval, part two: the structure of the FRUS development set as converted, compared with
 * the page texts (txt/) and with FRUS's own TEI (tei/): words lost, notes placed where FRUS placed
 * them, note numbers as FRUS's, page breaks as FRUS's, excisions encoded as excisions.
 * Called from frus.ts; nothing here is tuned to the set.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { convertText } from '../pipeline.js';
import { DEFAULT_EDITION } from '../enrich/metadata.js';
import { EMPTY_REGISTERS } from '../enrich/registers.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);

/** A page text's words, as the scrape has them: page markers and brackets aside. */
export function pageWords(s: string): string[] {
  return s
    .replace(/\[Page [0-9A-Za-z]+\]/g, ' ')
    .replace(/[[\]]/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

export interface Reading {
  /** The body's words with each foot note replaced by its number, glued as the page glues markers. */
  body: string[];
  /** Each foot note's number and words, in document order. */
  notes: { n: string; words: string[] }[];
  /** The n of each page break in the text, in order. */
  pages: string[];
  /** For each note number, the three words before its marker. */
  before: Map<string, string>;
  excisions: number;
}

/**
 * A TEI document read back as its web page reads: notes as their markers, the note texts apart.
 * `foot` tells which notes are the page's notes (ours: place="foot"; FRUS's: all of them).
 */
export function readBack(xml: string, foot: (attrs: string) => boolean): Reading {
  let t = xml.slice(Math.max(0, xml.search(/<text[\s>]/)));
  const start = xml.indexOf('<div type="document"');
  if (start >= 0) t = xml.slice(start);
  t = t
    .replace(/<teiHeader[\s\S]*?<\/teiHeader>/, '')
    .replace(/<div type="collation"[\s\S]*?<\/div>/g, '')
    .replace(/<(corr|expan)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const pages = [...t.matchAll(/<pb\b[^>]*\bn="([^"]*)"/g)].map((m) => m[1]!);
  const excisions = [...t.matchAll(/<gap\b[^>]*reason="excised"/g)].length + [...decode(t.replace(/<[^>]+>/g, '')).matchAll(/\[[^\]]*not\s+declassified\]/g)].length;
  const notes: { n: string; words: string[] }[] = [];
  // Tags end words except inline ones: only block-level ends and lb separate.
  const text = (s: string) => decode(s.replace(/<lb\/>|<\/(?:p|ab|head|item|label|fw|dateline|signed|salute|note|list|opener|closer|seg type="[^"]*"|cell)>/g, ' ').replace(/<[^>]+>/g, ''));
  const withMarkers = t.replace(/<note\b([^>]*)>([\s\S]*?)<\/note>/g, (all, attrs: string, inner: string) => {
    if (!foot(attrs)) return all;
    const n = /\bn="([^"]*)"/.exec(attrs)?.[1] ?? '?';
    notes.push({ n, words: pageWords(text(inner)) });
    return n;
  });
  const body = pageWords(text(withMarkers));
  const before = new Map<string, string>();
  // Where each marker stands: the words before it (marker glued to the last one).
  const flat = text(t.replace(/<note\b([^>]*)>[\s\S]*?<\/note>/g, (all, attrs: string) => (foot(attrs) ? `\u0000${/\bn="([^"]*)"/.exec(attrs)?.[1] ?? '?'}\u0000` : all)));
  for (const m of flat.matchAll(/\u0000([^\u0000]*)\u0000/g)) {
    const prior = pageWords(flat.slice(0, m.index).replace(/\u0000[^\u0000]*\u0000/g, ''));
    before.set(m[1]!, prior.slice(-3).join(' '));
  }
  return { body, notes, pages, before, excisions };
}

export interface StructureScore {
  documents: number;
  words: number;
  lost: number;
  added: number;
  docsLosing: string[];
  notes: number;
  notesPlaced: number;
  notesWhereFrus: number;
  numbersRight: number;
  pagesRight: number;
  /** Page breaks as the page text shows them (the scrape leaves out some, e.g. between list items). */
  pagesAsShown: number;
  excisionsFrus: number;
  excisionsOurs: number;
  excisionDocsRight: number;
  faults: string[];
}

/** Convert each page and compare. */
export function measureStructure(dev: string): StructureScore | undefined {
  if (!existsSync(join(dev, 'txt'))) return undefined;
  const files = readdirSync(join(dev, 'txt')).filter((f) => f.endsWith('.txt')).sort();
  const s: StructureScore = {
    documents: files.length, words: 0, lost: 0, added: 0, docsLosing: [], notes: 0, notesPlaced: 0, notesWhereFrus: 0,
    numbersRight: 0, pagesRight: 0, pagesAsShown: 0, excisionsFrus: 0, excisionsOurs: 0, excisionDocsRight: 0, faults: [],
  };
  const metadata = { edition: DEFAULT_EDITION, documents: {} };
  for (const f of files) {
    const src = readFileSync(join(dev, 'txt', f), 'utf8');
    const gold = JSON.parse(readFileSync(join(dev, 'txt', f.replace('.txt', '.gold.json')), 'utf8')) as { pages: string[] };
    const frusXml = readFileSync(join(dev, 'tei', f.replace('.txt', '.xml')), 'utf8');
    const c = convertText(f, new TextEncoder().encode(src), metadata, { registers: EMPTY_REGISTERS, suggest: true });
    const ours = readBack(c.xml, (a) => /place="foot"/.test(a));
    const frus = readBack(frusXml, () => true);
    // The page as scraped: body lines, then the note list ("  k. text").
    const lines = src.replace(/\s+$/, '').split('\n');
    let k = lines.length;
    while (k > 0 && /^ {1,6}\d{1,3}\.\s+\S/.test(lines[k - 1]!)) k--;
    const pageBody = pageWords(lines.slice(0, k).join('\n'));
    const pageNotes = lines.slice(k).flatMap((l) => pageWords(l.replace(/^\s*\d+\.\s+/, '')));
    const expected = [...pageBody, ...pageNotes];
    // The page lists its notes in order of number; notes kept at the end stand last in the TEI.
    const listed = [...ours.notes].sort((a, b) => Number(a.n) - Number(b.n));
    const got = [...ours.body, ...listed.flatMap((n) => n.words)];
    let lost = 0;
    let added = 0;
    const lostWords: string[] = [];
    for (const part of diffArrays(expected, got)) {
      if (part.removed) {
        lost += part.value.length;
        lostWords.push(part.value.join(' '));
      } else if (part.added) added += part.value.length;
    }
    s.words += expected.length;
    s.lost += lost;
    s.added += added;
    const name = f.replace('.txt', '');
    if (lost) {
      s.docsLosing.push(name);
      s.faults.push(`${name}: ${lost} words lost: ${lostWords.slice(0, 4).map((w) => `«${w.slice(0, 60)}»`).join(', ')}`);
    }
    // Notes kept at the end (no marker on the page) stand last: the numbers are compared in order of number.
    const byNumber = (a: string, b: string) => Number(a) - Number(b) || a.localeCompare(b);
    const frusNumbers = frus.notes.map((n) => n.n).sort(byNumber);
    const ourNumbers = ours.notes.map((n) => n.n).sort(byNumber);
    s.notes += frusNumbers.length;
    s.notesPlaced += c.doc.notes.filter((n) => n.placed).length;
    for (const [n, ctx] of frus.before) {
      const at = ours.before.get(n);
      if (at === ctx || (ctx && at?.endsWith(ctx.split(' ').pop()!))) s.notesWhereFrus++;
      else s.faults.push(`${name}: note ${n} after «${at ?? '(not placed)'}»; FRUS after «${ctx}»`);
    }
    if (ourNumbers.join() === frusNumbers.join()) s.numbersRight++;
    else s.faults.push(`${name}: note numbers ${ourNumbers.join(',')}; FRUS ${frusNumbers.join(',')}`);
    const shown = [...src.matchAll(/\[Page ([0-9A-Za-z]+)\]/g)].map((m) => m[1]!);
    if (ours.pages.join() === shown.join()) s.pagesAsShown++;
    if (ours.pages.join() === gold.pages.join()) s.pagesRight++;
    else s.faults.push(`${name}: page breaks ${ours.pages.join(',') || '-'}; FRUS ${gold.pages.join(',') || '-'}; the page shows ${shown.join(',') || '-'}`);
    const ourGaps = [...c.xml.matchAll(/<gap\b[^>]*reason="excised"/g)].length;
    s.excisionsFrus += frus.excisions;
    s.excisionsOurs += ourGaps;
    if (ourGaps === frus.excisions) s.excisionDocsRight++;
    else s.faults.push(`${name}: ${ourGaps} excisions encoded as gap; FRUS has ${frus.excisions}`);
  }
  return s;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

/** The report frus.ts prints. */
export function structureReport(dev: string, verbose = false): string[] {
  const s = measureStructure(dev);
  if (!s) return [`${dev}/txt: the FRUS development set is not there`];
  const out = [
    `# Structure on the FRUS development set (${s.documents} documents, empty registers)\n`,
    `words of the pages          ${s.words}, lost ${s.lost} (${pct(s.lost, s.words)}), added ${s.added}; documents losing words: ${s.docsLosing.length}`,
    `notes                       ${s.notes} in FRUS; placed at a marker ${s.notesPlaced}; placed where FRUS has them ${s.notesWhereFrus} (${pct(s.notesWhereFrus, s.notes)})`,
    `note numbers as FRUS's      ${s.numbersRight} of ${s.documents} documents`,
    `page breaks as FRUS's       ${s.pagesRight} of ${s.documents} documents (as the page texts show them: ${s.pagesAsShown} of ${s.documents})`,
    `excisions                   FRUS ${s.excisionsFrus}, encoded as gap ${s.excisionsOurs}; right in ${s.excisionDocsRight} of ${s.documents} documents`,
  ];
  if (s.faults.length) out.push(`faults:${verbose ? '' : ' (first 12; --verbose for all)'}\n  ${(verbose ? s.faults : s.faults.slice(0, 12)).join('\n  ')}`);
  return out;
}
