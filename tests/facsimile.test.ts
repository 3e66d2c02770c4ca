/**
 * Facsimiles (issue 15.4): page images named in edition.yaml (`facs`), checked where they are
 * named, encoded as facsimile/surface/graphic with pb/@facs, published under editions/images/;
 * and the page images of any TEI (facsimile, @facs, graphic, zone, IIIF) on the document page.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { loadMetadata, parseMetadata, type Metadata } from '../src/enrich/metadata.js';
import { imageOutput, imageProblem, imageUrl, publishFacsimiles } from '../src/enrich/facsimile.js';
import { validateText } from '../src/validate/index.js';
import { renderTei } from '../src/render/index.js';
import { UnsafePathError } from '../src/io.js';
import { convert, problems, run } from './helpers.js';

/** A small grey PNG (RGB, no dependency): what a test needs of a page image. */
export function png(width = 40, height = 60): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows.fill(y % 8 < 2 ? 90 : 230, y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 4 + x * 3);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}


const doc = (facs: string) => `documents:\n  a:\n    witnesses:\n      - { id: wit-A, label: The copy }\n    facs:\n${facs}`;

describe('edition.yaml: facs, the page images', () => {
  test('a path or an entry with alt and witness; read as entries', () => {
    const m = parseMetadata('edition.yaml', doc('      - p1.png\n      - { image: scans/p2.jpg, alt: The second page, witness: wit-A }\n      - https://iiif.example.org/iiif/3/x/info.json\n'));
    expect(m.documents.a!.facs).toEqual([{ image: 'p1.png' }, { image: 'scans/p2.jpg', alt: 'The second page', witness: 'wit-A' }, { image: 'https://iiif.example.org/iiif/3/x/info.json' }]);
  });

  test('a path that leaves the edition, an absolute path, another scheme, a file type browsers do not show: errors at their place', () => {
    const p = problems(() =>
      parseMetadata('edition.yaml', doc('      - ../outside.png\n      - /etc/passwd.png\n      - { image: "C:\\\\scans\\\\p.png" }\n      - ftp://example.org/p.png\n      - scan.tif\n      - a//b.png\n')),
    );
    expect(p).toEqual([
      "6:9: the image '../outside.png' is outside the edition: a path may not go up with '..'",
      "7:9: the image '/etc/passwd.png' must be a path relative to edition.yaml, not an absolute path",
      "8:18: the image 'C:\\scans\\p.png' must be a path relative to edition.yaml, not an absolute path",
      "9:9: the image 'ftp://example.org/p.png' must be a path relative to edition.yaml or an absolute http or https URL",
      "10:9: the image 'scan.tif' must be a png, jpg, jpeg, gif, webp, avif, svg file (browsers show no other)",
      expect.stringMatching(/^11:9: the image 'a\/\/b\.png': .* is not a safe file name: it is empty$/),
    ]);
  });

  test('an unknown key, a witness the document does not list', () => {
    expect(problems(() => parseMetadata('edition.yaml', doc('      - { image: p.png, alt: x, witnes: wit-A }\n')))).toEqual(["6:33: 'witnes' is not a key of document 'a' facs[0]; did you mean 'witness'?"]);
    expect(problems(() => parseMetadata('edition.yaml', doc('      - { image: p.png, witness: wit-Z }\n')))).toEqual(["6:34: 'witness' names no witness of 'a' (wit-A)"]);
  });

  test('read from disk: an image that is missing, or a link that leads out of the folder, is an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-facs-'));
    const sources = join(dir, 'sources');
    mkdirSync(join(sources, 'scans'), { recursive: true });
    writeFileSync(join(sources, 'scans', 'p1.png'), png());
    writeFileSync(join(dir, 'secret.png'), png());
    symlinkSync(join(dir, 'secret.png'), join(sources, 'scans', 'link.png'));
    const yaml = join(sources, 'edition.yaml');
    writeFileSync(join(sources, 'a.txt'), 'A letter.\n');
    writeFileSync(yaml, doc('      - scans/p1.png\n      - scans/p2.png\n      - scans/link.png\n      - https://example.org/p.png\n'));
    expect(problems(() => loadMetadata(yaml))).toEqual([
      `7:9: the image 'scans/p2.png' does not exist (looked for ${join(sources, 'scans', 'p2.png')})`,
      `8:9: the image 'scans/link.png' is outside the edition (a symbolic link leads out of ${sources})`,
    ]);
    // The CLI: the message with file:line:col, a non-zero exit, nothing written.
    return run('build', dir).then((r) => {
      expect(r.code).not.toBe(0);
      expect(r.err).toContain(`${yaml}:7:9: error: the image 'scans/p2.png' does not exist`);
      expect(existsSync(join(dir, 'tei'))).toBe(false);
    });
  });

  test('images are published under editions/images/ with checked paths; ones no longer named are removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-facs-pub-'));
    mkdirSync(join(dir, 'sources', 'scans'), { recursive: true });
    writeFileSync(join(dir, 'sources', 'scans', 'p 1.png'), png());
    writeFileSync(join(dir, 'sources', 'old.png'), png());
    const editions = join(dir, 'editions');
    publishFacsimiles(join(dir, 'sources'), editions, { a: { facs: [{ image: 'old.png' }, { image: 'scans/p 1.png' }, { image: 'https://example.org/x.png' }] } });
    expect(readFileSync(join(editions, 'images', 'scans', 'p 1.png'))).toEqual(png());
    expect(existsSync(join(editions, 'images', 'old.png'))).toBe(true);
    publishFacsimiles(join(dir, 'sources'), editions, { a: { facs: [{ image: 'scans/p 1.png' }] } });
    expect(existsSync(join(editions, 'images', 'old.png'))).toBe(false);
    expect(existsSync(join(editions, 'images', 'scans', 'p 1.png'))).toBe(true);
    expect(imageUrl('scans/p 1.png')).toBe('../images/scans/p%201.png');
    expect(() => imageOutput(editions, '../x.png')).toThrow(UnsafePathError);
    expect(imageProblem('scans/p 1.png')).toBeUndefined();
  });
});

const META = (facs: Metadata['documents'][string]['facs'], witnesses?: { id: string; label: string }[]): Metadata => ({
  edition: { id: 'e', title: 'Letters', editors: [], publisher: 'P', language: 'en', licence: {} },
  documents: { letter: { title: 'A letter', date: '1921-03-12', identifiers: [], facs, ...(witnesses ? { witnesses } : {}) } },
});

const TWO_PAGES = 'Dear Sir,\n\nThe first page ends here.\n\n[Page 2]\n\nThe second page.\n\nYours,\n';

describe('TEI: facsimile/surface/graphic, pb/@facs', () => {
  test('one surface per page, the page breaks pointing to them, alt text as desc; valid for the project and tei_all', async () => {
    const c = convert(TWO_PAGES, 'letter', META([{ image: 'scans/p1.png', alt: 'The first page' }, { image: 'https://iiif.example.org/iiif/3/p2/info.json' }]));
    expect(c.xml).toContain('<facsimile>');
    expect(c.xml).toMatch(/<surface xml:id="facs-A-1" n="1">\s*<graphic url="\.\.\/images\/scans\/p1\.png"><desc>The first page<\/desc><\/graphic>/);
    expect(c.xml).toMatch(/<surface xml:id="facs-A-2" n="2">\s*<graphic url="https:\/\/iiif\.example\.org\/iiif\/3\/p2\/info\.json"><desc>Page 2 of A letter<\/desc>/);
    const pbs = [...c.xml.matchAll(/<pb[^>]*>/g)].map((m) => m[0]);
    expect(pbs).toEqual(['<pb n="1" facs="#facs-A-1"/>', '<pb n="2" facs="#facs-A-2"/>']);
    const v = await validateText('letter.xml', c.xml);
    expect(v.errors ?? [], JSON.stringify(v)).toEqual([]);
    expect(v.valid).toBe(true);
    expect(c.warnings).toEqual([]);
    jingValid(c.xml);
  });

  test('images for another copy, and more images than pages: kept, with a warning', () => {
    const text = 'The first copy.\n\nEXCISED COPY FOLLOWS\n\nThe second copy.\n';
    const c = convert(text, 'letter', META([{ image: 'a.png' }, { image: 'b.png', witness: 'wit-B' }, { image: 'c.png' }], [{ id: 'wit-A', label: 'A' }, { id: 'wit-B', label: 'B' }]));
    expect(c.doc.witnesses.map((w) => w.id)).toEqual(['wit-A', 'wit-B']);
    expect(c.xml).toMatch(/<surface xml:id="facs-B-1" n="1" corresp="#wit-B">/);
    expect(c.warnings.map((w) => w.message).join('\n')).toMatch(/2 page images for copy A, the transcription has 1 page/);
  });

  test('without facs nothing changes', () => {
    const c = convert(TWO_PAGES, 'letter', META(undefined));
    expect(c.xml).not.toContain('facsimile');
    expect(c.xml).not.toContain('facs=');
  });
});

const SCHEMA = '../shared/schema/tei_all.rng';
const hasJing = spawnSync('sh', ['-c', 'command -v jing'], { encoding: 'utf8' }).status === 0 && existsSync(SCHEMA);

function jingValid(xml: string): void {
  if (!hasJing && !process.env.CI) return;
  const file = join(mkdtempSync(join(tmpdir(), 'tei-facs-jing-')), 'x.xml');
  writeFileSync(file, xml);
  const r = spawnSync('jing', [SCHEMA, file], { encoding: 'utf8' });
  expect((r.stdout + r.stderr).split('\n').filter((l) => l && !l.startsWith('[warning]'))).toEqual([]);
  expect(r.status).toBe(0);
}

describe('the page images of any TEI on the document page', () => {
  const fixture = 'tests/fixtures/facsimile-letter.xml';
  const xml = readFileSync(fixture, 'utf8');

  test('the fixture is valid TEI', () => jingValid(xml));

  test('pb/@facs to a surface, xml:base and a relative URL resolved against the TEI file, made relative to the page', () => {
    const out = mkdtempSync(join(tmpdir(), 'tei-facs-render-'));
    const html = renderTei(fixture, xml, 'letter', false, { tei: join(out, 'letters', 'letter.xml'), page: join(out, 'editions', 'html', 'letter.html') }).html;
    const img = (alt: string) => new RegExp(`<img src="([^"]*)" alt="${alt}"`).exec(html)?.[1];
    expect(img('The first page, written in a small, even hand')).toBe('../../letters/images/page%201.png');
    // A IIIF service: the viewer reads its info.json; the img asks for a size that fits.
    expect(html).toContain('data-facs-iiif="https://iiif.example.org/iiif/3/letter-p2/info.json"');
    expect(img('Page 2 of A Letter With Its Pages')).toBe('https://iiif.example.org/iiif/3/letter-p2/full/!1200,1200/0/default.jpg');
    // An Image API request as pb/@facs: its service is found.
    expect(html).toContain('data-facs-iiif="https://iiif.example.org/iiif/3/letter-p3/info.json"');
    // A surface no page break points to: shown before the text, with its label as caption and alt.
    expect(html).toMatch(/<section class="facs-apart"[^>]*>\s*<h3[^>]*>Page images<\/h3>\s*<span class="facs"[^>]*><a class="facs-image" href="\.\.\/\.\.\/letters\/images\/envelope\.png"><img [^>]*alt="The envelope"/);
    // The diplomatic view: each image after its page break; the reading view: all behind a control.
    const diplomatic = html.slice(html.indexOf('id="view-diplomatic"'), html.indexOf('id="view-normalized"'));
    expect(diplomatic.indexOf('alt="The first page')).toBeLessThan(diplomatic.indexOf('Dear friend'));
    expect(diplomatic.indexOf('Dear friend')).toBeLessThan(diplomatic.indexOf('alt="Page 2 of'));
    const normalized = html.slice(html.indexOf('id="view-normalized"'));
    expect(normalized).toMatch(/<details class="facs-pages"><summary>Page images \(4\)<\/summary>/);
    expect(html).toContain('<script src="facsimile.js" defer="defer">');
  });

  test('without a location, relative URLs stay as written (xml:base applied)', () => {
    const html = renderTei(fixture, xml, 'letter').html;
    expect(html).toContain('<img src="images/page%201.png" alt="The first page, written in a small, even hand"');
  });

  test('a page without images has none; a page break pointing to an image shows it without a facsimile element', () => {
    const plain = xml.replace(/<facsimile[\s\S]*<\/facsimile>/, '').replace(/ facs="[^"]*"/g, '');
    expect(renderTei(fixture, plain, 'letter').html).not.toContain('class="facs');
    // OpenSeadragon is loaded by facsimile.js, only where there are images: the page names it nowhere.
    expect(renderTei(fixture, xml, 'letter').html).not.toContain('openseadragon');
    const direct = plain.replace('<pb n="1"/>', '<pb n="1" facs="scans/p1.jpg"/>');
    expect(renderTei(fixture, direct, 'letter').html).toContain('<img src="scans/p1.jpg" alt="Page 1 of A Letter With Its Pages"');
  });

  test('render: a foreign file is rendered with its local images copied beside the page, the viewer copied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-facs-cli-'));
    mkdirSync(join(dir, 'letters', 'images'), { recursive: true });
    writeFileSync(join(dir, 'letters', 'letter.xml'), xml);
    writeFileSync(join(dir, 'letters', 'images', 'page 1.png'), png());
    const r = await run('render', join(dir, 'letters', 'letter.xml'), '-o', join(dir, 'out'));
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(join(dir, 'out', 'html', 'letter.html'), 'utf8');
    expect(html).toContain('<img src="../images/letter/images/page%201.png"');
    expect(existsSync(join(dir, 'out', 'html', 'openseadragon', 'openseadragon.min.js'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'html', 'openseadragon', 'images', 'zoomin_rest.png'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'html', 'facsimile.js'))).toBe(true);
    // The image inside the TEI's folder was copied (tests/render-input.test.ts: what is and is not).
    expect(readFileSync(join(dir, 'out', 'images', 'letter', 'images', 'page 1.png'))).toEqual(png());
  });
});
