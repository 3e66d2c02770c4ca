/**
 * The deposit package: a BagIt bag (RFC 8493) of the edition for a digital library. Its payload
 * holds the sources, the registers, the TEI files, an edition file listing the documents and the
 * rendered editions; a README records the provenance (generator, source checksums). No date or
 * time is written: the same sources give the same bytes.
 */
import { xmlAttrs, xmlText } from '../tei/xml.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { create } from 'xmlbuilder2';
import type { EditionMeta, Metadata } from '../enrich/metadata.js';
import { TEI_NS } from '../tei/build.js';
import { writeAvailability } from '../tei/xml.js';
import { availabilityOf } from '../enrich/metadata.js';
import { TOOL } from '../version.js';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

function files(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (!f.startsWith('.')) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** The edition as one TEI file listing its documents (data/edition.xml). */
export function editionTei(edition: EditionMeta, metadata: Metadata, documents: string[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TEI_NS, 'TEI', xmlAttrs({ 'xml:id': 'edition', 'xml:lang': edition.language }));
  const fileDesc = root.ele('teiHeader').ele('fileDesc');
  const titleStmt = fileDesc.ele('titleStmt');
  titleStmt.ele('title', xmlAttrs({ type: 'main' })).txt(xmlText(edition.title));
  if (edition.subtitle) titleStmt.ele('title', xmlAttrs({ type: 'sub' })).txt(xmlText(edition.subtitle));
  for (const e of edition.editors) titleStmt.ele('editor', xmlAttrs({ 'xml:id': e.id, role: e.role })).txt(xmlText(e.name));
  const pub = fileDesc.ele('publicationStmt');
  pub.ele('publisher').txt(xmlText(edition.publisher));
  if (edition.pubPlace) pub.ele('pubPlace').txt(xmlText(edition.pubPlace));
  if (edition.date) pub.ele('date', xmlAttrs({ when: edition.date })).txt(xmlText(edition.date));
  pub.ele('idno', xmlAttrs({ type: 'local' })).txt(xmlText(edition.id));
  writeAvailability(pub, edition);
  fileDesc.ele('sourceDesc').ele('p').txt(xmlText(`The documents of the edition, each in its own TEI file (tei/), written by ${TOOL.name} ${TOOL.version}.`));
  const body = root.ele('text').ele('body');
  const list = body.ele('listBibl');
  list.ele('head').txt('The documents of the edition');
  for (const name of documents) {
    const m = metadata.documents[name];
    const bibl = list.ele('bibl', xmlAttrs({ type: m?.type?.replace(/\W+/g, '-') ?? 'document' }));
    bibl.ele('title').txt(xmlText(m?.title ?? name));
    if (m?.date) bibl.ele('date', xmlAttrs({ when: m.date })).txt(xmlText(m.date));
    bibl.ele('ref', xmlAttrs({ target: `tei/${name}.xml` })).txt(xmlText(`tei/${name}.xml`));
  }
  return root.end({ prettyPrint: true }) + '\n';
}

export interface PackageInput {
  /** The project folder: sources/, tei/, editions/. */
  dir: string;
  metadata: Metadata;
  documents: string[];
  /** Where the bag goes (default <dir>/package/<edition id>). */
  out?: string;
}

/** Write the bag; returns its folder. The bag is written beside and renamed into place whole. */
export function writePackage(input: PackageInput): string {
  const { dir, metadata, documents } = input;
  const edition = metadata.edition;
  const out = input.out ?? join(dir, 'package', edition.id);
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const data = join(tmp, 'data');
  const payload = new Map<string, Uint8Array>();
  const add = (path: string, content: Uint8Array | string) => payload.set(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);

  const sources = files(join(dir, 'sources'));
  for (const f of sources) add(join('sources', relative(join(dir, 'sources'), f)), readFileSync(f));
  for (const f of files(join(dir, 'tei'))) {
    const rel = relative(join(dir, 'tei'), f);
    if (rel.startsWith(`schema${sep}`) || rel.endsWith('.xml')) add(join('tei', rel), readFileSync(f));
  }
  for (const f of files(join(dir, 'editions'))) add(join('editions', relative(join(dir, 'editions'), f)), readFileSync(f));
  add('edition.xml', editionTei(edition, metadata, documents));
  add(
    'README.md',
    [
      `# ${edition.title}`,
      '',
      edition.subtitle ?? '',
      '',
      `Publisher: ${edition.publisher}${edition.date ? `, ${edition.date}` : ''}.`,
      `Editors: ${edition.editors.map((e) => e.name).join(', ') || 'not named'}.`,
      '',
      '## Contents',
      '',
      '- `edition.xml`: the edition as a TEI file listing its documents',
      '- `tei/`: one TEI P5 file per document, the person register (`tei/registers/persons.xml`) and the schema (`tei/schema/`)',
      '- `editions/`: the edition site (`index.html`), each document page (`html/`) and plain-text editions (`text/`)',
      '- `sources/`: the transcriptions, the edition metadata (`edition.yaml`) and the registers (`registers/`)',
      '',
      '## Provenance',
      '',
      `Generated by ${TOOL.name} ${TOOL.version} from the transcriptions below (SHA-256):`,
      '',
      ...sources.map((f) => `- \`${sha256(readFileSync(f))}\` sources/${relative(join(dir, 'sources'), f).split(sep).join('/')}`),
      '',
      '## Licence',
      '',
      ...((a) => [...a.licences.map((l) => l.text), ...a.unstated])(availabilityOf(edition)),
      '',
    ].join('\n'),
  );

  const entries = [...payload.entries()].map(([p, c]) => [p.split(sep).join('/'), c] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let octets = 0;
  const manifest: string[] = [];
  for (const [p, c] of entries) {
    const target = join(data, p);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, c);
    octets += c.length;
    manifest.push(`${sha256(c)}  data/${p}`);
  }
  const tags: [string, string][] = [
    ['bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'],
    [
      'bag-info.txt',
      [
        `Source-Organization: ${edition.publisher}`,
        `External-Description: ${edition.title}${edition.subtitle ? `: ${edition.subtitle}` : ''}`,
        `External-Identifier: ${edition.id}`,
        `Bag-Software-Agent: ${TOOL.name} ${TOOL.version}`,
        `Payload-Oxum: ${octets}.${entries.length}`,
        '',
      ].join('\n'),
    ],
    ['manifest-sha256.txt', manifest.join('\n') + '\n'],
  ];
  for (const [name, content] of tags) writeFileSync(join(tmp, name), content);
  writeFileSync(join(tmp, 'tagmanifest-sha256.txt'), tags.map(([name, content]) => `${sha256(content)}  ${name}`).join('\n') + '\n');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(dirname(out), { recursive: true });
  renameSync(tmp, out);
  return out;
}

/** Verify a bag as a library's ingest would: every checksum, the payload size, nothing unlisted. */
export function verifyBag(bag: string): string[] {
  const problems: string[] = [];
  const read = (f: string) => readFileSync(join(bag, f), 'utf8');
  if (!/^BagIt-Version: 1\.0\nTag-File-Character-Encoding: UTF-8\n$/.test(read('bagit.txt'))) problems.push('bagit.txt: not a BagIt 1.0 declaration');
  const check = (manifest: string) => {
    const listed = new Set<string>();
    for (const line of read(manifest).split('\n').filter(Boolean)) {
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!m) {
        problems.push(`${manifest}: malformed line: ${line}`);
        continue;
      }
      listed.add(m[2]!);
      if (!existsSync(join(bag, m[2]!))) problems.push(`${manifest}: ${m[2]} is missing`);
      else if (sha256(readFileSync(join(bag, m[2]!))) !== m[1]) problems.push(`${manifest}: ${m[2]} does not match its checksum`);
    }
    return listed;
  };
  const listed = check('manifest-sha256.txt');
  check('tagmanifest-sha256.txt');
  const payload = files(join(bag, 'data')).map((f) => relative(bag, f).split(sep).join('/'));
  for (const f of payload) if (!listed.has(f)) problems.push(`${f} is not in the manifest`);
  const oxum = /Payload-Oxum: (\d+)\.(\d+)/.exec(read('bag-info.txt'));
  const size = payload.reduce((n, f) => n + statSync(join(bag, f)).size, 0);
  if (!oxum || Number(oxum[1]) !== size || Number(oxum[2]) !== payload.length) problems.push(`bag-info.txt: Payload-Oxum does not match the payload (${size}.${payload.length})`);
  return problems;
}
