import { load, Schema, YAMLException } from 'js-yaml';
import { goYamlSchema } from './go-yaml-schema';

/** A document that cannot be decoded, with the line (relative to the document's text) when known. */
export class DecodeError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

/**
 * Nesting deeper than this is refused. The parser recurses, so this is not a flag: real
 * manifests nest a few dozen levels (go-yaml's own limit is 10,000).
 */
export const MAX_DEPTH = 1000;

/**
 * Decodes one document as kubectl does (go-yaml v2 through sigs.k8s.io/yaml): YAML 1.1
 * scalars, merge keys applied in go-yaml's order, the last of duplicate keys kept, and
 * documents that kubectl cannot turn into JSON refused. Aliases share their value, so
 * decoding stays linear; `maxAliasNodes` bounds how many nodes they (and merge keys) add
 * once expanded, which is what the checks and the JSON output would walk.
 */
export class GoYamlDecoder {
  /** Merge keys become strings no input can spell: a random prefix per decoder. */
  private prefix?: string;
  private merges = 0;
  private readonly schema: Schema;

  constructor(private readonly maxAliasNodes: number) {
    this.schema = goYamlSchema(() => `${this.mergePrefix}${this.merges++}`);
  }

  /** The document's value (`null` for an empty document). */
  decode(text: string): unknown {
    const mergesBefore = this.merges;
    let value: unknown;
    try {
      value = this.load(text, false);
    } catch (e) {
      if (!(e instanceof YAMLException) || !e.reason?.startsWith('duplicated mapping key')) throw asDecodeError(e);
      if (this.merges > mergesBefore) {
        throw new DecodeError(`${e.reason} in a document with merge keys (<<): kubectl would keep the last value and apply the merges in between in document order, which this reader does not reproduce; remove the duplicate`, e.mark?.line + 1);
      }
      // Without merge keys, go-yaml's rule is simply that the last value wins.
      try {
        value = this.load(text, true);
      } catch (e2) {
        throw asDecodeError(e2);
      }
    }
    // Without an anchor no value is reached twice, and without a merge key nothing is to be
    // merged: what is left of settling is refusing what kubectl refuses. Most manifests.
    if (this.merges === mergesBefore && !text.includes('&')) {
      refuseNonFinite(value, 0);
      return value;
    }
    return new Settler(this.mergePrefix, this.maxAliasNodes).settle(value);
  }

  /**
   * Made when first needed (a merge key, or an anchor to settle): most manifests have neither,
   * and loading `crypto` is a noticeable part of a small audit's start-up.
   */
  private get mergePrefix(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return this.prefix ??= `\u0000<<${(require('crypto') as typeof import('crypto')).randomBytes(8).toString('hex')}:`;
  }

  private load(text: string, lastKeyWins: boolean): unknown {
    // `maxDepth` is missing from @types/js-yaml; js-yaml 4.3 honours it.
    return load(text, { schema: this.schema, json: lastKeyWins, maxDepth: MAX_DEPTH } as any);
  }
}

function asDecodeError(e: unknown): DecodeError {
  if (e instanceof YAMLException) return new DecodeError(`invalid YAML: ${e.reason}`, e.mark ? e.mark.line + 1 : undefined);
  if (e instanceof RangeError) return new DecodeError(`the document nests too deeply to be read (more than ${MAX_DEPTH} levels)`);
  return new DecodeError(`invalid YAML: ${(e as Error).message}`);
}

/** The checks of `Settler.visit` that apply to a document without anchors or merge keys, in the same order. */
function refuseNonFinite(node: unknown, depth: number): void {
  if (typeof node === 'number' && !Number.isFinite(node)) {
    throw new DecodeError('the document holds .inf or .nan, which kubectl cannot write as JSON, so it refuses the document');
  }
  if (typeof node !== 'object' || node === null) return;
  if (depth > MAX_DEPTH) throw new DecodeError(`the document nests more than ${MAX_DEPTH} levels deep`);
  const container = node as Record<string, unknown>;
  for (const key of Object.keys(container)) refuseNonFinite(container[key], depth + 1);
}

/**
 * One walk over a decoded document: applies merge keys, restores `<<` values, refuses what
 * kubectl refuses, and counts the nodes aliases add when expanded.
 */
class Settler {
  private readonly sizes = new Map<object, number>();
  private readonly active = new Set<object>();
  private added = 0;

  constructor(private readonly mergePrefix: string, private readonly maxAliasNodes: number) {}

  settle(value: unknown): unknown {
    if (this.isMergeKey(value)) return '<<';
    this.visit(value, 0);
    return value;
  }

  private isMergeKey(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(this.mergePrefix);
  }

  private charge(nodes: number): void {
    this.added += nodes;
    if (this.added > this.maxAliasNodes) {
      throw new DecodeError(`aliases and merge keys expand to more than ${this.maxAliasNodes} nodes (raise the limit with --max-alias-nodes)`);
    }
  }

  /** The node's size once aliases are expanded. */
  private visit(node: unknown, depth: number): number {
    if (typeof node === 'number' && !Number.isFinite(node)) {
      throw new DecodeError('the document holds .inf or .nan, which kubectl cannot write as JSON, so it refuses the document');
    }
    if (typeof node !== 'object' || node === null) return 1;
    const known = this.sizes.get(node);
    if (known !== undefined) {
      // A second reach of the same value: an alias, expanded wherever it is walked or written.
      this.charge(known);
      return known;
    }
    if (this.active.has(node)) throw new DecodeError('an anchor\'s value contains an alias to itself');
    if (depth > MAX_DEPTH) throw new DecodeError(`the document nests more than ${MAX_DEPTH} levels deep`);
    this.active.add(node);
    let size = 1;
    let merges = false;
    const container = node as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const child = container[key];
      if (this.isMergeKey(child)) {
        container[key] = '<<';
        size++;
      } else {
        size += this.visit(child, depth + 1);
      }
      if (this.isMergeKey(key)) merges = true;
    }
    if (merges) size = this.merge(container);
    this.active.delete(node);
    this.sizes.set(node, size);
    return size;
  }

  /**
   * go-yaml applies a merge key where it stands: keys before it are overwritten by the merged
   * maps, keys after it win; the maps of a list are applied last to first (`decode.go` `merge`).
   */
  private merge(map: Record<string, unknown>): number {
    const entries = Object.keys(map).map(key => [key, map[key]] as const);
    for (const [key] of entries) delete map[key];
    for (const [key, value] of entries) {
      if (!this.isMergeKey(key)) {
        setKey(map, key, value);
        continue;
      }
      const sources = Array.isArray(value) ? [...value].reverse() : [value];
      for (const source of sources) {
        if (typeof source !== 'object' || source === null || Array.isArray(source)) {
          throw new DecodeError('map merge requires map or sequence of maps as the value (a << key)');
        }
        const from = source as Record<string, unknown>;
        for (const k of Object.keys(from)) {
          this.charge(1);
          setKey(map, k, from[k]);
        }
      }
    }
    let size = 1;
    for (const key of Object.keys(map)) {
      const child = map[key];
      size += typeof child === 'object' && child !== null ? this.sizes.get(child) ?? 1 : 1;
    }
    return size;
  }
}

/** Plain assignment, except for `__proto__`, which must stay a key like any other. */
function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
