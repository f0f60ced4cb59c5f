import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, Stats, statSync } from 'fs';
import { join } from 'path';
import { InputLimits, formatSize } from './limits';
import { DecodeError, GoYamlDecoder } from './yaml/decode';
import { kubectlDocuments } from './yaml/kubectl-documents';
import { AuditError, SourceDocument } from '../report/audit';

/** Where the documents and the refusals go, as they are read. */
export interface InputSink {
  document(source: SourceDocument): void;
  error(error: AuditError): void;
  /** A regular file was read (its documents follow): reports that point at lines may read it again. */
  file?(path: string): void;
}

/** Standard input: a Node stream or any source of chunks. */
export type InputStream = AsyncIterable<Buffer | string>;

/**
 * Reads YAML from files, directories (recursively, `*.yaml` and `*.yml`, in name order,
 * following symbolic links once each) and standard input (`-`), one at a time, handing each
 * document to the sink as soon as it is decoded. Every refusal is an error naming its path;
 * the other inputs are still read.
 */
export async function readInputs(paths: readonly string[], limits: InputLimits, stdin: InputStream, sink: InputSink): Promise<void> {
  const decoder = new GoYamlDecoder(limits.maxAliasNodes);
  for (const path of paths) {
    if (path === '-') {
      const bytes = await readStream(stdin, limits.maxInputBytes);
      if (bytes === undefined) sink.error({ file: '-', message: `standard input is larger than ${formatSize(limits.maxInputBytes)} (raise the limit with --max-input-size)` });
      else decodeInput('-', bytes, decoder, sink, true);
      continue;
    }
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (e) {
      sink.error({ file: path, message: `cannot read: ${describeError(e)}` });
      continue;
    }
    if (stats.isDirectory()) {
      for (const file of yamlFilesUnder(path, sink)) readFile(file, limits, decoder, sink);
    } else {
      readFile(path, limits, decoder, sink);
    }
  }
}

/** Depth first, in name order; each directory is entered once, so symbolic link loops end. */
function* yamlFilesUnder(root: string, sink: InputSink): Generator<string> {
  const entered = new Set<string>();
  const stack: Array<{ path: string; directory: boolean }> = [{ path: root, directory: true }];
  while (stack.length) {
    const { path: dir, directory } = stack.pop()!;
    if (!directory) {
      yield dir;
      continue;
    }
    let names: string[];
    try {
      const id = identity(statSync(dir));
      if (entered.has(id)) continue;
      entered.add(id);
      names = readdirSync(dir).sort((a, b) => a.localeCompare(b));
    } catch (e) {
      sink.error({ file: dir, message: `cannot read directory: ${describeError(e)}` });
      continue;
    }
    const entries: Array<{ path: string; directory: boolean }> = [];
    for (const name of names) {
      const path = join(dir, name);
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (e) {
        if (isYamlName(name)) sink.error({ file: path, message: `cannot read: ${describeError(e)}` });
        continue;
      }
      if (stats.isDirectory()) entries.push({ path, directory: true });
      else if (isYamlName(name)) entries.push({ path, directory: false });
    }
    for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]);
  }
}

function isYamlName(name: string): boolean {
  return /\.ya?ml$/.test(name);
}

function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/**
 * Reads one regular file, at most the limit. Opened without blocking and checked on the open
 * descriptor, so a FIFO, a device or a socket is refused without waiting on it.
 */
function readFile(path: string, limits: InputLimits, decoder: GoYamlDecoder, sink: InputSink): void {
  let fd: number;
  try {
    // eslint-disable-next-line no-bitwise
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    sink.error({ file: path, message: `cannot read: ${describeError(e)}` });
    return;
  }
  let bytes: Buffer | undefined;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      sink.error({ file: path, message: `not a regular file (${fileType(stats)}): only files, directories and - (standard input) are read` });
      return;
    }
    bytes = stats.size > limits.maxInputBytes ? undefined : readUpTo(fd, limits.maxInputBytes);
  } catch (e) {
    sink.error({ file: path, message: `cannot read: ${describeError(e)}` });
    return;
  } finally {
    closeSync(fd);
  }
  if (bytes === undefined) {
    sink.error({ file: path, message: `the file is larger than ${formatSize(limits.maxInputBytes)} (raise the limit with --max-input-size)` });
    return;
  }
  sink.file?.(path);
  decodeInput(path, bytes, decoder, sink, false);
}

/**
 * The text of a file read before, read again for a report that points at lines, at most
 * `maxBytes` and refusing what is no longer a regular file; undefined when it cannot be read.
 */
export function readTextAgain(path: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    // eslint-disable-next-line no-bitwise
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    const bytes = stats.isFile() && stats.size <= maxBytes ? readUpTo(fd, maxBytes) : undefined;
    return bytes === undefined ? undefined : UTF8.decode(bytes);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes, or `undefined` when it holds more than `limit` (it may grow while read). */
function readUpTo(fd: number, limit: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(limit - total + 1, 1024 * 1024));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return Buffer.concat(chunks, total);
    total += n;
    if (total > limit) return undefined;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
}

async function readStream(stream: InputStream, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    // Leaving the loop closes the stream: endless input stops here.
    if (total > limit) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes every document of one input. `helm template` output (standard input) names each
 * document by its `# Source:` comment; lines stay those of the input.
 */
function decodeInput(file: string, bytes: Buffer, decoder: GoYamlDecoder, sink: InputSink, helmSources: boolean): void {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    // go-yaml refuses it too ("invalid leading UTF-8 octet").
    sink.error({ file, message: 'the input is not UTF-8 text' });
    return;
  }
  let found = 0;
  let failed = false;
  for (const doc of kubectlDocuments(text)) {
    if (!('text' in doc)) {
      sink.error({ file, line: doc.line, message: doc.message });
      failed = true;
      continue;
    }
    const name = helmSources && doc.helmSource ? doc.helmSource : file;
    let value: unknown;
    try {
      value = decoder.decode(doc.text);
    } catch (e) {
      const line = e instanceof DecodeError && e.line !== undefined ? doc.firstLine + e.line - 1 : doc.contentLine;
      sink.error({ file: name, line, message: e instanceof DecodeError ? e.message : `cannot be read: ${(e as Error)?.message}` });
      failed = true;
      continue;
    }
    // kubectl skips empty documents (a `---` with nothing after it, or only comments).
    if (value === null || value === undefined) continue;
    sink.document({ file: name, line: doc.contentLine, doc: value });
    found++;
  }
  if (found === 0 && !failed) sink.error({ file, message: 'no YAML documents: the input is empty' });
}

function fileType(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENXIO') return 'not a regular file (a socket or a device without a reader)';
  return (e as Error).message;
}
