#!/usr/bin/env node
import { run } from './run';

/** The `cdk8s-node-agents` command. Never prints a stack trace: errors are reported as such. */

// A reader that goes away (`audit ... | head`) ends the run quietly instead of crashing it.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  process.exit(e.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
});

run(process.argv.slice(2), {
  // Standard input is touched only when `-` is given.
  stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
  stdout: process.stdout,
  stderr: process.stderr,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
}).then(code => {
  process.exitCode = code;
}, (e: unknown) => {
  process.stderr.write(`cdk8s-node-agents: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  process.exitCode = 2;
});
