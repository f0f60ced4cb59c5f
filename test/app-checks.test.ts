import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AgentContainer, CriticalPriorityClass, HostNetworkDns, NodeAgentDaemonSet, PriorityClass, ValidationPolicy } from '../src';
import { errorLines, synthError } from './support/synth';

function app(): App {
  return Testing.app();
}

test('two agents binding the same host port on the same nodes: an error naming both', () => {
  const a = app();
  const one = new Chart(a, 'one', { namespace: 'kube-system' });
  const two = new Chart(a, 'two', { namespace: 'monitoring' });
  new NodeAgentDaemonSet(one, 'exporter', { hostNetwork: { dns: HostNetworkDns.CLUSTER }, containers: [{ name: 'e', image: 'x', ports: [{ number: 9100 }] }] });
  new NodeAgentDaemonSet(two, 'other', { containers: [{ name: 'o', image: 'x', hostPorts: [{ hostPort: 9100 }] }] });
  expect(errorLines(synthError(a))).toEqual([
    '[NodeAgentsAppChecks] host port TCP/9100 is bound by agents one/exporter and two/other, which run on the same nodes; the second cannot start there. Use another port, or node selectors that keep them apart',
  ]);
});

test('agents on disjoint nodes may share a host port; other protocols do not clash', () => {
  const a = app();
  const chart = new Chart(a, 'c', { namespace: 'kube-system' });
  new NodeAgentDaemonSet(chart, 'gpu', { nodeSelector: { gpu: 'true' }, containers: [{ name: 'e', image: 'x', hostPorts: [{ hostPort: 9400 }] }] });
  new NodeAgentDaemonSet(chart, 'cpu', { nodeSelector: { gpu: 'false' }, containers: [{ name: 'e', image: 'x', hostPorts: [{ hostPort: 9400 }] }] });
  new NodeAgentDaemonSet(chart, 'udp', { containers: [{ name: 'e', image: 'x', hostPorts: [{ hostPort: 9400, protocol: 'UDP' as any }] }] });
  expect(() => a.synthYaml()).not.toThrow();
});

test('more than one globalDefault priority class: an error', () => {
  const a = app();
  const chart = new Chart(a, 'c');
  new CriticalPriorityClass(chart, 'a', { name: 'a', value: 1, globalDefault: true });
  new CriticalPriorityClass(chart, 'b', { name: 'b', value: 2, globalDefault: true });
  expect(errorLines(synthError(a))).toEqual([
    '[NodeAgentsAppChecks] 2 priority classes are globalDefault (c/a, c/b); a cluster admits only one, so keep globalDefault on one class',
  ]);
});

test('two agents or classes with one name in one namespace: an error', () => {
  const a = app();
  const one = new Chart(a, 'one', { namespace: 'kube-system' });
  const two = new Chart(a, 'two', { namespace: 'kube-system' });
  new NodeAgentDaemonSet(one, 'a', { metadata: { name: 'agent' }, containers: [{ image: 'x' }] });
  new NodeAgentDaemonSet(two, 'a', { metadata: { name: 'agent' }, containers: [{ image: 'x' }] });
  new CriticalPriorityClass(one, 'pc', { name: 'agents', value: 1 });
  new CriticalPriorityClass(two, 'pc', { name: 'agents', value: 1 });
  expect(errorLines(synthError(a))).toEqual([
    '[NodeAgentsAppChecks] DaemonSet "agent" in namespace "kube-system" is defined twice, by one/a and two/a; give each its own name',
    '[NodeAgentsAppChecks] PriorityClass "agents" is defined twice, by one/pc and two/pc; give each its own name',
  ]);
});

describe('a priority class that must exist in the cluster first', () => {
  function build(): App {
    const a = app();
    const chart = new Chart(a, 'c', { namespace: 'kube-system' });
    new NodeAgentDaemonSet(chart, 'agent', { priorityClass: PriorityClass.fromName('node-agents'), containers: [{ image: 'x' }] });
    return a;
  }

  test('is a warning: synthesis goes on, and the warning is printed', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { written.push(String(chunk)); return true; });
    try {
      expect(() => build().synthYaml()).not.toThrow();
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual([expect.stringContaining('Warning: [NodeAgentsAppChecks] agent c/agent uses priority class "node-agents", which is neither built in nor defined in this app')]);
  });

  test('is an error with ValidationPolicy.warningsAsErrors', () => {
    const a = build();
    ValidationPolicy.warningsAsErrors(a);
    expect(errorLines(synthError(a))).toEqual([expect.stringContaining('[NodeAgentsAppChecks] agent c/agent uses priority class "node-agents"')]);
  });

  test('is fine when the class is defined in the app under that name, and the class is written first', () => {
    const a = build();
    new CriticalPriorityClass(a.charts[0], 'pc', { name: 'node-agents', value: 1000 });
    ValidationPolicy.warningsAsErrors(a);
    const kinds = a.synthYaml().split('\n').filter(l => l.startsWith('kind: '));
    expect(kinds).toEqual(['kind: PriorityClass', 'kind: DaemonSet']);
  });
});

test('rule warnings of an agent become errors with ValidationPolicy.warningsAsErrors', () => {
  const a = app();
  ValidationPolicy.warningsAsErrors(a);
  const chart = new Chart(a, 'c', { namespace: 'kube-system' });
  new NodeAgentDaemonSet(chart, 'agent', { containers: [{ name: 'm', image: 'x', envVariables: { API_TOKEN: kplus.EnvValue.fromValue('s3cr3t') } }] });
  expect(errorLines(synthError(a))).toEqual([
    '[c/agent] spec.template.spec.containers[0].env[0].value: API_TOKEN in container "m" is a plain value in the manifest; take it from a Secret (valueFrom.secretKeyRef) [credentials-in-env]',
  ]);
});

test('validation results are reused within one synthesis only: a change between two synths shows', () => {
  const a = app();
  const agent = new NodeAgentDaemonSet(new Chart(a, 'c', { namespace: 'kube-system' }), 'agent', { containers: [{ name: 'm', image: 'x' }] });
  for (let i = 0; i < 3; i++) new Chart(a, `other-${i}`);
  expect(a.synthYaml()).not.toContain('privileged: true');
  (agent.containers[0] as AgentContainer).grantPrivileged({ reason: 'later' });
  expect(a.synthYaml()).toContain('privileged: true');
  (agent.containers[0] as AgentContainer).grantHostPort(70000);
  expect(errorLines(synthError(a))).toEqual([expect.stringContaining('containerPort 70000 is not a port number'), expect.stringContaining('hostPort 70000 is not a port number')]);
});

test('outside app.synth(), a render is reused once: what changes after a synthesis shows', () => {
  const chart = Testing.chart();
  const agent = new NodeAgentDaemonSet(chart, 'agent', { metadata: { namespace: 'kube-system' }, containers: [{ name: 'm', image: 'x' }] });
  expect(Testing.synth(chart)[0].spec.template.spec.hostPID).toBeUndefined();
  (agent.containers[0] as AgentContainer).grantPrivileged({ reason: 'later' });
  expect(agent.podSecurity().level).toBe('privileged');
  expect(Testing.synth(chart)[0].spec.template.spec.containers[0].securityContext.privileged).toBe(true);
});
