/**
 * tei-edition serve: the site served on 127.0.0.1, a saved change rebuilt and shown, errors shown
 * in the terminal and on the page, the server alive after a bad document; and in a browser, on the
 * sample edition, a saved change appears in the open page by itself.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type Served } from '../src/cli/serve.js';
import { initEdition } from '../src/cli/init.js';
import { describeBuild } from '../src/cli/index.js';
import { hasChromium, launch } from './browser.js';

function serve(dir: string, log: string[]): Promise<Served> {
  return startServer({ dir, port: 0, log: (l) => log.push(l), describe: describeBuild, describeError: (e) => String((e as Error).message) });
}

describe('serve', () => {
  let served: Served;
  let dir: string;
  const log: string[] = [];
  const letter = () => join(dir, 'sources', '1921-03-12-letter.txt');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tei-serve-'));
    initEdition(dir);
    served = await serve(dir, log);
  });
  afterAll(() => served?.close());

  test('serves the built site on 127.0.0.1, pages with the reload script, files as they are', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(served.url);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('<script src="/__tei-edition/client.js" data-build="1"></script></body>');
    // The build's own output is untouched.
    expect(readFileSync(join(dir, 'editions', 'index.html'), 'utf8')).not.toContain('__tei-edition');
    expect((await fetch(new URL('html/edition.css', served.url))).status).toBe(200);
    expect((await fetch(new URL('../../../etc/passwd', served.url))).status).toBe(404);
    expect((await fetch(new URL('%2e%2e/%2e%2e/etc/passwd', served.url))).status).toBe(404);
  });

  test('a saved change is built again; a bad document is reported and the server goes on', async () => {
    const page = () => fetch(new URL('html/1921-03-12-letter.html', served.url)).then((r) => r.text());
    let next = served.nextBuild();
    writeFileSync(letter(), readFileSync(letter(), 'utf8').replace('Yours ever,', 'Yours as ever, and in haste,'));
    let state = await next;
    expect(state.problems).toEqual([]);
    expect(await page()).toContain('Yours as ever, and in haste,');
    // The page carries the build it was served from.
    expect(await page()).toContain('data-build="2"');

    next = served.nextBuild();
    writeFileSync(letter(), 'An ~~unclosed deletion.\n');
    state = await next;
    expect(state.problems.join('\n')).toMatch(/1921-03-12-letter\.txt:1:4: error: unclosed deletion/);
    expect(log.join('\n')).toMatch(/1921-03-12-letter\.txt:1:4: error: unclosed deletion/);
    expect((await fetch(served.url)).status).toBe(200);

    next = served.nextBuild();
    writeFileSync(join(dir, 'sources', 'edition.yaml'), 'edition:\n  titel: x\n');
    state = await next;
    expect(state.ok).toBe(false);
    expect(state.problems.join('\n')).toContain("'titel' is not a key of edition; did you mean 'title'?");
  });
});

describe.runIf(hasChromium || Boolean(process.env.CI))('serve in a browser', () => {
  test('on the sample edition, a saved change to a transcription shows in the open page by itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tei-serve-sample-'));
    cpSync('sources', join(dir, 'sources'), { recursive: true });
    const served = await serve(dir, []);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const url = new URL('html/1962-10-26-rostow-alliance-missiles.html', served.url).href;
      const file = join(dir, 'sources', '1962-10-26-rostow-alliance-missiles.txt');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('Alliance Missiles');

      // A page served before a build ends, whose event stream connects only after it: it reloads
      // (the build it was served from is in the page). The stale page is handed over once.
      const stale = await (await fetch(url)).text();
      let next = served.nextBuild();
      writeFileSync(file, text.replace('Alliance Missiles', 'Alliance Missiles (saved before the page connected)'));
      await next;
      await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: stale }), { times: 1 });
      await page.goto(url);
      await page.waitForFunction(() => document.body.textContent!.includes('(saved before the page connected)'), undefined, { timeout: 30_000 });

      // A page open while a change is saved.
      next = served.nextBuild();
      writeFileSync(file, text.replace('Alliance Missiles', 'Alliance Missiles (saved while serving)'));
      await next;
      await page.waitForFunction(() => document.body.textContent!.includes('(saved while serving)'), undefined, { timeout: 30_000 });

      // A bad document: the page shows the error over the text.
      writeFileSync(file, text + '\nAn ~~unclosed deletion.\n');
      await page.waitForSelector('#tei-edition-serve', { timeout: 30_000 });
      expect(await page.textContent('#tei-edition-serve')).toMatch(/rostow-alliance-missiles\.txt:\d+:4: error: unclosed deletion/);
    } finally {
      await browser.close();
      await served.close();
    }
  }, 120_000);
});
