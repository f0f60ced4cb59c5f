import { AuditedObject, AuditResult } from './audit';
import { Grant } from '../model/grant';
import { grantLabel } from '../model/grant-kinds';

/** One line of an object's report: a violation, a grant or a finding. */
export interface ReportRow {
  readonly type: 'violation' | 'grant' | 'finding';
  readonly what: string;
  readonly detail: string;
}

/** The objects of a result grouped by file, in input order. */
export function byFile(result: AuditResult): Map<string, AuditedObject[]> {
  const files = new Map<string, AuditedObject[]>();
  for (const obj of result.objects) {
    const objects = files.get(obj.file);
    if (objects) objects.push(obj);
    else files.set(obj.file, [obj]);
  }
  return files;
}

/** `DaemonSet kube-system/kube-proxy`. */
export function objectLabel(obj: AuditedObject): string {
  return `${obj.kind} ${obj.namespace ? `${obj.namespace}/` : ''}${obj.name}`;
}

/** The rows of one object: why it needs its level, what it was granted, what else was found. */
export function objectRows(obj: AuditedObject): ReportRow[] {
  return [
    ...obj.violations.map(v => ({ type: 'violation' as const, what: v.check, detail: v.message })),
    ...obj.grants.map(g => ({ type: 'grant' as const, what: grantLabel(g as unknown as Grant), detail: String(g.reason ?? '(no reason given)') })),
    ...obj.findings.map(f => ({ type: 'finding' as const, what: `${f.severity} ${f.id}`, detail: f.message })),
  ];
}
