// Child process of the benchmark: time one schema load in a fresh process. Prints milliseconds.
import { performance } from 'node:perf_hooks';
const t0 = performance.now();
const { loadGrammar } = await import('../validate/relaxng.js');
await loadGrammar(process.argv[2]!);
console.log(performance.now() - t0);
