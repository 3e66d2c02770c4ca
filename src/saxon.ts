/**
 * SaxonJS, loaded as a CommonJS module with a V8 code cache.
 *
 * saxon-js is one CommonJS file of 2.4 MB whose package declares no module type. Two costs are
 * avoided here:
 * - an `import` would make Node parse the file once more to detect its format (~300 ms of CPU in
 *   every thread that loads it: the main thread and each build worker);
 * - compiling it is most of its load. The code V8 compiled for it is kept in the user's cache folder
 *   (`cacheDir('v8')`, beside the schema caches) and given back to V8 on the next load. V8 checks
 *   the cache against the source and its own version and flags; a cache it rejects is made again.
 *   Any failure to read or write the cache only means a normal compile.
 *
 * Loaded at its first use, not when a module naming it is: a build with nothing to render (every
 * document up to date, the site's pages unchanged) does not load it (~0.5 s of CPU).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type SaxonJSModule from 'saxon-js';
import { cacheDir } from './paths.js';

const require = createRequire(import.meta.url);

let saveCache = (): void => {};

/** What the code cache did in this process: used (accepted by V8), made (missing or rejected: written after the first transform), off. */
export let codeCache: 'used' | 'made' | 'off' = 'off';

/** Keep the code compiled for SaxonJS so far, if the cache was missing or rejected (once a process; call after a transform). */
export function keepSaxonCode(): void {
  saveCache();
}

function load(): typeof SaxonJSModule {
  if (process.env.TEI_EDITION_NO_CODE_CACHE) return require('saxon-js') as typeof SaxonJSModule;
  const file = require.resolve('saxon-js');
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha256').update(process.version).update(process.arch).update(source).digest('hex').slice(0, 16);
  const cacheFile = join(cacheDir('v8'), `saxon-js-${key}.bin`);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  // The module wrapper Node itself uses for a CommonJS file, compiled as one script.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new Script(wrapped, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  codeCache = cached && !script.cachedDataRejected ? 'used' : 'made';
  if (codeCache === 'made') {
    // Made after the first transform, the cache also holds the functions a transform compiles.
    saveCache = () => {
      saveCache = () => {};
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        // The caches of other SaxonJS or Node versions are not used again.
        for (const f of readdirSync(dirname(cacheFile))) if (/^saxon-js-[0-9a-f]{16}\.bin$/.test(f) && join(dirname(cacheFile), f) !== cacheFile) rmSync(join(dirname(cacheFile), f), { force: true });
      } catch {
        // No cache this time: the next load compiles again.
      }
    };
  }
  return module.exports as typeof SaxonJSModule;
}

let loaded: typeof SaxonJSModule | undefined;
const SaxonJS = new Proxy({} as typeof SaxonJSModule, {
  get(_target, key) {
    const module = (loaded ??= load());
    const value = Reflect.get(module, key) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(module) : value;
  },
});
export default SaxonJS;
