import SaxonJS from 'saxon-js';
import { readFileSync } from 'node:fs';
const [big, a, b] = process.argv.slice(2);
const xml = readFileSync(big, 'utf8');
const sefs = { A: JSON.parse(readFileSync(a, 'utf8')), B: JSON.parse(readFileSync(b, 'utf8')) };
const times = { A: [], B: [] };
for (let i = 0; i < 9; i++) for (const k of (i % 2 ? ['A', 'B'] : ['B', 'A'])) {
  const t = performance.now();
  SaxonJS.transform({ stylesheetInternal: sefs[k], sourceText: xml, destination: 'serialized', stylesheetParams: { name: 'x' }, baseOutputURI: 'file:///tmp/x/', deliverResultDocument: () => ({ destination: 'serialized' }) }, 'sync');
  times[k].push(performance.now() - t);
}
for (const k of ['A', 'B']) { const s = times[k].slice(1).sort((x, y) => x - y); console.log(k, 'median ms', s[4].toFixed(0), 'min', s[0].toFixed(0)); }
