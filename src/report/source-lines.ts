import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';

/** Which object of a file: the identity the audit reports it by. */
export interface ObjectIdentity {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/**
 * The line of a field of an object in an input file, for reports that point at lines (SARIF).
 * Each file is parsed once, with `yaml` (which keeps positions), only when a line is asked for.
 */
export class SourceLines {
  private readonly files = new Map<string, ParsedFile | undefined>();

  /** @param read the text of an input file, or undefined when it cannot be read again (standard input) */
  constructor(private readonly read: (file: string) => string | undefined) {}

  /**
   * The 1-based line of `path` (a field path as the rules report it, e.g.
   * `spec.template.spec.containers[0].volumeMounts[1]`) in the object, or of the nearest field
   * above it that exists; undefined when the file or the object cannot be found.
   */
  public line(file: string, obj: ObjectIdentity, path: string): number | undefined {
    const parsed = this.parsed(file);
    if (!parsed) return undefined;
    const node = parsed.objects.get(identityKey(obj.kind, obj.namespace, obj.name));
    if (!node) return undefined;
    return parsed.lineCounter.linePos(offsetOf(node, fieldPath(path))).line;
  }

  private parsed(file: string): ParsedFile | undefined {
    if (this.files.has(file)) return this.files.get(file);
    let parsed: ParsedFile | undefined;
    try {
      const text = this.read(file);
      if (text !== undefined) {
        const lineCounter = new LineCounter();
        const nodes = parseAllDocuments(text, { lineCounter }).flatMap(doc => {
          const contents = doc.contents;
          if (!isMap(contents)) return [];
          const items = contents.get('items', true);
          const kind: unknown = contents.get('kind');
          return typeof kind === 'string' && kind.endsWith('List') && isSeq(items) ? items.items.filter(isMap) : [contents];
        });
        // By identity, the first of equal ones: a list of thousands is not searched once per result.
        const objects = new Map<string, Node>();
        for (const node of nodes) {
          const key = nodeIdentity(node);
          if (key !== undefined && !objects.has(key)) objects.set(key, node);
        }
        parsed = { lineCounter, objects };
      }
    } catch {
      parsed = undefined; // no line then: the report still names the file
    }
    this.files.set(file, parsed);
    return parsed;
  }
}

interface ParsedFile {
  readonly lineCounter: LineCounter;
  readonly objects: Map<string, Node>;
}

function nodeIdentity(node: Node): string | undefined {
  if (!isMap(node)) return undefined;
  const metadata = node.get('metadata', true);
  const field = (key: string) => (isMap(metadata) ? metadata.get(key) : undefined);
  return identityKey(node.get('kind'), field('namespace') ?? undefined, field('name') ?? '');
}

function identityKey(kind: unknown, namespace: unknown, name: unknown): string {
  return JSON.stringify([kind, namespace ?? null, name]);
}

/** `a.b[0]["c.d"]` → `['a', 'b', 0, 'c.d']`. */
function fieldPath(path: string): Array<string | number> {
  const keys: Array<string | number> = [];
  for (const m of path.matchAll(/\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g)) {
    if (m[1] !== undefined) keys.push(parseInt(m[1], 10));
    else if (m[2] !== undefined) keys.push(m[2].replace(/\\(.)/g, '$1'));
    else keys.push(m[3]);
  }
  return keys;
}

/** The offset of the deepest field of `keys` that exists: its key in a map, the item in a list. */
function offsetOf(root: Node, keys: Array<string | number>): number {
  let node: unknown = root;
  let offset = root.range?.[0] ?? 0;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find(p => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      node = node.items[key];
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
