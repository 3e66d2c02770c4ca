/**
 * RELAX NG schemas for salve-annos: converted once per process, and the converted form cached on
 * disk (the user's cache folder, src/paths.ts), checked against the hashes of every file of the schema.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { convertRNGToPattern, readTreeFromJSON, writeTreeToJSON, version as salveVersion, type Grammar, type ManifestEntry } from 'salve-annos';
import { writeFileAtomic } from '../io.js';
import { cacheDir, packageFile } from '../paths.js';

/** The project's own schema: the default. */
export const PROJECT_SCHEMA = packageFile('tei', 'schema', 'tei-edition.rng');
export const PROJECT_SCHEMATRON = packageFile('tei', 'schema', 'tei-edition.sch');

export class SchemaError extends Error {}

const loaded = new Map<string, Promise<Grammar>>();

function sha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

interface CacheEntry {
  salve: string;
  manifest: ManifestEntry[];
  tree: unknown;
}

function manifestValid(manifest: ManifestEntry[]): boolean {
  return manifest.every((m) => {
    try {
      const path = fileURLToPath(m.filePath);
      return existsSync(path) && `SHA-1-${sha1(readFileSync(path, 'utf8'))}` === m.hash;
    } catch {
      return false;
    }
  });
}

async function convert(path: string): Promise<Grammar> {
  if (!existsSync(path)) throw new SchemaError(`${path}: schema not found`);
  const head = readFileSync(path, 'utf8').slice(0, 4096);
  if (!/<(?:\w+:)?grammar\b|<(?:\w+:)?element\b/.test(head) || !head.includes('http://relaxng.org/ns/structure/1.0')) {
    throw new SchemaError(`${path}: not a RELAX NG schema in XML syntax (no grammar or element in the RELAX NG namespace)`);
  }
  const cacheFile = join(cacheDir('schemas'), `${sha1(resolve(path))}.json`);
  if (existsSync(cacheFile)) {
    try {
      const entry = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheEntry;
      if (entry.salve === salveVersion && manifestValid(entry.manifest)) return readTreeFromJSON(entry.tree as never);
    } catch {
      // a broken cache entry is rebuilt below
    }
  }
  let result;
  try {
    result = await convertRNGToPattern(pathToFileURL(path), {
      createManifest: true,
      manifestHashAlgorithm: async (r: { getText(): Promise<string> }) => `SHA-1-${sha1(await r.getText())}`,
      resourceLoader: undefined,
      idCheck: true,
    } as never);
  } catch (e) {
    throw new SchemaError(`${path}: not a usable RELAX NG schema: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const entry: CacheEntry = { salve: salveVersion, manifest: result.manifest, tree: JSON.parse(writeTreeToJSON(result.simplified, 3)) };
    writeFileAtomic(cacheFile, JSON.stringify(entry));
  } catch {
    // caching is an optimisation only
  }
  return result.pattern;
}

/** The grammar of a RELAX NG schema (XML syntax), converted once per process. */
export function loadGrammar(path: string): Promise<Grammar> {
  const key = resolve(path);
  let g = loaded.get(key);
  if (!g) {
    g = convert(key);
    loaded.set(key, g);
    g.catch(() => loaded.delete(key));
  }
  return g;
}

