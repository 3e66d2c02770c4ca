import { convertText, type Converted } from '../src/pipeline.js';
import { main } from '../src/cli/index.js';
import { DEFAULT_EDITION, type Metadata } from '../src/enrich/metadata.js';
import { ConfigError } from '../src/enrich/config.js';
import type { Registers } from '../src/enrich/registers.js';

export const EMPTY_METADATA: Metadata = { edition: DEFAULT_EDITION, documents: {} };

/**
 * Convert a transcription given as a string. By default without registers and without name
 * suggestions (the structure of the encoding alone); enrichment has its own tests.
 */
export function convert(text: string, name = 'test', metadata: Metadata = EMPTY_METADATA, registers?: Registers): Converted {
  return convertText(`${name}.txt`, new TextEncoder().encode(text), metadata, registers ? { name, registers } : { name, enrich: false });
}

/** The body of the TEI (between <body> and </body>), for assertions on the encoding. */
export function body(xml: string): string {
  const m = /<body>([\s\S]*)<\/body>/.exec(xml);
  if (!m) throw new Error('no body');
  return m[1]!;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The character data of the TEI <text> element, tags removed and entities decoded; without the
 * editor's additions (corr, expan, the collation of the copies), which are not in the transcription.
 */
export function teiText(xml: string): string {
  const m = /<text\b[^>]*>([\s\S]*)<\/text>/.exec(xml);
  if (!m) throw new Error('no text element');
  return m[1]!
    .replace(/<div type="collation"[\s\S]*?<\/div>/g, '')
    .replace(/<(corr|expan)\b[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
}

/**
 * The transcription minus its markup signs, written independently of the parser: what the
 * lossless invariant says the TEI text must hold.
 */
export function stripSigns(src: string): string {
  return src
    .replace(/\*\[Signature\]\*/g, '')
    .replace(/\[Page [0-9A-Za-z]+\]/g, '')
    // The hand sign after an opening sign (`*@reviewer hll*`) names a hand: no text.
    .replace(/(~~|\^\{|(?<!\*)\*)@[A-Za-z][\w-]* /g, '$1')
    .replace(/\\([~^*[\]{}\\@])|~~|\^\{|\}|\*\*|\*|\[\]|\[|\]/g, (_m, esc: string | undefined) => esc ?? '');
}

export const noSpace = (s: string) => s.replace(/\s+/g, '');
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Run the CLI in-process; what it printed on each stream, and its exit code. */
export async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The problems a configuration text has, as `line:col: message`. */
export function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.pos.line}:${p.pos.column}: ${p.message}`);
    throw e;
  }
  return [];
}
