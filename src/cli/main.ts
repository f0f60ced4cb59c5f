#!/usr/bin/env node
import { run } from './run';

/** The `cdk8s-node-agents` command. Never prints a stack trace: errors are reported as such. */
run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
}).then(code => {
  process.exitCode = code;
}, (e: unknown) => {
  process.stderr.write(`cdk8s-node-agents: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  process.exitCode = 2;
});
