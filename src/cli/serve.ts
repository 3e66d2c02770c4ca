/**
 * `tei-edition serve [dir]`: build the edition, serve its site (editions/) on 127.0.0.1 with sirv,
 * watch sources/ (transcriptions, edition.yaml, registers) with chokidar, build again on a change and
 * tell the open pages (server-sent events) to reload, or to show the build's errors. The build's
 * outputs are untouched: the reload script is added to HTML pages as they are served.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import sirv from 'sirv';
import { watch } from 'chokidar';
import { buildEdition, type BuildReport } from '../pipeline.js';

const EVENTS = '/__tei-edition/events';
const CLIENT = '/__tei-edition/client.js';

export interface ServeOptions {
  dir: string;
  port: number;
  log: (line: string) => void;
  /** The lines that report a build (its warnings, errors and summary); the CLI's own report. */
  describe: (report: BuildReport, seconds: number) => { warnings: string[]; errors: string[]; summary: string };
  /** Describe an error that stopped a build (a configuration error, no sources). */
  describeError: (e: unknown) => string;
}

export interface Served {
  url: string;
  /** Resolves after the next build has finished and the pages were told. */
  nextBuild: () => Promise<BuildState>;
  close: () => Promise<void>;
}

interface BuildState {
  /** The build ran (documents may still have failed). */
  ok: boolean;
  /** Its errors: shown in the terminal and over the page. */
  problems: string[];
  /** Its warnings: in the terminal only. */
  warnings: string[];
  summary: string;
}

/**
 * The script added to every served page: reload after a build, or show its problems over the page.
 * The page carries the number of the build it was served from, so a build that ends before the
 * page's event stream connects still reloads it.
 */
const CLIENT_JS = `(() => {
  const served = Number(document.currentScript.dataset.build);
  const box = document.createElement('div');
  box.id = 'tei-edition-serve';
  box.setAttribute('role', 'alert');
  box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#2b0000;color:#fff;font:13px/1.4 monospace;white-space:pre-wrap;z-index:2147483647';
  const events = new EventSource('${EVENTS}');
  events.onmessage = (m) => {
    const state = JSON.parse(m.data);
    if (state.build !== served && state.ok) {
      events.close();
      return location.reload();
    }
    if (state.problems.length) {
      box.textContent = 'tei-edition serve: ' + state.summary + '\\n\\n' + state.problems.join('\\n');
      if (!box.isConnected) document.body.append(box);
    } else box.remove();
  };
})();
`;

function inject(html: string, build: number): string {
  const tag = `<script src="${CLIENT}" data-build="${build}"></script>`;
  return /<\/body>/i.test(html) ? html.replace(/<\/body>(?![\s\S]*<\/body>)/i, `${tag}</body>`) : html + tag;
}

/** Start serving; the first build is done before it resolves. */
export async function startServer(options: ServeOptions): Promise<Served> {
  const root = resolve(options.dir, 'editions');
  const sources = resolve(options.dir, 'sources');
  const clients = new Set<ServerResponse>();
  let build = 0;
  let state: BuildState = { ok: false, problems: [], warnings: [], summary: 'not built yet' };
  let waiting: ((s: BuildState) => void)[] = [];

  const send = (res: ServerResponse) => res.write(`data: ${JSON.stringify({ build, ...state })}\n\n`);

  const runBuild = async (): Promise<void> => {
    const started = performance.now();
    try {
      const report = await buildEdition({ dir: options.dir, jobs: availableParallelism() });
      const { warnings, errors, summary } = options.describe(report, (performance.now() - started) / 1000);
      state = { ok: true, problems: errors, warnings, summary };
    } catch (e) {
      state = { ok: false, problems: [options.describeError(e)], warnings: [], summary: 'the build stopped' };
    }
    build++;
    for (const p of [...state.warnings, ...state.problems]) options.log(p);
    options.log(state.summary);
    for (const c of clients) send(c);
    const w = waiting;
    waiting = [];
    for (const f of w) f(state);
  };

  // One build at a time; changes during a build give one more build after it.
  let running: Promise<void> | null = null;
  let again = false;
  const rebuild = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = runBuild().finally(() => {
      running = null;
      if (again) {
        again = false;
        rebuild();
      }
    });
  };

  const assets = sirv(root, { dev: true, dotfiles: false });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === EVENTS) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      clients.add(res);
      send(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (path === CLIENT) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(CLIENT_JS);
      return;
    }
    if (path.endsWith('/') || path.endsWith('.html')) {
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(inject(readFileSync(file, 'utf8'), build));
        return;
      }
      if (path === '/' || path.endsWith('.html')) {
        // Nothing built yet (the first build stopped), or a document that failed and is not published:
        // a page that shows why and reloads when it builds.
        const what = path === '/' ? 'The edition is' : 'This page is';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(inject(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>tei-edition serve</title></head><body><h1>${what} not built yet</h1></body></html>`, build));
        return;
      }
    }
    assets(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'EADDRINUSE' ? new Error(`port ${options.port} is in use: choose another with --port`) : e),
    );
    server.listen(options.port, '127.0.0.1', () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  await runBuild();
  const watcher = watch(sources, { ignoreInitial: true, ignored: (p) => /(^|[\\/])\.[^\\/]*$|~$/.test(p.slice(sources.length)) });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    options.log(`changed: ${path}`);
    clearTimeout(timer);
    timer = setTimeout(rebuild, 100);
  });
  await new Promise<void>((ok) => watcher.once('ready', () => ok()));
  options.log(`serving ${root} at ${url} (Ctrl-C to stop); watching ${sources}`);

  return {
    url,
    nextBuild: () => new Promise((ok) => waiting.push(ok)),
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
      for (const c of clients) c.end();
      await new Promise<void>((ok) => server.close(() => ok()));
      await running;
    },
  };
}

/** Serve until interrupted (Ctrl-C, SIGTERM). */
export async function serveEdition(options: ServeOptions): Promise<void> {
  const served = await startServer(options);
  await new Promise<void>((ok) => {
    const stop = () => ok();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await served.close();
}
