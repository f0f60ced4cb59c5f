import { AuditResult } from './audit';
import { byFile, objectLabel, objectRows } from './rows';

/** One table per file, for a person at a terminal. */
export function formatTable(result: AuditResult): string {
  const out: string[] = [];
  for (const [file, objects] of byFile(result)) {
    const rows: string[][] = [['OBJECT', 'LEVEL', 'TYPE', 'WHAT', 'DETAIL']];
    for (const obj of objects) {
      const items = objectRows(obj);
      if (!items.length) rows.push([objectLabel(obj), obj.level, '-', '-', '-']);
      items.forEach((r, i) => rows.push([i ? '' : objectLabel(obj), i ? '' : obj.level, r.type, r.what, r.detail]));
    }
    out.push(file, ...align(rows), '');
  }
  for (const e of result.errors) out.push(`error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  out.push(`${result.objects.length} objects audited at Pod Security ${result.policyVersion}, ${result.skipped} skipped (no pod template), ${result.errors.length} input errors`);
  return out.join('\n') + '\n';
}

/** Pads every column but the last to its widest cell. */
function align(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  return rows.map(r => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}
