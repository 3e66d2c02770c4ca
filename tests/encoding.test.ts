import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeXml } from '../src/validate/encoding.js';
import { SourceError } from '../src/transcription/source.js';

const decl = (enc?: string) => `<?xml version="1.0"${enc ? ` encoding="${enc}"` : ''}?>\n`;
const fault = (bytes: Uint8Array): SourceError => {
  try {
    decodeXml('f.xml', bytes);
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error('decoded');
};
const utf16be = (s: string) => Buffer.from(Buffer.from(s, 'utf16le')).swap16();

describe('XML files are decoded as they declare (validate, render)', () => {
  test('property: UTF-8 (with or without a mark), UTF-16 (either order, with or without a mark), ISO-8859-1: the text comes back whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }).map((s) => s.replace(/[^\u0020-\u00ff]/g, '')), (text, latin) => {
        const xml = `<p>${text}</p>`;
        expect(decodeXml('f.xml', Buffer.from(decl('UTF-8') + xml))).toBe(decl('UTF-8') + xml);
        expect(decodeXml('f.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decl() + xml)]))).toBe(decl() + xml);
        const u16 = decl('UTF-16') + xml;
        expect(decodeXml('f.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(u16, 'utf16le')]))).toBe(u16);
        expect(decodeXml('f.xml', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(u16)]))).toBe(u16);
        expect(decodeXml('f.xml', Buffer.from(u16, 'utf16le'))).toBe(u16);
        const l1 = decl('ISO-8859-1') + `<p>${latin}</p>`;
        expect(decodeXml('f.xml', Buffer.from(l1, 'latin1'))).toBe(l1);
      }),
      { numRuns: 200 },
    );
  });

  test('ISO-8859-1 is Latin-1, not windows-1252: byte 0x93 stays U+0093', () => {
    expect(decodeXml('f.xml', Buffer.concat([Buffer.from(decl('iso-8859-1') + '<p>'), Buffer.from([0x93, 0xe9]), Buffer.from('</p>')]))).toContain('<p>\u0093é</p>');
    expect(decodeXml('f.xml', Buffer.concat([Buffer.from(decl('windows-1252') + '<p>'), Buffer.from([0x93]), Buffer.from('</p>')]))).toContain('<p>“</p>');
  });

  test('bytes not of the encoding are an error at their line and column, never replaced', () => {
    const e = fault(Buffer.concat([Buffer.from(decl() + '<p>\ncaf'), Buffer.from([0xe9]), Buffer.from('</p>')]));
    expect(e.pos).toEqual({ line: 3, column: 4 });
    expect(e.reason).toMatch(/invalid UTF-8 \(byte 0xE9/);
    const ascii = fault(Buffer.concat([Buffer.from(decl('US-ASCII') + '<p>ab'), Buffer.from([0xe9]), Buffer.from('</p>')]));
    expect(ascii.pos).toEqual({ line: 2, column: 6 });
    const sjis = fault(Buffer.concat([Buffer.from(decl('Shift_JIS') + '<p>\nab'), Buffer.from([0x81, 0x20]), Buffer.from('</p>')]));
    expect(sjis.pos.line).toBe(3);
    expect(sjis.reason).toMatch(/not Shift_JIS/);
    expect(fault(Buffer.from(decl('UTF-16') + '<p/>')).reason).toMatch(/says UTF-16, but the file's bytes are not UTF-16/);
    const unknown = fault(Buffer.from(decl('X-NONE') + '<p/>'));
    expect(unknown.reason).toBe('unknown encoding "X-NONE" in the XML declaration');
    expect(unknown.pos).toEqual({ line: 1, column: 31 });
  });
});
