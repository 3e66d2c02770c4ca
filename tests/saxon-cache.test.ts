// SaxonJS's compiled code is kept in the cache folder and used by the next process (src/saxon.ts).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

const script = `
import { readFileSync } from 'node:fs';
const { renderTei } = await import(${JSON.stringify(new URL('../dist/render/index.js', import.meta.url).href)});
const saxon = await import(${JSON.stringify(new URL('../dist/saxon.js', import.meta.url).href)});
const r = renderTei('a.xml', '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body><p>Words here.</p></body></text></TEI>', 'a');
// SaxonJS is loaded at its first use: what the cache did is known after the transform.
console.log(saxon.codeCache, r.normalized.includes('Words here.'));
`;

test('the first process makes the code cache, the next uses it; a damaged cache is made again', () => {
  const cache = mkdtempSync(join(tmpdir(), 'tei-code-cache-'));
  const file = join(cache, 'probe.mjs');
  writeFileSync(file, script);
  const run = () => spawnSync(process.execPath, [file], { env: { ...process.env, TEI_EDITION_CACHE: cache }, encoding: 'utf8' });
  const first = run();
  expect(first.stdout.trim(), first.stderr).toBe('made true');
  const [bin] = readdirSync(join(cache, 'v8'));
  expect(bin).toMatch(/^saxon-js-[0-9a-f]{16}\.bin$/);
  expect(run().stdout.trim()).toBe('used true');
  // Another version's cache is removed when one is made.
  writeFileSync(join(cache, 'v8', 'saxon-js-0123456789abcdef.bin'), 'old');
  writeFileSync(join(cache, 'v8', bin!), 'not a code cache');
  expect(run().stdout.trim()).toBe('made true');
  expect(readdirSync(join(cache, 'v8'))).toEqual([bin]);
  expect(run().stdout.trim()).toBe('used true');
});
