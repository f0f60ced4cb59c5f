import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { NodeAgentDaemonSet, NodeAgentNamespace } from '../src';
import { warningsOnly } from './support/output';

const outdirs = mkdtempSync(join(tmpdir(), 'synthesis-apps-'));
afterAll(() => rmSync(outdirs, { recursive: true, force: true }));
let apps = 0;
/** An app writing into this suite's own directory, removed after the suite. */
function app(): App {
  return new App({ outdir: join(outdirs, String(apps++)) });
}

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
  const a = app();
  fourCharts(a);
  const yaml = a.synthYaml();
  expect(yaml).toEqual(renderedByCdk8s(a));
  expect(yaml.indexOf('name: first')).toBeLessThan(yaml.indexOf('name: later'));
  expect(yaml.indexOf('name: later')).toBeLessThan(yaml.indexOf('name: dependent'));
});

test('synth() writes the same files cdk8s would', () => {
  const a = app();
  const outdir = a.outdir;
  fourCharts(a);
  a.synth();
  const files = readdirSync(outdir).sort();
  expect(files.map(f => f.replace(/^\d{4}-/, '')).sort()).toEqual(['agents.k8s.yaml', 'config.k8s.yaml', 'counted.k8s.yaml', 'dependent.k8s.yaml']);
  expect(files.map(f => readFileSync(join(outdir, f), 'utf-8'))).toEqual(a.charts.map(chart => Yaml.stringify(...Chart.prototype.toJson.call(chart))));
});

/** How often agents rendered during `act`. */
function rendersDuring(act: () => void): number {
  const render = jest.spyOn(NodeAgentDaemonSet.prototype, '_toKube');
  try {
    act();
    return render.mock.calls.length;
  } finally {
    render.mockRestore();
  }
}

describe.each(Object.values(YamlOutputType).filter((t): t is YamlOutputType => typeof t === 'number'))('with YamlOutputType %s', type => {
  test('cdk8s validates once more per chart, the agent renders once to check and once to write', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'synthesis-'));
    try {
      const a = new App({ outdir, yamlOutputType: type });
      const { validations } = fourCharts(a);
      expect(rendersDuring(() => a.synth())).toBe(2);
      // cdk8s itself is untouched: it validates the app once, then again per chart it writes
      // (FOLDER_PER_CHART_FILE_PER_RESOURCE renders charts without validating them again).
      expect(validations()).toBe(type === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE ? 1 : 5);
      const written = readdirSync(outdir, { recursive: true }).map(String).filter(f => f.endsWith('.yaml'));
      expect(written.length).toBeGreaterThan(0);
      const agent = written.map(f => readFileSync(join(outdir, f), 'utf-8')).find(y => y.includes('kind: DaemonSet'));
      expect(agent).toContain('node-agents.cdk8s.io/grants');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

test('synthYaml() checks each agent once, however many charts the app has', () => {
  const a = app();
  fourCharts(a);
  expect(rendersDuring(() => a.synthYaml())).toBe(2);
  expect(rendersDuring(() => a.synthYaml())).toBe(2);
});

test('Testing.synth after a mutation checks the mutated agent', () => {
  const a = app();
  const chart = new Chart(a, 'c', { namespace: 'kube-system' });
  const agent = new NodeAgentDaemonSet(chart, 'agent', { containers: [{ name: 'm', image: 'x' }] });
  expect(Testing.synth(chart).find(o => o.kind === 'DaemonSet')).toBeDefined();
  ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
  expect(() => warningsOnly(() => Testing.synth(chart))).toThrow(/hostNetwork.*held without a grant/);
});

test('a second app in the same process prints its own warnings', () => {
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    for (const name of ['first', 'second']) {
      const a = app();
      const chart = new Chart(a, name, { namespace: 'kube-system' });
      new NodeAgentDaemonSet(chart, 'agent', { containers: [{ name: 'm', image: 'x', resources: {} }] });
      a.synthYaml();
    }
    const warnings = write.mock.calls.map(c => String(c[0])).filter(l => l.includes('[missing-requests]'));
    expect(warnings.map(w => /\[(\w+)\/agent\]/.exec(w)?.[1])).toEqual(['first', 'second']);
  } finally {
    write.mockRestore();
  }
});

test('the library replaces no method of charts or API objects', () => {
  const a = app();
  const { charts } = fourCharts(a);
  a.synthYaml();
  const objects = a.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  for (const owner of [a, ...charts, ...objects]) {
    for (const method of ['toJson', 'synth', 'synthYaml']) expect(Object.prototype.hasOwnProperty.call(owner, method)).toBe(false);
  }
});

test('a validation error still stops synthesis before any chart is written', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'synthesis-'));
  try {
    const a = new App({ outdir });
    const { charts } = fourCharts(a);
    new Construct(charts[3], 'broken').node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => a.synth()).toThrow(/\[counted\/broken\] broken on purpose/);
    expect(readdirSync(outdir)).toEqual([]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});

test('a namespace written after its agents still admits exactly them', () => {
  const a = app();
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
    const a = app();
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
