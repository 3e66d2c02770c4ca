/**
 * How an error reads for the user: `file:line:col: error: reason` for an error in an input file,
 * every problem of a configuration file one a line, `error: message` otherwise. One function for the
 * CLI and for build workers (whose errors cross a thread boundary as text).
 */
import { SourceError } from './transcription/source.js';
import type { Position } from './transcription/model.js';

/** One or more problems in a configuration file; the first is the error's own position and reason. */
export class ConfigError extends SourceError {
  constructor(
    file: string,
    readonly problems: { pos: Position; message: string }[],
  ) {
    super(file, problems[0]!.pos, problems[0]!.message);
  }
}

/** An error whose message is already the user's text (as described in a worker). */
export class DescribedError extends Error {}

export function describeError(e: unknown): string {
  if (e instanceof DescribedError) return e.message;
  if (e instanceof ConfigError) return e.problems.map((p) => `${e.file}:${p.pos.line}:${p.pos.column}: error: ${p.message}`).join('\n');
  if (e instanceof SourceError) return `${e.file}:${e.pos.line}:${e.pos.column}: error: ${e.reason}`;
  return `error: ${(e as Error)?.message ?? String(e)}`;
}
