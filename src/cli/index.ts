#!/usr/bin/env node
/** The tei-edition command line: thin commands over the pipeline. */
import { Command, CommanderError } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';
import { buildEdition, convertFile, documentName, metadataFor, registersFor } from '../pipeline.js';
import { loadMetadata } from '../enrich/metadata.js';
import { readFileOrFail, writeFileAtomic } from '../io.js';
import { SourceError } from '../transcription/source.js';
import { collectXmlFiles, validateFile, SchemaError, type Report } from '../validate/index.js';
import { copyAssets, renderTei, writeRendered } from '../render/index.js';
import { verifyBag } from '../site/package.js';
import { basename, join } from 'node:path';
import { readdirSync } from 'node:fs';
import { TOOL } from '../version.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

function describe(e: unknown): string {
  if (e instanceof SourceError) return `${e.file}:${e.pos.line}:${e.pos.column}: error: ${e.reason}`;
  return `error: ${(e as Error).message ?? String(e)}`;
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
    .showHelpAfterError();

  program
    .command('convert')
    .description('Convert one transcription to TEI P5 (to standard output unless -o is given).')
    .argument('<file.txt>', 'the transcription')
    .option('-o, --output <out.xml>', 'write the TEI here (atomically) instead of standard output')
    .option('-m, --metadata <edition.yaml>', 'edition metadata (default: edition.yaml beside the transcription, if any)')
    .option('-n, --name <name>', 'document name, the key of its metadata (default: the file name without .txt)')
    .action((file: string, opts: { output?: string; metadata?: string; name?: string }) => {
      try {
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
    .command('build')
    .description('Build the edition: every transcription in <dir>/sources/*.txt to <dir>/tei/<name>.xml.')
    .argument('[dir]', 'the project folder', '.')
    .action(async (dir: string) => {
      const started = performance.now();
      // A progress bar on a terminal; plain lines elsewhere (CI, pipes, tests).
      const tty = io === defaultIo && process.stderr.isTTY && !process.env.CI;
      const bar = tty ? new SingleBar({ format: 'building {bar} {value}/{total} {file}', stream: process.stderr, clearOnComplete: true }, Presets.shades_classic) : null;
      try {
        const report = await buildEdition({
          dir,
          onStart: (total) => bar?.start(total, 0, { file: '' }),
          onDocument: (file, ok) => (bar ? bar.increment({ file }) : io.err(`${ok ? 'converted' : 'FAILED   '} ${file}\n`)),
        });
        bar?.stop();
        for (const w of report.warnings) io.err(w + '\n');
        for (const f of report.failed) io.err(describe(f.error) + '\n');
        for (const r of report.invalid) io.err(formatReport(r));
        io.err(
          `${report.built.length} documents converted, ${report.failed.length} failed, ${report.invalid.length} invalid, ${report.warnings.length} warnings` +
            (report.unknownNames.length ? `, ${report.unknownNames.length} names no register lists (tei-edition registers suggest)` : '') +
            `, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
        );
        if (report.package) io.err(`deposit package: ${report.package}\n`);
        if (report.failed.length || report.invalid.length) code = 1;
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
    .option('-o, --output <bag>', 'the folder of the bag (default: <dir>/package/<edition id>)')
    .action(async (dir: string, opts: { output?: string }) => {
      try {
        const report = await buildEdition({ dir, ...(opts.output ? { packageOut: opts.output } : {}) });
        for (const f of report.failed) io.err(describe(f.error) + '\n');
        const bag = report.package!;
        const problems = verifyBag(bag);
        for (const p of problems) io.err(`error: ${p}\n`);
        io.err(`bag written: ${bag} (${problems.length ? 'does not verify' : 'verified'})\n`);
        if (problems.length || report.failed.length) code = 1;
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
    .action((dir: string, opts: { format: string }) => {
      try {
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
        io.err(`${found.size} names no register lists\n`);
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
    .action((files: string[], opts: { output: string }) => {
      let failed = 0;
      copyAssets(opts.output);
      for (const file of files) {
        try {
          const xml = new TextDecoder().decode(readFileOrFail(file));
          const name = basename(file).replace(/\.xml$/i, '');
          writeRendered(opts.output, name, renderTei(file, xml, name));
          io.err(`rendered ${file}\n`);
        } catch (e) {
          io.err(describe(e) + '\n');
          failed++;
        }
      }
      io.err(`${files.length - failed} documents rendered, ${failed} failed\n`);
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
    .action(async (paths: string[], opts: { schema?: string; schematron?: string | false; format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') {
        io.err(`error: --format must be text or json, not '${opts.format}'\n`);
        code = 2;
        return;
      }
      const { files, problems } = collectXmlFiles(paths);
      const reports: Report[] = problems.map((p) => ({ file: p.file, valid: false, errors: [p], warnings: [] }));
      try {
        for (const file of files) {
          reports.push(await validateFile(file, { ...(opts.schema ? { schema: opts.schema } : {}), schematron: opts.schematron ?? undefined } as never));
        }
      } catch (e) {
        io.err((e instanceof SchemaError ? `error: ${e.message}` : describe(e)) + '\n');
        code = 1;
        return;
      }
      if (opts.format === 'json') io.out(JSON.stringify(reports, null, 2) + '\n');
      else for (const r of reports) io.out(formatReport(r));
      const invalid = reports.filter((r) => !r.valid).length;
      io.err(`${reports.length} files validated, ${invalid} invalid\n`);
      if (invalid) code = 1;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    throw e;
  }
  return code;
}

const isEntry = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isEntry) {
  // Output piped into a command that stops reading (| head) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
