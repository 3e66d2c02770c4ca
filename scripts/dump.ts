import { readFileSync } from 'node:fs';
import { parseTranscription } from '../src/transcription/parse.js';
import { decodeTranscription } from '../src/transcription/source.js';
import { blockLines } from '../src/transcription/model.js';
import { plain } from '../src/transcription/classify.js';
const f = process.argv[2]!;
const doc = parseTranscription(f, decodeTranscription(f, readFileSync(f)));
for (const w of doc.witnesses) {
  console.log('== witness', w.id, w.introduction?.raw ?? '');
  for (const b of w.blocks) {
    const extra = b.kind === 'furniture' ? b.lines.map((l) => l.fw).join(',') : b.kind === 'stamp' ? b.stamp : b.kind === 'field' ? b.field : b.kind === 'admin' ? b.admin : b.kind === 'pb' ? `n=${b.n} inferred=${b.inferred}` : b.kind === 'paragraph' ? `${b.continuesPrevious ? '<<' : ''}${b.continuedNext ? '>>' : ''}` : b.kind === 'block' ? b.zone : '';
    console.log(`${b.pos.line}`.padStart(4), b.kind.padEnd(12), extra.padEnd(16), blockLines(b).map(plain).join(' | ').slice(0, 90));
  }
}
for (const n of doc.notes) console.log('note', n.n, n.placed, n.type);
for (const w of doc.warnings) console.log('WARN', w.pos.line, w.message);
