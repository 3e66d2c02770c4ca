/**
 * The deposit package: a BagIt bag (RFC 8493) of the edition for a digital library. Its payload
 * holds the sources, the registers, the TEI files, an edition file listing the documents and the
 * rendered editions; a README records the provenance (generator, source checksums). No date or
 * time is written: the same sources give the same bytes.
 */
import { xmlAttrs, xmlText } from '../tei/xml.js';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, unlinkSync, utimesSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { create } from 'xmlbuilder2';
import type { EditionMeta, Metadata } from '../enrich/metadata.js';
import { TEI_NS } from '../tei/build.js';
import { writeAvailability } from '../tei/xml.js';
import { availabilityOf, rightsStatements } from '../enrich/metadata.js';
import { TOOL } from '../version.js';
import { UnsafePathError, flushWrites, fsyncDir, insideOf, isRunning, outputPath, writeFileAtomic, writeFileDurable } from '../io.js';
import { toolFingerprint } from '../build-state.js';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** The files under a folder, sorted; hidden files and folders (a leading '.') are not part of the edition. */
function files(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    // The entries' types come with the listing: a symbolic link alone is followed to learn whether it is a folder.
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory() || (e.isSymbolicLink() && statSync(p).isDirectory())) walk(p);
      else out.push(p);
    }
  };
  walk(root);
  return out;
}

/**
 * insideOf for many files of a walk: a regular file (not a symbolic link) is inside when its folder
 * is the root or a folder inside it, each folder resolved once; any other path goes to insideOf.
 */
function filesInsideOf(root: string): (file: string, regular: boolean) => boolean {
  const inside = insideOf(root);
  const top = resolve(root);
  const folders = new Map<string, boolean>();
  return (file, regular) => {
    if (!regular) return inside(file);
    const dir = dirname(resolve(file));
    let ok = folders.get(dir);
    if (ok === undefined) folders.set(dir, (ok = dir === top || inside(dir)));
    return ok;
  };
}

/** Remove a bag's folder (its entries are known: files and folders): one call per entry, rmSync if anything else is met. */
function removeTree(dir: string): void {
  try {
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else unlinkSync(p);
      }
      rmdirSync(d);
    };
    walk(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A payload path as a manifest writes it (RFC 8493 §2.1.3): %, CR and LF percent-encoded. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A manifest path decoded: %25, %0D, %0A (any case) back to %, CR, LF. */
export function decodeManifestPath(path: string): string {
  return path.replace(/%(25|0D|0A)/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A tag value on one line (RFC 8493 §2.2.2): line breaks and other control characters become spaces. */
export function tagValue(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

/** The edition as one TEI file listing its documents (data/edition.xml). */
export function editionTei(edition: EditionMeta, metadata: Metadata, documents: string[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TEI_NS, 'TEI', xmlAttrs({ 'xml:id': 'edition', 'xml:lang': edition.language }));
  const fileDesc = root.ele('teiHeader').ele('fileDesc');
  const titleStmt = fileDesc.ele('titleStmt');
  titleStmt.ele('title', xmlAttrs({ type: 'main' })).txt(xmlText(edition.title));
  if (edition.subtitle) titleStmt.ele('title', xmlAttrs({ type: 'sub' })).txt(xmlText(edition.subtitle));
  for (const e of edition.editors) titleStmt.ele('editor', xmlAttrs({ 'xml:id': e.id, role: e.role })).txt(xmlText(e.name));
  const pub = fileDesc.ele('publicationStmt');
  pub.ele('publisher').txt(xmlText(edition.publisher));
  if (edition.pubPlace) pub.ele('pubPlace').txt(xmlText(edition.pubPlace));
  if (edition.date) pub.ele('date', xmlAttrs({ when: edition.date })).txt(xmlText(edition.date));
  pub.ele('idno', xmlAttrs({ type: 'local' })).txt(xmlText(edition.id));
  writeAvailability(pub, edition);
  fileDesc.ele('sourceDesc').ele('p').txt(xmlText(`The documents of the edition, each in its own TEI file (tei/), written by ${TOOL.name} ${TOOL.version}.`));
  const body = root.ele('text').ele('body');
  const list = body.ele('listBibl');
  list.ele('head').txt('The documents of the edition');
  for (const name of documents) {
    const m = metadata.documents[name];
    const bibl = list.ele('bibl', xmlAttrs({ type: m?.type?.replace(/\W+/g, '-') ?? 'document' }));
    bibl.ele('title').txt(xmlText(m?.title ?? name));
    if (m?.date) bibl.ele('date', xmlAttrs({ when: m.date })).txt(xmlText(m.date));
    bibl.ele('ref', xmlAttrs({ target: `tei/${name}.xml` })).txt(xmlText(`tei/${name}.xml`));
  }
  return root.end({ prettyPrint: true }) + '\n';
}

/** The RO-Crate metadata file, at the root of the payload (the crate's root: RO-Crate 1.1, "Adding RO-Crate to BagIt"). */
export const RO_CRATE = 'ro-crate-metadata.json';

/** The media type of a payload file, by its name. */
function mediaType(path: string): string {
  if (/^(?:tei|editions\/tei)\/[^/]+\.xml$/.test(path) || path === 'edition.xml' || path.startsWith('tei/registers/')) return 'application/tei+xml';
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  const types: Record<string, string> = {
    xml: 'application/xml', rng: 'application/xml', sch: 'application/xml', html: 'text/html', txt: 'text/plain', md: 'text/markdown', json: 'application/json',
    yaml: 'application/yaml', yml: 'application/yaml', css: 'text/css', js: 'text/javascript', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', tif: 'image/tiff', tiff: 'image/tiff', svg: 'image/svg+xml',
  };
  return types[ext] ?? 'application/octet-stream';
}

/** An RO-Crate @id of a payload path: a relative URI reference (each segment percent-encoded). */
const crateId = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * The RO-Crate metadata of the payload (RO-Crate 1.1): the metadata descriptor, the root dataset
 * (the edition: title, description, editors, publisher, date, language, licences, identifier, URL)
 * with every file of the payload in hasPart (media type, size; a document's TEI, page and texts
 * with its title and date), and the contextual entities (editors, publisher, licences). Written
 * by hand, a flat JSON-LD graph in a fixed order: the same sources give the same bytes.
 */
export function roCrate(metadata: Metadata, documents: string[], files: { path: string; size: number }[]): string {
  const edition = metadata.edition;
  const a = availabilityOf(edition);
  const published = new Set(documents);
  const perDocument = /^(?:tei\/([^/]+)\.xml|editions\/html\/([^/]+)\.html|editions\/text\/([^/]+)\.(?:diplomatic|normalized)\.txt|editions\/tei\/([^/]+)\.xml|sources\/([^/]+)\.txt)$/;
  const sorted = [...files].filter((f) => f.path !== RO_CRATE).sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const editors = edition.editors.map((e) => ({ '@id': `#${encodeURIComponent(e.id)}`, '@type': 'Person', name: e.name, ...(e.role ? { roleName: e.role } : {}) }));
  const publisher = { '@id': '#publisher', '@type': 'Organization', name: edition.publisher };
  const licences = a.licences.map((l) => ({ '@id': l.target, '@type': 'CreativeWork', name: l.text }));
  const ref = (e: { '@id': string }) => ({ '@id': e['@id'] });
  const dates = documents.map((d) => metadata.documents[d]?.date).filter((d): d is string => Boolean(d)).sort();
  const root = {
    '@id': './',
    '@type': 'Dataset',
    name: edition.title,
    description: [edition.subtitle?.replace(/(?<![.!?])$/, '.'), `A digital scholarly edition of ${documents.length} document${documents.length === 1 ? '' : 's'} in TEI P5, with their transcriptions, registers and rendered pages.`, ...a.unstated].filter(Boolean).join(' '),
    identifier: edition.id,
    ...(edition.url ? { url: edition.url } : {}),
    ...(edition.date ? { datePublished: edition.date } : {}),
    inLanguage: edition.language,
    ...(dates.length ? { temporalCoverage: dates[0] === dates.at(-1) ? dates[0] : `${dates[0]}/${dates.at(-1)}` } : {}),
    ...(editors.length ? { editor: editors.map(ref) } : {}),
    publisher: ref(publisher),
    ...(licences.length ? { license: licences.map(ref) } : {}),
    hasPart: sorted.map((f) => ({ '@id': crateId(f.path) })),
  };
  const fileEntities = sorted.map((f) => {
    const m = perDocument.exec(f.path);
    const name = m?.slice(1).find((x) => x !== undefined);
    const doc = name !== undefined && published.has(name) ? metadata.documents[name] : undefined;
    return {
      '@id': crateId(f.path),
      '@type': 'File',
      ...(doc?.title ? { name: doc.title } : {}),
      ...(doc?.date ? { dateCreated: doc.date } : {}),
      encodingFormat: mediaType(f.path),
      contentSize: String(f.size),
    };
  });
  const graph = [
    { '@id': RO_CRATE, '@type': 'CreativeWork', conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' }, about: { '@id': './' } },
    root,
    ...fileEntities,
    ...editors,
    publisher,
    ...licences,
  ];
  return JSON.stringify({ '@context': 'https://w3id.org/ro/crate/1.1/context', '@graph': graph }, null, 1) + '\n';
}

/**
 * Dublin Core of the edition for bag-info.txt (written DC-<element>, one value a line; an element
 * may repeat): what the edition's metadata states, nothing guessed.
 */
export function dublinCore(metadata: Metadata, documents: string[]): [string, string][] {
  const edition = metadata.edition;
  const a = availabilityOf(edition);
  const dates = documents.map((d) => metadata.documents[d]?.date).filter((d): d is string => Boolean(d)).sort();
  return [
    ['Title', `${edition.title}${edition.subtitle ? `: ${edition.subtitle}` : ''}`],
    ...edition.editors.map((e): [string, string] => ['Contributor', `${e.name} (${e.role || 'editor'})`]),
    ['Publisher', edition.publisher],
    ...(edition.date ? [['Date', edition.date] as [string, string]] : []),
    ['Type', 'Collection'],
    ['Format', 'application/tei+xml'],
    ['Language', edition.language],
    ['Identifier', edition.url ?? edition.id],
    ...(dates.length ? [['Coverage', dates[0] === dates.at(-1) ? dates[0]! : `${dates[0]}/${dates.at(-1)}`] as [string, string]] : []),
    ...(edition.transcription ? [['Description', edition.transcription] as [string, string]] : []),
    ...rightsStatements(edition).map((t): [string, string] => ['Rights', t]),
    ...a.licences.map((l): [string, string] => ['Rights', l.target]),
  ];
}

export interface PackageInput {
  /** The project folder: sources/, tei/, editions/. */
  dir: string;
  metadata: Metadata;
  /** The documents published (built, valid unless the editor asked for invalid ones too). */
  documents: string[];
  /** Where the bag goes (default <dir>/package/<edition id>). */
  out?: string;
  /**
   * A file the build keeps (.tei-edition/package.json): what the generated edition.xml was made
   * from; when that is unchanged, the bag in place's copy is taken (linked) instead of written again.
   */
  cache?: string;
}

export interface PackageResult {
  /** The folder of the bag. */
  bag: string;
  /** What verifyBag found in the new bag; if any, the bag was not published (the old one stays). */
  problems: string[];
}

/** The bag's folder: `out`, or <dir>/package/<edition id> with the id checked as a safe name. */
export function bagPath(dir: string, edition: EditionMeta, out?: string): string {
  return out ?? outputPath(join(dir, 'package'), 'edition id', edition.id);
}

const TAG_FILES = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'];
/** Written first into a bag being made, removed last: the folder is a bag of ours, not yet whole. */
const PARTIAL = '.tei-edition-partial';
const BAG_ENTRIES = new Set([...TAG_FILES, 'data', PARTIAL]);
const AGENT = new RegExp(`^Bag-Software-Agent: ${TOOL.name} `, 'm');

const entries = (d: string) => readdirSync(d);
const isDir = (d: string) => existsSync(d) && statSync(d).isDirectory();
/** Only what a bag of ours holds (bag files, data/, the partial marker). */
const onlyBagEntries = (d: string) => entries(d).every((e) => BAG_ENTRIES.has(e));

/** A bag this tool wrote: nothing but the bag's files, and bag-info.txt names tei-edition as its agent. */
export function isOwnBag(dir: string): boolean {
  if (!isDir(dir) || !onlyBagEntries(dir)) return false;
  const info = join(dir, 'bag-info.txt');
  return existsSync(info) && AGENT.test(readFileSync(info, 'utf8'));
}

/**
 * Refuse a bag folder the tool may not replace: one that is not a folder, or not empty and not a bag
 * this tool wrote. An absent or empty folder, or one of its own bags, is fine.
 */
export function checkBagTarget(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UnsafePathError(`${out} exists and is not a folder: refusing to replace it with the bag`);
  if (entries(out).length && !isOwnBag(out)) {
    throw new UnsafePathError(`${out} is not empty and is not a bag written by ${TOOL.name}: refusing to replace it (give a new or empty folder)`);
  }
}

/** The temporaries beside a bag: the new bag being written, the old one set aside, and (older versions) <bag>.tmp-<pid>. */
function temporaries(out: string): { path: string; kind: 'new' | 'old'; pid: number }[] {
  const parent = dirname(out);
  if (!isDir(parent)) return [];
  const base = basename(out).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^(?:\\.${base}\\.${TOOL.name}-(new|old)-|${base}\\.tmp-)(\\d+)$`);
  return entries(parent).flatMap((e) => {
    const m = re.exec(e);
    return m ? [{ path: join(parent, e), kind: (m[1] ?? 'new') as 'new' | 'old', pid: Number(m[2]) }] : [];
  });
}

/**
 * Put right what a killed run left beside a bag (call it holding the lock): an old bag set aside
 * while the bag itself is missing is put back; other temporaries of runs no longer running are
 * removed, provided they hold nothing but a bag's files. Returns what was done, one line each.
 */
export function recoverBag(out: string): string[] {
  const done: string[] = [];
  const stale = temporaries(out).filter((t) => t.pid === process.pid || !isRunning(t.pid));
  for (const t of stale.filter((t) => t.kind === 'old')) {
    if (!isDir(t.path) || !onlyBagEntries(t.path)) continue;
    if (!existsSync(out) && isOwnBag(t.path)) {
      renameSync(t.path, out);
      fsyncDir(dirname(out));
      done.push(`restored the previous bag ${out} (a build was stopped while replacing it)`);
    } else if (existsSync(out)) {
      // The new bag is in place: this is the old one, perhaps half removed.
      rmSync(t.path, { recursive: true, force: true });
      done.push(`removed ${t.path} (the previous bag of a stopped build)`);
    }
  }
  for (const t of stale.filter((t) => t.kind === 'new')) {
    if (!isDir(t.path) || !onlyBagEntries(t.path)) continue;
    rmSync(t.path, { recursive: true, force: true });
    done.push(`removed ${t.path} (the unfinished bag of a stopped build)`);
  }
  return done;
}

/**
 * Write the bag. It is written whole beside its place (flushed to disk), verified, and only then
 * swapped in by renames: the old bag aside, the new one in, the old one removed. A reader sees the
 * old bag, the new one, or (between the two renames: Node has no atomic exchange of two folders)
 * none, never a part of one; a crash leaves temporaries that recoverBag puts right. A bag that does
 * not verify is not published: the problems are returned and the old bag stays.
 */
export function writePackage(input: PackageInput): PackageResult {
  const { dir, metadata } = input;
  const edition = metadata.edition;
  const out = bagPath(dir, edition, input.out);
  checkBagTarget(out);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(out)}.${TOOL.name}-new-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  writeFileDurable(join(tmp, PARTIAL), '');
  const data = join(tmp, 'data');
  // What the bag in place holds: a file unchanged since then (same size and modification time as
  // its copy there, which was given the source's time) is hard-linked from it, its checksum reused.
  const previous = previousPayload(out);
  // Each source file is asked its size and time once (the README, the RO-Crate and the copy need them).
  const stats = new Map<string, Stats>();
  const stat = (f: string) => {
    let st = stats.get(f);
    if (!st) stats.set(f, (st = statSync(f)));
    return st;
  };
  const unchanged = (p: string, st: { size: number; mtimeMs: number }) => {
    const old = previous.get(p);
    // Times survive utimes to within a millisecond, not to the nanosecond.
    return old && old.size === st.size && Math.abs(old.mtimeMs - st.mtimeMs) < 1 ? old : undefined;
  };
  // The payload: files named (read only when they changed since the last bag), and generated texts.
  const payload = new Map<string, { file: string } | { content: Uint8Array }>();
  const add = (path: string, from: string | { content: string }) =>
    payload.set(path.split(sep).join('/'), typeof from === 'string' ? { file: from } : { content: Buffer.from(from.content, 'utf8') });

  // Only the published documents: their transcription, TEI and rendered files; everything else
  // (metadata, registers, schema, site pages, assets) as it is.
  const published = new Set(input.documents);
  const rel = (root: string, f: string) => relative(root, f).split(sep).join('/');
  const sourcesDir = join(dir, 'sources');
  const sources = files(sourcesDir).filter((f) => {
    const r = rel(sourcesDir, f);
    return r.includes('/') || !r.endsWith('.txt') || published.has(r.slice(0, -4));
  });
  for (const f of sources) add(`sources/${rel(sourcesDir, f)}`, f);
  const teiDir = join(dir, 'tei');
  for (const f of files(teiDir)) {
    const r = rel(teiDir, f);
    if (r.startsWith('schema/') || r.startsWith('registers/') || (r.endsWith('.xml') && !r.includes('/') && published.has(r.slice(0, -4)))) add(`tei/${r}`, f);
  }
  const editionsDir = join(dir, 'editions');
  const perDocument = /^(?:html\/(.+)\.html|text\/(.+)\.(?:diplomatic|normalized)\.txt|tei\/(.+)\.xml|data\/(.+)\.excisions\.json)$/;
  for (const f of files(editionsDir)) {
    const r = rel(editionsDir, f);
    const m = perDocument.exec(r);
    const name = m?.slice(1).find((x) => x !== undefined);
    if (name === undefined || published.has(name)) add(`editions/${r}`, f);
  }
  // The edition file lists every document: made again only when what it shows changed.
  const editionKey = sha256(
    JSON.stringify([toolFingerprint(), edition, input.documents.map((n) => [n, metadata.documents[n]?.type ?? null, metadata.documents[n]?.title ?? null, metadata.documents[n]?.date ?? null])]),
  );
  let editionSha: string | undefined;
  const kept = previous.get('edition.xml');
  const memo = input.cache ? readJson<{ edition?: { key: string; sha: string } }>(input.cache)?.edition : undefined;
  if (kept && memo?.key === editionKey && memo.sha === kept.sha) {
    add('edition.xml', kept.path);
    editionSha = kept.sha;
  } else {
    const xml = editionTei(edition, metadata, input.documents);
    editionSha = sha256(xml);
    add('edition.xml', { content: xml });
  }
  add('README.md', {
    content: [
      `# ${tagValue(edition.title)}`,
      '',
      edition.subtitle ?? '',
      '',
      `Publisher: ${tagValue(edition.publisher)}${edition.date ? `, ${edition.date}` : ''}.`,
      `Editors: ${edition.editors.map((e) => e.name).join(', ') || 'not named'}.`,
      '',
      '## Contents',
      '',
      '- `ro-crate-metadata.json`: the package described as an RO-Crate (1.1): the edition, its editors, publisher and licences, and every file',
      '- `edition.xml`: the edition as a TEI file listing its documents',
      '- `tei/`: one TEI P5 file per document, the person register (`tei/registers/persons.xml`) and the schema (`tei/schema/`)',
      '- `editions/`: the edition site (`index.html`), each document page (`html/`) and plain-text editions (`text/`)',
      '- `sources/`: the transcriptions, the edition metadata (`edition.yaml`) and the registers (`registers/`)',
      '',
      '## Provenance',
      '',
      `Generated by ${TOOL.name} ${TOOL.version} from the transcriptions below (SHA-256):`,
      '',
      ...sources.map((f) => {
        const p = `sources/${rel(sourcesDir, f)}`;
        return `- \`${unchanged(p, stat(f))?.sha ?? sha256(readFileSync(f))}\` ${encodeManifestPath(p)}`;
      }),
      '',
      '## Licence',
      '',
      ...rightsStatements(edition),
      '',
    ].join('\n'),
  });

  // The RO-Crate metadata: the payload (data/) is the crate's root; it lists every other file.
  const sizes = [...payload.entries()].map(([path, from]) => ({ path, size: 'file' in from ? stat(from.file).size : from.content.length }));
  add(RO_CRATE, { content: roCrate(metadata, input.documents, sizes) });

  const sorted = [...payload.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let octets = 0;
  const manifest: string[] = [];
  const folders = new Set<string>([tmp]);
  const written = new Set<string>();
  // The bag is new: no payload file is there yet, none a symbolic link; their folders are checked.
  const inData = filesInsideOf(data);
  for (const [p, from] of sorted) {
    const target = join(data, ...p.split('/'));
    if (!inData(target, true)) throw new UnsafePathError(`bag payload ${JSON.stringify(p)} is outside ${data}`);
    if (!folders.has(dirname(target))) {
      for (let d = dirname(target); d.length >= data.length && !folders.has(d); d = dirname(d)) folders.add(d);
      mkdirSync(dirname(target), { recursive: true });
    }
    const st = 'file' in from ? stat(from.file) : undefined;
    const old = st && unchanged(p, st);
    if (st && old && link(old.path, target)) {
      octets += st.size;
      manifest.push(`${old.sha}  data/${encodeManifestPath(p)}`);
      continue;
    }
    const c = 'file' in from ? readFileSync(from.file) : from.content;
    writeFileDurable(target, c);
    if (st) utimesSync(target, st.atimeMs / 1000, st.mtimeMs / 1000);
    written.add(`data/${p}`);
    octets += c.length;
    manifest.push(`${sha256(c)}  data/${encodeManifestPath(p)}`);
  }
  const tags: [string, string][] = [
    ['bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'],
    [
      'bag-info.txt',
      [
        `Source-Organization: ${tagValue(edition.publisher)}`,
        `External-Description: ${tagValue(`${edition.title}${edition.subtitle ? `: ${edition.subtitle}` : ''}`)}`,
        `External-Identifier: ${tagValue(edition.id)}`,
        `Bag-Software-Agent: ${TOOL.name} ${TOOL.version}`,
        `Payload-Oxum: ${octets}.${sorted.length}`,
        ...dublinCore(metadata, input.documents).map(([k, v]) => `DC-${k}: ${tagValue(v)}`),
        '',
      ].join('\n'),
    ],
    ['manifest-sha256.txt', manifest.join('\n') + '\n'],
  ];
  for (const [name, content] of tags) writeFileDurable(join(tmp, name), content);
  writeFileDurable(join(tmp, 'tagmanifest-sha256.txt'), tags.map(([name, content]) => `${sha256(content)}  ${name}`).join('\n') + '\n');
  for (const d of [...folders].sort((a, b) => b.length - a.length)) fsyncDir(d);

  // Every file is checked to be there, with the size the bag declares; the checksums of the files
  // written now are checked (those linked are the files of the bag in place, verified when written).
  const problems = verifyBag(tmp, written);
  if (problems.length) {
    rmSync(tmp, { recursive: true, force: true });
    return { bag: out, problems };
  }
  rmSync(join(tmp, PARTIAL));
  fsyncDir(tmp);
  // Within a build, flushes are deferred (src/io.ts): the new bag is on disk before it is swapped in.
  flushWrites(tmp);
  // The swap. rename(2) replaces an absent or empty folder at once; a full one is set aside first.
  if (existsSync(out) && entries(out).length) {
    const old = join(parent, `.${basename(out)}.${TOOL.name}-old-${process.pid}`);
    renameSync(out, old);
    try {
      renameSync(tmp, out);
    } catch (e) {
      renameSync(old, out);
      throw e;
    }
    fsyncDir(parent);
    removeTree(old);
  } else {
    renameSync(tmp, out);
    fsyncDir(parent);
  }
  if (input.cache) writeFileAtomic(input.cache, JSON.stringify({ edition: { key: editionKey, sha: editionSha } }) + '\n');
  return { bag: out, problems: [] };
}

/** A JSON file's content, or undefined if it cannot be read. */
function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A hard link, or false where the file system will not make one (the file is then copied). */
function link(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/** The payload of a bag this tool wrote at the path: each file's checksum, size and modification time. */
function previousPayload(bag: string): Map<string, { path: string; sha: string; size: number; mtimeMs: number }> {
  const found = new Map<string, { path: string; sha: string; size: number; mtimeMs: number }>();
  if (!isOwnBag(bag)) return found;
  let manifest = '';
  try {
    manifest = readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8');
  } catch {
    return found;
  }
  const inData = filesInsideOf(join(bag, 'data'));
  for (const line of manifest.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}data\/(.+)$/.exec(line);
    if (!m) continue;
    const p = decodeManifestPath(m[2]!);
    const path = join(bag, 'data', ...p.split('/'));
    // A regular file only (what the tool wrote): a symbolic link in its place is not reused.
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st?.isFile() && inData(path, true)) found.set(p, { path, sha: m[1]!, size: st.size, mtimeMs: st.mtimeMs });
  }
  return found;
}

/**
 * Verify a bag as a library's ingest would: every checksum, the payload size, nothing unlisted.
 * `only`: check the checksums of these files alone (the others' presence and sizes still are).
 */
export function verifyBag(bag: string, only?: Set<string>): string[] {
  const problems: string[] = [];
  const read = (f: string): string => {
    try {
      return readFileSync(join(bag, f), 'utf8');
    } catch {
      problems.push(`${f} is missing`);
      return '';
    }
  };
  const declaration = read('bagit.txt');
  if (declaration && !/^BagIt-Version: 1\.0\nTag-File-Character-Encoding: UTF-8\n$/.test(declaration)) problems.push('bagit.txt: not a BagIt 1.0 declaration');
  // The payload, listed once: each file's size, and which are regular files (their folders alone need resolving).
  const payload = new Map<string, { size: number; regular: boolean }>();
  const walk = (d: string) => {
    if (!isDir(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isSymbolicLink() && statSync(p).isDirectory()) walk(p);
      else payload.set(relative(bag, p).split(sep).join('/'), { size: statSync(p).size, regular: e.isFile() });
    }
  };
  walk(join(bag, 'data'));
  const inBag = filesInsideOf(bag);
  const check = (manifest: string, under: string) => {
    const listed = new Set<string>();
    for (const line of read(manifest).split('\n').filter(Boolean)) {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!m) {
        problems.push(`${manifest}: malformed line: ${line}`);
        continue;
      }
      const path = decodeManifestPath(m[2]!);
      const file = join(bag, ...path.split('/'));
      const found = payload.get(path);
      if (!path.startsWith(under) || !inBag(file, found?.regular === true)) {
        problems.push(`${manifest}: ${m[2]} is not a path under ${under || 'the bag'}`);
        continue;
      }
      listed.add(path);
      if (!found && !existsSync(file)) problems.push(`${manifest}: ${m[2]} is missing`);
      else if ((!only || !path.startsWith('data/') || only.has(path)) && sha256(readFileSync(file)) !== m[1]) problems.push(`${manifest}: ${m[2]} does not match its checksum`);
    }
    return listed;
  };
  const listed = check('manifest-sha256.txt', 'data/');
  check('tagmanifest-sha256.txt', '');
  for (const f of payload.keys()) if (!listed.has(f)) problems.push(`${encodeManifestPath(f)} is not in the manifest`);
  const info = read('bag-info.txt');
  for (const line of info.split('\n').filter(Boolean)) if (!/^[^:\s][^:]*: \S/.test(line) && !/^[ \t]/.test(line)) problems.push(`bag-info.txt: malformed line: ${line}`);
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(info);
  const size = [...payload.values()].reduce((n, f) => n + f.size, 0);
  if (!oxum || Number(oxum[1]) !== size || Number(oxum[2]) !== payload.size) problems.push(`bag-info.txt: Payload-Oxum does not match the payload (${size}.${payload.size})`);
  return problems;
}
