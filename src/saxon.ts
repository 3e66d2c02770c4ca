/**
 * SaxonJS, loaded with require. saxon-js is a CommonJS file (2.4 MB) whose package declares no
 * module type: an `import` makes Node parse it once more to detect its format, which costs
 * ~300 ms of CPU in every thread that loads it (the main thread and each build worker).
 */
import { createRequire } from 'node:module';
import type SaxonJSModule from 'saxon-js';

const SaxonJS = createRequire(import.meta.url)('saxon-js') as typeof SaxonJSModule;
export default SaxonJS;
