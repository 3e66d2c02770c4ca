// Time each Schematron pattern alone on a large synthetic document (development aid).
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { Schema } from 'node-schematron';
import { parseXml } from '../validate/xml.js';
import { PROJECT_SCHEMATRON } from '../validate/relaxng.js';
import '../validate/schematron.js';

const xml = readFileSync(process.argv[2]!, 'utf8');
const { parsed } = parseXml('x.xml', xml);
const sch = readFileSync(PROJECT_SCHEMATRON, 'utf8');
for (const id of ['document', 'pointers', 'choice', 'gaps', 'pages', 'continuations']) {
  const only = sch.replace(/<pattern id="(\w+)">[\s\S]*?<\/pattern>/g, (m, pid: string) => (pid === id ? m : ''));
  const schema = Schema.fromString(only);
  const t0 = performance.now();
  const n = schema.validateDocument(parsed!.document as never).length;
  console.log(id.padEnd(14), (performance.now() - t0).toFixed(0).padStart(7), 'ms', n, 'results');
}
