/**
 * The floor for `audit`: `node floor.js FILE` reads the file, parses it with the parser audit
 * uses (js-yaml, core schema) and walks every value, doing nothing else. Whatever audit takes
 * above this is its own work: checks, report, output.
 */
import { readFileSync } from 'fs';
import { CORE_SCHEMA, loadAll } from 'js-yaml';

function walk(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + walk(v), 1);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + walk(v), 1);
  return 1;
}

let nodes = 0;
for (const doc of loadAll(readFileSync(process.argv[2], 'utf-8'), undefined, { schema: CORE_SCHEMA })) nodes += walk(doc);
process.stdout.write(`${nodes}\n`);
