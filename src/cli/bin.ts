#!/usr/bin/env node
/**
 * The installed command (package.json "bin"). Kept apart from the CLI module so that nothing
 * depends on how the command was reached: npm's bin links are symlinks (npx, a project's
 * node_modules/.bin, a global install), and importing the CLI for tests must not run it.
 */
import { main } from './index.js';

// Output piped into a command that stops reading (| head) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`internal error (a bug in tei-edition; please report it): ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
