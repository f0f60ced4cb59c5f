import { AuditResult } from './audit';
import { byFile, objectLabel, objectRows } from './rows';
import { escapeControl } from './text';

/** The Markdown report as one string (see `markdownLines`). */
export function formatMarkdown(result: AuditResult): string {
  return [...markdownLines(result)].join('\n') + '\n';
}

/** A Markdown report, for a pull-request comment, line by line, with the full text of every cell. */
export function* markdownLines(result: AuditResult): Generator<string> {
  yield `## Node-agent audit (Pod Security ${result.policyVersion})`;
  yield '';
  for (const [file, objects] of byFile(result)) {
    yield `### ${code(file)}`;
    yield '';
    yield '| Object | Level | Type | What | Detail |';
    yield '|---|---|---|---|---|';
    for (const obj of objects) {
      const items = objectRows(obj);
      if (!items.length) yield `| ${cell(objectLabel(obj))} | ${obj.level} | | | |`;
      for (let i = 0; i < items.length; i++) {
        const r = items[i];
        yield `| ${i ? '' : cell(objectLabel(obj))} | ${i ? '' : `**${obj.level}**`} | ${r.type} | ${cell(r.what)} | ${cell(r.detail)} |`;
      }
    }
    yield '';
  }
  if (result.errors.length) {
    yield '### Input errors';
    yield '';
    for (const e of result.errors) yield `- ${code(`${e.file}${e.line ? `:${e.line}` : ''}`)}: ${cell(e.message)}`;
    yield '';
  }
  yield `${result.objects.length} objects audited, ${result.skipped} skipped (no pod template), ${result.errors.length} input errors.`;
}

/** Text from the input inside a table cell: no line breaks, pipes or HTML. */
function cell(text: string): string {
  return escapeControl(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span that the text's own backticks cannot close. */
function code(text: string): string {
  const safe = escapeControl(text);
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${safe} ${fence}` : `${fence}${safe}${fence}`;
}
