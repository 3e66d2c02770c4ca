/** The tei-edition command line: thin commands over the pipeline. */
import { Command, CommanderError } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { basename, join } from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { BuildReport, DocumentStatus } from '../pipeline.js';
import type { Report } from '../validate/index.js';
import { describeError } from '../errors.js';
import { TOOL } from '../version.js';

// The stages are loaded by the commands that use them: --help and --version start at once.
const pipeline = () => import('../pipeline.js');

/** The port `serve` listens on unless told otherwise. */
export const DEFAULT_PORT = 8080;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const describe = describeError;

/** --jobs: a whole number of 1 or more; by default the cores this process may use. */
function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return availableParallelism();
  return /^[1-9]\d*$/.test(value) ? Number(value) : undefined;
}

/** "1 document", "2 documents". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const STATUS: Record<DocumentStatus, string> = { built: 'built  ', invalid: 'INVALID', failed: 'FAILED ' };

/** What a build reports: its warnings and its errors, one a line, and a summary line. */
export function describeBuild(report: BuildReport, seconds: number): { warnings: string[]; errors: string[]; summary: string } {
  const errors = [
    ...report.failed.map((f) => describe(f.error)),
    // (an invalid document's warnings are among the build's warnings already)
    ...report.invalid.flatMap((r) => formatReport({ ...r, warnings: [] }).split('\n').filter(Boolean)),
    ...report.packageProblems.map((p) => `error: the new bag does not verify: ${p}`),
  ];
  const summary =
    `${count(report.converted, 'document')} converted${report.upToDate ? ` (${report.upToDate} up to date)` : ''}, ${report.failed.length} failed, ${report.invalid.length} invalid, ${count(report.warnings.length, 'warning')}` +
    (report.unknownNames.length ? `, ${count(report.unknownNames.length, 'name')} no register lists (tei-edition registers suggest)` : '') +
    `, in ${seconds.toFixed(1)} s`;
  return { warnings: report.warnings, errors, summary };
}

/** `file:line:col: error: message` lines of a validation report. */
export function formatReport(r: Report): string {
  const line = (p: { file: string; line: number; column: number; message: string; source: string }, kind: string) =>
    `${p.file}:${p.line}:${p.column}: ${kind}: ${p.message}${p.source === 'sch' ? ' [rule]' : ''}\n`;
  return r.errors.map((e) => line(e, 'error')).join('') + r.warnings.map((w) => line(w, 'warning')).join('');
}

/** Run the CLI with arguments (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('tei-edition')
    .description('Turn transcriptions of archival documents into a TEI P5 digital scholarly edition.')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(see tei-edition --help)')
    .showSuggestionAfterError();

  program
    .command('convert')
    .description('Convert one transcription to TEI P5 (to standard output unless -o is given).')
    .argument('<file.txt>', 'the transcription')
    .option('-o, --output <out.xml>', 'write the TEI here (atomically) instead of standard output')
    .option('-m, --metadata <edition.yaml>', 'edition metadata (default: edition.yaml beside the transcription, if any)')
    .option('-n, --name <name>', 'document name, the key of its metadata (default: the file name without .txt)')
    .action(async (file: string, opts: { output?: string; metadata?: string; name?: string }) => {
      try {
        const { convertFile, documentName, metadataFor, registersFor } = await pipeline();
        const { loadMetadata } = await import('../enrich/metadata.js');
        const { writeFileAtomic } = await import('../io.js');
        const metadata = opts.metadata ? loadMetadata(opts.metadata) : metadataFor(dirname(resolve(file)));
        const c = convertFile(file, metadata, { name: opts.name ?? documentName(file), registers: registersFor(dirname(resolve(file))) });
        for (const w of c.warnings) io.err(`${file}:${w.pos.line}:${w.pos.column}: warning: ${w.message}\n`);
        if (opts.output) writeFileAtomic(opts.output, c.xml);
        else io.out(c.xml);
      } catch (e) {
        io.err(describe(e) + '\n');
        code = 1;
      }
    });

  program
    .command('init')
    .description('Start a new edition in <dir>: an example transcription, a commented edition.yaml, registers, a .gitignore.')
    .argument('[dir]', 'the folder of the new edition (made if missing; nothing in it is overwritten)', '.')
    .action(async (dir: string) => {
      const { InitError, initEdition } = await import('./init.js');
      try {
        const written = initEdition(dir);
        for (const f of written) io.out(`created ${join(dir, f)}\n`);
        const at = dir === '.' ? '' : ` ${/\s/.test(dir) ? JSON.stringify(dir) : dir}`;
        io.out(
          `\nNext:\n` +
            `  npx tei-edition serve${at}     preview the edition at http://127.0.0.1:${DEFAULT_PORT}/, rebuilt as you save\n` +
            `  npx tei-edition build${at}     build it: tei/, editions/ (the site: put it on any static host), package/\n` +
            `Edit${at ? ` ${join(dir, 'sources')}` : ' sources'}/edition.yaml (title, editors, licences) and add your transcriptions to its sources/ folder (docs: README, "Start your own edition").\n`,
        );
      } catch (e) {
        io.err((e instanceof InitError ? `error: ${e.message}` : describe(e)) + '\n');
        code = 1;
      }
    });

  program
    .command('serve')
    .description('Build the edition, serve its site on 127.0.0.1, and rebuild and reload the page when a source changes.')
    .argument('[dir]', 'the project folder', '.')
    .option('-p, --port <n>', 'the port (0: any free port)', String(DEFAULT_PORT))
    .action(async (dir: string, opts: { port: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`error: --port must be a port number (0 to 65535), not '${opts.port}'\n(see tei-edition serve --help)\n`);
        code = 2;
        return;
      }
      try {
        const { serveEdition } = await import('./serve.js');
        await serveEdition({ dir, port, log: (s) => io.err(s + '\n'), describe: describeBuild, describeError: describe });
      } catch (e) {
        io.err(describe(e) + '\n');
        code = 1;
      }
    });

  program
    .command('build')
    .description('Build the edition in <dir>: every transcription in <dir>/sources/*.txt converted, validated and published.')
    .argument('[dir]', 'the project folder', '.')
    .addHelpText(
      'after',
      `
Reads:
  <dir>/sources/*.txt                 the transcriptions (docs/transcription-syntax.md)
  <dir>/sources/edition.yaml          the edition's metadata (checked against schema/edition.schema.json)
  <dir>/sources/registers/*.yaml      persons, corrections, abbreviations
Writes:
  <dir>/tei/<name>.xml                one TEI P5 file per document; tei/registers/persons.xml
  <dir>/editions/index.html           the edition site (open it, or put editions/ on any static host):
                                      documents, persons, abbreviations, interventions, conventions, search
  <dir>/editions/html/<name>.html     each document's page, diplomatic and reading view
  <dir>/editions/text/<name>.{diplomatic,normalized}.txt   plain-text editions
  <dir>/editions/tei/, editions/data/ the TEI for download; excision ledgers of documents in several copies
  <dir>/package/<edition id>/         the deposit package, a BagIt bag (RFC 8493)
Exit status: 0 all documents built and valid; 1 a document failed or is invalid, or the configuration has errors.\n`,
    )
    .option('--include-invalid', 'publish invalid documents too (marked as invalid in the site); the build still exits 1')
    .option('-j, --jobs <n>', 'documents built at once: this thread and n-1 worker threads (default: the number of cores)')
    .option('--force', 'build every document again, also those whose outputs are up to date')
    .option('--shard <K/N>', 'build shard K of N only: the documents whose name hashes to it, without the site and the package (docs/performance.md)')
    .option('--merge', "after shard builds whose folders were put together: the site, search and package from the shards' records")
    .action(async (dir: string, opts: { includeInvalid?: boolean; jobs?: string; force?: boolean; shard?: string; merge?: boolean }) => {
      const jobs = parseJobs(opts.jobs);
      if (jobs === undefined) {
        io.err(`error: --jobs must be a whole number of 1 or more, not '${opts.jobs}'\n(see tei-edition build --help)\n`);
        code = 2;
        return;
      }
      const shard = opts.shard === undefined ? undefined : /^([1-9]\d*)\/([1-9]\d*)$/.exec(opts.shard);
      if (opts.shard !== undefined && (!shard || Number(shard[1]) > Number(shard[2]) || opts.merge)) {
        io.err(`error: --shard must be K/N with 1 <= K <= N (and not with --merge), not '${opts.shard}'\n(see tei-edition build --help)\n`);
        code = 2;
        return;
      }
      const started = performance.now();
      // A progress bar on a terminal; plain lines elsewhere (CI, pipes, tests).
      const tty = io === defaultIo && process.stderr.isTTY && !process.env.CI;
      const bar = tty ? new SingleBar({ format: 'building {bar} {value}/{total} {file}', stream: process.stderr, clearOnComplete: true }, Presets.shades_classic) : null;
      try {
        const { buildEdition } = await pipeline();
        const report = await buildEdition({
          jobs,
          ...(opts.force ? { force: true } : {}),
          ...(shard ? { shard: { index: Number(shard[1]), count: Number(shard[2]) } } : {}),
          ...(opts.merge ? { merge: true } : {}),
          dir,
          includeInvalid: Boolean(opts.includeInvalid),
          onStart: (total) => (bar ? bar.start(total, 0, { file: '' }) : io.err(`building ${total} documents\n`)),
          onDocument: (file, status) => (bar ? bar.increment({ file }) : io.err(`${STATUS[status]} ${file}\n`)),
        });
        bar?.stop();
        for (const r of report.recovered) io.err(r + '\n');
        const { warnings, errors, summary } = describeBuild(report, (performance.now() - started) / 1000);
        for (const p of [...warnings, ...errors]) io.err(p + '\n');
        io.err(summary + '\n');
        if (report.package) io.err(`deposit package: ${report.package}${report.packageProblems.length ? ' (not replaced: the new bag did not verify)' : ' (verified)'}\n`);
        if (report.failed.length || report.invalid.length || report.packageProblems.length) code = 1;
      } catch (e) {
        bar?.stop();
        io.err(describe(e) + '\n');
        code = 1;
      }
    });

  program
    .command('package')
    .description('Build the edition and write its deposit package: a BagIt bag (RFC 8493) with the TEI, registers, sources and editions.')
    .argument('[dir]', 'the project folder', '.')
    .option('-o, --output <bag>', 'the folder of the bag (default: <dir>/package/<edition id>): new, empty, or a bag tei-edition wrote')
    .option('--include-invalid', 'publish invalid documents too; the command still exits 1')
    .action(async (dir: string, opts: { output?: string; includeInvalid?: boolean }) => {
      try {
        const { buildEdition } = await pipeline();
        const { verifyBag } = await import('../site/package.js');
        const report = await buildEdition({ dir, jobs: availableParallelism(), includeInvalid: Boolean(opts.includeInvalid), ...(opts.output ? { packageOut: opts.output } : {}) });
        for (const r of report.recovered) io.err(r + '\n');
        for (const f of report.failed) io.err(describe(f.error) + '\n');
        for (const r of report.invalid) io.err(formatReport(r));
        const bag = report.package!;
        // The build checked what it wrote; the package command checks every checksum of the bag as an ingest would.
        const full = report.packageProblems.length ? [] : verifyBag(bag);
        for (const p of [...report.packageProblems, ...full]) io.err(`error: ${p}\n`);
        io.err(
          report.packageProblems.length
            ? `bag not written: the new bag did not verify; ${bag} is unchanged\n`
            : full.length
              ? `bag written: ${bag} (does not verify)\n`
              : `bag written: ${bag} (verified: every checksum)\n`,
        );
        const problems = [...report.packageProblems, ...full];
        if (problems.length || report.failed.length || report.invalid.length) code = 1;
      } catch (e) {
        io.err(describe(e) + '\n');
        code = 1;
      }
    });

  const registers = program.command('registers').description('The edition\'s registers (sources/registers/*.yaml).');
  registers
    .command('suggest')
    .description('List the likely person names the registers lack, where they occur, and an entry to start from for each.')
    .argument('[dir]', 'the project folder', '.')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(async (dir: string, opts: { format: string }) => {
      try {
        const { convertFile, metadataFor, registersFor } = await pipeline();
        const sources = join(dir, 'sources');
        const metadata = metadataFor(sources);
        const regs = registersFor(sources);
        const files = readdirSync(sources).filter((f) => f.endsWith('.txt')).sort();
        const found = new Map<string, { file: string; line: number; column: number }[]>();
        for (const f of files) {
          const file = join(sources, f);
          const c = convertFile(file, metadata, { registers: regs });
          for (const u of c.unknownNames) {
            const list = found.get(u.text) ?? [];
            list.push({ file, ...u.pos });
            found.set(u.text, list);
          }
        }
        if (opts.format === 'json') {
          io.out(JSON.stringify([...found].map(([name, at]) => ({ name, occurrences: at })), null, 2) + '\n');
        } else {
          for (const [name, at] of found) {
            for (const a of at) io.out(`${a.file}:${a.line}:${a.column}: ${name}\n`);
          }
          if (found.size) {
            io.out('\n# Entries to complete and add to sources/registers/persons.yaml:\n');
            for (const name of found.keys()) {
              const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'person';
              io.out(`- id: ${/^[a-z]/.test(id) ? id : `p-${id}`}\n  name: ${JSON.stringify(name)}\n  role: \n  forms: [${JSON.stringify(name)}]\n`);
            }
          }
        }
        io.err(`${count(found.size, 'name')} no register lists\n`);
      } catch (e) {
        io.err(describe(e) + '\n');
        code = 1;
      }
    });

  program
    .command('render')
    .description('Render TEI files to HTML (both views in one page) and plain text (diplomatic, normalized).')
    .argument('<files...>', 'TEI files (any TEI P5 document, not only ours)')
    .option('-o, --output <dir>', 'the editions folder: writes <dir>/html/<name>.html and <dir>/text/<name>.{diplomatic,normalized}.txt', 'editions')
    .option('--root <dir>', "the folder tree XIncludes and images may be read from (default: each file's own folder)")
    .action(async (files: string[], opts: { output: string; root?: string }) => {
      const { copyAssets, outputPaths, renderTei, writeRendered } = await import('../render/index.js');
      const { readFileOrFail } = await import('../io.js');
      const { decodeXml } = await import('../validate/encoding.js');
      let failed = 0;
      if (existsSync(opts.output) && !statSync(opts.output).isDirectory()) {
        io.err(`error: ${opts.output} is a file; -o names the folder the editions are written to\n`);
        code = 1;
        return;
      }
      copyAssets(opts.output);
      for (const file of files) {
        try {
          const xml = decodeXml(file, readFileOrFail(file));
          const name = basename(file).replace(/\.xml$/i, '');
          const r = renderTei(file, xml, name, false, { tei: file, page: outputPaths(opts.output, name).html, editions: opts.output, ...(opts.root ? { root: opts.root } : {}) });
          writeRendered(opts.output, name, r);
          for (const w of r.warnings ?? []) io.err(w.replace(/^([^:]+:\d+:\d+|[^:]+): /, '$1: warning: ') + '\n');
          io.err(`rendered ${file}${r.images?.length ? ` (${count(r.images.length, 'image')} copied)` : ''}\n`);
        } catch (e) {
          io.err(describe(e) + '\n');
          failed++;
        }
      }
      io.err(`${count(files.length - failed, 'document')} rendered, ${failed} failed\n`);
      if (failed) code = 1;
    });

  program
    .command('validate')
    .description('Validate TEI files against the RELAX NG schema and the editorial rules (Schematron).')
    .argument('<paths...>', 'TEI files, or directories whose *.xml files to validate')
    .option('-s, --schema <file.rng>', 'RELAX NG schema, XML syntax (default: the project schema, tei/schema/tei-edition.rng)')
    .option('--schematron <file.sch>', 'Schematron rules (default: tei/schema/tei-edition.sch)')
    .option('--no-schematron', 'skip the Schematron rules')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('--root <dir>', "the folder tree XIncludes may be read from (default: each file's own folder)")
    .action(async (paths: string[], opts: { schema?: string; schematron?: string | false; format: string; root?: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') {
        io.err(`error: --format must be text or json, not '${opts.format}'\n`);
        code = 2;
        return;
      }
      const { collectXmlFiles, validateFile, SchemaError } = await import('../validate/index.js');
      const { files, problems } = collectXmlFiles(paths);
      const reports: Report[] = problems.map((p) => ({ file: p.file, valid: false, errors: [p], warnings: [] }));
      try {
        for (const file of files) {
          reports.push(await validateFile(file, { ...(opts.schema ? { schema: opts.schema } : {}), ...(opts.root ? { includeRoot: opts.root } : {}), schematron: opts.schematron ?? undefined } as never));
        }
      } catch (e) {
        io.err((e instanceof SchemaError ? `error: ${e.message}` : describe(e)) + '\n');
        code = 1;
        return;
      }
      if (opts.format === 'json') io.out(JSON.stringify(reports, null, 2) + '\n');
      else for (const r of reports) io.out(formatReport(r));
      const invalid = reports.filter((r) => !r.valid).length;
      io.err(`${count(reports.length, 'file')} validated, ${invalid} invalid\n`);
      if (invalid) code = 1;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    // The system refused something (a folder not writable, a disk full, a path that is a file): the
    // user's to fix, said in one line, not a bug with a stack trace.
    const sys = e as NodeJS.ErrnoException;
    if (typeof sys.code === 'string' && typeof sys.syscall === 'string') {
      io.err(`error: ${sys.message}\n`);
      return 1;
    }
    throw e;
  }
  return code;
}
