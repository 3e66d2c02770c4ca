/**
 * Decoding an XML file as XML 1.0 says (appendix F): a byte order mark, else the encoding its XML
 * declaration names, else UTF-8. Bytes that are not of that encoding are an error at their line and
 * column, never replaced silently (a TEI file written in ISO-8859-1 or UTF-16 is read as it is).
 */
import { SourceError, bytePosition, firstInvalidUtf8, positionAt } from '../transcription/source.js';

/** The encoding the file's first bytes say, and how many bytes of byte order mark to skip. */
function sniff(bytes: Uint8Array): { encoding: string; skip: number; declared?: { name: string; offset: number } } {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2 };
  // UTF-16 without a mark: "<" then a zero byte, or the other way round.
  if (a === 0x3c && b === 0x00) return { encoding: 'utf-16le', skip: 0 };
  if (a === 0x00 && b === 0x3c) return { encoding: 'utf-16be', skip: 0 };
  // The XML declaration is ASCII in every encoding this reads without a mark.
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const m = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(head);
  if (!m) return { encoding: 'utf-8', skip: 0 };
  return { encoding: m[2]!.toLowerCase(), skip: 0, declared: { name: m[2]!, offset: m.index + m[0].length - m[2]!.length - 1 } };
}

/**
 * windows-1252 above 0x7F where it differs from Latin-1 (0x80-0x9F; undefined: 0x81, 0x8D, 0x8F, 0x90,
 * 0x9D). Node 20's TextDecoder reads windows-1252 as Latin-1, so this table does it.
 */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function decodeCp1252(file: string, body: Uint8Array): string {
  let s = '';
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (CP1252_UNDEFINED.has(b)) throw new SourceError(file, positionAt(s, s.length), `byte 0x${b.toString(16).toUpperCase()} is not windows-1252, the encoding the file is read as`);
    s += b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : String.fromCharCode(b);
  }
  return s;
}

/** Decode an XML file's bytes (see above); throws SourceError at the fault. */
export function decodeXml(file: string, bytes: Uint8Array): string {
  const { encoding, skip, declared } = sniff(bytes);
  const body = bytes.subarray(skip);
  const at = (offset: number) => positionAt(Buffer.from(bytes.subarray(0, offset)).toString('latin1'), offset);
  if (encoding === 'utf-8' || encoding === 'utf8') {
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) {
      const hex = body[bad]!.toString(16).toUpperCase().padStart(2, '0');
      const where = declared ? `declared UTF-8` : 'UTF-8, as no encoding is declared';
      throw new SourceError(file, bytePosition(body, bad), `invalid UTF-8 (byte 0x${hex}; the file is read as ${where}): save it as UTF-8, or declare its encoding`);
    }
    return new TextDecoder('utf-8').decode(body);
  }
  // ISO-8859-1 is Latin-1 itself (a WHATWG decoder would read it as windows-1252); ASCII is its first half.
  if (encoding === 'iso-8859-1' || encoding === 'latin1' || encoding === 'l1' || encoding === 'us-ascii' || encoding === 'ascii') {
    if (encoding.includes('ascii')) {
      const bad = body.findIndex((x) => x > 0x7f);
      if (bad >= 0) throw new SourceError(file, at(bad), `byte 0x${body[bad]!.toString(16).toUpperCase()} is not ASCII, the encoding the XML declaration names`);
    }
    return Buffer.from(body).toString('latin1');
  }
  // A declaration read as ASCII bytes cannot be UTF-16: the file was saved in another encoding.
  if (declared && /^utf-?16/.test(encoding)) {
    throw new SourceError(file, at(declared.offset), `the XML declaration says ${declared.name}, but the file's bytes are not UTF-16 (no byte order mark, one byte a character): save it as UTF-16 or correct the declaration`);
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new SourceError(file, declared ? at(declared.offset) : { line: 1, column: 1 }, `unknown encoding "${declared?.name ?? encoding}" in the XML declaration`);
  }
  if (decoder.encoding === 'windows-1252') return decodeCp1252(file, body);
  try {
    return decoder.decode(body);
  } catch {
    // A fatal decoder does not say where: the longest prefix that decodes does.
    let lo = 0;
    let hi = body.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      try {
        new TextDecoder(encoding, { fatal: true }).decode(body.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid - 1;
      }
    }
    const text = new TextDecoder(encoding).decode(body.subarray(0, lo), { stream: true });
    throw new SourceError(file, positionAt(text, text.length), `bytes that are not ${declared?.name ?? encoding}, the encoding the file is read as`);
  }
}
