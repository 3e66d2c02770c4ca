/**
 * Flat memory for long builds (issue 12, target 6). V8 lets a busy thread's heap grow far past what
 * it holds: a document's build leaves garbage, and what a build keeps (the stylesheets, the schema,
 * small results) does not grow. Measured: peak RSS 411 MB at 102 documents, 649 MB at 306, 707 MB
 * at 1,020, with the heap after a full collection flat at ~50 MB per thread. So each build thread
 * collects its garbage once its heap has doubled since its last collection.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;
let after = 0;
/** How much the heap may grow over what the last collection left (TEI_EDITION_HEAP_GROWTH, for measuring). */
const GROWTH = Number(process.env.TEI_EDITION_HEAP_GROWTH ?? 2);

/** Collect garbage if the heap has doubled since the last collection (the first call collects). */
export function collectIfGrown(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  if (!GROWTH || (after && getHeapStatistics().used_heap_size <= GROWTH * after)) return;
  gc();
  after = getHeapStatistics().used_heap_size;
}
