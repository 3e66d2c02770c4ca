/**
 * Where the tool finds what it ships and what it depends on, however it is installed (a checkout,
 * a project's node_modules, a global install, a symlink), and where it keeps its caches.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import envPaths from 'env-paths';

/** The package's own folder (holding package.json, dist/, xslt/, tei/schema/, schema/, templates/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A file the package ships, by its path inside the package. */
export function packageFile(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}

const require = createRequire(import.meta.url);

/**
 * The folder of an installed dependency, found by the module resolver from this package (so a
 * dependency hoisted anywhere up the tree is found), not by a path relative to this file.
 */
export function dependencyDir(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of the package '${name}'`);
    dir = up;
  }
}

/** A module file of a dependency, through the resolver (for files its exports map leaves open). */
export function resolveDependency(specifier: string): string {
  return require.resolve(specifier);
}

/**
 * The user's cache folder for the tool: $XDG_CACHE_HOME/tei-edition (Linux, default ~/.cache),
 * ~/Library/Caches/tei-edition (macOS), %LOCALAPPDATA%\tei-edition\Cache (Windows). Never inside
 * node_modules. TEI_EDITION_CACHE overrides it.
 */
export function cacheDir(...parts: string[]): string {
  return join(process.env.TEI_EDITION_CACHE || envPaths('tei-edition', { suffix: '' }).cache, ...parts);
}
