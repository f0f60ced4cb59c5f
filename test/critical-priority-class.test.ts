import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
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

describe('CriticalPriorityClass without a name', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'priority-class-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('gets the generated name, which agents use', () => {
    const chart = new Chart(new App({ outdir }), 'agents');
    const pc = new CriticalPriorityClass(chart, 'pc', { value: 1000 });
    new NodeAgentDaemonSet(chart, 'a', { priorityClass: pc, metadata: { namespace: 'monitoring' }, containers: [{ image: 'x' }] });
    const manifests = synthValid(chart);
    expect(pc.priorityClassName).toMatch(/^agents-pc-[0-9a-f]{8}$/);
    expect(ofKind(manifests, 'PriorityClass').metadata.name).toBe(pc.priorityClassName);
    expect(ofKind(manifests, 'DaemonSet').spec.template.spec.priorityClassName).toBe(pc.priorityClassName);
  });
});
