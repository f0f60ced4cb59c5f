import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Helm, Include } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { HostNetworkDns, HostPath, NodeAgentChecks, NodeAgentDaemonSet, ValidationPolicy } from '../src';
import { warningsOnly } from './support/output';
import { errorLines, synthError } from './support/synth';
import { auditDocuments } from '../src/report/audit';

const FIXTURES = join(__dirname, 'fixtures');
const HELM = join(FIXTURES, 'helm', 'helm');
const NODE_EXPORTER = join(FIXTURES, 'corpus', 'node-exporter.yaml');
const LATEST = 37;

let outdir: string;
beforeAll(() => { outdir = mkdtempSync(join(tmpdir(), 'node-agent-checks-')); });
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** A platform team's app: a Helm chart, included upstream YAML, a cdk8s-plus DaemonSet, an L1 DaemonSet and one of our agents. */
function platformApp(name: string): { app: App; chart: Chart } {
  const app = new App({ outdir: join(outdir, name) });
  const chart = new Chart(app, 'platform');
  new Helm(chart, 'flannel', { chart: 'flannel/flannel', helmExecutable: HELM });
  new Include(chart, 'node-exporter', { url: NODE_EXPORTER });
  new kplus.DaemonSet(chart, 'plain', {
    metadata: { name: 'plain', namespace: 'logging' },
    hostNetwork: true,
    containers: [{ name: 'shipper', image: 'fluent/fluent-bit:3.0', securityContext: { ensureNonRoot: false } }],
  });
  new kplus.k8s.KubeDaemonSet(chart, 'l1', {
    metadata: { name: 'l1', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'l1' } },
      template: {
        metadata: { labels: { app: 'l1' } },
        spec: {
          containers: [{ name: 'c', image: 'l1:1', securityContext: { privileged: true, allowPrivilegeEscalation: false } }],
          volumes: [{ name: 'sock', hostPath: { path: '/run/containerd/containerd.sock' } }],
        },
      },
    },
  });
  const agent = new NodeAgentDaemonSet(chart, 'agent', {
    metadata: { name: 'agent', namespace: 'kube-system' },
    hostNetwork: { dns: HostNetworkDns.NODE, reason: 'routes' },
  });
  agent.addContainer({ name: 'a', image: 'agent:1', envVariables: { API_TOKEN: kplus.EnvValue.fromValue('plain') } }).mountHostPath(HostPath.XTABLES_LOCK, { writable: true, reason: 'iptables lock' });
  return { app, chart };
}

/** The construct a user knows an object by: a cdk8s-plus workload rather than its `Resource`. */
function userPath(apiObject: ApiObject): string {
  return apiObject.node.path.replace(/\/Resource$/, '');
}

/** What `audit` reports for the app's YAML, as synth-time lines: `[construct path] field: message [rule]`. */
function auditedLines(app: App, severities: string[]): string[] {
  const docs = (loadAll(warningsOnly(() => app.synthYaml()), undefined, { schema: CORE_SCHEMA }) as unknown[]).filter(Boolean);
  const result = auditDocuments(docs.map(doc => ({ file: 'app.yaml', doc })), LATEST);
  expect(result.errors).toEqual([]);
  const apiObjects = app.node.findAll().filter(ApiObject.isApiObject);
  return result.objects.flatMap(o => {
    const matches = apiObjects.filter(a => a.kind === o.kind && a.name === o.name && (a.metadata.namespace ?? undefined) === o.namespace);
    expect(matches).toHaveLength(1);
    return o.findings.filter(f => severities.includes(f.severity)).map(f => `[${userPath(matches[0])}] ${f.path}: ${f.message} [${f.id}]`);
  });
}

describe('NodeAgentChecks: every object of an app that holds a pod template', () => {
  test('synth reports each finding of Helm, Include, cdk8s-plus, L1 objects and agents by construct path, exactly as audit does', () => {
    const expected = auditedLines(platformApp('expected').app, ['error', 'warning']);

    const { app } = platformApp('checked');
    NodeAgentChecks.of(app);
    ValidationPolicy.warningsAsErrors(app);
    const actual = errorLines(warningsOnly(() => synthError(app)));

    expect([...actual].sort()).toEqual([...expected].sort());
    // Each source contributes, and the agent's findings (reported by the agent) appear once each.
    for (const source of ['[platform/flannel/', '[platform/node-exporter/', '[platform/plain]', '[platform/l1]', '[platform/agent]']) {
      expect(actual.filter(l => l.startsWith(source)).length).toBeGreaterThan(0);
    }
    expect(new Set(actual).size).toBe(actual.length);
  });

  test('without it, the Helm, Include, cdk8s-plus and L1 objects are not checked at synth', () => {
    const { app } = platformApp('unchecked');
    ValidationPolicy.warningsAsErrors(app);
    const lines = errorLines(warningsOnly(() => synthError(app)));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every(l => l.startsWith('[platform/agent]'))).toBe(true);
  });

  test('warnings are printed once each, and synthesis goes on, without warningsAsErrors', () => {
    const app = new App({ outdir: join(outdir, 'warnings') });
    const chart = new Chart(app, 'warnings');
    new Include(chart, 'node-exporter', { url: NODE_EXPORTER });
    NodeAgentChecks.of(chart);
    const printed: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { printed.push(String(chunk)); return true; });
    try {
      app.synthYaml();
      app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    const path = '[warnings/node-exporter/node-exporter-daemonset-monitoring]';
    expect(printed).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Warning: \[warnings\/node-exporter\/node-exporter-daemonset-monitoring\] spec\.template\.spec\.dnsPolicy: .*\[host-network-dns\]\n$/),
    ]));
    expect(printed.filter(l => l.includes(path) && l.includes('[host-network-dns]'))).toHaveLength(1);
  });

  test('an object in a namespace of the app whose enforce label rejects its pods is an error', () => {
    const app = new App({ outdir: join(outdir, 'enforce') });
    const chart = new Chart(app, 'enforce');
    new kplus.k8s.KubeNamespace(chart, 'ns', { metadata: { name: 'apps', labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' } } });
    new kplus.k8s.KubeDaemonSet(chart, 'ds', {
      metadata: { name: 'ds', namespace: 'apps' },
      spec: {
        selector: { matchLabels: { app: 'ds' } },
        template: { metadata: { labels: { app: 'ds' } }, spec: { hostPid: true, dnsPolicy: 'Default', containers: [{ name: 'c', image: 'x:1', resources: { requests: { cpu: kplus.k8s.Quantity.fromString('10m'), memory: kplus.k8s.Quantity.fromString('10Mi') } } }] } },
      },
    });
    NodeAgentChecks.of(app);
    expect(errorLines(warningsOnly(() => synthError(app)))).toEqual([
      '[enforce/ds] namespace "apps" enforces Pod Security "baseline" at v1.30, which rejects the pods of this DaemonSet (hostNamespaces: host namespaces (hostPID=true)); label the namespace with the level the pods need, or remove the host access',
    ]);
  });

  test('objects added after it are checked, each once however often the app is synthesized', () => {
    const app = new App({ outdir: join(outdir, 'late') });
    NodeAgentChecks.of(app);
    const chart = new Chart(app, 'late');
    new Include(chart, 'node-exporter', { url: NODE_EXPORTER });
    ValidationPolicy.warningsAsErrors(app);
    const first = errorLines(warningsOnly(() => synthError(app)));
    expect(first.length).toBeGreaterThan(0);
    expect(errorLines(warningsOnly(() => synthError(app)))).toEqual(first);
    expect(errorLines(warningsOnly(() => synthError(chart)))).toEqual(first);
  });

  test('it replaces no method of the app or the objects it checks, and is one construct per app', () => {
    const app = new App({ outdir: join(outdir, 'methods') });
    const chart = new Chart(app, 'methods');
    new Include(chart, 'node-exporter', { url: NODE_EXPORTER });
    new kplus.DaemonSet(chart, 'plain', { containers: [{ image: 'x:1' }] });
    const checks = NodeAgentChecks.of(chart);
    expect(NodeAgentChecks.of(app)).toBe(checks);
    expect(checks.node.path).toBe('NodeAgentChecks');
    warningsOnly(() => app.synthYaml());
    const owned = (o: object, names: string[]) => names.filter(n => Object.prototype.hasOwnProperty.call(o, n));
    expect(owned(app, ['synth', 'synthYaml'])).toEqual([]);
    expect(owned(chart, ['toJson'])).toEqual([]);
    for (const c of app.node.findAll().filter(ApiObject.isApiObject)) expect(owned(c, ['toJson'])).toEqual([]);
  });

  test("an object that cannot be rendered is a validation error under its path, not cdk8s-plus' exception", () => {
    const app = new App({ outdir: join(outdir, 'render') });
    new kplus.DaemonSet(new Chart(app, 'render'), 'empty');
    NodeAgentChecks.of(app);
    expect(errorLines(warningsOnly(() => synthError(app)))).toEqual(['[render/empty] cannot render DaemonSet: PodSpec must have at least 1 container']);
  });

  test('each object is checked once per synthesis, however many charts cdk8s validates the app for', () => {
    const app = new App({ outdir: join(outdir, 'once') });
    const objects = [0, 1, 2, 3, 4].map(i => new kplus.k8s.KubeDaemonSet(new Chart(app, `c${i}`), 'ds', {
      spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } },
    }));
    NodeAgentChecks.of(app);
    const renders = objects.map(o => jest.spyOn(o, 'toJson'));
    const silenced = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      app.synthYaml();
      // once to check, once to write
      expect(renders.map(r => r.mock.calls.length)).toEqual([2, 2, 2, 2, 2]);
    } finally {
      silenced.mockRestore();
      renders.forEach(r => r.mockRestore());
    }
  });

  test('a bad policy version names the construct, the value and what is accepted', () => {
    const bad = new App({ outdir: join(outdir, 'bad') });
    NodeAgentChecks.of(bad, { policyVersion: '1.30' });
    expect(errorLines(synthError(bad))).toEqual(['[NodeAgentChecks] policyVersion: "1.30" is not "latest" or "v1.N" (for example "v1.30")']);
    const app = new App({ outdir: join(outdir, 'twice') });
    NodeAgentChecks.of(app, { policyVersion: 'v1.30' });
    expect(() => NodeAgentChecks.of(app, { policyVersion: 'v1.31' })).toThrow('policyVersion "v1.31" differs from the "v1.30"');
  });
});
