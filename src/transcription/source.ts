/**
 * Reading a transcription file: strict UTF-8 decoding, XML 1.0 character checks,
 * and errors that name file, line and column.
 */
import type { Position } from './model.js';

/** An error in an input file, located by line and column. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly pos: Position,
    readonly reason: string,
  ) {
    super(`${file}:${pos.line}:${pos.column}: ${reason}`);
    this.name = 'SourceError';
  }
}

/** Line and column (1-based, columns in code points) of a UTF-16 offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: codePointLength(text.slice(lineStart, offset)) + 1 };
}

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Position of byte `byteOffset` in a buffer whose bytes before it decode cleanly. */
export function bytePosition(bytes: Uint8Array, byteOffset: number): Position {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, byteOffset));
  return positionAt(before, before.length);
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Is the code point allowed in XML 1.0 character data? */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Decode a transcription: UTF-8 only (a BOM is skipped), line ends normalised to LF,
 * characters XML 1.0 forbids rejected. Throws SourceError with the position of the fault.
 */
export function decodeTranscription(file: string, bytes: Uint8Array): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    throw new SourceError(file, bytePosition(bytes, bad), `invalid UTF-8 (byte 0x${hex}); save the file as UTF-8`);
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (!isXmlChar(cp)) {
      const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      throw new SourceError(file, positionAt(text, i), `character ${name} is not allowed in XML 1.0`);
    }
    if (cp > 0xffff) i++;
  }
  if (text.trim() === '') {
    throw new SourceError(file, { line: 1, column: 1 }, 'the transcription is empty');
  }
  return text;
}
