import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flushesDeferred, withDeferredFlushes, writeFileAtomic } from '../src/io.js';

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
