import { runCli } from './support';
import { GoYamlDecoder } from '../../src/cli/yaml/decode';
import { resolvePlainScalar } from '../../src/cli/yaml/go-yaml-schema';
import { kubectlDocuments } from '../../src/cli/yaml/kubectl-documents';

/** Each decision of docs/YAML.md: what go-yaml v2 (kubectl, the API server) gives, and so must we. */
const decode = (text: string) => new GoYamlDecoder(100_000).decode(text);
const decodeError = (text: string) => {
  try {
    decode(text);
  } catch (e) {
    return { message: (e as Error).message, line: (e as any).line };
  }
  throw new Error('expected a decoding error');
};

describe('scalars resolve as go-yaml v2 resolves them', () => {
  test.each([
    ['y', true], ['Y', true], ['yes', true], ['Yes', true], ['YES', true], ['on', true], ['On', true], ['ON', true], ['true', true], ['True', true],
    ['n', false], ['N', false], ['no', false], ['NO', false], ['off', false], ['Off', false], ['false', false], ['FALSE', false],
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['', null],
    ['0777', 511], ['0o777', 511], ['0O7', 7], ['0x1F', 31], ['0X1F', 31], ['0b1010', 10], ['0B1', 1], ['-0b101', -5], ['-0x10', -16],
    ['1_000', 1000], ['1000_', 1000], ['1__0', 10], ['0_7', 7], ['08', 8], ['+5', 5],
    ['1e3', 1000], ['5.', 5], ['.5', 0.5], ['-1.5e-1', -0.15], ['99999999999999999999', 1e20],
  ])('%s', (text, value) => {
    expect(resolvePlainScalar(text)).toBe(value);
  });

  test.each([
    'yEs', 'tRue', 'oN', 'nULL', '_1000', '1:30', '190:20:30.15', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '0x1p3', '.iNf', '1e400', '0x', '-', '.', 'constructor', '__proto__', '<<',
  ])('%s stays a string', text => {
    expect(resolvePlainScalar(text)).toBeUndefined();
  });

  test('in documents: quoted scalars stay strings, timestamps keep their text', () => {
    expect(decode('a: yes\nb: "yes"\nc: 2001-12-14\nd: 1:30\ne: 0o17\nf: <<')).toEqual({ a: true, b: 'yes', c: '2001-12-14', d: '1:30', e: 15, f: '<<' });
  });

  test('.inf and .nan make kubectl refuse the document', () => {
    expect(decodeError('a: .inf').message).toMatch(/\.inf or \.nan, which kubectl cannot write as JSON/);
    expect(decodeError('a: [-.Inf]').message).toMatch(/\.inf or \.nan/);
    expect(decodeError('a: !!float .nan').message).toMatch(/\.inf or \.nan/);
  });

  test('tags: !!str, !!int, !!float, !!binary as go-yaml decodes them; unknown tags are ignored', () => {
    expect(decode('a: !!str 1\nb: !!int "12"\nc: !!float 1\nd: !!binary aGk=\ne: !custom 1\nf: !custom {x: 1}\ng: !<tag:example.com,2000:x> [1]\nh: !!timestamp 2001-12-14'))
      .toEqual({ a: '1', b: 12, c: 1, d: 'hi', e: '1', f: { x: 1 }, g: [1], h: '2001-12-14' });
  });
});

describe('mapping keys', () => {
  test('keys resolve like values, then become strings: y, on and Yes are all "true"; the last wins', () => {
    expect(decode('y: 1\nn: 4\non: 3\nYes: 5\n0x10: a')).toEqual({ true: 5, false: 4, 16: 'a' });
  });

  test('duplicate keys: the last value wins, as in kubectl (which never reports them)', () => {
    expect(decode('a: 1\nb: {c: 1, c: 2}\na: 3')).toEqual({ a: 3, b: { c: 2 } });
  });

  test('__proto__ is a key like any other', () => {
    const value = decode('__proto__: {polluted: 1}\nother: 2') as any;
    expect(Object.keys(value)).toEqual(['__proto__', 'other']);
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe('merge keys are merged in go-yaml order', () => {
  test('a key before << is overwritten by the merged map; a key after it wins', () => {
    expect(decode('base: &b {privileged: true, runAsUser: 0}\nsc:\n  privileged: false\n  <<: *b\n  runAsUser: 1000')).toEqual({
      base: { privileged: true, runAsUser: 0 },
      sc: { privileged: true, runAsUser: 1000 },
    });
  });

  test('a list of maps: the earlier map wins; several << keys in one map are applied in order', () => {
    expect(decode('a: &a {p: 1}\nb: &b {p: 2, q: 2}\nc: {<<: [*a, *b]}\nd: {<<: *a, r: 0, <<: *b}')).toEqual({
      a: { p: 1 }, b: { p: 2, q: 2 }, c: { p: 1, q: 2 }, d: { p: 2, q: 2, r: 0 },
    });
  });

  test('merges inside a merged map are applied first; a quoted "<<" is an ordinary key', () => {
    expect(decode('a: &a {x: 1}\nb: &b {<<: *a, z: 2}\nc: {<<: *b}\nd: {"<<": *a}')).toEqual({
      a: { x: 1 }, b: { x: 1, z: 2 }, c: { x: 1, z: 2 }, d: { '<<': { x: 1 } },
    });
  });

  test('what go-yaml refuses, and what this reader refuses rather than guess', () => {
    expect(decodeError('a: {<<: 1}').message).toBe('map merge requires map or sequence of maps as the value (a << key)');
    expect(decodeError('a: &a {b: *a}').message).toBe('an anchor\'s value contains an alias to itself');
    expect(decodeError('a: &a {x: 1}\nb: {x: 0, <<: *a, x: 2}')).toEqual({ message: expect.stringMatching(/^duplicated mapping key in a document with merge keys/), line: 2 });
    expect(decodeError('a: {x: 1}\nb:\n  !!merge <<: {x: 2}')).toEqual({ message: expect.stringMatching(/^invalid YAML: cannot resolve a node with !<tag:yaml.org,2002:merge> explicit tag/), line: 3 });
  });
});

describe('aliases', () => {
  test('a few aliases are fine', () => {
    expect(decode(`a: &a {x: 1}\nb: [${Array(500).fill('*a').join(', ')}]`)).toEqual({ a: { x: 1 }, b: Array(500).fill({ x: 1 }) });
  });

  test('an alias bomb is refused as soon as its expansion passes the budget', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefghi') levels.push(`${name}: &${name} [${Array(10).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(', ')}]`);
    const bomb = levels.join('\n');
    expect(bomb.length).toBeLessThan(700);
    const started = Date.now();
    expect(decodeError(bomb).message).toBe('aliases and merge keys expand to more than 100000 nodes (raise the limit with --max-alias-nodes)');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('merge keys count against the same budget', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}: ${i}`).join(', ');
    const text = `a: &a {${keys}}\nb: [${Array(200).fill('{<<: *a}').join(', ')}]`;
    expect(() => new GoYamlDecoder(100_000).decode(text)).not.toThrow();
    expect(() => new GoYamlDecoder(10_000).decode(text)).toThrow(/expand to more than 10000 nodes/);
  });
});

describe('documents are split as kubectl splits them', () => {
  const split = (text: string) => [...kubectlDocuments(text)];

  test('at lines starting with ---, with their lines; a comment may follow ---', () => {
    expect(split('a: 1\n--- # two\n\nb: 2\n---\n')).toEqual([
      { text: 'a: 1\n', firstLine: 1, contentLine: 1, helmSource: undefined },
      { text: '\nb: 2\n', firstLine: 3, contentLine: 4, helmSource: undefined },
    ]);
  });

  test('content after --- stops kubectl, which drops the document it was reading: an error at that line', () => {
    expect(split('a: 1\n---\nb: 1\n--- {b: 2}\nc: 3\n')).toEqual([
      { text: 'a: 1\n', firstLine: 1, contentLine: 1, helmSource: undefined },
      { line: 4, message: 'invalid document separator "---{b: 2}": kubectl allows only a comment after ---, so it stops reading here' },
    ]);
    expect(split('----\n')).toEqual([{ line: 1, message: expect.stringContaining('"----"') }]);
  });

  test('what follows a ... line in a document is dropped, as go-yaml decodes only the first document', () => {
    expect(split('a: 1\n...\nkind: Pod\n---\nb: 2\n').map(d => (d as any).text)).toEqual(['a: 1\n', 'b: 2\n']);
  });

  test('a %YAML directive is left alone before the first ---, as kubectl leaves it: an error', async () => {
    const run = await runCli(['audit', '--format', 'json', '-'], '%YAML 1.1\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: i }] }\n');
    expect(run.json.errors).toEqual([{ file: '-', line: 2, message: 'invalid YAML: directives end mark is expected' }]);
    expect(run.json.objects.map((o: any) => o.name)).toEqual(['p']);
  });

  test('helm\'s # Source: comment names the document', () => {
    expect(split('---\n# Source: chart/templates/ds.yaml\napiVersion: v1\n')).toEqual([
      { text: '# Source: chart/templates/ds.yaml\napiVersion: v1\n', firstLine: 2, contentLine: 3, helmSource: 'chart/templates/ds.yaml' },
    ]);
  });
});

describe('a pod written to slip past a YAML 1.2 reader is rated as the API server sees it', () => {
  const pod = (securityContext: string) => `apiVersion: v1
kind: Pod
metadata: { name: sneaky }
x-defaults: &privileged { privileged: true }
spec:
  containers:
  - name: c
    image: i
    securityContext:
${securityContext}
`;

  test.each([
    ['privileged: yes', '      privileged: yes'],
    ['privileged: on', '      privileged: on'],
    ['a merge key', '      <<: *privileged'],
    ['a merge key after privileged: false', '      privileged: false\n      <<: *privileged'],
    ['a duplicate key', '      privileged: false\n      privileged: true'],
  ])('%s', async (_, securityContext) => {
    const run = await runCli(['audit', '--format', 'json', '--fail-on', 'privileged', '-'], pod(securityContext));
    expect(run.json.errors).toEqual([]);
    expect(run.json.objects.map((o: any) => [o.name, o.level])).toEqual([['sneaky', 'privileged']]);
    expect(run.status).toBe(1);
  });

  test('an object with items is a list for kubectl: its items are audited, bare items take the list\'s kind', async () => {
    const list = `apiVersion: v1
kind: PodList
metadata: { name: not-a-pod }
items:
- metadata: { name: bare }
  spec: { hostPID: true, containers: [{ name: c, image: i }] }
- apiVersion: apps/v1
  kind: DaemonSetList
  items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: { name: nested }
    spec: { selector: {}, template: { spec: { containers: [{ name: c, image: i, securityContext: { privileged: true } }] } } }
`;
    const run = await runCli(['audit', '--format', 'json', '-'], list);
    expect(run.json.errors).toEqual([]);
    expect(run.json.objects.map((o: any) => [o.kind, o.name, o.level])).toEqual([['Pod', 'bare', 'privileged'], ['DaemonSet', 'nested', 'privileged']]);
  });
});
