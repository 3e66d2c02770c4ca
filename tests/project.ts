import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A copy of the sample project (sources, schema) in a fresh folder, inside a parent folder of its own. */
export function project(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tei-safety-')), 'project');
  cpSync('sources', join(dir, 'sources'), { recursive: true });
  cpSync('tei/schema', join(dir, 'tei', 'schema'), { recursive: true });
  return dir;
}
