/**
 * The facsimile viewer's files beside the document pages (editions/html/): our script and style,
 * and OpenSeadragon's build (its script and its button images) copied from the installed package,
 * so that the viewer works offline and from file://.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { dependencyDir } from '../paths.js';
import { XSLT_DIR } from '../render/compile-xslt.js';

/**
 * Copy a file unless it is there with the same bytes (a build copies these every time): to a hidden
 * temporary beside it, renamed over it, so that a reader never sees a part. Not flushed to disk one
 * by one (some fifty files): after a crash, the next build finds any that differ and copies them again.
 */
function copy(from: string, to: string): void {
  if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) return;
  mkdirSync(dirname(to), { recursive: true });
  const tmp = join(dirname(to), `.${basename(to)}.${process.pid}.tmp`);
  try {
    copyFileSync(from, tmp);
    renameSync(tmp, to);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export const FACSIMILE_ASSETS = ['facsimile.css', 'facsimile.js'];

/** Copy the viewer into an html folder: facsimile.{css,js} and openseadragon/ (openseadragon.min.js, images/). */
export function copyFacsimileAssets(html: string): void {
  for (const a of FACSIMILE_ASSETS) copy(join(XSLT_DIR, 'assets', a), join(html, a));
  const build = join(dependencyDir('openseadragon'), 'build', 'openseadragon');
  copy(join(build, 'openseadragon.min.js'), join(html, 'openseadragon', 'openseadragon.min.js'));
  copy(join(dependencyDir('openseadragon'), 'LICENSE.txt'), join(html, 'openseadragon', 'LICENSE.txt'));
  for (const f of readdirSync(join(build, 'images'))) {
    if (f.endsWith('.png')) copy(join(build, 'images', f), join(html, 'openseadragon', 'images', f));
  }
}
