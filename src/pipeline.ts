/**
 * The pipeline over the stages: transcription -> model -> TEI. The CLI commands are thin
 * wrappers over these functions.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { decodeTranscription } from './transcription/source.js';
import { parseTranscription } from './transcription/parse.js';
import type { TranscribedDocument, Warning, Witness } from './transcription/model.js';
import { DEFAULT_EDITION, loadMetadata, type DocumentMeta, type Metadata } from './enrich/metadata.js';
import { appId, buildTei } from './tei/build.js';
import { buildPersonsTei } from './tei/registers.js';
import { EMPTY_REGISTERS, loadRegisters, type Registers } from './enrich/registers.js';
import { enrich, type UnknownName } from './enrich/apply.js';
import { anchorApparatus, collateTokens, excisionLedger, markEmendations, witnessTokens, type Collation } from './enrich/collate.js';
import { LockedError, flushesDeferred, isInside, lockFolder, withDeferredFlushes, outputPath, readFileOrFail, removeStaleTemporaries, writeFileAtomic, type Lock } from './io.js';
import { validateText, type Report } from './validate/index.js';
import { copyAssets, renderTei, writeRendered } from './render/index.js';
import { buildSite, siteRecord, type SiteRecord } from './site/index.js';
import { searchUnits, type SearchUnit } from './site/search.js';
import { DescribedError, describeError } from './errors.js';
import { buildMetadata, openBuildState } from './build-state.js';
import { collectIfGrown } from './heap.js';
import { packageFile } from './paths.js';
import { publishFacsimiles } from './enrich/facsimile.js';
import Tinypool from 'tinypool';
import { bagPath, checkBagTarget, recoverBag, writePackage } from './site/package.js';

export interface Converted {
  name: string;
  file: string;
  doc: TranscribedDocument;
  xml: string;
  warnings: Warning[];
  /** Likely person names no register lists (tagged as persName without @ref). */
  unknownNames: UnknownName[];
  collations: Collation[];
}

/** Document name of a transcription file: its base name without ".txt". */
export function documentName(file: string): string {
  return basename(file).replace(/\.txt$/i, '');
}

export interface ConvertOptions {
  /** Document name, the key of its metadata (default: the file name without .txt). */
  name?: string;
  registers?: Registers;
  /** Tag likely person names no register lists (default: true). */
  suggest?: boolean;
  /** Apply the registers, dates and suggestions at all (default: true). */
  enrich?: boolean;
}

export function convertText(file: string, bytes: Uint8Array, metadata: Metadata, options: ConvertOptions = {}): Converted {
  const name = options.name ?? documentName(file);
  const registers = options.registers ?? EMPTY_REGISTERS;
  const text = decodeTranscription(file, bytes);
  const doc = parseTranscription(file, text);
  const meta = metadata.documents[name] ?? { identifiers: [] };
  if (meta.witnesses && meta.witnesses.length !== doc.witnesses.length) {
    doc.warnings.push({
      pos: { line: 1, column: 1 },
      message: `edition.yaml lists ${meta.witnesses.length} witnesses for '${name}', the transcription has ${doc.witnesses.length}`,
    });
  }
  if (meta.witnesses) doc.witnesses.forEach((w, i) => (w.id = meta.witnesses?.[i]?.id ?? w.id));
  const enriched =
    options.enrich === false ? { persons: [], unknownNames: [] } : enrich(doc, { registers, document: name, suggest: options.suggest ?? true });
  const persons = enriched.persons.map((id) => registers.persons.find((p) => p.id === id)!);
  const collations = collationsOf(doc.witnesses, meta);
  const xml = buildTei({ name, doc, meta, edition: metadata.edition, persons, collations });
  // Never write malformed XML: a failure here is a bug in the converter, reported as such.
  const check = XMLValidator.validate(xml);
  if (check !== true) throw new Error(`internal error: the TEI for ${file} is not well-formed (${check.err.msg} at ${check.err.line}:${check.err.col})`);
  return { name, file, doc, xml, warnings: doc.warnings, unknownNames: enriched.unknownNames, collations };
}

/** Each copy collated with the base copy: the editor's choice, or the fullest copy. */
function collationsOf(witnesses: Witness[], meta: DocumentMeta): Collation[] {
  if (witnesses.length < 2 || meta.collation === false) return [];
  const counted = witnesses.map((w) => {
    const tokens = witnessTokens(w);
    return { w, tokens, words: tokens.filter((t) => t.kind === 'word').length };
  });
  const base = counted.find((c) => c.w.id === meta.base) ?? counted.reduce((a, b) => (b.words > a.words ? b : a));
  const collations = counted.filter((c) => c !== base).map((c) => collateTokens(base.w.id, base.tokens, c.w.id, c.tokens, { ocr: meta.ocr !== false }));
  anchorApparatus(collations, appId);
  for (const c of collations) markEmendations(c);
  return collations;
}

export function convertFile(file: string, metadata: Metadata, options: ConvertOptions = {}): Converted {
  return convertText(file, readFileOrFail(file), metadata, options);
}

/** Registers for a folder of transcriptions: its registers/ folder, or none. */
export function registersFor(sourcesDir: string): Registers {
  return loadRegisters(join(sourcesDir, 'registers'));
}

/** Metadata for a folder of transcriptions: its edition.yaml, or the defaults. */
export function metadataFor(sourcesDir: string): Metadata {
  const yaml = join(sourcesDir, 'edition.yaml');
  return existsSync(yaml) ? loadMetadata(yaml) : { edition: DEFAULT_EDITION, documents: {} };
}

export interface BuildReport {
  /** The documents published: converted, valid (unless includeInvalid), rendered. */
  built: { name: string; file: string }[];
  /** How many documents were converted to TEI (tei/<name>.xml), published or not. */
  converted: number;
  failed: { file: string; error: Error }[];
  /** TEI files written but not valid against the project schema and rules. */
  invalid: Report[];
  warnings: string[];
  /** Likely person names no register lists, per document. */
  unknownNames: { file: string; name: string; line: number; column: number }[];
  /** The folder of the deposit package (BagIt). */
  package?: string;
  /** What the verification of the new bag found; if any, it was not published (the old bag stays). */
  packageProblems: string[];
  /** What the build put right that a stopped build had left (temporaries, a bag set aside). */
  recovered: string[];
  /** Documents built this time, and documents whose outputs were up to date (incremental builds). */
  rebuilt: number;
  upToDate: number;
}

export type DocumentStatus = 'built' | 'invalid' | 'failed';

export interface BuildOptions {
  /** Project folder holding sources/ (default: the current folder). */
  dir: string;
  /** Called once before the first document, with their number. */
  onStart?: (total: number) => void;
  /** Called once per document as it is done: built (and valid), built but invalid, or failed. */
  onDocument?: (file: string, status: DocumentStatus) => void;
  /** Where the deposit package goes (default <dir>/package/<edition id>). */
  packageOut?: string;
  /** Publish invalid documents too, marked as invalid in the site (default: only valid ones). */
  includeInvalid?: boolean;
  /** Documents built at once, each in a worker thread (default 1: in this thread). */
  jobs?: number;
  /** Build every document again, even those whose outputs are up to date (default false). */
  force?: boolean;
  /**
   * Build only shard `index` (1-based) of `count`: the documents whose stable hash (shardOf) falls
   * to it, their own outputs and records only (no site, no package); its state goes to
   * .tei-edition/shard-<index>-of-<count>.json. Then, with every shard's outputs in one folder, a
   * build with `merge` makes the edition-wide outputs from the records.
   */
  shard?: { index: number; count: number };
  /** Take the shard builds' states (.tei-edition/shard-*.json) as this folder's: their documents are up to date. */
  merge?: boolean;
}

/** The shard (0-based) of a document among `count`: its name's SHA-256, as a number, modulo count. */
export function shardOf(name: string, count: number): number {
  return Number(BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 12)}`) % BigInt(count));
}

/** The files of a document under the project folder, each a checked path (outputPath). */
function documentOutputs(dir: string, name: string) {
  const editions = join(dir, 'editions');
  const at = (root: string, ...names: string[]) => outputPath(root, 'document name', ...names);
  return {
    tei: at(join(dir, 'tei'), `${name}.xml`),
    // What the site publishes of it: removed when the document is not published.
    published: [
      at(join(editions, 'html'), `${name}.html`),
      at(join(editions, 'text'), `${name}.diplomatic.txt`),
      at(join(editions, 'text'), `${name}.normalized.txt`),
      at(join(editions, 'tei'), `${name}.xml`),
      at(join(editions, 'data'), `${name}.excisions.json`),
    ],
  };
}

/** One document of a build: what to build, with the edition's configuration. */
export interface DocumentJob {
  dir: string;
  file: string;
  metadata: Metadata;
  registers: Registers;
  includeInvalid?: boolean;
  /** The build flushes what the document's build writes, once, later (src/io.ts). */
  flushesDeferred?: boolean;
}

/**
 * What building one document gave: plain data (it crosses from a worker thread, and is kept
 * between builds for documents that do not change), never the document model or its XML.
 */
export interface DocumentResult {
  file: string;
  name: string;
  status: DocumentStatus;
  /** Converted to TEI (tei/<name>.xml written). */
  converted: boolean;
  /** Published: in the site and the package. */
  published: boolean;
  warnings: string[];
  unknownNames: { name: string; line: number; column: number }[];
  invalid?: Report;
  /** A failure, as the user reads it. */
  error?: string;
  record?: SiteRecord;
  /** Its search units (src/site/search.ts): kept on disk by the build state, not in memory. */
  search?: SearchUnit[];
}

/**
 * The metadata a document's build reads: the edition's, and the document's own entry. A job crosses
 * to a worker thread by copy: the whole edition.yaml in every job was a copy of every entry per
 * document (quadratic in the number of documents).
 */
export function documentMetadata(metadata: Metadata, name: string): Metadata {
  const own = Object.hasOwn(metadata.documents, name) ? metadata.documents[name] : undefined;
  return { edition: metadata.edition, documents: own ? { [name]: own } : {} };
}

/** Convert, validate, render and write one document; the site's record of it if it is published. */
export async function buildDocument(job: DocumentJob): Promise<DocumentResult> {
  const { dir, file } = job;
  const name = documentName(file);
  const result: DocumentResult = { file, name, status: 'failed', converted: false, published: false, warnings: [], unknownNames: [] };
  const editions = join(dir, 'editions');
  let outputs: ReturnType<typeof documentOutputs> | undefined;
  try {
    outputs = documentOutputs(dir, name);
    const c = convertFile(file, job.metadata, { registers: job.registers });
    writeFileAtomic(outputs.tei, c.xml);
    result.converted = true;
    for (const u of c.unknownNames) result.unknownNames.push({ name: u.text, ...u.pos });
    for (const w of c.warnings) result.warnings.push(`${file}:${w.pos.line}:${w.pos.column}: warning: ${w.message}`);
    const v = await validateText(outputs.tei, c.xml);
    for (const w of v.warnings) result.warnings.push(`${w.file}:${w.line}:${w.column}: warning: ${w.message}`);
    if (!v.valid) result.invalid = v;
    if (v.valid || job.includeInvalid) {
      // convertText checked the TEI is well-formed and validateText has just parsed it: no third parse.
      writeRendered(editions, c.name, renderTei(outputs.tei, c.xml, c.name, true));
      writeFileAtomic(join(editions, 'tei', `${c.name}.xml`), c.xml);
      if (c.collations.length) {
        const ledger = { document: c.name, base: c.collations[0]!.base, excisions: excisionLedger(c.collations) };
        writeFileAtomic(join(editions, 'data', `${c.name}.excisions.json`), JSON.stringify(ledger, null, 2) + '\n');
      } else removeFile(outputs.published[4]!);
      // Published only now: converted, validated (or invalid ones asked for), rendered.
      const meta = job.metadata.documents[c.name] ?? { identifiers: [] };
      result.record = siteRecord({ name: c.name, title: meta.title ?? c.name, meta, doc: c.doc, collations: c.collations, invalid: !v.valid });
      result.search = searchUnits(c.name, c.doc);
      result.published = true;
    } else unpublish(outputs);
    result.status = v.valid ? 'built' : 'invalid';
  } catch (e) {
    if (outputs) unpublish(outputs);
    result.error = describeError(e);
    result.status = 'failed';
  }
  return result;
}

/**
 * Convert every transcription under <dir>/sources to <dir>/tei/<name>.xml, validate each, and
 * render it to <dir>/editions/html/<name>.html and <dir>/editions/text/<name>.{diplomatic,normalized}.txt;
 * then the site and the deposit package, of the documents that converted, validated and rendered.
 * Documents are independent: built in any order, in worker threads (jobs), and not again while
 * nothing they depend on has changed (src/build-state.ts). One build at a time per project folder
 * (and per package folder): a lock.
 */
export async function buildEdition(options: BuildOptions): Promise<BuildReport> {
  const sources = join(options.dir, 'sources');
  if (!existsSync(sources)) throw new Error(`${sources}: no sources folder (expected the transcriptions in ${sources}/*.txt)`);
  // A transcription is a *.txt file; hidden files (a leading '.') are not documents.
  const files = readdirSync(sources)
    .filter((f) => f.endsWith('.txt') && !f.startsWith('.'))
    .sort();
  if (!files.length) throw new Error(`${sources}: no transcriptions (*.txt) found`);
  const { shard } = options;
  if (shard && !(Number.isInteger(shard.count) && Number.isInteger(shard.index) && shard.index >= 1 && shard.index <= shard.count)) {
    throw new Error(`shard ${shard.index}/${shard.count}: expected K/N with 1 <= K <= N`);
  }
  if (shard && options.merge) throw new Error('a build is a shard or a merge of shards, not both');
  // Parsed again only when edition.yaml (or the tool) changed since the last build (src/build-state.ts).
  const { metadata, keep: keepMetadata } = buildMetadata(options.dir, sources);
  // Where the bag goes, checked before anything is written: a safe edition id, a folder the tool may replace.
  const bag = bagPath(options.dir, metadata.edition, options.packageOut);
  checkBagTarget(bag);
  const locks = [await lockFolder(options.dir)];
  try {
    if (!isInside(options.dir, bag)) locks.push(await lockFolder(dirname(bag), 'package'));
    // Files are flushed once per build, not one by one (src/io.ts).
    return await withDeferredFlushes(options.dir, () => {
      keepMetadata();
      return buildLocked(options, sources, files, metadata, bag, locks);
    });
  } finally {
    for (const l of locks.reverse()) await l.release();
  }
}

async function buildLocked(options: BuildOptions, sources: string, files: string[], metadata: Metadata, bag: string, locks: Lock[]): Promise<BuildReport> {
  const registers = registersFor(sources);
  const report: BuildReport = { built: [], converted: 0, failed: [], invalid: [], warnings: [], unknownNames: [], packageProblems: [], recovered: [], rebuilt: 0, upToDate: 0 };
  const editions = join(options.dir, 'editions');
  // What a stopped build left: temporaries of its atomic writes, its unfinished or set-aside bag.
  const stale = removeStaleTemporaries(join(options.dir, 'tei')) + removeStaleTemporaries(editions);
  if (stale) report.recovered.push(`removed ${stale} unfinished files of a stopped build`);
  report.recovered.push(...recoverBag(bag));
  options.onStart?.(files.length);

  // What each document depends on, and what the last build made of it.
  const { shard } = options;
  const state = openBuildState(options.dir, {
    metadata,
    registers,
    includeInvalid: Boolean(options.includeInvalid),
    ...(shard ? { shard: `shard-${shard.index}-of-${shard.count}` } : {}),
    ...(options.merge ? { merge: true } : {}),
  });
  const paths = files.filter((f) => !shard || shardOf(documentName(f), shard.count) === shard.index - 1).map((f) => join(sources, f));
  // A transcription removed since the last build: its outputs go too, as a clean build would not have them.
  for (const name of state.removed(paths)) {
    const outputs = documentOutputs(options.dir, name);
    unpublish(outputs);
    removeFile(outputs.tei);
  }
  const results = new Map<string, DocumentResult>();
  const todo: string[] = [];
  for (const file of paths) {
    const kept = options.force ? undefined : state.upToDate(file);
    if (kept) results.set(file, kept);
    else todo.push(file);
  }
  report.upToDate = results.size;
  report.rebuilt = todo.length;
  for (const file of paths) {
    const r = results.get(file);
    if (r) options.onDocument?.(file, r.status);
  }

  if (registers.persons.length) writeFileAtomic(join(options.dir, 'tei', 'registers', 'persons.xml'), buildPersonsTei(registers.persons, metadata.edition));
  copyAssets(editions);
  publishFacsimiles(sources, editions, metadata.documents);
  const done = (r: DocumentResult) => {
    state.record(r);
    // The search units (the document's text) are on disk now: not held to the end of the build.
    delete r.search;
    results.set(r.file, r);
    collectIfGrown();
    options.onDocument?.(r.file, r.status);
  };
  const jobOf = (file: string): DocumentJob => ({
    dir: options.dir,
    file,
    metadata: documentMetadata(metadata, documentName(file)),
    registers,
    ...(options.includeInvalid ? { includeInvalid: true } : {}),
    ...(flushesDeferred() ? { flushesDeferred: true } : {}),
  });
  // A worker costs its start (loading the stylesheets and the schema): one for every 8 documents at most.
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, Math.ceil(todo.length / 8)));
  await buildInThreads(todo.map(jobOf), jobs, done);

  const published: DocumentResult[] = [];
  for (const file of paths) {
    const r = results.get(file)!;
    if (r.converted) report.converted++;
    for (const u of r.unknownNames) report.unknownNames.push({ file, ...u });
    report.warnings.push(...r.warnings);
    if (r.invalid) report.invalid.push(r.invalid);
    if (r.error !== undefined) report.failed.push({ file, error: new DescribedError(r.error) });
    if (r.published) {
      report.built.push({ name: r.name, file });
      published.push(r);
    }
  }
  // A shard: its documents' outputs and records are written; the edition-wide steps are the merge's.
  if (shard) {
    state.save();
    return report;
  }
  const names = new Set(files.map(documentName));
  for (const name of Object.keys(metadata.documents)) {
    const at = metadata.positions?.[name] ?? { line: 1, column: 1 };
    if (!names.has(name)) report.warnings.push(`${metadata.file ?? join(sources, 'edition.yaml')}:${at.line}:${at.column}: warning: document '${name}' has no transcription ${name}.txt`);
  }

  // The edition-wide steps merge the documents' results: done again only when one of them changed.
  const edition = state.editionFingerprint(bag);
  if (state.editionUpToDate(edition, [join(editions, 'index.html'), join(bag, 'bagit.txt')])) {
    report.package = bag;
    state.save();
    return report;
  }
  collectIfGrown();
  buildSite({ dir: editions, edition: metadata.edition, registers, documents: published.map((r) => state.siteRecord(r)), searchUnits: (name) => state.searchUnits(name), searchStamp: (name) => state.searchStamp(name), searchState: state.searchState });
  if (locks.some((l) => l.lost)) throw new LockedError(`another build took over the lock of ${options.dir} while this one was running: the package was not written`);
  const written = writePackage({ dir: options.dir, metadata, documents: report.built.map((c) => c.name), out: bag, cache: join(options.dir, '.tei-edition', 'package.json') });
  report.package = written.bag;
  report.packageProblems = written.problems;
  if (!written.problems.length) state.editionBuilt(edition);
  state.save();
  return report;
}

/**
 * Build documents on `threads` threads: this one and a pool of worker threads (tinypool), each
 * taking the next document as it is free. The main thread builds too: a worker fewer to start (each
 * loads SaxonJS, the stylesheet, the schema and the lexicon), and it is busy while they start. Each
 * worker is given two documents at a time, so that it does not wait for the main thread, busy with
 * a document of its own, to hand it the next one.
 */
async function buildInThreads(jobs: DocumentJob[], threads: number, done: (r: DocumentResult) => void): Promise<void> {
  let next = 0;
  let stopped = false;
  const take = (): DocumentJob | undefined => (stopped ? undefined : jobs[next++]);
  const own = async () => {
    for (let job = take(); job; job = take()) {
      done(await buildDocument(job));
      // Let the lock be kept fresh, and the workers' results come in, between documents.
      await new Promise((r) => setImmediate(r));
    }
  };
  const workers = threads - 1;
  if (!workers) return own();
  const pool = new Tinypool({ filename: packageFile('dist', 'worker.js'), minThreads: workers, maxThreads: workers, idleTimeout: 1000, concurrentTasksPerWorker: 2 });
  const feed = async () => {
    for (let job = take(); job; job = take()) done((await pool.run(job)) as DocumentResult);
  };
  // The workers are handed their first documents before this thread starts its own (the first of
  // which also loads the stylesheet and the schema): else they would wait for it.
  const feeders = Array.from({ length: workers * 2 }, feed);
  const mine = own();
  try {
    await Promise.all([mine, ...feeders]);
  } catch (e) {
    // A worker failed: no document is started after it, and this thread's is finished before the build stops.
    stopped = true;
    await mine.catch(() => undefined);
    throw e;
  } finally {
    await pool.destroy();
  }
}

/** Remove what the site published of a document that is not published now (failed, invalid). */
function unpublish(outputs: ReturnType<typeof documentOutputs>): void {
  for (const p of outputs.published) removeFile(p);
}

/** Remove a file if there is one (a folder in its place is not the tool's: left alone). */
function removeFile(path: string): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === false) rmSync(path, { force: true });
}
