/**
 * File input and output for every command: atomic writes, checked output paths, the removal of
 * what the tool itself left behind, and the build lock.
 */
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { SourceError } from './transcription/source.js';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { threadId } from 'node:worker_threads';
import lockfile from 'proper-lockfile';

/** A path the tool refuses to write or remove: an unsafe name, or outside its output folder. */
export class UnsafePathError extends Error {}

/**
 * Flushing, deferred within a build. Flushing each file as it is written (fsync of the file, then of
 * its folder after the rename) cost a build about 18 fsyncs a document: a quarter of a one-thread
 * build's time. A build instead writes its files atomically (temporary + rename: a reader or a killed
 * process never sees a part) without flushing each, and flushes once, with syncfs (`sync -f`) of the
 * file systems written to, before it writes anything that claims those files: the package swap and
 * the build state. After a power cut the state never names outputs that were not on disk.
 * Where syncfs cannot be had (not Linux, no `sync -f`), every file is flushed as before.
 */
let deferring = false;
/** Folders written while deferring: one is enough per file system; the barrier flushes each. */
const deferredRoots = new Set<string>();

function syncFileSystems(dirs: string[]): boolean {
  return spawnSync('sync', ['-f', ...dirs], { stdio: 'ignore' }).status === 0;
}

/**
 * Defer flushes in this thread from now on; false where syncfs cannot be had. A build worker is told
 * by the build (`known`), which has found out already: no process spawned per worker.
 */
export function deferFlushes(dir: string, known?: boolean): boolean {
  if (!deferring) deferring = known ?? (process.platform === 'linux' && existsSync(dir) && syncFileSystems([dir]));
  return deferring;
}

/** Is this thread deferring its flushes? */
export function flushesDeferred(): boolean {
  return deferring;
}

/** The barrier: flush the file systems of what was written since the last barrier, and of `dirs`. */
export function flushWrites(...dirs: string[]): void {
  if (!deferring) return;
  for (const d of dirs) if (existsSync(d)) deferredRoots.add(d);
  if (!deferredRoots.size) return;
  const byDevice = new Map<number, string>();
  for (const d of deferredRoots) {
    const st = statSync(d, { throwIfNoEntry: false });
    if (st && !byDevice.has(st.dev)) byDevice.set(st.dev, d);
  }
  deferredRoots.clear();
  // `sync` without -f flushes every file system: slower, still a barrier.
  if (byDevice.size && !syncFileSystems([...byDevice.values()]) && spawnSync('sync', [], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`could not flush the written files to disk (sync -f ${[...byDevice.values()].join(' ')} failed)`);
  }
}

/**
 * Run `fn` with flushes deferred (see above), and flush once at its end, whether it succeeded or
 * not. Nested calls join the outer one.
 */
export async function withDeferredFlushes<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  if (deferring) return fn();
  if (!deferFlushes(dir)) return fn();
  try {
    return await fn();
  } finally {
    try {
      flushWrites(dir);
    } finally {
      deferring = false;
    }
  }
}

/** Flush a folder's entries (a rename into it, a new file) to disk. Not every platform can. */
export function fsyncDir(dir: string): void {
  if (deferring) {
    deferredRoots.add(dir);
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Folders cannot be opened or synced on some platforms (Windows): nothing more to do there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Write a file and flush it to disk (not atomic: for files inside a folder published by rename). */
export function writeFileDurable(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    if (!deferring) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (deferring) deferredRoots.add(dirname(path));
}

const TMP = /^\..+\.(\d+)(?:-\d+)?\.tmp$/;

/** This thread's mark in a temporary's name: the process id, and a build thread's id (two threads of one process may write one file). */
const TMP_OWNER = threadId ? `${process.pid}-${threadId}` : String(process.pid);

/** The hidden temporary writeFileAtomic writes a file through: `.<name>.<pid>.tmp`, or `.<name>.<pid>-<thread>.tmp` in a build thread. */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${TMP_OWNER}.tmp`);
}

/**
 * Write a file atomically: to a temporary file beside it, flushed, then renamed over the target and
 * the folder flushed. A reader sees the old file or the new one, never a part; a crash leaves at
 * most the hidden temporary, which removeStaleTemporaries deletes.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new Error(`cannot write ${path}: a part of its folder path is a file, not a folder`);
    throw e;
  }
  const tmp = temporaryPath(path);
  try {
    writeFileDurable(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dirname(path));
}

/** Write a file atomically (writeFileAtomic) unless it already holds these bytes: unchanged outputs keep their inode and time. */
export function writeIfChanged(path: string, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const size = statSync(path, { throwIfNoEntry: false });
  if (size?.isFile() && size.size === bytes.length && readFileSync(path).equals(bytes)) return;
  writeFileAtomic(path, bytes);
}

/** Is a process of this machine running? */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporaries writeFileAtomic left under a folder when a run was killed (hidden files
 * `.<name>.<pid>.tmp`, or `.<name>.<pid>-<thread>.tmp` from a build thread, of processes no longer
 * running); returns how many.
 */
export function removeStaleTemporaries(root: string): number {
  if (!existsSync(root)) return 0;
  let n = 0;
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) n += removeStaleTemporaries(p);
    else if (e.isFile()) {
      const m = TMP.exec(e.name);
      if (m && !isRunning(Number(m[1]))) {
        rmSync(p, { force: true });
        n++;
      }
    }
  }
  return n;
}

/**
 * Check that a name is one safe path segment: not empty, not `.` or `..`, no separator, no NUL or
 * other control character. `what` says where it comes from, for the message.
 */
export function safeName(name: string, what: string): string {
  const why =
    name === '' ? 'it is empty'
    : name === '.' || name === '..' ? 'it names a folder, not a file'
    : /[/\\]/.test(name) ? 'it contains a path separator'
    : /[\u0000-\u001f\u007f]/.test(name) ? 'it contains a control character'
    : undefined;
  if (why) throw new UnsafePathError(`${what} ${JSON.stringify(name)} is not a safe file name: ${why}`);
  return name;
}

/** The real path of a path's nearest existing ancestor, with the rest appended. */
function realish(path: string): string {
  const abs = resolve(path);
  // Most paths checked exist: one system call.
  try {
    return realpathSync.native(abs);
  } catch {
    // Not there (or not reachable): resolve its nearest existing ancestor.
  }
  let head = abs;
  const rest: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) break;
    rest.unshift(basename(head));
    head = up;
  }
  return join(realpathSync.native(head), ...rest);
}

/** Is `path` inside `root` (not root itself), symbolic links resolved? */
export function isInside(root: string, path: string): boolean {
  return insideOf(root)(path);
}

/**
 * isInside for many paths under one root (a package's payload checks every file: resolving each
 * path whole was a sixth of a one-change rebuild): the root's real path and each folder's are
 * resolved once; a file itself only when it is a symbolic link.
 */
export function insideOf(root: string): (path: string) => boolean {
  const r = realish(root);
  const prefix = r.endsWith(sep) ? r : r + sep;
  const folders = new Map<string, string>();
  return (path) => {
    const abs = resolve(path);
    const dir = dirname(abs);
    let real = folders.get(dir);
    if (real === undefined) folders.set(dir, (real = realish(dir)));
    const link = lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink();
    return (link ? realish(abs) : join(real, basename(abs))).startsWith(prefix);
  };
}

/**
 * A path under an output folder made from names: each a safe segment (safeName), the result inside
 * `root` once symbolic links are resolved. Anything else is refused with an UnsafePathError.
 */
export function outputPath(root: string, what: string, ...names: string[]): string {
  for (const n of names) safeName(n, what);
  const path = join(root, ...names);
  if (!isInside(root, path)) throw new UnsafePathError(`${what} ${JSON.stringify(names.join('/'))}: ${path} is outside ${root}`);
  return path;
}

/** Read a file; a file that cannot be read is a SourceError at 1:1 saying why. */
export function readFileOrFail(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new SourceError(file, { line: 1, column: 1 }, `cannot read: ${why}`);
  }
}

/** Another run holds the lock of a folder. */
export class LockedError extends Error {}

/** A held lock: release it when done; `lost` is set if another process took it over meanwhile. */
export interface Lock {
  release: () => Promise<void>;
  readonly lost: boolean;
}

/** The pid recorded in a lock folder, if any. */
function holder(lock: string): number | undefined {
  try {
    return Number(readFileSync(join(lock, 'owner'), 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remove the lock of a process that is no longer running: renamed aside first (only one process
 * can), then removed if it is still that process's lock, put back otherwise. True if removed.
 */
function removeDeadLock(lock: string): boolean {
  const pid = holder(lock);
  if (pid === undefined || isRunning(pid)) return false;
  const aside = `${lock}.stale-${process.pid}`;
  try {
    renameSync(lock, aside);
  } catch {
    return true; // gone meanwhile: try again
  }
  if (holder(aside) === pid) {
    rmSync(aside, { recursive: true, force: true });
    return true;
  }
  // A live lock taken by mistake: put back (if another took the place meanwhile, its holder learns it lost).
  try {
    renameSync(aside, lock);
  } catch {
    rmSync(aside, { recursive: true, force: true });
  }
  return false;
}

/**
 * Lock a folder for one run: `<folder>/.tei-edition.lock`, made atomically by proper-lockfile and
 * kept fresh while the run lives, with the holder's pid in it. A second run says clearly that
 * another run is working on the folder. The lock of a run that was killed is taken over at once
 * (its pid no longer runs); without a pid it goes stale after a minute.
 */
export async function lockFolder(dir: string, what = 'build'): Promise<Lock> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, '.tei-edition.lock');
  for (const e of readdirSync(dir)) {
    const m = /^\.tei-edition\.lock\.stale-(\d+)$/.exec(e);
    if (m && !isRunning(Number(m[1]))) rmSync(join(dir, e), { recursive: true, force: true });
  }
  let lost = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lockfile.lock(dir, {
        lockfilePath: lock,
        realpath: false,
        stale: 60_000,
        update: 5_000,
        onCompromised: () => {
          lost = true;
        },
      });
      // The holder's pid inside the lock; the lock's mtime (proper-lockfile's proof of ownership) kept as it was.
      const { mtime } = statSync(lock);
      writeFileSync(join(lock, 'owner'), `${process.pid}\n`);
      utimesSync(lock, mtime, mtime);
      return {
        release: async () => {
          if (lost) return;
          rmSync(join(lock, 'owner'), { force: true });
          await release().catch(() => undefined);
        },
        get lost() {
          return lost;
        },
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED' && code !== 'ENOTEMPTY') throw e;
      if (attempt < 3 && removeDeadLock(lock)) continue;
      const pid = holder(lock);
      throw new LockedError(`another ${what} of ${dir} is running${pid ? ` (process ${pid})` : ''}: wait for it to finish and try again (lock: ${lock})`);
    }
  }
}
