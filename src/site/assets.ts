/**
 * The facsimile viewer's files beside the document pages (editions/html/): our script and style,
 * and OpenSeadragon's build (its script and its button images) copied from the installed package,
 * so that the viewer works offline and from file://.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../io.js';
import { dependencyDir } from '../paths.js';
import { XSLT_DIR } from '../render/compile-xslt.js';

/** Copy a file unless it is there with the same bytes (a build copies these every time), atomically. */
function copy(from: string, to: string): void {
  writeIfChanged(to, readFileSync(from));
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
