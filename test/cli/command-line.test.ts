import { readFileSync } from 'fs';
import { join } from 'path';
import { runCli } from './support';
import { CORPUS } from '../support/fixtures';

const flannel = join(CORPUS, 'flannel.yaml');

test('--fail-on decides the exit code', async () => {
  expect((await runCli(['audit', flannel])).status).toBe(0);
  expect((await runCli(['audit', '--fail-on', 'privileged', flannel])).status).toBe(1);
  expect((await runCli(['audit', '--fail-on=baseline', flannel])).status).toBe(1);
  expect((await runCli(['audit', '--fail-on', 'error', flannel])).status).toBe(0);
  expect((await runCli(['audit', '--fail-on', 'warning', flannel])).status).toBe(1);
});

test('the table names the file, each object with its level, and why', async () => {
  const { stdout } = await runCli(['audit', flannel], undefined, 200);
  const lines = stdout.split('\n');
  expect(lines[0]).toBe(flannel);
  expect(lines[1]).toBe('DaemonSet kube-flannel/kube-flannel-ds  privileged');
  expect(lines[2]).toMatch(/^ {2}violation {2}capabilities_baseline +non-default capabilities \(container "kube-flannel" must not include "NET_ADMIN", "NET_RAW" in securityContext.capabilities.add\)$/);
  expect(stdout).toContain('\n1 objects audited at Pod Security v1.37, 5 skipped (no pod template), 0 input errors\n');
});

test('the table fits the terminal: 80 columns when not a terminal, wrapped, nothing lost', async () => {
  const narrow = await runCli(['audit', CORPUS]);
  const lines = narrow.stdout.trimEnd().split('\n');
  expect(Math.max(...lines.map(l => l.length))).toBeLessThanOrEqual(80);
  const wide = await runCli(['audit', CORPUS], undefined, 500);
  expect(Math.max(...wide.stdout.split('\n').map(l => l.length))).toBeGreaterThan(120);
  // The same text, only broken into more lines.
  const characters = (text: string) => [...text.replace(/\s/g, '')].sort().join('');
  expect(characters(narrow.stdout)).toBe(characters(wide.stdout));
  expect(lines.length).toBeGreaterThan(wide.stdout.split('\n').length);
  const wrapped = narrow.stdout.split('\n').filter(l => /^ {13}\S/.test(l) || /^ {2}\w+ {2,}\S+ {2,}\S/.test(l));
  expect(wrapped.length).toBeGreaterThan(10);
});

test('markdown is a table per file for a pull request, with the full text', async () => {
  const { stdout } = await runCli(['audit', '--format', 'markdown', '--policy-version', 'v1.30', flannel]);
  expect(stdout).toContain('## Node-agent audit (Pod Security v1.30)');
  expect(stdout).toContain(`### \`${flannel}\``);
  expect(stdout).toContain('| Object | Level | Type | What | Detail |');
  expect(stdout).toMatch(/\| DaemonSet kube-flannel\/kube-flannel-ds \| \*\*privileged\*\* \| violation \| capabilities_baseline \| non-default capabilities \(container "kube-flannel" must not include "NET_ADMIN", "NET_RAW" in securityContext.capabilities.add\) \|/);
});

test('json follows the documented contract', async () => {
  const { json, stdout } = await runCli(['audit', '--format', 'json', flannel]);
  expect(Object.keys(json)).toEqual(['policyVersion', 'objects', 'skipped', 'errors']);
  expect(Object.keys(json.objects[0])).toEqual(['file', 'kind', 'name', 'namespace', 'level', 'violations', 'grants', 'findings', 'ungranted', 'absentGrants']);
  expect(json.objects[0].ungranted).toContainEqual({ privilege: 'capability', container: 'kube-flannel', target: 'NET_ADMIN', path: 'spec.template.spec.containers[0].securityContext.capabilities.add' });
  expect(json.objects[0].absentGrants).toEqual([]);
  expect(json.objects[0].violations[1]).toEqual({ check: 'hostNamespaces', level: 'baseline', message: 'host namespaces (hostNetwork=true)', paths: ['spec.template.spec.hostNetwork'] });
  expect(json.objects[0].findings[0]).toEqual(expect.objectContaining({ id: 'host-network-dns', severity: 'warning', path: 'spec.template.spec.dnsPolicy' }));
  // Written an object at a time, byte for byte what JSON.stringify writes.
  expect(stdout).toBe(JSON.stringify(json, null, 2) + '\n');
  const empty = await runCli(['audit', '--format', 'json', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
  expect(empty.stdout).toBe(JSON.stringify({ policyVersion: 'v1.37', objects: [], skipped: 1, errors: [] }, null, 2) + '\n');
});

describe('the command line', () => {
  test.each([
    [['audit'], 'no input: give files, directories, or - for standard input'],
    [['audit', '--format', 'xml', flannel], '--format "xml" is not one of table, json, markdown, sarif'],
    [['audit', flannel, '--format'], 'Option \'--format <value>\' argument missing'],
    [['audit', '--format', '--fail-on', 'error', flannel], 'Option \'--format\' argument is ambiguous'],
    [['audit', '--policy-version', '1.30', flannel], '--policy-version "1.30" is not "latest" or "v1.N"'],
    [['audit', '--fail-on', 'info', flannel], '--fail-on "info" is not one of privileged, baseline, error, warning, ungranted'],
    [['audit', '--max-input-size', '10MB', flannel], '--max-input-size "10MB" is not a size in bytes (a positive number, optionally with Ki, Mi or Gi)'],
    [['audit', '--max-alias-nodes', '-1', flannel], 'Option \'--max-alias-nodes\' argument is ambiguous'],
    [['audit', '--max-alias-nodes=many', flannel], '--max-alias-nodes "many" is not a whole number'],
    [['lint', flannel], 'unknown command "lint"; the command is "audit"'],
    [['audit', '--bogus', flannel], 'Unknown option \'--bogus\''],
    [['audit', '-', '-'], '- (standard input) can be given only once'],
  ])('%j is a usage error: exit 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`cdk8s-node-agents: ${message}`);
    expect(run.stderr).toContain('usage: cdk8s-node-agents audit');
  });

  test('--format=x, -- before paths, and flags after paths', async () => {
    const run = await runCli(['audit', '--format=json', '--', flannel]);
    expect(run.json.objects).toHaveLength(1);
    const after = await runCli(['audit', flannel, '--format', 'json']);
    expect(after.json.objects).toHaveLength(1);
    // After --, an argument that looks like a flag is a path.
    const dashed = await runCli(['audit', '--format', 'json', '--', '--help']);
    expect(dashed.status).toBe(2);
    expect(dashed.json.errors).toEqual([{ file: '--help', message: 'cannot read: no such file or directory' }]);
  });

  test('--help and --version', async () => {
    const help = await runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: cdk8s-node-agents audit /);
    expect((await runCli(['audit', '-h'])).stdout).toMatch(/^usage: /);
    expect((await runCli([])).status).toBe(2);
    const version = await runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf-8')).version}\n`);
  });
});
