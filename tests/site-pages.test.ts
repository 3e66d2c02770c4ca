/**
 * The site's pages (xslt/site.xsl through src/site/index.ts renderSite) without a browser: the one
 * page shell of the document pages, text written as text whatever it holds, schema.org JSON-LD on
 * every page, sitemap.xml only when the edition says where it is published.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { EditionMeta } from '../src/enrich/metadata.js';
import { EMPTY_REGISTERS } from '../src/enrich/registers.js';
import { renderTei } from '../src/render/index.js';
import { buildSite, renderSite, type SiteRecord } from '../src/site/index.js';

const edition: EditionMeta = {
  id: 'ed',
  title: 'Letters & <Papers>',
  subtitle: 'A test',
  editors: [{ id: 'e1', name: 'A. Editor', role: 'editor' }],
  publisher: 'P </script> Press',
  date: '2026',
  language: 'en',
  licence: { encoding: { target: 'https://creativecommons.org/licenses/by/4.0/', text: 'CC BY 4.0.' } },
};

const record = (name: string, title: string, date?: string): SiteRecord => ({
  name,
  title,
  meta: { ...(date ? { date } : {}), type: 'letter', identifiers: [] },
  copies: 1,
  mentions: [{ ref: 'p1', anchor: 'A-p2' }],
  interventions: [{ kind: 'correction', anchor: 'A-p1', original: 'teh', regular: 'the' }],
});

const input = (url?: string) => ({
  dir: '/nowhere',
  edition: { ...edition, ...(url ? { url } : {}) },
  registers: { ...EMPTY_REGISTERS, persons: [{ id: 'p1', name: 'Doe, Jane', role: 'clerk', forms: [], wikidata: 'Q1', viaf: '99' }] },
  documents: [record('b', 'Second "letter"', '1900-02-01'), record('a', 'First <letter> & more', '1900-01-01')],
  searchUnits: () => [],
});

const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as Record<string, unknown>;
/** The header, with the way to the site's root taken out (document pages are one folder down). */
const header = (html: string) => /<header class="site-header">.*?<\/header>/s.exec(html)![0].replace(/href="\.\.\//g, 'href="').replace(/ aria-current="page"/, '');

describe('the site pages', () => {
  const pages = renderSite(input());

  test('every page of the navigation is written, and package-note.html; no sitemap without a URL', () => {
    expect([...pages.keys()].sort()).toEqual(['abbreviations.html', 'conventions.html', 'index.html', 'interventions.html', 'package-note.html', 'persons.html', 'search.html']);
  });

  test('the site pages and the document pages share one header, and the page shows where it is', () => {
    const tei = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title type="main">T</title><title type="sub">Letters &amp; &lt;Papers&gt;: A test</title></titleStmt><publicationStmt><publisher>P</publisher></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>`;
    const doc = renderTei('d.xml', tei, 'd').html;
    for (const html of pages.values()) expect(header(html)).toBe(header(doc));
    expect(pages.get('persons.html')).toContain('<a href="persons.html" aria-current="page">Persons</a>');
    expect(doc).not.toContain('aria-current');
    // The document page's JSON-LD, through the same writer: its text as the TEI has it (no HTML entities).
    expect((jsonLd(doc).isPartOf as { name: string }).name).toBe('Letters & <Papers>: A test');
  });

  test('text is escaped, never markup: titles with <, & and quotes', () => {
    const index = pages.get('index.html')!;
    expect(index).toContain('<a href="html/a.html">First &lt;letter&gt; &amp; more</a>');
    expect(index).toContain('<h1>Letters &amp; &lt;Papers&gt;</h1>');
    expect(index.indexOf('html/a.html')).toBeLessThan(index.indexOf('html/b.html'));
    expect(pages.get('interventions.html')).toContain('“teh” → “the” — <a href="html/a.html#view=diplomatic&amp;at=A-p1">First &lt;letter&gt; &amp; more, ¶ A-p1</a>');
    expect(pages.get('persons.html')).toContain('<a href="html/b.html#view=normalized&amp;at=A-p2">¶ A-p2</a>');
  });

  // The JSON-LD is read up to the first </script>: a "</script>" of the data left as it is would cut it short.
  test('schema.org JSON-LD on every page: the edition and its documents on the title page, a page of it elsewhere', () => {
    for (const [file, html] of pages) {
      expect(html.match(/application\/ld\+json/g), file).toHaveLength(1);
      const ld = jsonLd(html);
      expect(ld['@context'], file).toBe('https://schema.org');
      if (file === 'index.html') continue;
      expect((ld.isPartOf as { name: string }).name, file).toBe('Letters & <Papers>');
    }
    const index = jsonLd(pages.get('index.html')!);
    expect(index).toMatchObject({ '@type': 'Collection', name: 'Letters & <Papers>', publisher: { name: 'P </script> Press' }, license: ['https://creativecommons.org/licenses/by/4.0/'] });
    expect((index.hasPart as { name: string; dateCreated: string }[]).map((d) => [d.name, d.dateCreated])).toEqual([
      ['First <letter> & more', '1900-01-01'],
      ['Second "letter"', '1900-02-01'],
    ]);
    expect(jsonLd(pages.get('persons.html')!).about).toEqual([{ '@type': 'Person', name: 'Doe, Jane', description: 'clerk', sameAs: ['https://www.wikidata.org/wiki/Q1', 'https://viaf.org/viaf/99'] }]);
  });

  test('with the edition URL: canonical links, absolute URLs in the JSON-LD, sitemap.xml of the pages and documents', () => {
    const withUrl = renderSite(input('https://example.org/ed'));
    expect(withUrl.get('search.html')).toContain('<link rel="canonical" href="https://example.org/ed/search.html">');
    expect((jsonLd(withUrl.get('index.html')!).hasPart as { url: string }[])[0]!.url).toBe('https://example.org/ed/html/a.html');
    const sitemap = withUrl.get('sitemap.xml')!;
    expect(sitemap).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    expect([...sitemap.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1])).toEqual([
      ...['index', 'persons', 'abbreviations', 'interventions', 'search', 'conventions'].map((p) => `https://example.org/ed/${p}.html`),
      'https://example.org/ed/html/a.html',
      'https://example.org/ed/html/b.html',
    ]);
  });
});

describe('a build writes again only the site pages whose data changed', () => {
  test('unchanged pages are kept; a changed register, a page edited by hand, a URL given or taken away are written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-site-pages-'));
    const page = (f: string) => readFileSync(join(dir, f), 'utf8');
    // A file written again is a new file (written beside, renamed over): a new inode.
    const inodes = () => Object.fromEntries(['index.html', 'persons.html', 'abbreviations.html', 'search.html'].map((f) => [f, statSync(join(dir, f)).ino]));
    buildSite({ ...input(), dir });
    const first = inodes();
    buildSite({ ...input(), dir });
    expect(inodes()).toEqual(first);
    const more = input();
    more.registers.persons[0]!.role = 'chief clerk';
    buildSite({ ...more, dir });
    const second = inodes();
    expect(second['persons.html']).not.toBe(first['persons.html']);
    expect(page('persons.html')).toContain('chief clerk');
    expect({ ...second, 'persons.html': 0 }).toEqual({ ...first, 'persons.html': 0 });
    // A page changed by hand since is written again.
    writeFileSync(join(dir, 'index.html'), 'edited');
    buildSite({ ...more, dir });
    expect(page('index.html')).toMatch(/^<!DOCTYPE html>/);
    // The edition's URL: every page again (canonical links), sitemap.xml; taken away, no sitemap.
    expect(existsSync(join(dir, 'sitemap.xml'))).toBe(false);
    buildSite({ ...more, dir, edition: { ...more.edition, url: 'https://example.org/ed/' } });
    expect(page('sitemap.xml')).toContain('<loc>https://example.org/ed/html/a.html</loc>');
    expect(page('abbreviations.html')).toContain('<link rel="canonical" href="https://example.org/ed/abbreviations.html">');
    buildSite({ ...more, dir });
    expect(existsSync(join(dir, 'sitemap.xml'))).toBe(false);
    expect(page('abbreviations.html')).not.toContain('canonical');
  });
});
