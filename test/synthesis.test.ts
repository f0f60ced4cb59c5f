import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Testing, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { NodeAgentDaemonSet, NodeAgentNamespace } from '../src';
import { onChartWritten } from '../src/constructs/chart-rendering';

/** An app of four charts: an agent, objects declared after the objects they depend on, a chart depending on another. */
function fourCharts(a: App): { charts: Chart[]; validations: () => number } {
  let validations = 0;
  const agents = new Chart(a, 'agents', { namespace: 'kube-system' });
  new NodeAgentDaemonSet(agents, 'agent', { containers: [{ name: 'm', image: 'x' }] });
  const config = new Chart(a, 'config', { namespace: 'kube-system' });
  const later = new ApiObject(config, 'later', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later' } });
  const first = new ApiObject(config, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first' } });
  later.node.addDependency(first);
  const dependent = new Chart(a, 'dependent');
  new ApiObject(dependent, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dependent' } });
  dependent.addDependency(config);
  const counted = new Chart(a, 'counted');
  new Construct(counted, 'counter').node.addValidation({ validate: () => { validations++; return []; } });
  return { charts: [agents, config, dependent, counted], validations: () => validations };
}

/** What cdk8s itself renders for each chart, preparing the whole app every time. */
function renderedByCdk8s(a: App): string {
  return Yaml.stringify(...a.charts.flatMap(chart => Chart.prototype.toJson.call(chart)));
}

test('synthYaml() writes what cdk8s renders chart by chart, in dependency order', () => {
  const a = Testing.app();
  fourCharts(a);
  const yaml = a.synthYaml();
  expect(yaml).toEqual(renderedByCdk8s(a));
  expect(yaml.indexOf('name: first')).toBeLessThan(yaml.indexOf('name: later'));
  expect(yaml.indexOf('name: later')).toBeLessThan(yaml.indexOf('name: dependent'));
});

test('synth() writes the same files cdk8s would', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'synthesis-'));
  const a = new App({ outdir });
  fourCharts(a);
  a.synth();
  const files = readdirSync(outdir).sort();
  expect(files.map(f => f.replace(/^\d{4}-/, '')).sort()).toEqual(['agents.k8s.yaml', 'config.k8s.yaml', 'counted.k8s.yaml', 'dependent.k8s.yaml']);
  expect(files.map(f => readFileSync(join(outdir, f), 'utf-8'))).toEqual(a.charts.map(chart => Yaml.stringify(...Chart.prototype.toJson.call(chart))));
});

test('an app with an agent is prepared once per synthesis, not once more per chart', () => {
  const a = Testing.app();
  const { validations } = fourCharts(a);
  a.synthYaml();
  expect(validations()).toBe(1);
  a.synthYaml();
  expect(validations()).toBe(2);
});

test('without an agent, cdk8s prepares the app once more per chart (what the library saves)', () => {
  const a = Testing.app();
  let validations = 0;
  for (let i = 0; i < 3; i++) new ApiObject(new Chart(a, `c${i}`), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
  new Construct(a, 'counter').node.addValidation({ validate: () => { validations++; return []; } });
  a.synthYaml();
  expect(validations).toBe(4);
});

test('a chart that overrides toJson() keeps its own rendering, and charts are left as they were', () => {
  class Rewritten extends Chart {
    public toJson(): any[] {
      return super.toJson().map(o => ({ ...o, metadata: { ...o.metadata, labels: { rewritten: 'by-subclass' } } }));
    }
  }
  const a = Testing.app();
  const { charts } = fourCharts(a);
  const rewritten = new Rewritten(a, 'rewritten');
  new ApiObject(rewritten, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rw' } });
  expect(a.synthYaml()).toContain('rewritten: by-subclass');
  for (const chart of [...charts, rewritten]) expect(Object.prototype.hasOwnProperty.call(chart, 'toJson')).toBe(false);
});

test('a validation error still stops synthesis before any chart is written', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'synthesis-'));
  const a = new App({ outdir });
  const { charts } = fourCharts(a);
  new Construct(charts[3], 'broken').node.addValidation({ validate: () => ['broken on purpose'] });
  expect(() => a.synth()).toThrow(/\[counted\/broken\] broken on purpose/);
  expect(readdirSync(outdir)).toEqual([]);
});

test('each object is told once that its chart has written it, so what it kept can be collected', () => {
  const a = Testing.app();
  fourCharts(a);
  const written: string[] = [];
  const chart = new Chart(a, 'told');
  for (const name of ['one', 'two']) {
    onChartWritten(new ApiObject(chart, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }), () => written.push(name));
  }
  a.synthYaml();
  expect(written).toEqual(['one', 'two']);
});

test('a namespace written after its agents still admits exactly them', () => {
  const a = Testing.app();
  const agents = new Chart(a, 'agents', { namespace: 'node-agents' });
  new NodeAgentDaemonSet(agents, 'agent', { containers: [{ name: 'm', image: 'x', privileged: { reason: 'test' } }] });
  const later = new Chart(a, 'later');
  later.addDependency(agents);
  new NodeAgentNamespace(later, 'ns', { metadata: { name: 'node-agents' } });
  const namespace = parseAllDocuments(a.synthYaml()).map(d => d.toJSON()).find(o => o?.kind === 'Namespace');
  expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
});

test('property: for any app of charts, objects, agents and dependencies, synthesis writes what cdk8s renders', () => {
  // Each run synthesizes a whole app twice, so fewer runs than the per-agent properties; fixed seed in CI.
  const runs = { numRuns: 200, ...(process.env.CI ? { seed: 20261124 } : {}) };
  const chartArb = fc.record({
    configMaps: fc.integer({ min: 0, max: 3 }),
    agents: fc.integer({ min: 0, max: 2 }),
    namespace: fc.boolean(),
    // Each object may depend on one declared before it in the chart; each chart on one declared before it.
    objectDependencies: fc.array(fc.nat(), { maxLength: 3 }),
    chartDependency: fc.option(fc.nat(), { nil: undefined }),
  });
  fc.assert(fc.property(fc.array(chartArb, { minLength: 1, maxLength: 5 }), specs => {
    const a = Testing.app();
    const charts: Chart[] = [];
    specs.forEach((spec, c) => {
      const chart = new Chart(a, `c${c}`, { namespace: `ns-${c}` });
      const objects: Construct[] = [];
      for (let i = 0; i < spec.configMaps; i++) objects.push(new ApiObject(chart, `cm${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` } }));
      for (let i = 0; i < spec.agents; i++) objects.push(new NodeAgentDaemonSet(chart, `agent${i}`, { containers: [{ name: 'm', image: 'x' }] }));
      if (spec.namespace) objects.push(new NodeAgentNamespace(chart, 'ns', { metadata: { name: `ns-${c}` } }));
      spec.objectDependencies.forEach((d, i) => {
        if (i + 1 < objects.length) objects[i + 1].node.addDependency(objects[d % (i + 1)]);
      });
      if (spec.chartDependency !== undefined && charts.length) chart.addDependency(charts[spec.chartDependency % charts.length]);
      charts.push(chart);
    });
    expect(a.synthYaml()).toEqual(renderedByCdk8s(a));
  }), runs);
});
