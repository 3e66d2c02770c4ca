/**
 * The command as users get it: the project packed (npm pack, which compiles on prepack), the
 * tarball installed into an empty project, and `npx tei-edition` run there; also through a symlink
 * and a global install (--prefix). Caches go to the user's cache folder, never into node_modules.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'tei-install-'));
const project = join(root, 'project');
const cache = join(root, 'cache');
const env = { ...process.env, XDG_CACHE_HOME: cache, TEI_EDITION_CACHE: '', CI: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
let tarball = '';

/** A command's exit status and output, without stalling the test worker. */
function spawnAsync(cmd: string, args: string[], cwd = root): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => ok({ status, stdout, stderr }));
  });
}

const npx = (cwd: string, ...args: string[]) => spawnAsync('npx', ['--no-install', 'tei-edition', ...args], cwd);

/** Every file under a folder with its size and time: what an installed package must not see change. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, f.name);
      if (f.isDirectory()) walk(p);
      else out.push(`${relative(dir, p)} ${statSync(p).size} ${statSync(p).mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

// Asynchronous: a long synchronous call would stall the test worker.
const run = promisify(execFile);

beforeAll(async () => {
  // npm test has just compiled dist/; packing without the prepack script (which compiles again)
  // keeps dist/ still while other test files run the compiled CLI.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', root], { env, maxBuffer: 1 << 26 });
  const packed = JSON.parse(stdout.replace(/^[^[]*/, '')) as { filename: string }[];
  tarball = join(root, packed[0]!.filename);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-edition', version: '1.0.0', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, env });
}, 600_000);

describe('the installed package', () => {
  test('ships the compiled stylesheets, schemas and templates, and no tests, sample sources or screenshots', () => {
    // Packing compiles first, so the stylesheets in the tarball are those of the sources.
    expect((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.prepack).toBe('npm run compile');
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const f of ['dist/cli/bin.js', 'dist/xslt/edition.sef.json', 'xslt/rules.xsl', 'tei/schema/tei-edition.rng', 'schema/edition.schema.json', 'templates/edition/sources/edition.yaml', 'templates/edition/gitignore', 'README.md']) {
      expect(files).toContain(`package/${f}`);
    }
    expect(files.filter((f) => /^package\/(tests|sources|scripts|src)\/|\.png$|\.map$|^package\/dist\/(bench|eval)\//.test(f))).toEqual([]);
  });

  test('npx tei-edition --version, init, build in a project that depends on it', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const v = await npx(project, '--version');
    expect(v.stderr).toBe('');
    expect(v.stdout.trim()).toBe(pkg.version);
    const before = snapshot(join(project, 'node_modules', 'tei-edition'));
    const init = await npx(project, 'init', 'letters');
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('tei-edition serve letters');
    const build = await npx(project, 'build', 'letters');
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/1 document converted, 0 failed, 0 invalid/);
    expect(existsSync(join(project, 'letters', 'editions', 'index.html'))).toBe(true);
    expect(readdirSync(join(project, 'letters', 'tei')).filter((f) => f.endsWith('.xml')).length).toBe(1);
    // The schema cache is in the user's cache folder; the installed package is untouched.
    expect(readdirSync(join(cache, 'tei-edition', 'schemas')).length).toBeGreaterThan(0);
    expect(snapshot(join(project, 'node_modules', 'tei-edition'))).toEqual(before);
  });

  test('through a symlink to the bin, as npm links it', async () => {
    const link = join(root, 'te-link');
    symlinkSync(join(project, 'node_modules', '.bin', 'tei-edition'), link);
    const r = await spawnAsync(link, ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: tei-edition');
  });

  test('a global install (npm install -g, into a prefix)', async () => {
    const prefix = join(root, 'global');
    await run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball], { env });
    const r = await spawnAsync(join(prefix, 'bin', 'tei-edition'), ['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  }, 600_000);
});
