import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import { AuditError, SourceDocument } from '../report/audit';

/** What was read from the inputs: parsed documents and the inputs that failed. */
export interface Inputs {
  readonly documents: SourceDocument[];
  readonly errors: AuditError[];
}

/**
 * Reads YAML from files, directories (recursively, `*.yaml` and `*.yml`, in name order) and
 * standard input (`-`). A bad input is recorded and the others are still read.
 */
export function readInputs(paths: readonly string[], readStdin: () => string): Inputs {
  const documents: SourceDocument[] = [];
  const errors: AuditError[] = [];
  for (const path of paths) {
    if (path === '-') {
      parseInto('-', readStdin(), documents, errors);
      continue;
    }
    let files: string[];
    try {
      files = statSync(path).isDirectory() ? yamlFilesUnder(path) : [path];
    } catch (e) {
      errors.push({ file: path, message: `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}` });
      continue;
    }
    for (const file of files) {
      try {
        parseInto(file, readFileSync(file, 'utf-8'), documents, errors);
      } catch (e) {
        errors.push({ file, message: `cannot read: ${(e as Error).message}` });
      }
    }
  }
  return { documents, errors };
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(entry => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFilesUnder(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
}

/**
 * Parses every document of one input. The fast parser (js-yaml, core schema like yaml's default)
 * reads well-formed files; a file it cannot read is parsed again with yaml, whose errors carry
 * the line. Document start lines, needed only for messages, are computed when first asked for.
 */
function parseInto(file: string, text: string, documents: SourceDocument[], errors: AuditError[]): void {
  let values: unknown[];
  try {
    values = loadAll(text, undefined, { schema: CORE_SCHEMA });
  } catch {
    parseSlowly(file, text, documents, errors);
    return;
  }
  let lines: number[] | undefined;
  const lineOf = (index: number) => (lines ??= documentLines(text))[index];
  let found = 0;
  values.forEach((value, index) => {
    if (value === null || value === undefined) return; // an empty document between `---` lines
    documents.push({ file, doc: value, get line() { return lineOf(index); } });
    found++;
  });
  if (found === 0) errors.push({ file, message: 'no YAML documents: the input is empty' });
}

/** The line each document's content starts on, in document order (empty documents included). */
function documentLines(text: string): number[] {
  const lineCounter = new LineCounter();
  return parseAllDocuments(text, { lineCounter }).map(doc => lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0).line);
}

/** The precise path for input that does not parse: every document, with the line of its first error. */
function parseSlowly(file: string, text: string, documents: SourceDocument[], errors: AuditError[]): void {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  let found = 0;
  for (const doc of Array.isArray(docs) ? docs : []) {
    const line = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0).line;
    if (doc.errors.length) {
      const first = doc.errors[0];
      errors.push({ file, line: first.linePos?.[0]?.line ?? line, message: `invalid YAML: ${first.message.split('\n')[0].replace(/:$/, '')}` });
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    documents.push({ file, line, doc: value });
    found++;
  }
  if (found === 0 && !errors.some(e => e.file === file)) errors.push({ file, message: 'no YAML documents: the input is empty' });
}
