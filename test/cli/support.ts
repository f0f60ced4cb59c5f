import { spawnSync } from 'child_process';
import { join } from 'path';

/** The built command (npm test compiles lib/ first), run as users run it. */
export const CLI = join(__dirname, '..', '..', 'lib', 'cli', 'main.js');

export interface CliRun { status: number; stdout: string; stderr: string; json?: any }

export function runCli(args: string[], stdin?: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { input: stdin ?? '', encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  const run: CliRun = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  if (args.includes('json')) run.json = JSON.parse(r.stdout);
  return run;
}
