/**
 * Splits a YAML stream into documents the way kubectl does (apimachinery `YAMLReader.Read`):
 * line by line, at every line that starts with `---`, which may be followed only by blanks or
 * a comment. Splitting here, not in the parser, keeps kubectl's reading and gives each
 * document's line for free.
 */

/** One document of a stream. */
export interface DocumentText {
  readonly text: string;
  /** The 1-based line of the stream where `text` starts. */
  readonly firstLine: number;
  /** The line of the first content (not blank, not a comment), or `firstLine` if none. */
  readonly contentLine: number;
  /** The path of a `# Source: path` comment before the content, as `helm template` writes. */
  readonly helmSource?: string;
}

/** A `---` line followed by content: kubectl stops reading the stream there. */
export interface SeparatorError {
  readonly line: number;
  readonly message: string;
}

const HELM_SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/;

export function* kubectlDocuments(stream: string): Generator<DocumentText | SeparatorError> {
  let start = 0;
  let startLine = 1;
  let position = 0;
  let line = 1;
  while (position < stream.length) {
    const end = stream.indexOf('\n', position);
    const next = end === -1 ? stream.length : end + 1;
    if (stream.startsWith('---', position)) {
      const rest = stream.slice(position + 3, next).trim();
      if (rest && !rest.startsWith('#')) {
        yield { line, message: `invalid document separator "---${rest}": kubectl allows only a comment after ---, so it stops reading here` };
        return;
      }
      if (position > start) yield document(stream, start, position, startLine);
      start = next;
      startLine = line + 1;
    }
    position = next;
    line++;
  }
  if (stream.length > start) yield document(stream, start, stream.length, startLine);
}

function document(stream: string, start: number, end: number, firstLine: number): DocumentText {
  // Only the leading comments are read line by line, for the content line and helm's source.
  let position = start;
  let line = firstLine;
  let contentLine = firstLine;
  let helmSource: string | undefined;
  while (position < end) {
    const lineEnd = stream.indexOf('\n', position);
    const next = lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1;
    const content = stream.slice(position, next).trim();
    if (content !== '' && !content.startsWith('#')) {
      contentLine = line;
      break;
    }
    helmSource ??= HELM_SOURCE.exec(content)?.[1];
    position = next;
    line++;
  }
  // go-yaml decodes only the first document of what kubectl hands it: a `...` line ends it.
  const text = stream.slice(start, end);
  let at = position - start;
  while (at < text.length) {
    if (text.startsWith('...', at) && (at + 3 === text.length || /\s/.test(text[at + 3]))) {
      return { text: text.slice(0, at), firstLine, contentLine, helmSource };
    }
    const marker = text.indexOf('\n...', at);
    if (marker === -1) break;
    at = marker + 1;
  }
  return { text, firstLine, contentLine, helmSource };
}
