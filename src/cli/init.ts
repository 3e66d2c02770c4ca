/**
 * `tei-edition init [dir]`: a new edition that builds at once, from templates/edition/ (an example
 * transcription showing the main signs, a commented edition.yaml, registers with commented
 * examples, a .gitignore for the outputs). Nothing that exists is overwritten.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { packageFile } from '../paths.js';
import { schemaPath, type ConfigSchema } from '../enrich/config.js';

const TEMPLATE = packageFile('templates', 'edition');

/** The schema each scaffolded YAML file is checked against (its yaml-language-server line). */
const SCHEMAS: Record<string, ConfigSchema> = {
  'sources/edition.yaml': 'edition',
  'sources/registers/persons.yaml': 'persons',
  'sources/registers/corrections.yaml': 'corrections',
  'sources/registers/abbreviations.yaml': 'abbreviations',
};

function templateFiles(dir = TEMPLATE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templateFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

export class InitError extends Error {}

/** Write the scaffold into dir (made if missing); returns the files written, relative to dir. */
export function initEdition(dir: string): string[] {
  const target = resolve(dir);
  // npm leaves .gitignore files out of packages: the template's is called gitignore.
  const files = templateFiles().map((f) => {
    const rel = relative(TEMPLATE, f).split(sep).join('/');
    return { from: f, rel: rel === 'gitignore' ? '.gitignore' : rel };
  });
  const clash = files.filter((f) => existsSync(join(target, f.rel))).map((f) => f.rel);
  if (clash.length) throw new InitError(`${target} already holds ${clash.join(', ')}: init writes a new edition only where none is, and overwrites nothing`);
  const id = basename(target).replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9_]+/, '') || 'my-edition';
  for (const f of files) {
    const out = join(target, f.rel);
    mkdirSync(dirname(out), { recursive: true });
    const schema = SCHEMAS[f.rel];
    if (!schema) {
      copyFileSync(f.from, out);
      continue;
    }
    let text = readFileSync(f.from, 'utf8').replace('SCHEMA_URL', relative(dirname(out), schemaPath(schema)).split(sep).join('/'));
    if (schema === 'edition') text = text.replace(/^(  id: )my-edition/m, `$1${id}`);
    writeFileSync(out, text, { flag: 'wx' });
  }
  return files.map((f) => f.rel);
}
