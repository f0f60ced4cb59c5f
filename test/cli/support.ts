import { spawnSync, SpawnSyncOptions } from 'child_process';
import { join } from 'path';
import { Readable } from 'stream';
import { run } from '../../src/cli/run';

/** The built command (npm test compiles lib/ first), run as users run it. */
export const CLI = join(__dirname, '..', '..', 'lib', 'cli', 'main.js');

export interface CliRun { status: number; stdout: string; stderr: string; json?: any }

/**
 * Runs the command in process, so coverage counts it: `stdin` is what standard input holds,
 * `columns` the terminal width (none: not a terminal).
 */
export async function runCli(args: string[], stdin?: string | Buffer, columns?: number): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await run(args, {
    stdin: Readable.from(stdin === undefined ? [] : [Buffer.from(stdin)]),
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    columns,
  });
  const result: CliRun = { status, stdout: stdout.join(''), stderr: stderr.join('') };
  if (args.some(a => a === 'json' || a === '--format=json')) result.json = JSON.parse(result.stdout);
  return result;
}

/** Runs the built bin in a child process: for exit codes, signals and what reaches the terminal. */
export interface BinRun { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export function runBin(args: string[], options: SpawnSyncOptions = {}): BinRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024, input: '', ...options });
  return { status: r.status, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr) };
}
