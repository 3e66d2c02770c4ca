/** A build worker (tinypool): builds the documents it is given, one at a time. */
import { buildDocument, type DocumentJob, type DocumentResult } from './pipeline.js';
import { collectIfGrown } from './heap.js';
import { deferFlushes } from './io.js';

export default async function build(job: DocumentJob): Promise<DocumentResult> {
  // The build flushes what its workers wrote once, before its state names it (src/io.ts).
  if (job.flushesDeferred) deferFlushes(job.dir, true);
  const result = await buildDocument(job);
  // Flat memory however many documents a worker builds (src/heap.ts).
  collectIfGrown();
  return result;
}
