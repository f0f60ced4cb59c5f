import { FAILSAFE_SCHEMA, Schema, Type } from 'js-yaml';

/**
 * A js-yaml schema that resolves plain scalars as go-yaml v2 does when decoding into
 * `interface{}` (its `resolve.go`), which is what kubectl and the API server use through
 * sigs.k8s.io/yaml. Each decision and its source is listed in docs/YAML.md.
 */

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS = new Map<string, number>([
  ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN],
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity],
  ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
  ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
]);

/** Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint` syntax, once underscores are removed. */
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml's `yamlStyleFloat`. */
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** What `strconv.ParseFloat` accepts after a leading dot (the `.` hint of resolve.go). */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** The value go-yaml gives a plain scalar, or `undefined` when it stays a string. */
export function resolvePlainScalar(text: string): unknown {
  if (NULL.has(text)) return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  if (SPECIAL_FLOATS.has(text)) return SPECIAL_FLOATS.get(text);
  const first = text[0];
  if (first === '.') return DOT_FLOAT.test(text) ? finite(Number(text)) : undefined;
  if (!/^[-+0-9]$/.test(first)) return undefined;
  const plain = text.replace(/_/g, '');
  if (GO_INT.test(plain)) {
    const n = parseGoInt(plain);
    if (n >= INT64_MIN && n <= UINT64_MAX) return Number(n);
  }
  if (GO_FLOAT.test(plain)) return finite(Number(plain));
  return undefined;
}

/** Go's base-0 integer syntax: a leading 0 alone means octal. */
function parseGoInt(plain: string): bigint {
  const negative = plain[0] === '-';
  const digits = plain.replace(/^[-+]/, '');
  let value: bigint;
  if (/^0[oO]/.test(digits)) value = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits.toLowerCase());
  if (negative) value = -value;
  // ParseInt refuses more than int64 and ParseUint refuses any sign; both fall through to the float path.
  if (value > INT64_MAX && (negative || plain[0] === '+')) return UINT64_MAX + 1n;
  return value;
}

/** Out-of-range floats (`1e400`) are an error for ParseFloat, so the scalar stays a string. */
function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

function scalarType(tag: string, test: (text: string) => boolean, construct: (text: string) => unknown): Type {
  return new Type(tag, { kind: 'scalar', resolve: (data: string | null) => test(data ?? ''), construct: (data: string | null) => construct(data ?? '') });
}

const nullType = scalarType('tag:yaml.org,2002:null', t => NULL.has(t), () => null);
const boolType = scalarType('tag:yaml.org,2002:bool', t => TRUE.has(t) || FALSE.has(t), t => TRUE.has(t));
/** The last scalar `isNumber` resolved: js-yaml constructs right after resolving, with the same text. */
let last: { text: string; value: unknown } = { text: '', value: null };
const resolved = (t: string) => (t === last.text ? last.value : (last = { text: t, value: resolvePlainScalar(t) }).value);
/** Only a scalar starting with a digit, a sign or a dot can be a number: most are not, and need no resolving. */
const mayBeNumber = (t: string) => { const c = t.charCodeAt(0); return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; };
const isNumber = (t: string) => mayBeNumber(t) && typeof resolved(t) === 'number';
const intType = scalarType('tag:yaml.org,2002:int', t => GO_INT.test(t.replace(/_/g, '')) && isNumber(t), resolved);
const floatType = scalarType('tag:yaml.org,2002:float', isNumber, resolved);
/** go-yaml decodes `!!binary` into a Go string, which JSON then writes as UTF-8 text. */
const binaryType = scalarType('tag:yaml.org,2002:binary', t => /^[A-Za-z0-9+/=\s]*$/.test(t), t => Buffer.from(t.replace(/\s/g, ''), 'base64').toString('utf-8'));
/** Into `interface{}`, go-yaml v2 keeps a timestamp's text as a string. */
const timestampType = scalarType('tag:yaml.org,2002:timestamp', () => true, t => t);
/** An explicit `!!merge` is refused (see docs/YAML.md): resolving it to nothing makes js-yaml report it with its line. */
const explicitMergeType = scalarType('tag:yaml.org,2002:merge', () => false, () => undefined);

/** Tags go-yaml does not know are ignored: the node keeps its value (a scalar stays a string). */
const ignoredTags = ['!', 'tag:'].flatMap(prefix => (['scalar', 'sequence', 'mapping'] as const).map(kind =>
  new Type(prefix, { kind, multi: true, construct: (data: unknown) => data ?? (kind === 'scalar' ? '' : kind === 'sequence' ? [] : {}) })));

/**
 * Builds the schema. A plain `<<` (a merge key for go-yaml) is constructed as the string
 * `mergeKey()` returns, unique per occurrence, so that js-yaml keeps every merge key in its
 * place in the mapping and the decoder can apply them in go-yaml's order.
 */
export function goYamlSchema(mergeKey: () => string): Schema {
  const mergeMarker = new Type('tag:cdk8s-node-agents,2026:merge-key', { kind: 'scalar', resolve: (data: string | null) => data === '<<', construct: () => mergeKey() });
  const implicitNumber = new Type('tag:cdk8s-node-agents,2026:number', { kind: 'scalar', resolve: isNumber, construct: resolved });
  return FAILSAFE_SCHEMA.extend({
    implicit: [nullType, boolType, implicitNumber, mergeMarker],
    explicit: [intType, floatType, binaryType, timestampType, explicitMergeType, ...ignoredTags],
  });
}
