/**
 * How an error reads for the user: `file:line:col: error: reason` for an error in an input file,
 * every problem of a configuration file one a line, `error: message` otherwise. One function for the
 * CLI and for build workers (whose errors cross a thread boundary as text).
 */
import { ConfigError } from './enrich/config.js';
import { SourceError } from './transcription/source.js';

/** An error whose message is already the user's text (as described in a worker). */
export class DescribedError extends Error {}

export function describeError(e: unknown): string {
  if (e instanceof DescribedError) return e.message;
  if (e instanceof ConfigError) return e.problems.map((p) => `${e.file}:${p.pos.line}:${p.pos.column}: error: ${p.message}`).join('\n');
  if (e instanceof SourceError) return `${e.file}:${e.pos.line}:${e.pos.column}: error: ${e.reason}`;
  return `error: ${(e as Error)?.message ?? String(e)}`;
}
