import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { flushesDeferred, removeStaleTemporaries, temporaryPath, withDeferredFlushes, writeFileAtomic } from '../src/io.js';

describe('flushes deferred within a build (src/io.ts)', () => {
  it('defers while the build runs, joins nested builds, and stops at its end, failed or not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'te-io-'));
    expect(flushesDeferred()).toBe(false);
    const inner = await withDeferredFlushes(dir, async () => {
      const outer = flushesDeferred();
      writeFileAtomic(join(dir, 'a', 'x.txt'), 'one');
      const nested = await withDeferredFlushes(dir, async () => flushesDeferred());
      // The nested call joined the outer one: still deferring after it.
      return { outer, nested, after: flushesDeferred() };
    });
    // Linux with `sync -f`: deferred; elsewhere every write is flushed as it happens.
    const can = process.platform === 'linux';
    expect(inner).toEqual({ outer: can, nested: can, after: can });
    expect(flushesDeferred()).toBe(false);
    // Written whole, no temporary left beside it.
    expect(readFileSync(join(dir, 'a', 'x.txt'), 'utf8')).toBe('one');
    expect(readdirSync(join(dir, 'a'))).toEqual(['x.txt']);
    await expect(
      withDeferredFlushes(dir, async () => {
        throw new Error('stopped');
      }),
    ).rejects.toThrow('stopped');
    expect(flushesDeferred()).toBe(false);
  });
});

describe('temporaries (src/io.ts)', () => {
  it('a build thread writes through a temporary of its own: two threads of one process never share one', async () => {
    expect(temporaryPath('/e/html/a.html')).toBe(`/e/html/.a.html.${process.pid}.tmp`);
    // The compiled module, in a worker thread (as a build's workers load it).
    const code = `import(${JSON.stringify(pathToFileURL(resolve('dist/io.js')).href)}).then((m) => require('node:worker_threads').parentPort.postMessage(m.temporaryPath('/e/html/a.html')))`;
    const names = await Promise.all(
      [1, 2].map(
        () =>
          new Promise<string>((ok, fail) => {
            const w = new Worker(code, { eval: true });
            w.once('message', (m: string) => ok(m)).once('error', fail);
          }),
      ),
    );
    for (const n of names) expect(n).toMatch(new RegExp(`^/e/html/\\.a\\.html\\.${process.pid}-\\d+\\.tmp$`));
    expect(names[0]).not.toBe(names[1]);
  });

  it("a killed run's temporaries are removed, a running process's kept, whichever thread wrote them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'te-tmp-'));
    // A process id no process has (above the kernel's pid_max).
    const dead = 2 ** 22 + 1;
    for (const f of [`.a.html.${dead}.tmp`, `.b.html.${dead}-3.tmp`, `.c.html.${process.pid}.tmp`, `.d.html.${process.pid}-2.tmp`, 'e.tmp']) writeFileSync(join(dir, f), 'x');
    expect(removeStaleTemporaries(dir)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([`.c.html.${process.pid}.tmp`, `.d.html.${process.pid}-2.tmp`, 'e.tmp']);
  });
});
