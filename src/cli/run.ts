import { readFileSync } from 'fs';
import { join } from 'path';
import { AuditCommand, FailOn, parseArgs, USAGE } from './args';
import { MAX_LINES_SOURCE_BYTES } from './limits';
import { InputStream, readInputs, readTextAgain } from './read-inputs';
import { runDiff } from './run-diff';
import { PodSecurityLevel } from '../checks/pod-security/api';
import { Audit, AuditResult } from '../report/audit';
import { markdownLines } from '../report/format-markdown';
import type { SarifOptions } from '../report/format-sarif';
import { DEFAULT_WIDTH, tableLines } from '../report/format-table';
import { objectLabel } from '../report/rows';
import { escapeControl } from '../report/text';

/** Where a run reads and writes: the process's streams, or test doubles. */
export interface CliIo {
  readonly stdin: InputStream;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** The terminal's width when stdout is a terminal; the table is wrapped to it (80 otherwise). */
  readonly columns?: number;
}

/**
 * The `cdk8s-node-agents` command, in process: parses `argv` (the arguments after the program
 * name), runs it against `io` and resolves to the exit code. Never throws for bad input or a
 * bad command line; prints no stack trace.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'help':
      io.stdout.write(USAGE + '\n');
      return argv.length ? 0 : 2;
    case 'version':
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    case 'error':
      io.stderr.write(`cdk8s-node-agents: ${command.message}\n\n${USAGE}\n`);
      return 2;
    case 'audit': {
      // The files read from disk: SARIF reads again those with results, for the lines of their fields.
      const files = new Set<string>();
      const { result, exitCode } = await runAudit(command, io.stdin, files);
      const readSource = (file: string) => (files.has(file) ? readTextAgain(file, MAX_LINES_SOURCE_BYTES) : undefined);
      // Only SARIF names the tool's version.
      writeReport(result, command, io, { readSource, toolVersion: command.format === 'sarif' ? packageVersion() : undefined });
      if (command.failOn === 'ungranted' && exitCode === 1) writeUngranted(result, io);
      return exitCode;
    }
    case 'diff': {
      const { report, exitCode } = await runDiff(command, io.stdin);
      io.stdout.write(report);
      return exitCode;
    }
  }
}

/**
 * Reads, audits and decides the exit code of an audit command, without writing anything:
 * the entry point for programs (and the benchmark) that want the report as data.
 */
export async function runAudit(command: AuditCommand, stdin: InputStream, files?: Set<string>): Promise<{ result: AuditResult; exitCode: number }> {
  const audit = new Audit(command.minor);
  await readInputs(command.paths, command.limits, stdin, { document: d => audit.document(d), error: e => audit.error(e), file: f => files?.add(f) });
  const result = audit.result();
  const exitCode = result.errors.length ? 2 : command.failOn && reaches(result, command.failOn) ? 1 : 0;
  return { result, exitCode };
}

/** Writes the report piece by piece, in blocks of about 64 KiB: no single string holds a large report. */
export function writeReport(result: AuditResult, command: Pick<AuditCommand, 'format'>, io: Pick<CliIo, 'stdout' | 'columns'>, sarif: SarifOptions = {}): void {
  const pieces = command.format === 'json' ? jsonChunks(result)
    : command.format === 'markdown' ? withNewlines(markdownLines(result))
      : command.format === 'sarif' ? sarifFormat().sarifChunks(result, sarif)
        : withNewlines(tableLines(result, { width: io.columns ?? DEFAULT_WIDTH }));
  let block: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    block.push(piece);
    size += piece.length;
    if (size >= 64 * 1024) {
      io.stdout.write(block.join(''));
      block = [];
      size = 0;
    }
  }
  if (block.length) io.stdout.write(block.join(''));
}

/**
 * SARIF finds the line of each field with a second YAML parser, which takes longer to load than
 * the rest of a small audit: it is loaded only for SARIF.
 */
function sarifFormat(): typeof import('../report/format-sarif') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../report/format-sarif');
}

function* withNewlines(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield line + '\n';
}

/** `JSON.stringify(result, null, 2)`, a few objects at a time. */
function* jsonChunks(result: AuditResult): Generator<string> {
  const indented = (value: unknown, indent: string) => JSON.stringify(value, null, 2).split('\n').join(`\n${indent}`);
  const field = (key: keyof AuditResult) => `  ${JSON.stringify(key)}: ${indented(result[key], '  ')}`;
  yield `{\n${field('policyVersion')},\n  "objects": [`;
  // Objects written as the members of an "objects" field are indented as the report indents
  // them: the chunk is the text between that field's brackets, with no pass to re-indent it.
  const [open, close] = ['{\n  "objects": [', '\n  ]\n}'];
  for (let i = 0; i < result.objects.length; i += JSON_OBJECTS_PER_CHUNK) {
    const text = JSON.stringify({ objects: result.objects.slice(i, i + JSON_OBJECTS_PER_CHUNK) }, null, 2);
    yield `${i ? ',' : ''}${text.slice(open.length, text.length - close.length)}`;
  }
  yield `${result.objects.length ? '\n  ' : ''}],\n${field('skipped')},\n${field('errors')}\n}\n`;
}

/** Objects per piece of the JSON report: pieces stay about the size of the blocks written. */
const JSON_OBJECTS_PER_CHUNK = 32;

/** How many pieces of ungranted access standard error lists before counting the rest. */
const MAX_UNGRANTED_LINES = 20;

/** What `--fail-on ungranted` failed on, on standard error: the report on stdout stays the report. */
function writeUngranted(result: AuditResult, io: Pick<CliIo, 'stderr'>): void {
  const lines: string[] = [];
  let total = 0;
  for (const obj of result.objects) {
    const label = escapeControl(objectLabel(obj));
    const items = [
      ...obj.ungranted.map(u => `${[u.privilege, u.target === undefined ? undefined : u.writable === undefined ? u.target : `${u.target} ${u.writable ? 'rw' : 'ro'}`, u.container === undefined ? undefined : `(${u.container})`].filter(Boolean).join(' ')} at ${u.path}`),
      ...obj.absentGrants.map(g => `the record grants ${JSON.stringify(g)}, which the pod does not hold`),
    ];
    for (const item of items) {
      total++;
      if (lines.length < MAX_UNGRANTED_LINES) lines.push(`  ${label}: ${escapeControl(item)}`);
    }
  }
  if (total > lines.length) lines.push(`  ... and ${total - lines.length} more (--format json lists each object's "ungranted" and "absentGrants")`);
  io.stderr.write(`cdk8s-node-agents: --fail-on ungranted: host access held without a recorded grant:\n${lines.join('\n')}\n`);
}

/** Whether anything in the result reaches the --fail-on threshold. */
export function reaches(result: AuditResult, failOn: FailOn): boolean {
  switch (failOn) {
    case 'privileged': return result.objects.some(o => o.level === PodSecurityLevel.PRIVILEGED);
    case 'baseline': return result.objects.some(o => o.level !== PodSecurityLevel.RESTRICTED);
    case 'error': return result.objects.some(o => o.findings.some(f => f.severity === 'error'));
    case 'warning': return result.objects.some(o => o.findings.some(f => f.severity === 'error' || f.severity === 'warning'));
    case 'ungranted': return result.objects.some(o => o.ungranted.length > 0 || o.absentGrants.length > 0);
  }
}

function packageVersion(): string {
  // src/cli and lib/cli are both two levels below the package root.
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf-8')).version;
}
