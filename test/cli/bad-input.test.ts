import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CliRun, runCli } from './support';

const dir = mkdtempSync(join(tmpdir(), 'audit-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer) => { const p = join(dir, name); writeFileSync(p, text); return p; };

const good = file('good.yaml', `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: kube-system }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      hostNetwork: true
      containers: [{ name: agent, image: agent:1 }]
`);
const broken = file('broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indentation\n');
const scalar = file('scalar.yaml', '---\njust a string\n');
const wrongTypes = file('wrong-types.yaml', `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: wrong }
spec:
  template:
    spec:
      hostNetwork: "yes"
      containers: "agent"
`);
const empty = file('empty.yaml', '');
const latin1 = file('latin1.yaml', Buffer.from('apiVersion: v1\nkind: Pod\nmetadata: { name: caf\xe9 }\n', 'latin1'));
const missing = join(dir, 'missing.yaml');

let run: CliRun;
beforeAll(async () => {
  run = await runCli(['audit', '--format', 'json', good, broken, scalar, wrongTypes, empty, latin1, missing, '-'], 'apiVersion: v1\nkind: Pod\nmetadata: [\n');
});

test('bad input exits 2 and never shows a stack trace', () => {
  expect(run.status).toBe(2);
  expect(run.stderr).toBe('');
  expect(run.stdout).not.toMatch(/\n\s+at /);
});

test('the good file is still reported', () => {
  expect(run.json.objects.map((o: any) => [o.file, o.name, o.level])).toEqual([[good, 'agent', 'privileged']]);
});

test('each bad input is named in errors, in input order, YAML errors with their line', () => {
  expect(run.json.errors).toEqual([
    { file: broken, line: 5, message: 'invalid YAML: bad indentation of a mapping entry' },
    { file: scalar, line: 2, message: 'the document is a scalar ("just a string"), not a Kubernetes object' },
    { file: wrongTypes, line: 1, message: 'DaemonSet wrong: spec.template.spec.hostNetwork must be true or false, got "yes"; spec.template.spec.containers must be a list of objects, got "agent"; spec.template.spec.containers must be a non-empty list of containers' },
    { file: empty, message: 'no YAML documents: the input is empty' },
    { file: latin1, message: 'the input is not UTF-8 text' },
    { file: missing, message: 'cannot read: no such file or directory' },
    { file: '-', line: 4, message: 'invalid YAML: unexpected end of the stream within a flow collection' },
  ]);
});

test('standard input is read when given -', async () => {
  const stdin = await runCli(['audit', '--format', 'json', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: i }] }\n');
  expect(stdin.status).toBe(0);
  expect(stdin.json.objects).toEqual([expect.objectContaining({ file: '-', kind: 'Pod', name: 'p', level: 'baseline' })]);
});
