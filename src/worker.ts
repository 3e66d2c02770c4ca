/** A build worker (tinypool): builds the documents it is given, one at a time. */
import { buildDocument, type DocumentJob, type DocumentResult } from './pipeline.js';

export default function build(job: DocumentJob): Promise<DocumentResult> {
  return buildDocument(job);
}
