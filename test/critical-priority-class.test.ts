import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { CriticalPriorityClass, NodeAgentDaemonSet, PreemptionPolicy } from '../src';
import { ofKind, synthValid } from './support/synth';

test('emits a cluster-scoped PriorityClass, even in a chart with a namespace', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'agents', { namespace: 'monitoring' });
  new CriticalPriorityClass(chart, 'pc', { name: 'node-agents', value: 1_000_000_000, description: 'node agents' });
  const pc = ofKind(synthValid(chart), 'PriorityClass');
  expect(pc).toEqual({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'node-agents' },
    value: 1_000_000_000,
    description: 'node agents',
    preemptionPolicy: 'PreemptLowerPriority',
  });
});

test('preemption policy and global default', () => {
  const chart = Testing.chart();
  new CriticalPriorityClass(chart, 'pc', { name: 'batch', value: 10, preemptionPolicy: PreemptionPolicy.NEVER, globalDefault: true });
  const pc = ofKind(synthValid(chart), 'PriorityClass');
  expect(pc.preemptionPolicy).toBe('Never');
  expect(pc.globalDefault).toBe(true);
});

test('an agent using it names it, needs no quota, and is written after it', () => {
  const chart = Testing.chart();
  // The agent sits earlier in the construct tree than the class: the dependency decides the order.
  const agents = new Construct(chart, 'agents');
  const classes = new Construct(chart, 'classes');
  const pc = new CriticalPriorityClass(classes, 'pc', { name: 'node-agents', value: 1000 });
  new NodeAgentDaemonSet(agents, 'agent', { priorityClass: pc, metadata: { namespace: 'monitoring' }, containers: [{ image: 'x' }] });
  const manifests = synthValid(chart);
  expect(manifests.map(m => m.kind)).toEqual(['PriorityClass', 'DaemonSet']);
  expect(ofKind(manifests, 'DaemonSet').spec.template.spec.priorityClassName).toBe('node-agents');
  expect(pc.builtIn).toBe(false);
});
