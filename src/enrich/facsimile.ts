/**
 * Page images (facsimiles) named in edition.yaml (`facs` of a document): what a reference may be,
 * where a local image is read from (inside the folder of edition.yaml, nothing outside), where it
 * is published (editions/images/<the same path>) and how the TEI points to it.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isInside, outputPath, safeName, writeFileAtomic } from '../io.js';
import { isHttpUrl } from './config.js';

/** One page image of a document: `image` a path relative to edition.yaml or an http(s) URL. */
export interface FacsPage {
  image: string;
  alt?: string;
  /** The copy (witness id) whose page it is; default the first. */
  witness?: string;
}

/** Image types a browser shows. */
const EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'svg'];

/** The folder, under the editions folder, that holds the published page images. */
export const FACSIMILE_DIR = 'images';

export const isRemoteImage = (ref: string): boolean => /^https?:/i.test(ref);

/** What is wrong with an image reference, or undefined. */
export function imageProblem(ref: string): string | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(ref) && !/^[A-Za-z]:[\\/]/.test(ref)) {
    return isHttpUrl(ref) ? undefined : `the image '${ref}' must be a path relative to edition.yaml or an absolute http or https URL`;
  }
  if (/^[\\/]/.test(ref) || /^[A-Za-z]:[\\/]/.test(ref)) return `the image '${ref}' must be a path relative to edition.yaml, not an absolute path`;
  if (ref.includes('\\')) return `the image '${ref}' must use '/' between folders, not '\\'`;
  const parts = ref.split('/');
  if (parts.includes('..')) return `the image '${ref}' is outside the edition: a path may not go up with '..'`;
  for (const p of parts) {
    try {
      safeName(p, 'a folder or file name');
    } catch (e) {
      return `the image '${ref}': ${(e as Error).message}`;
    }
  }
  const ext = /\.([A-Za-z0-9]+)$/.exec(ref)?.[1]?.toLowerCase();
  if (!ext || !EXTENSIONS.includes(ext)) return `the image '${ref}' must be a ${EXTENSIONS.join(', ')} file (browsers show no other)`;
  return undefined;
}

/** The image file of a local reference, checked to be a file inside `root` (the folder of edition.yaml). */
export function imageSource(root: string, ref: string): { file?: string; problem?: string } {
  const file = join(root, ...ref.split('/'));
  if (!existsSync(file)) return { problem: `the image '${ref}' does not exist (looked for ${file})` };
  if (!isInside(root, file)) return { problem: `the image '${ref}' is outside the edition (a symbolic link leads out of ${root})` };
  if (!statSync(file).isFile()) return { problem: `the image '${ref}' is not a file` };
  return { file };
}

/** The published copy of a local image, under the editions folder (a checked path). */
export function imageOutput(editions: string, ref: string): string {
  return outputPath(join(editions, FACSIMILE_DIR), 'facsimile image', ...ref.split('/'));
}

/** The URL the TEI gives a page image: remote as it is; local, relative to editions/tei/ (and editions/html/): ../images/<path>. */
export function imageUrl(ref: string): string {
  return isRemoteImage(ref) ? ref : `../${FACSIMILE_DIR}/${ref.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Copy the local page images of the documents into editions/images/ (a file unchanged in size
 * and time is not copied again) and remove the ones no document names any more. `root` is the
 * folder of edition.yaml; references were checked when it was read.
 */
export function publishFacsimiles(root: string, editions: string, documents: Record<string, { facs?: FacsPage[] }>): void {
  const dir = join(editions, FACSIMILE_DIR);
  const wanted = new Set<string>();
  for (const meta of Object.values(documents)) {
    for (const page of meta.facs ?? []) {
      if (isRemoteImage(page.image)) continue;
      const { file } = imageSource(root, page.image);
      if (!file) continue;
      const out = imageOutput(editions, page.image);
      wanted.add(out);
      const src = statSync(file);
      const old = lstatSync(out, { throwIfNoEntry: false });
      if (old?.isFile() && old.size === src.size && Math.abs(old.mtimeMs - src.mtimeMs) < 1) continue;
      writeFileAtomic(out, readFileSync(file));
      utimesSync(out, src.atime, src.mtime);
    }
  }
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) return;
  const prune = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        prune(p);
        if (!readdirSync(p).length) rmSync(p, { recursive: true });
      } else if (e.isFile() && !wanted.has(p) && !relative(dir, p).split(sep).some((s) => s.startsWith('.'))) rmSync(p);
    }
  };
  prune(dir);
}
