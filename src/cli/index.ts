#!/usr/bin/env node
/** The tei-edition command line: thin commands over the pipeline. */
import { Command, CommanderError } from 'commander';
import { dirname, resolve } from 'node:path';
import { buildEdition, convertFile, documentName, metadataFor } from '../pipeline.js';
import { loadMetadata } from '../enrich/metadata.js';
import { writeFileAtomic } from '../io.js';
import { SourceError } from '../transcription/source.js';
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
        const c = convertFile(file, metadata, opts.name ?? documentName(file));
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
    .action((dir: string) => {
      try {
        const report = buildEdition({
          dir,
          onDocument: (file, ok) => io.err(`${ok ? 'converted' : 'FAILED   '} ${file}\n`),
        });
        for (const w of report.warnings) io.err(w + '\n');
        for (const f of report.failed) io.err(describe(f.error) + '\n');
        io.err(`${report.built.length} documents converted, ${report.failed.length} failed, ${report.warnings.length} warnings\n`);
        if (report.failed.length) code = 1;
      } catch (e) {
        io.err(describe(e) + '\n');
        code = 1;
      }
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
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
