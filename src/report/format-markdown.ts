import { AuditResult } from './audit';
import { byFile, objectLabel, objectRows } from './rows';

/** A Markdown report, for a pull-request comment. */
export function formatMarkdown(result: AuditResult): string {
  const out: string[] = [`## Node-agent audit (Pod Security ${result.policyVersion})`, ''];
  for (const [file, objects] of byFile(result)) {
    out.push(`### \`${file}\``, '', '| Object | Level | Type | What | Detail |', '|---|---|---|---|---|');
    for (const obj of objects) {
      const items = objectRows(obj);
      if (!items.length) out.push(`| ${cell(objectLabel(obj))} | ${obj.level} | | | |`);
      items.forEach((r, i) => out.push(`| ${i ? '' : cell(objectLabel(obj))} | ${i ? '' : `**${obj.level}**`} | ${r.type} | ${cell(r.what)} | ${cell(r.detail)} |`));
    }
    out.push('');
  }
  if (result.errors.length) {
    out.push('### Input errors', '');
    for (const e of result.errors) out.push(`- \`${e.file}${e.line ? `:${e.line}` : ''}\`: ${cell(e.message)}`);
    out.push('');
  }
  out.push(`${result.objects.length} objects audited, ${result.skipped} skipped (no pod template), ${result.errors.length} input errors.`);
  return out.join('\n') + '\n';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
