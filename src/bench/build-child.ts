// Child process of the benchmark: one `buildEdition` of a project folder, as a user's build would run
// (a fresh process, the tool loaded, workers started). Prints one JSON line: the build's counts, and
// the process's CPU time (worker threads included) and peak resident size (maxRSS, threads included).
// Usage: node build-child.js <project dir> <jobs> [--force]
import { performance } from 'node:perf_hooks';
import { buildEdition } from '../pipeline.js';

const [dir, jobs, ...flags] = process.argv.slice(2);
const t0 = performance.now();
const r = await buildEdition({ dir: dir!, jobs: Number(jobs), force: flags.includes('--force') });
const wallMs = performance.now() - t0;
const u = process.resourceUsage();
console.log(
  JSON.stringify({
    wallMs,
    cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000,
    maxRssKB: u.maxRSS,
    built: r.built.length,
    converted: r.converted,
    invalid: r.invalid.length,
    failed: r.failed.length,
    rebuilt: r.rebuilt,
    upToDate: r.upToDate,
    packageProblems: r.packageProblems.length,
    // Why documents were not published, for the bench to report.
    reasons: [
      ...r.invalid.slice(0, 3).map((i) => JSON.stringify(i).slice(0, 400)),
      ...r.failed.slice(0, 3).map((f) => `${f.file}: ${f.error.message.slice(0, 300)}`),
    ],
  }),
);
