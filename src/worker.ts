/** A build worker (tinypool): builds the documents it is given, one at a time. */
import { buildDocument, type DocumentJob, type DocumentResult } from './pipeline.js';
import { collectIfGrown } from './heap.js';

export default async function build(job: DocumentJob): Promise<DocumentResult> {
  const result = await buildDocument(job);
  // Flat memory however many documents a worker builds (src/heap.ts).
  collectIfGrown();
  return result;
}
