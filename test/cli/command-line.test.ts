import { join } from 'path';
import { runCli } from './support';
import { CORPUS } from '../support/fixtures';

const flannel = join(CORPUS, 'flannel.yaml');

test('--fail-on decides the exit code', () => {
  expect(runCli(['audit', flannel]).status).toBe(0);
  expect(runCli(['audit', '--fail-on', 'privileged', flannel]).status).toBe(1);
  expect(runCli(['audit', '--fail-on=baseline', flannel]).status).toBe(1);
  expect(runCli(['audit', '--fail-on', 'error', flannel]).status).toBe(0);
  expect(runCli(['audit', '--fail-on', 'warning', flannel]).status).toBe(1);
});

test('the table names the file, the object, its level and why', () => {
  const { stdout } = runCli(['audit', flannel]);
  expect(stdout.split('\n')[0]).toBe(flannel);
  expect(stdout).toMatch(/^OBJECT +LEVEL +TYPE +WHAT +DETAIL$/m);
  expect(stdout).toMatch(/^DaemonSet kube-flannel\/kube-flannel-ds +privileged +violation +capabilities_baseline /m);
  expect(stdout).toContain('1 objects audited at Pod Security v1.37, 5 skipped (no pod template), 0 input errors');
});

test('markdown is a table per file for a pull request', () => {
  const { stdout } = runCli(['audit', '--format', 'markdown', '--policy-version', 'v1.30', flannel]);
  expect(stdout).toContain('## Node-agent audit (Pod Security v1.30)');
  expect(stdout).toContain('| Object | Level | Type | What | Detail |');
  expect(stdout).toMatch(/\| DaemonSet kube-flannel\/kube-flannel-ds \| \*\*privileged\*\* \| violation \| capabilities_baseline \|/);
});

test('json follows the documented contract', () => {
  const { json } = runCli(['audit', '--format', 'json', flannel]);
  expect(Object.keys(json)).toEqual(['policyVersion', 'objects', 'skipped', 'errors']);
  expect(Object.keys(json.objects[0])).toEqual(['file', 'kind', 'name', 'namespace', 'level', 'violations', 'grants', 'findings']);
  expect(json.objects[0].violations[1]).toEqual({ check: 'hostNamespaces', level: 'baseline', message: 'host namespaces (hostNetwork=true)', paths: ['spec.template.spec.hostNetwork'] });
  expect(json.objects[0].findings[0]).toEqual(expect.objectContaining({ id: 'host-network-dns', severity: 'warning', path: 'spec.template.spec.dnsPolicy' }));
});

test('a wrong command line exits 2 with the usage', () => {
  for (const args of [['audit'], ['audit', '--format', 'xml', flannel], ['audit', '--policy-version', '1.30', flannel], ['lint', flannel], ['audit', '--bogus', flannel]]) {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: cdk8s-node-agents audit');
  }
  expect(runCli(['--help']).status).toBe(0);
});
