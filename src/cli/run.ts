import { Command, FailOn } from './args';
import { readInputs } from './input';
import { PodSecurityLevel } from '../checks/pod-security/api';
import { auditDocuments, AuditResult } from '../report/audit';
import { formatMarkdown } from '../report/format-markdown';
import { formatTable } from '../report/format-table';

/** Runs an audit command: reads, audits, formats, and decides the exit code. */
export function runAudit(command: Extract<Command, { kind: 'audit' }>, readStdin: () => string): { output: string; exitCode: number; result: AuditResult } {
  const inputs = readInputs(command.paths, readStdin);
  const result = auditDocuments(inputs.documents, command.minor, inputs.errors);
  const output = command.format === 'json' ? JSON.stringify(result, null, 2) + '\n'
    : command.format === 'markdown' ? formatMarkdown(result) : formatTable(result);
  const exitCode = result.errors.length ? 2 : command.failOn && reaches(result, command.failOn) ? 1 : 0;
  return { output, exitCode, result };
}

/** Whether anything in the result reaches the --fail-on threshold. */
export function reaches(result: AuditResult, failOn: FailOn): boolean {
  switch (failOn) {
    case 'privileged': return result.objects.some(o => o.level === PodSecurityLevel.PRIVILEGED);
    case 'baseline': return result.objects.some(o => o.level !== PodSecurityLevel.RESTRICTED);
    case 'error': return result.objects.some(o => o.findings.some(f => f.severity === 'error'));
    case 'warning': return result.objects.some(o => o.findings.some(f => f.severity === 'error' || f.severity === 'warning'));
  }
}
