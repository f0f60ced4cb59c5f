#!/usr/bin/env node
import { readFileSync } from 'fs';
import { parseArgs, USAGE } from './args';
import { runAudit } from './run';

/** The `cdk8s-node-agents` command. Never prints a stack trace: errors are reported as such. */
function main(): number {
  const command = parseArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(USAGE + '\n');
    return process.argv.length > 2 ? 0 : 2;
  }
  if (command.kind === 'error') {
    process.stderr.write(`cdk8s-node-agents: ${command.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { output, exitCode } = runAudit(command, () => readFileSync(0, 'utf-8'));
  process.stdout.write(output);
  return exitCode;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`cdk8s-node-agents: internal error: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
