/**
 * Compile the stylesheets in xslt/ to SEF (SaxonJS's compiled form) with xslt3, into dist/xslt/.
 * Run by `npm run compile`; a stylesheet is compiled again only when what it is compiled from changed
 * (the .xsl files and this file: `<name>.sef.json.sources` holds their SHA-256).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFile, resolveDependency } from '../paths.js';

export const XSLT_DIR = packageFile('xslt');
/** The compiled stylesheets: built by `npm run compile`, and on `prepack`, so the package ships them. */
export const SEF_DIR = packageFile('dist', 'xslt');
/** One stylesheet for each document's outputs (edition.xsl includes rules.xsl, html.xsl, text.xsl and shell.xsl), one for the site's pages (site.xsl, with shell.xsl). */
export const STYLESHEETS = ['edition', 'site'] as const;

/** xslt3, the SaxonJS compiler: a development dependency (an installed package ships its SEF files). */
function xslt3(): string {
  try {
    return resolveDependency('xslt3/xslt3.js');
  } catch {
    throw new Error(`the compiled stylesheets are missing from ${SEF_DIR}, and xslt3 (to compile them) is not installed: run npm run compile in a checkout`);
  }
}

export function sefPath(name: (typeof STYLESHEETS)[number]): string {
  return join(SEF_DIR, `${name}.sef.json`);
}

/** The views' modes of the rule table, and the modes of the same rules that write the texts. */
const TEXT_MODES: Record<string, string> = { 'te:diplomatic': 'te:text-diplomatic', 'te:normalized': 'te:text-normalized' };

function textModes(xsl: string): string {
  return xsl.replace(/mode="([^"]*)"/g, (_, modes: string) => `mode="${modes.split(/\s+/).map((m) => TEXT_MODES[m] ?? m).join(' ')}"`);
}

/** Replace `from` in `xsl`, which must be there (the stylesheets changed shape otherwise). */
function replaceOnce(xsl: string, from: string, to: string, file: string): string {
  if (!xsl.includes(from)) throw new Error(`xslt/${file}: expected ${from}`);
  return xsl.split(from).join(to);
}

/** A template of a stylesheet, its attributes (group 1) in any order. */
const TEMPLATE = /<xsl:template\b((?:\s+[\w:-]+="[^"]*")*)\s*(\/>|>[\s\S]*?<\/xsl:template>)/g;

/** Split at `sep` where it is outside brackets, parentheses and quotes. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(start, i).trim());
      start = i + sep.length;
    }
  }
  parts.push(s.slice(start).trim());
  return parts;
}

/** The names of the elements a pattern can match (its last step's), or '*' for any element, 'text' for text nodes. */
function patternNames(pattern: string): string[] {
  return splitTop(pattern, '|').flatMap((alt) => {
    const last = splitTop(alt, '/').pop()!;
    if (last.startsWith('(')) return patternNames(last.slice(1, splitTop(last, '[')[0]!.lastIndexOf(')')));
    if (/^text\(\)/.test(last)) return ['text'];
    const name = /^(?:[\w-]+:)?([\w-]+|\*)(?=\[|$)/.exec(last);
    if (!name) throw new Error(`xslt/rules.xsl: the pattern ${alt} is not one a view's text can be searched for (src/render/compile-xslt.ts)`);
    return [name[1] === '*' ? '*' : name[1]!];
  });
}

/**
 * Can the views of a document's text differ (rules.xsl te:views-differ)? Compiled: the rule of mode
 * te:view-variant matches its own patterns and those of the rules written for one view only, and the
 * text is searched, element by element, for one it matches, up to the first (a document with a
 * deletion early on stops there). Only elements of the names those patterns end with are tried; a
 * pattern of text nodes (an apparatus's span) is asked of the text nodes after.
 */
function viewsDiffer(rules: string, oneView: string[]): string {
  const own = [...rules.matchAll(TEMPLATE)].flatMap(([, attrs]) => (/\bmode="te:view-variant"/.test(attrs!) ? [/\bmatch="([^"]*)"/.exec(attrs!)?.[1] ?? ''] : []));
  if (own.includes('')) throw new Error('xslt/rules.xsl: a rule of mode te:view-variant without a match pattern');
  if (own.length === 0) throw new Error('xslt/rules.xsl: expected a rule of mode te:view-variant');
  const patterns = [...new Set([...own, ...oneView])];
  const alts = patterns.flatMap((p) => splitTop(p, '|'));
  const texts = alts.filter((a) => patternNames(a).includes('text'));
  if (texts.some((a) => patternNames(a).length > 1 || !/^text\(\)(\[.*\])*$/.test(a))) throw new Error(`xslt/rules.xsl: a pattern of text nodes can only be text()[…]: ${texts.join(' | ')}`);
  const elements = alts.filter((a) => !texts.includes(a));
  const names = [...new Set(elements.flatMap(patternNames))].sort();
  const select = names.includes('*') ? 'descendant-or-self::*' : 'descendant-or-self::*[map:contains($te:view-variant-names, local-name())]';
  const textTest = texts.length ? texts.map((t) => `exists($root/descendant::${t})`).join(' or ') : 'false()';
  return `<xsl:variable name="te:view-variant-names" as="map(xs:string, xs:boolean)" select="map { ${names.filter((n) => n !== '*').map((n) => `'${n}': true()`).join(', ')} }"/>
  <xsl:template match="${elements.join(' | ')}" mode="te:view-variant" priority="10"><xsl:sequence select="true()"/></xsl:template>
  <xsl:variable name="te:views-differ" as="xs:boolean">
    <xsl:iterate select="$te:text-root[$one-text]">
      <xsl:on-completion select="not($one-text)"/>
      <xsl:variable name="root" select="."/>
      <xsl:variable name="found" as="xs:boolean">
        <xsl:iterate select="${select}">
          <xsl:on-completion select="${textTest}"/>
          <xsl:variable name="variant" as="xs:boolean*"><xsl:apply-templates select="." mode="te:view-variant"/></xsl:variable>
          <xsl:if test="$variant"><xsl:break select="true()"/></xsl:if>
        </xsl:iterate>
      </xsl:variable>
      <xsl:if test="$found"><xsl:break select="true()"/></xsl:if>
    </xsl:iterate>
  </xsl:variable>`;
}

/**
 * The sources edition.sef.json is compiled from: xslt/ as written, with the rule table (rules.xsl)
 * made twice at compile time, so that no rendered element goes through a dispatch. As written, each
 * rule calls its behaviour's template te:X (edition.xsl, apparatus.xsl), which calls the page's htm:X
 * or, while a text is written (tunnel parameter te:text), the text's txt:X: one more call and test
 * per element and view, and a tunnel parameter copied by every call. Compiled, the rules call htm:X
 * in the page's modes (te:diplomatic, te:normalized), and a copy of each rule, in the texts' modes
 * (te:text-diplomatic, te:text-normalized), calls txt:X; the texts (text.xsl, apparatus.xsl's txt:
 * templates) apply their own modes, and te:text is not passed. The written stylesheet still runs as
 * it is (Saxon-HE Java runs xslt/edition.xsl) and writes the same outputs.
 */
export function writeEditionSources(dir: string): void {
  const files = readdirSync(XSLT_DIR).filter((f) => f.endsWith('.xsl'));
  const xsl = new Map(files.map((f) => [f, readFileSync(join(XSLT_DIR, f), 'utf8')]));
  // The dispatch templates: te:X to htm:X or txt:X, with the parameters they pass on (te:app-ref's app).
  const dispatch = new Map<string, string>();
  for (const f of ['edition.xsl', 'apparatus.xsl']) {
    for (const m of xsl.get(f)!.matchAll(/<xsl:template name="te:([\w-]+)">((?:<xsl:param name="[\w-]+"[^>]*\/>)*)<xsl:param name="te:text" tunnel="yes" select="false\(\)"\/><xsl:choose>/g)) {
      const params = [...m[2]!.matchAll(/<xsl:param name="([\w-]+)"[^>]*? select="([^"]*)"\/>/g)].map((p) => `<xsl:with-param name="${p[1]}" select="${p[2]}"/>`).join('');
      dispatch.set(m[1]!, params);
    }
  }
  if (dispatch.size < 40) throw new Error(`xslt/edition.xsl: ${dispatch.size} behaviour templates found, expected every behaviour`);
  const direct = (body: string, format: string) =>
    body.replace(/<xsl:call-template name="te:([\w-]+)"\/>/g, (call, name: string) => {
      const params = dispatch.get(name);
      if (params === undefined) return call;
      return params ? `<xsl:call-template name="${format}:${name}">${params}</xsl:call-template>` : `<xsl:call-template name="${format}:${name}"/>`;
    });
  // The rules: every template rule of rules.xsl in the views' modes.
  const rules = xsl.get('rules.xsl')!;
  const texts: string[] = [];
  // The patterns of the rules written for one view only: where the views can differ.
  const oneView: string[] = [];
  let page = rules.replace(TEMPLATE, (rule, attrs: string) => {
    const match = /\bmatch="([^"]*)"/.exec(attrs)?.[1];
    const modes = /\bmode="([^"]*)"/.exec(attrs)?.[1]?.split(/\s+/) ?? [];
    const views = modes.filter((m) => m in TEXT_MODES);
    if (match === undefined || views.length === 0) return rule;
    if (views.length === 1) oneView.push(match.replace(/\s+/g, ' '));
    texts.push(textModes(direct(rule, 'txt')));
    return direct(rule, 'htm');
  });
  if (texts.length < 50 || oneView.length < 10) throw new Error(`xslt/rules.xsl: ${texts.length} rules found, ${oneView.length} for one view`);
  page = replaceOnce(page, '<xsl:variable name="te:views-differ" as="xs:boolean" select="true()"/>', viewsDiffer(page, oneView), 'rules.xsl');
  // The rules now call the formats' templates: their prefixes are declared.
  page = replaceOnce(page, 'xmlns:te="urn:tei-edition:xslt"', 'xmlns:te="urn:tei-edition:xslt" xmlns:htm="urn:tei-edition:xslt:html" xmlns:txt="urn:tei-edition:xslt:text"', 'rules.xsl');
  const modes = Object.values(TEXT_MODES).map((m) => `<xsl:mode name="${m}" on-no-match="text-only-copy" use-accumulators="#all"/>`).join('\n  ');
  xsl.set('rules.xsl', replaceOnce(page, '</xsl:stylesheet>', `  <!-- Generated at compile time (src/render/compile-xslt.ts): the rules in the texts' modes. -->\n  ${modes}\n  ${texts.join('\n  ')}\n</xsl:stylesheet>`, 'rules.xsl'));
  // The texts apply their own modes and call the text's apparatus; te:text is not passed.
  const text = replaceOnce(xsl.get('text.xsl')!, '<xsl:call-template name="te:apparatus"/>', '<xsl:if test="exists($te:apps)"><xsl:call-template name="txt:apparatus"/></xsl:if>', 'text.xsl');
  xsl.set('text.xsl', textModes(text.split('<xsl:with-param name="te:text" select="true()" tunnel="yes"/>').join('')));
  xsl.set('apparatus.xsl', xsl.get('apparatus.xsl')!.replace(/<xsl:template name="txt:[^"]*"(?:\s*\/>|[\s\S]*?<\/xsl:template>)/g, (t) => textModes(t)));
  xsl.set('edition.xsl', replaceOnce(xsl.get('edition.xsl')!, '<xsl:with-param name="te:text" select="true()" tunnel="yes"/>', '', 'edition.xsl'));
  // The dispatch templates are called no more: left out (a smaller SEF is prepared faster).
  for (const f of ['edition.xsl', 'apparatus.xsl']) {
    xsl.set(f, xsl.get(f)!.replace(/ *<xsl:template name="te:([\w-]+)">(?:<xsl:param name="[\w-]+"[^>]*\/>)*<xsl:param name="te:text" tunnel="yes" select="false\(\)"\/><xsl:choose>[\s\S]*?<\/xsl:template>\n?/g, (t, name: string) => (dispatch.has(name) ? '' : t)));
  }
  for (const [f, content] of xsl) writeFileSync(join(dir, f), content);
}

export function compileStylesheets(force = false): string[] {
  mkdirSync(SEF_DIR, { recursive: true });
  // What a SEF is compiled from: the stylesheets, and this file (it rewrites edition.xsl's sources).
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  for (const f of readdirSync(XSLT_DIR).filter((f) => f.endsWith('.xsl')).sort()) hash.update(f).update(readFileSync(join(XSLT_DIR, f)));
  const sources = hash.digest('hex');
  const compiled: string[] = [];
  for (const name of STYLESHEETS) {
    const sef = sefPath(name);
    const stamp = `${sef}.sources`;
    if (!force && existsSync(sef) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sources) continue;
    const src = name === 'edition' ? mkdtempSync(join(tmpdir(), 'tei-edition-xslt-')) : XSLT_DIR;
    try {
      if (name === 'edition') writeEditionSources(src);
      execFileSync(process.execPath, [xslt3(), `-xsl:${join(src, `${name}.xsl`)}`, `-export:${sef}`, '-nogo', '-relocate:on'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } finally {
      if (src !== XSLT_DIR) rmSync(src, { recursive: true, force: true });
    }
    writeFileSync(stamp, sources);
    compiled.push(name);
  }
  // SEF files of stylesheets no longer in the list (html and text before edition.xsl) are not shipped.
  for (const f of readdirSync(SEF_DIR)) if (f.endsWith('.sef.json') && !(STYLESHEETS as readonly string[]).includes(f.slice(0, -'.sef.json'.length))) rmSync(join(SEF_DIR, f));
  return compiled;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const done = compileStylesheets(process.argv.includes('--force'));
  process.stderr.write(done.length ? `compiled ${done.map((n) => `xslt/${n}.xsl`).join(', ')} to dist/xslt/\n` : 'stylesheets up to date\n');
}
