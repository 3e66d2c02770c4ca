/**
 * npm run bench: speed and memory of the pipeline's stages, each reported as a ratio against a
 * baseline measured in the same process on the same input (so that machines compare).
 *
 *   validation   salve-annos RELAX NG (+ Schematron) per document, against a plain saxes parse
 *   schema load  converting a schema, and loading its cached converted form
 */
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { convertText } from '../pipeline.js';
import { DEFAULT_EDITION } from '../enrich/metadata.js';
import { validateText, PROJECT_SCHEMA } from '../validate/index.js';
import { loadGrammar } from '../validate/relaxng.js';
import { parseXml } from '../validate/xml.js';

const metadata = { edition: DEFAULT_EDITION, documents: {} };

const teiOf = (pages: number) => convertText('bench.txt', new TextEncoder().encode(syntheticTranscription(pages)), metadata).xml;

/** A synthetic TEI document of about `bytes` bytes (header included). */
export function syntheticTei(bytes: number): string {
  const one = teiOf(1).length;
  const perPage = teiOf(2).length - one;
  return teiOf(Math.max(1, Math.round((bytes - one) / perPage) + 1));
}

/** A synthetic transcription of `pages` pages, with every kind of block. */
export function syntheticTranscription(pages: number): string {
  const page = [
    'SECRET',
    "Nov 19 9 19 PM '62",
    'ACTION: Amembassy OTTAWA NIACT\nAmembassy THE HAGUE NIACT',
    'DEPARTMENT OF STATE A/CDC/MR\nREVIEWED BY *W. B. Johnson* DATE *3/4/88*\n(X) EXCISE (X) DECLASSIFY in PART',
    '(a) The US has still been unable to obtain ~~satisfactory~~ ^{adequate} performance from the USSR with regard to the withdrawal of IL-28s and [] the reintroduction of offensive weapons.',
    'FOR TOKYO',
    'You ~~are~~ should, in your discretion, inform [Japanese Government] of paras (a) through (j). Report promptly host government reaction to US views contained in the preceding paragraphs.',
    'Drafted by: EUR:JRSchaetzle:MC 11/19/62',
    'SECRET\n\nREPRODUCTION FROM THIS COPY IS PROHIBITED UNLESS "UNCLASSIFIED"\n\nSECRET',
  ].join('\n\n');
  return Array.from({ length: pages }, () => page).join('\n\n') + '\n\nRUSK\n';
}

function time<T>(fn: () => T, minMs = 300): { ms: number; result: T } {
  let result = fn();
  let n = 0;
  const t0 = performance.now();
  do {
    result = fn();
    n++;
  } while (performance.now() - t0 < minMs);
  return { ms: (performance.now() - t0) / n, result };
}

async function timeAsync<T>(fn: () => Promise<T>, minMs = 300): Promise<{ ms: number }> {
  await fn();
  let n = 0;
  const t0 = performance.now();
  do {
    await fn();
    n++;
  } while (performance.now() - t0 < minMs);
  return { ms: (performance.now() - t0) / n };
}

function saxesParse(xml: string): void {
  const p = new SaxesParser({ xmlns: true });
  p.write(xml).close();
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(8) + ' ms';

async function benchValidation(): Promise<void> {
  console.log('\n## Validation (project schema + Schematron), per document');
  console.log('baseline: a plain saxes parse of the same file (well-formedness only)\n');
  console.log('size      parse (baseline)   RELAX NG       ratio   RELAX NG+Schematron   ratio');
  await loadGrammar(PROJECT_SCHEMA);
  const grammar = await loadGrammar(PROJECT_SCHEMA);
  for (const target of [5_000, 50_000, 5_000_000]) {
    const xml = syntheticTei(target);
    const kb = `${Math.round(xml.length / 1000)} KB`.padEnd(9);
    const base = time(() => saxesParse(xml));
    const rng = time(() => parseXml('bench.xml', xml, grammar));
    if (rng.result.problems.length) throw new Error(`synthetic TEI invalid: ${rng.result.problems[0]!.message}`);
    const full = await timeAsync(() => validateText('bench.xml', xml));
    console.log(
      `${kb} ${fmt(base.ms)}        ${fmt(rng.ms)}  ${(rng.ms / base.ms).toFixed(1).padStart(6)}x   ${fmt(full.ms)}        ${(full.ms / base.ms).toFixed(1).padStart(6)}x`,
    );
  }
}

async function benchSchemaLoad(): Promise<void> {
  console.log('\n## Schema load (once per process)');

  const schemas: [string, string][] = [['project schema', PROJECT_SCHEMA], ['tei_all 4.8.0', '../shared/schema/tei_all.rng']];
  for (const [name, path] of schemas) {
    try {
      const run = (clear: boolean) => {
        if (clear) rmSync('node_modules/.cache/tei-edition', { recursive: true, force: true });
        const out = execFileSync(process.execPath, [fileURLToPath(new URL('./load-schema.js', import.meta.url)), path], { encoding: 'utf8' });
        return Number(out.trim());
      };
      const cold = run(true);
      const cached = run(false);
      console.log(`${name.padEnd(16)} convert ${fmt(cold)}   from cache ${fmt(cached)}   ratio ${(cold / cached).toFixed(1)}x`);
    } catch (e) {
      console.log(`${name.padEnd(16)} skipped: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

const sections: Record<string, () => Promise<void>> = { validation: benchValidation, schema: benchSchemaLoad };
async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-') && !a.endsWith('.ts'));
  console.log(`# tei-edition benchmark (node ${process.version}, ${new Date().toISOString().slice(0, 10)})`);
  for (const [name, fn] of Object.entries(sections)) if (!only.length || only.includes(name)) await fn();
}

await main();
