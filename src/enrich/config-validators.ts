/**
 * Writes the configuration schemas' validators ahead of time (`npm run compile`), so that no
 * command compiles them: dist/enrich/config-validators.cjs, Ajv's standalone code of schema/*.json
 * made with the options and formats config.ts uses, wrapped in a function of the format checks.
 * config.ts compiles the schemas itself when the file is not there (running from the sources).
 */
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, CONFIG_SCHEMAS, FORMAT_CHECKS, schemaPath } from './config.js';

/** The module's text: `module.exports = (formats) => ({ edition, persons, … })`. */
export function configValidatorsModule(): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, formats: _`formats` } });
  for (const [f, check] of Object.entries(FORMAT_CHECKS)) ajv.addFormat(f, check);
  const refs: Record<string, string> = {};
  for (const name of CONFIG_SCHEMAS) {
    const schema = JSON.parse(readFileSync(schemaPath(name), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    refs[name] = schema.$id;
  }
  const code = standaloneCode.default(ajv, refs);
  return `// Written by src/enrich/config-validators.ts from schema/*.json (npm run compile). Do not edit.\nmodule.exports = function (formats) {\nconst exports = {};\n${code}\nreturn exports;\n};\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  writeFileSync(join(fileURLToPath(new URL('.', import.meta.url)), 'config-validators.cjs'), configValidatorsModule());
}
