/**
 * Text helpers for the human-readable reports: file names, names and reasons come from the
 * input, so they are escaped before they reach a terminal or a Markdown table.
 */

/** Control characters, and the Unicode ones that move or hide text (bidirectional overrides, line separators). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes what could break a row or spoof one: `a\nb` becomes `a\\nb`. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, c => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Word-wraps `text` into lines of at most `width` characters; words longer than that are cut.
 * Linear in the text.
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  if (text.length <= w) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (!word) continue;
    if (line && line.length + 1 + word.length <= w) {
      line += ` ${word}`;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (line.length > w) {
      lines.push(line.slice(0, w));
      line = line.slice(w);
    }
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}
