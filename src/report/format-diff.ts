import { AuditError } from './audit';
import { AuditDiff, HeldAccess, hasAdditions, loosened, ObjectDiff } from './diff';
import { escapeControl } from './text';

/** An input of either side that could not be read, parsed or checked: the rest is still compared. */
export interface DiffInputError extends AuditError {
  readonly side: 'old' | 'new';
}

/** One line of an object's drift. */
interface DriftRow {
  readonly change: string;
  readonly what: string;
}

/** The diff as JSON (the contract documented in the README). */
export function formatDiffJson(diff: AuditDiff, errors: readonly DiffInputError[] = []): string {
  return JSON.stringify({ ...diff, added: hasAdditions(diff), errors }, null, 2) + '\n';
}

/** The diff as a table per object, for a terminal. */
export function formatDiffTable(diff: AuditDiff, errors: readonly DiffInputError[] = []): string {
  const rows: string[][] = [['OBJECT', 'CHANGE', 'WHAT']];
  for (const o of diff.objects) driftRows(o).forEach((r, i) => rows.push([i ? '' : objectLabel(o), r.change, r.what]));
  const out = diff.objects.length ? align(rows) : [];
  out.push(...errors.map(e => escapeControl(errorLine(e))));
  out.push(summary(diff));
  return out.join('\n') + '\n';
}

/** The diff as Markdown, for a pull-request comment. */
export function formatDiffMarkdown(diff: AuditDiff, errors: readonly DiffInputError[] = []): string {
  const out = [`## Node-agent privilege drift (Pod Security ${diff.newPolicyVersion})`, ''];
  if (hasAdditions(diff)) out.push('> [!WARNING]', '> This change adds host access. Review each added or widened privilege below.', '');
  if (diff.objects.length) {
    out.push('| Object | Change | What |', '|---|---|---|');
    for (const o of diff.objects) {
      driftRows(o).forEach((r, i) => out.push(`| ${i ? '' : cell(objectLabel(o))} | ${r.change.startsWith('added') || r.change === 'widened' || r.change === 'level loosened' || r.change === 'sensitive path' ? `**${r.change}**` : r.change} | ${cell(r.what)} |`));
    }
    out.push('');
  }
  if (errors.length) out.push(...errors.map(e => `- ${cell(errorLine(e))}`), '');
  out.push(summary(diff));
  return out.join('\n') + '\n';
}

/** The rows of one object: what it gained first, then what it lost. */
export function driftRows(o: ObjectDiff): DriftRow[] {
  const rows: DriftRow[] = [];
  if (o.status === 'added') rows.push({ change: 'object added', what: `in ${o.newFile}` });
  if (o.status === 'removed') rows.push({ change: 'object removed', what: `from ${o.oldFile}` });
  if (o.status === 'changed' && (o.moved ?? o.oldFile !== o.newFile)) rows.push({ change: 'moved', what: `${o.oldFile} -> ${o.newFile}` });
  if (o.level) rows.push({ change: loosened(o.level) ? 'level loosened' : 'level', what: `${o.level.old ?? '-'} -> ${o.level.new ?? '-'}` });
  for (const a of o.added) rows.push({ change: 'added', what: accessLabel(a) });
  for (const a of o.widened) rows.push({ change: 'widened', what: `${accessLabel(a)} (was read-only)` });
  for (const p of o.newSensitivePaths) rows.push({ change: 'sensitive path', what: `${p.path} ${p.writable ? 'read-write' : 'read-only'}${p.container ? ` (${p.container})` : ''}: ${p.why}` });
  for (const g of o.grantReasons) rows.push({ change: 'reason changed', what: `${g.grant}: "${g.oldReason ?? '(none)'}" -> "${g.newReason ?? '(none)'}"` });
  for (const a of o.narrowed) rows.push({ change: 'narrowed', what: `${accessLabel(a)} (was read-write)` });
  for (const a of o.removed) rows.push({ change: 'removed', what: accessLabel(a) });
  return rows;
}

/** `hostPath /run/xtables.lock rw (kube-proxy)`. */
export function accessLabel(a: HeldAccess): string {
  const target = a.target === undefined ? undefined : a.privilege === 'hostPath' ? `${a.target} ${a.writable ? 'rw' : 'ro'}` : a.target;
  return [a.privilege, target, a.container ? `(${a.container})` : undefined].filter(Boolean).join(' ');
}

function objectLabel(o: ObjectDiff): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** `error: old: broken.yaml:3: invalid YAML: ...`. */
function errorLine(e: DiffInputError): string {
  return `error: ${e.side}: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`;
}

function summary(diff: AuditDiff): string {
  const count = (s: ObjectDiff['status']) => diff.objects.filter(o => o.status === s).length;
  return `${count('changed')} objects changed, ${count('added')} added, ${count('removed')} removed, ${diff.unchanged} unchanged; `
    + (hasAdditions(diff) ? 'host access added' : 'no host access added');
}

function align(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  return rows.map(r => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
