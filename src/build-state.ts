/**
 * Incremental builds: what each document's outputs depend on, and what the last build made of it,
 * kept in <dir>/.tei-edition/ (state.json, and each published document's site record in
 * records/<name>.json and its search units in search/<name>.json). A document is built again when its fingerprint changes: its transcription,
 * its entry in edition.yaml, the edition's own metadata, the register entries it may use, the
 * option to publish invalid documents, or the tool itself (its code, stylesheets and schemas). The
 * edition-wide steps (site, package) run again when any document's result or the registers change.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DEFAULT_EDITION, loadMetadata, type Metadata } from './enrich/metadata.js';
import { imageSource, isRemoteImage } from './enrich/facsimile.js';
import type { Registers } from './enrich/registers.js';
import type { DocumentResult } from './pipeline.js';
import type { SiteRecord } from './site/index.js';
import type { SearchUnit } from './site/search.js';
import { flushWrites, outputPath, safeName, writeFileAtomic } from './io.js';
import { packageFile } from './paths.js';
import { TOOL } from './version.js';

const FORMAT = 2;

interface Stored {
  format: number;
  edition?: string;
  documents: Record<string, { fingerprint: string; result: Omit<DocumentResult, 'record' | 'search'> }>;
}

const sha = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

let toolHash: string | undefined;

/** The tool's own fingerprint: its version, compiled code, stylesheets and schemas. */
export function toolFingerprint(): string {
  if (toolHash) return toolHash;
  const h = createHash('sha256').update(`${TOOL.name} ${TOOL.version}`);
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.map')) h.update(relative(packageFile(), p)).update(readFileSync(p));
    }
  };
  for (const d of ['dist', 'xslt', join('tei', 'schema'), 'schema']) walk(packageFile(d));
  toolHash = h.digest('hex');
  return toolHash;
}

/** The words of a register entry's forms: an entry may matter to a text that holds any of them. */
function entryWords(forms: string[]): string[] {
  return forms.flatMap((f) => f.split(/[\s.,;:()"'“”]+/)).filter((w) => w.length >= 2);
}

export interface BuildState {
  /** The stored result of a document whose outputs are up to date, or undefined. */
  upToDate(file: string): DocumentResult | undefined;
  /**
   * The documents the last build made whose transcription is no longer among `files`: their names,
   * dropped from the state (their outputs are the caller's to remove).
   */
  removed(files: string[]): string[];
  /** Keep what building a document gave. */
  record(result: DocumentResult): void;
  /** The site record of a published document, as this build or the last one made it. */
  siteRecord(result: DocumentResult): SiteRecord;
  /** The search units of a published document, read from where its build kept them. */
  searchUnits(name: string): SearchUnit[];
  /** What identifies a document's search units (its fingerprint): the search merge reads only those whose stamp changed. */
  searchStamp(name: string): string | undefined;
  /** Where the search merge keeps what it wrote (src/site/search.ts). */
  searchState: string;
  /** The fingerprint of the edition-wide outputs, from the documents' results. */
  editionFingerprint(bag: string): string;
  /** Were the edition-wide outputs made from this fingerprint, and are they there? */
  editionUpToDate(fingerprint: string, outputs: string[]): boolean;
  editionBuilt(fingerprint: string): void;
  save(): void;
}

export function openBuildState(
  dir: string,
  ctx: { metadata: Metadata; registers: Registers; includeInvalid: boolean; shard?: string; merge?: boolean },
): BuildState {
  const root = join(dir, '.tei-edition');
  // A shard build keeps its state in a file of its own (shard-K-of-N.json), so that the shards'
  // folders can be put together; a merge reads them all, and then keeps one state.json.
  const file = join(root, `${ctx.shard ?? 'state'}.json`);
  const read = (f: string): Stored | undefined => {
    try {
      const s = JSON.parse(readFileSync(f, 'utf8')) as Stored;
      return s.format === FORMAT ? s : undefined;
    } catch {
      return undefined; // no state, or an unreadable one: its documents are built
    }
  };
  let stored: Stored = read(file) ?? { format: FORMAT, documents: {} };
  const shardFiles = ctx.merge && existsSync(root) ? readdirSync(root).filter((f) => /^shard-\d+-of-\d+\.json$/.test(f)) : [];
  for (const f of shardFiles.sort()) stored = { ...stored, documents: { ...stored.documents, ...read(join(root, f))?.documents } };
  const next: Stored = { format: FORMAT, documents: {} };
  const fingerprints = new Map<string, string>();
  const records = new Map<string, SiteRecord>();
  const recordFile = (name: string) => outputPath(join(root, 'records'), 'document name', `${name}.json`);
  const searchFile = (name: string) => outputPath(join(root, 'search'), 'document name', `${name}.json`);
  // Read, not written: the name checked, no symbolic link resolved (a write goes through outputPath).
  const readRecord = (folder: 'records' | 'search', name: string) => readFileSync(join(root, folder, safeName(`${name}.json`, 'document name')), 'utf8');
  // Which files each output folder holds, listed once (a stat per output of every document was a tenth of a rebuild).
  const listings = new Map<string, Map<string, boolean>>();
  const present = (folder: string, file: string): boolean => {
    let names = listings.get(folder);
    if (!names) {
      names = new Map();
      try {
        for (const e of readdirSync(folder, { withFileTypes: true })) if (!e.isDirectory()) names.set(e.name, e.isSymbolicLink());
      } catch {
        // No folder: no file in it.
      }
      listings.set(folder, names);
    }
    const link = names.get(file);
    // A symbolic link counts when it leads to something, as existsSync has it.
    return link === undefined ? false : !link || existsSync(join(folder, file));
  };
  const key = (f: string) => relative(dir, f).split('\\').join('/');
  // Each document's fingerprint by name, as this build keeps it.
  const stamps = new Map<string, string>();

  const tool = toolFingerprint();
  const { documents: metaDocs, edition } = ctx.metadata;
  const editionJson = JSON.stringify(edition);
  const entries = [
    ...ctx.registers.persons.map((p) => ({ words: entryWords([...p.forms, p.name]), json: JSON.stringify(p) })),
    ...ctx.registers.corrections.map((c) => ({ words: entryWords([c.sic]), json: JSON.stringify(c) })),
    ...ctx.registers.abbreviations.map((a) => ({ words: entryWords(a.abbr), json: JSON.stringify(a) })),
  ];

  const fingerprint = (f: string): string => {
    let fp = fingerprints.get(f);
    if (fp) return fp;
    const bytes = readFileSync(f);
    const text = bytes.toString('utf8');
    const name = relative(join(dir, 'sources'), f).replace(/\.txt$/i, '');
    // The register entries the document may use: any whose words occur in it (more than it uses, never less).
    const used = entries.filter((e) => e.words.some((w) => text.includes(w))).map((e) => e.json);
    fp = sha(tool, editionJson, JSON.stringify(metaDocs[name] ?? null), String(ctx.includeInvalid), ...used, bytes);
    fingerprints.set(f, fp);
    return fp;
  };

  const outputsExist = (r: Omit<DocumentResult, 'record' | 'search'>): boolean => {
    const files: [string, string][] = r.converted ? [[join(dir, 'tei'), `${r.name}.xml`]] : [];
    if (r.published) {
      files.push(
        [join(dir, 'editions', 'html'), `${r.name}.html`],
        [join(dir, 'editions', 'text'), `${r.name}.normalized.txt`],
        [join(root, 'records'), `${r.name}.json`],
        [join(root, 'search'), `${r.name}.json`],
      );
    }
    return files.every(([folder, file]) => present(folder, file));
  };

  return {
    upToDate(f) {
      const old = stored.documents[key(f)];
      if (!old || old.fingerprint !== fingerprint(f) || !outputsExist(old.result)) return undefined;
      next.documents[key(f)] = old;
      stamps.set(old.result.name, old.fingerprint);
      return { ...old.result, file: f };
    },
    removed(files) {
      const present = new Set(files.map(key));
      const gone = Object.entries(stored.documents).filter(([k]) => !present.has(k));
      listings.clear();
      for (const [k, d] of gone) {
        delete stored.documents[k];
        for (const f of [recordFile(d.result.name), searchFile(d.result.name)]) rmSync(f, { force: true });
      }
      return gone.map(([, d]) => d.result.name);
    },
    record(r) {
      const { record, search, ...rest } = r;
      if (record) {
        writeFileAtomic(recordFile(r.name), JSON.stringify(record));
        records.set(r.name, record);
      }
      if (search) writeFileAtomic(searchFile(r.name), JSON.stringify(search));
      next.documents[key(r.file)] = { fingerprint: fingerprint(r.file), result: rest };
      stamps.set(r.name, fingerprint(r.file));
    },
    siteRecord(r) {
      return r.record ?? records.get(r.name) ?? (JSON.parse(readRecord('records', r.name)) as SiteRecord);
    },
    searchUnits(name) {
      return JSON.parse(readRecord('search', name)) as SearchUnit[];
    },
    searchStamp(name) {
      return stamps.get(name);
    },
    searchState: join(root, 'search-merge.json'),
    editionFingerprint(bag) {
      const docs = Object.entries(next.documents)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, d]) => `${k} ${d.fingerprint} ${d.result.status} ${d.result.published}`);
      return sha(tool, editionJson, JSON.stringify(ctx.registers), bag, ...docs);
    },
    editionUpToDate(fp, outputs) {
      return stored.edition === fp && outputs.every((p) => existsSync(p) && statSync(p).isFile());
    },
    editionBuilt(fp) {
      next.edition = fp;
    },
    save() {
      // The outputs and records the state names are on disk before it is (src/io.ts).
      flushWrites(dir);
      writeFileAtomic(file, JSON.stringify(next) + '\n');
      // Merged: the shards' states are in state.json now.
      for (const f of shardFiles) rmSync(join(root, f), { force: true });
    },
  };
}

/**
 * The edition's metadata (sources/edition.yaml) for a build: parsed and checked as metadataFor does,
 * or, when the file's bytes and the tool are those of the last build's, taken from what that build
 * kept (.tei-edition/metadata.json): parsing and schema-checking the YAML of a 1,000-document
 * edition costs ~0.6 s, a tenth of a rebuild with one change. The page images it names are checked
 * again (they are files of their own); a problem sends it to the full parse, which reports it.
 * `keep()`, called holding the build's lock, stores a freshly parsed metadata for the next build.
 */
export function buildMetadata(dir: string, sources: string): { metadata: Metadata; keep(): void } {
  const yaml = join(sources, 'edition.yaml');
  if (!existsSync(yaml)) return { metadata: { edition: DEFAULT_EDITION, documents: {} }, keep() {} };
  const cache = join(dir, '.tei-edition', 'metadata.json');
  let key: string | undefined;
  try {
    key = sha(toolFingerprint(), yaml, readFileSync(yaml));
    const kept = JSON.parse(readFileSync(cache, 'utf8')) as { key: string; metadata: Metadata };
    if (kept.key === key && imagesThere(kept.metadata)) return { metadata: kept.metadata, keep() {} };
  } catch {
    // No kept metadata, or an unreadable one: parsed below.
  }
  const metadata = loadMetadata(yaml);
  return {
    metadata,
    keep() {
      if (key) writeFileAtomic(cache, JSON.stringify({ key, metadata }));
    },
  };
}

/** Are the local page images the metadata names there (what loadMetadata checks of the file system)? */
function imagesThere(metadata: Metadata): boolean {
  const root = dirname(metadata.file ?? '.');
  return Object.values(metadata.documents).every((m) => (m.facs ?? []).every((f) => isRemoteImage(f.image) || !imageSource(root, f.image).problem));
}
