/**
 * The reader's edition without a browser: names linked to the register, and an edition that says
 * where it is published (edition.yaml `url`): canonical links, citations, sitemap.xml.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderTei } from '../src/render/index.js';
import { buildEdition } from '../src/pipeline.js';
import { project } from './project.js';

const doc = (body: string, publication = '') => `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title type="main">Test</title><title type="sub">An edition</title></titleStmt>
<publicationStmt><publisher>P</publisher><date when="2026">2026</date>${publication}</publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson><person xml:id="rusk"><persName>Rusk, Dean</persName><occupation>Secretary of State</occupation><idno type="wikidata">Q295202</idno><idno type="viaf">12345</idno></person></listPerson></standOff>
<text><body><div type="witness" corresp="#wit-A">${body}</div></body></text></TEI>`;

describe('names and the register', () => {
  test('a person of the standOff links to the register, with a toggletip button and the entry on the page', () => {
    const out = renderTei('d.xml', doc('<p>to <persName ref="#rusk">RUSK</persName> and <persName ref="#nobody">X</persName></p>'), 'd');
    expect(out.html).toContain('<a class="persName" data-ref="#rusk" href="../persons.html#rusk">RUSK</a><button type="button" class="tip" data-person="rusk" aria-expanded="false" aria-label="About Rusk, Dean"></button>');
    expect(out.html).toContain('<span class="persName" data-ref="#nobody">X</span>');
    expect(out.html).toContain('<dt id="person-rusk">Rusk, Dean</dt>');
    expect(out.html).toContain('<a href="https://www.wikidata.org/wiki/Q295202">Wikidata Q295202</a>');
    expect(out.html).toContain('<a href="https://viaf.org/viaf/12345">VIAF 12345</a>');
    expect(out.normalized).toContain('to RUSK and X');
  });

  test('a name holding a link of its own (an acronym) is not a link itself: no link inside a link', () => {
    const out = renderTei('d.xml', doc('<p><persName ref="#rusk"><choice><abbr type="acronym">SecState</abbr><expan>Secretary of State</expan></choice></persName></p>'), 'd');
    expect(out.html).toContain('<span class="persName" data-ref="#rusk"><abbr title="Secretary of State">SecState</abbr></span><button');
  });
});

describe('citation', () => {
  test('with the edition URL in the TEI: canonical link, citation_public_url, the URL in "How to cite" and the JSON-LD', () => {
    const out = renderTei('d.xml', doc('<p>x</p>', '<idno type="URL">https://example.org/cmc</idno>'), 'd');
    expect(out.html).toContain('<link rel="canonical" href="https://example.org/cmc/html/d.html">');
    expect(out.html).toContain('<meta name="citation_public_url" content="https://example.org/cmc/html/d.html">');
    expect(out.html).toContain('<span class="cite-url" data-canonical="true">https://example.org/cmc/html/d.html</span>');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(out.html)![1]!);
    expect(ld.url).toBe('https://example.org/cmc/html/d.html');
    expect(ld.isPartOf.name).toBe('An edition');
  });

  test('BibTeX, RIS and CSL-JSON downloads (data: links): the document, its date, the edition, the URL', () => {
    const out = renderTei('d.xml', doc('<p>x</p>', '<idno type="URL">https://example.org/cmc/</idno>').replace('</titleStmt>', '<author>R. H. Davis</author><editor><name>The {odd} project</name></editor></titleStmt>').replace('</fileDesc>', '</fileDesc><profileDesc><creation><date when="1962-11-30T13:00:00">November 30, 1962</date></creation></profileDesc>'), 'd');
    const files = new Map([...out.html.matchAll(/<a href="data:([^;]+);charset=utf-8,([^"]+)" download="d\.(\w+)">/g)].map((m) => [m[3], decodeURIComponent(m[2]!.replace(/&amp;/g, '&'))]));
    expect([...files.keys()]).toEqual(['bib', 'ris', 'json']);
    const csl = JSON.parse(files.get('json')!);
    expect(csl).toEqual([
      { id: 'd', type: 'manuscript', title: 'Test', author: [{ literal: 'R. H. Davis' }], editor: [{ literal: 'The {odd} project' }], issued: { 'date-parts': [[1962, 11, 30]] }, 'container-title': 'An edition', publisher: 'P', URL: 'https://example.org/cmc/html/d.html', language: 'en' },
    ]);
    expect(files.get('bib')).toContain('@misc{d,\n  title = {Test},\n  author = {{R. H. Davis}},\n  editor = {{The \\{odd\\} project}},\n  date = {1962-11-30},\n  year = {1962},');
    expect(files.get('bib')).toContain('  url = {https://example.org/cmc/html/d.html},');
    expect(files.get('ris')!.split('\r\n')).toEqual(['TY  - MANSCPT', 'TI  - Test', 'AU  - R. H. Davis', 'ED  - The {odd} project', 'DA  - 1962/11/30', 'PY  - 1962', 'T2  - An edition', 'PB  - P', 'UR  - https://example.org/cmc/html/d.html', 'LA  - en', 'ID  - d', 'ER  - ', '']);
  });

  test('edition.yaml url: in the TEI, on the pages, and a sitemap.xml of every page', async () => {
    const dir = project();
    const yaml = join(dir, 'sources', 'edition.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('  pubPlace: Online\n', '  pubPlace: Online\n  url: https://example.org/cmc/\n'));
    const report = await buildEdition({ dir });
    expect(report.failed).toEqual([]);
    expect(report.invalid ?? []).toEqual([]);
    const tei = readFileSync(join(dir, 'tei', '1962-11-30-memcon-surprise-attack.xml'), 'utf8');
    expect(tei).toContain('<idno type="URL">https://example.org/cmc/</idno>');
    const html = readFileSync(join(dir, 'editions', 'html', '1962-11-30-memcon-surprise-attack.html'), 'utf8');
    expect(html).toContain('<link rel="canonical" href="https://example.org/cmc/html/1962-11-30-memcon-surprise-attack.html">');
    const sitemap = readFileSync(join(dir, 'editions', 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://example.org/cmc/index.html</loc>');
    expect(sitemap).toContain('<loc>https://example.org/cmc/html/1962-12-18-usun-1687.html</loc>');
    expect(sitemap.match(/<url>/g)).toHaveLength(11);
    expect(readFileSync(join(dir, 'editions', 'index.html'), 'utf8')).toContain('https://example.org/cmc/.</p>');
  }, 120_000);
});
