import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { SourceError } from './transcription/source.js';
import { dirname, join, basename } from 'node:path';

/** Write a file atomically: to a temporary file beside it, then rename over the target. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Read a file; a file that cannot be read is a SourceError at 1:1 saying why. */
export function readFileOrFail(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new SourceError(file, { line: 1, column: 1 }, `cannot read: ${why}`);
  }
}
