import { loadGrammar } from '../src/validate/relaxng.js';
import { parseXml } from '../src/validate/xml.js';
import { readFileSync } from 'node:fs';
const t0 = Date.now();
const g = await loadGrammar(process.env.RNG ?? '/work/shared/schema/tei_all.rng');
console.log('load', Date.now() - t0);
for (const f of process.argv.slice(2)) {
  const t1 = Date.now();
  const r = parseXml(f, readFileSync(f, 'utf8'), g);
  console.log(f, Date.now() - t1, r.problems.slice(0, 5));
}
