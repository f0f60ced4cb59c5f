/**
 * The equivalent ways the benchmark synthesizes N agents: two containers, four hostPath mounts,
 * capabilities, a priority class, and for each chart a namespace with its Pod Security labels
 * and the quota that admits critical pods outside kube-system. Every way writes the same pods
 * and namespaces (test/bench-ways.test.ts compares them field by field); what only the library
 * writes is its grants annotation, and the scanners' acknowledgements when a team opts in.
 */
import { ApiObject, App, Chart, JsonPatch, Names, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type * as NodeAgents from '../src';

/**
 * The library, loaded only by the ways that use it: the other ways' whole-process times must not
 * include loading it.
 */
function library(): typeof NodeAgents {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../src');
}

/** The library as it comes, the same with every scanner's acknowledgements, cdk8s-plus by hand, and raw L1. */
export type Way = 'node-agents' | 'node-agents, four scanners' | 'cdk8s-plus' | 'raw-l1';
export const WAYS: Way[] = ['node-agents', 'node-agents, four scanners', 'cdk8s-plus', 'raw-l1'];

/** How the agents are spread over charts: ten charts, or one chart (and namespace) per agent. */
export type Layout = 'ten-charts' | 'chart-per-agent';
export const LAYOUTS: Layout[] = ['ten-charts', 'chart-per-agent'];

const PATHS = [
  { path: '/run/xtables.lock', type: 'FileOrCreate', writable: true, volume: 'host-run-xtables-lock' },
  { path: '/lib/modules', type: 'Directory', writable: false, volume: 'host-lib-modules' },
  { path: '/var/log', type: 'Directory', writable: false, volume: 'host-var-log' },
  { path: '/var/lib/agent', type: 'DirectoryOrCreate', writable: true, volume: 'host-var-lib-agent' },
];

/** Loads what a way uses, so that a caller can time building apart from loading modules. */
export function loadWay(way: Way): void {
  if (way.startsWith('node-agents')) library();
}

/**
 * An app of `agents` agents in the layout: chart `agents-<c>` holds namespace `agents-<c>` and its
 * agents. Charts set no default namespace: every namespaced object names its own, as the
 * cluster-scoped Namespace must not carry one.
 */
export function buildApp(way: Way, agents: number, layout: Layout, outdir: string): App {
  const app = new App({ outdir });
  if (way === 'node-agents, four scanners') library().ScannerAcknowledgements.only(app, library().Scanner.all());
  const charts = layout === 'ten-charts' ? Math.min(10, agents) : agents;
  for (let c = 0; c < charts; c++) {
    const namespace = `agents-${c}`;
    const chart = new Chart(app, namespace);
    if (way.startsWith('node-agents')) new (library().NodeAgentNamespace)(chart, 'ns', { metadata: { name: namespace } });
    else handWrittenNamespace(chart, namespace);
    // Agents spread evenly: chart c holds agents c, c + charts, c + 2 × charts, ...
    for (let i = c; i < agents; i += charts) BUILDERS[way](chart, `agent-${i}`, namespace);
  }
  return app;
}

const BUILDERS: Record<Way, (chart: Chart, name: string, namespace: string) => void> = {
  'node-agents': nodeAgent,
  'node-agents, four scanners': nodeAgent,

  'cdk8s-plus': (chart, name, namespace) => {
    // What a careful user writes by hand to get the same pod: every default overridden.
    const resources = { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) } };
    const seccompProfile = { type: kplus.SeccompProfileType.RUNTIME_DEFAULT };
    const ds = new kplus.DaemonSet(chart, name, {
      metadata: { name, namespace },
      hostNetwork: true,
      dns: { policy: kplus.DnsPolicy.DEFAULT },
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: false },
    });
    const agent = ds.addContainer({
      name: 'agent',
      image: 'example/agent:1.0',
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources,
      securityContext: {
        ensureNonRoot: false,
        capabilities: { add: [kplus.Capability.NET_ADMIN, kplus.Capability.NET_RAW], drop: [kplus.Capability.ALL] },
        seccompProfile,
      },
    });
    for (const p of PATHS) {
      const volume = kplus.Volume.fromHostPath(chart, `${name}-${p.volume}`, p.volume, { path: p.path, type: p.type as kplus.HostPathVolumeType });
      agent.mount(p.path, volume, { readOnly: !p.writable });
    }
    ds.addContainer({
      name: 'sidecar',
      image: 'example/sidecar:1.0',
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources,
      securityContext: { capabilities: { drop: [kplus.Capability.ALL] }, seccompProfile },
    });
    ds.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.any()));
    // cdk8s-plus-28 has no field for these (its node attraction writes an affinity, not the
    // nodeSelector the library writes): the escape hatch, IntOrString as the L1 mapping expects it.
    ApiObject.of(ds).addJsonPatch(
      JsonPatch.add('/spec/template/spec/nodeSelector', { 'kubernetes.io/os': 'linux' }),
      JsonPatch.add('/spec/template/spec/priorityClassName', 'system-node-critical'),
      JsonPatch.add('/spec/updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1) } }),
    );
  },

  'raw-l1': (chart, name, namespace) => {
    const quantity = kplus.k8s.Quantity.fromString;
    const resources = { requests: { cpu: quantity('50m'), memory: quantity('64Mi') }, limits: { memory: quantity('256Mi') } };
    const hardened = {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
    };
    // The same address label as cdk8s-plus writes; filled in once the object has its path.
    const labels: Record<string, string> = {};
    const ds = new kplus.k8s.KubeDaemonSet(chart, name, {
      metadata: { name, namespace },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1) } },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            hostNetwork: true,
            dnsPolicy: 'Default',
            priorityClassName: 'system-node-critical',
            restartPolicy: 'Always',
            terminationGracePeriodSeconds: 30,
            tolerations: [{ operator: 'Exists' }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'agent',
                image: 'example/agent:1.0',
                imagePullPolicy: 'IfNotPresent',
                resources,
                securityContext: { ...hardened, capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] } },
                volumeMounts: PATHS.map(p => ({ name: p.volume, mountPath: p.path, readOnly: !p.writable })),
              },
              { name: 'sidecar', image: 'example/sidecar:1.0', imagePullPolicy: 'IfNotPresent', resources, securityContext: { ...hardened, runAsNonRoot: true } },
            ],
            volumes: PATHS.map(p => ({ name: p.volume, hostPath: { path: p.path, type: p.type } })),
          },
        },
      },
    });
    labels['cdk8s.io/metadata.addr'] = Names.toLabelValue(ds);
  },
};

/**
 * What the library writes for a namespace of agents, by hand: Pod Security labels for the agents'
 * level, and the quota without which the API server admits system-node-critical pods only in
 * kube-system.
 */
function handWrittenNamespace(chart: Chart, name: string): void {
  const labels: Record<string, string> = {};
  for (const [mode, level] of [['enforce', 'privileged'], ['warn', 'baseline'], ['audit', 'baseline']]) {
    labels[`pod-security.kubernetes.io/${mode}`] = level;
    labels[`pod-security.kubernetes.io/${mode}-version`] = 'v1.37';
  }
  new kplus.k8s.KubeNamespace(chart, 'ns', { metadata: { name, labels } });
  new kplus.k8s.KubeResourceQuota(chart, 'critical-pods', {
    metadata: { name: 'critical-pods', namespace: name },
    spec: {
      hard: { pods: kplus.k8s.Quantity.fromString('1000000000') },
      scopeSelector: {
        matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical', 'system-cluster-critical'] }],
      },
    },
  });
}

/** The agent written with the library: every default and check on. */
function nodeAgent(chart: Chart, name: string, namespace: string): void {
  const { Capability, HostNetworkDns, HostPath, NodeAgentDaemonSet } = library();
  const ds = new NodeAgentDaemonSet(chart, name, {
    metadata: { name, namespace },
    hostNetwork: { dns: HostNetworkDns.NODE, reason: 'benchmark' },
  });
  const agent = ds.addContainer({ name: 'agent', image: 'example/agent:1.0' });
  agent.grantCapabilities([Capability.NET_ADMIN, Capability.NET_RAW], { reason: 'benchmark' });
  for (const p of PATHS) {
    agent.mountHostPath(HostPath.of(p.path, p.type as kplus.HostPathVolumeType), { writable: p.writable, reason: 'benchmark' });
  }
  ds.addContainer({ name: 'sidecar', image: 'example/sidecar:1.0' });
}
