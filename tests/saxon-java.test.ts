/**
 * Our stylesheets stay within what Saxon-HE on Java runs (Debian's libsaxonhe-java, 9.9: no
 * higher-order functions), so that `npm run bench` can measure its Java baseline (issue 12) and an
 * edition's stylesheets can be run by the tool most TEI projects use. CI installs the package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const JAR = '/usr/share/java/Saxon-HE.jar';

describe.skipIf(!existsSync(JAR))('Saxon-HE (Java) runs xslt/edition.xsl', () => {
  test('on a sample document with two copies, an apparatus and a facsimile: a page with the text', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tei-saxon-')), 'out.html');
    execFileSync('java', ['-cp', JAR, 'net.sf.saxon.Transform', '-xsl:xslt/edition.xsl', '-s:tei/1962-12-18-usun-1687.xml', `-o:${out}`], { stdio: 'pipe', timeout: 120_000 });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html');
    expect(html).toMatch(/Kuznetsov/);
  }, 180_000);
});
