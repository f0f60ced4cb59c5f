import { AuditResult } from './audit';
import { byFile, objectLabel, objectRows } from './rows';
import { escapeControl, wrap } from './text';

/** How wide the table may be: the terminal's columns, 80 when the output is not a terminal. */
export interface TableOptions {
  readonly width?: number;
}

export const DEFAULT_WIDTH = 80;
const TYPE_WIDTH = 'violation'.length;
const INDENT = '  ';
const GAP = '  ';

/** The table report as one string (see `tableLines`). */
export function formatTable(result: AuditResult, options: TableOptions = {}): string {
  return [...tableLines(result, options)].join('\n') + '\n';
}

/**
 * The report for a person at a terminal, line by line: per file, each object with its level,
 * then its violations, grants and findings, wrapped to the width. Everything from the input
 * is escaped, so a name or a reason cannot add a line. The full text is in the JSON and
 * Markdown forms.
 */
export function* tableLines(result: AuditResult, options: TableOptions = {}): Generator<string> {
  const width = Math.max(40, options.width ?? DEFAULT_WIDTH);
  for (const [file, objects] of byFile(result)) {
    yield* wrap(escapeControl(file), width);
    for (const obj of objects) {
      yield* wrap(`${escapeControl(objectLabel(obj))}  ${obj.level}`, width);
      const rows = objectRows(obj).map(r => ({ type: r.type, what: escapeControl(r.what), detail: escapeControl(r.detail) }));
      // WHAT gets its widest cell up to two fifths of the room; DETAIL the rest.
      const room = width - INDENT.length - TYPE_WIDTH - 2 * GAP.length;
      const whatWidth = Math.min(rows.reduce((max, r) => Math.max(max, r.what.length), 0), Math.floor(room * 0.4));
      const detailWidth = room - whatWidth;
      for (const row of rows) {
        const what = wrap(row.what, whatWidth);
        const detail = wrap(row.detail, detailWidth);
        for (let i = 0; i < Math.max(what.length, detail.length); i++) {
          const cells = [i ? '' : row.type, what[i] ?? '', detail[i] ?? ''];
          yield `${INDENT}${cells[0].padEnd(TYPE_WIDTH)}${GAP}${cells[1].padEnd(whatWidth)}${GAP}${cells[2]}`.trimEnd();
        }
      }
    }
    yield '';
  }
  for (const e of result.errors) {
    const [first, ...rest] = wrap(`error: ${escapeControl(e.file)}${e.line ? `:${e.line}` : ''}: ${escapeControl(e.message)}`, width);
    yield first;
    for (const line of rest.length ? wrap(rest.join(' '), width - INDENT.length) : []) yield INDENT + line;
  }
  yield* wrap(`${result.objects.length} objects audited at Pod Security ${result.policyVersion}, ${result.skipped} skipped (no pod template), ${result.errors.length} input errors`, width);
}
