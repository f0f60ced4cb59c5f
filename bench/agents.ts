/**
 * The equivalent ways the benchmark synthesizes N agents: two containers, four hostPath mounts,
 * capabilities, a priority class, a namespace per 100 agents. Every way writes the same pods and
 * namespaces (Pod Security labels, the quota that admits critical pods outside kube-system); what
 * only the library writes is its bookkeeping: the grants annotation and, when a team opts in, the
 * scanners' acknowledgements. The library's way is measured three times: as it comes (no
 * acknowledgements), acknowledging grants to one scanner, and to all four.
 */
import { ApiObject, App, Chart, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Capability, HostNetworkDns, HostPath, NodeAgentDaemonSet, NodeAgentNamespace, Scanner, ScannerAcknowledgements } from '../lib';

export type Way = 'node-agents' | 'node-agents, kube-linter only' | 'node-agents, four scanners' | 'raw-l1' | 'cdk8s-plus';
export const WAYS: Way[] = ['node-agents', 'node-agents, kube-linter only', 'node-agents, four scanners', 'raw-l1', 'cdk8s-plus'];

const PATHS = [
  { path: '/run/xtables.lock', type: 'FileOrCreate', writable: true },
  { path: '/lib/modules', type: 'Directory', writable: false },
  { path: '/var/log', type: 'Directory', writable: false },
  { path: '/var/lib/agent', type: 'DirectoryOrCreate', writable: true },
];

export function buildApp(way: Way, agents: number, outdir: string): App {
  const app = new App({ outdir });
  // The same agents, acknowledging their grants to one scanner or to all four (by default, none).
  if (way === 'node-agents, kube-linter only') ScannerAcknowledgements.only(app, [Scanner.KUBE_LINTER]);
  if (way === 'node-agents, four scanners') ScannerAcknowledgements.only(app, Scanner.all());
  for (let ns = 0; ns * 100 < agents; ns++) {
    const namespace = `agents-${ns}`;
    const chart = new Chart(app, namespace, { namespace });
    if (way.startsWith('node-agents')) new NodeAgentNamespace(chart, 'ns', { metadata: { name: namespace } });
    else handWrittenNamespace(chart, namespace);
    for (let i = ns * 100; i < Math.min(agents, (ns + 1) * 100); i++) BUILDERS[way](chart, `agent-${i}`);
  }
  return app;
}

const BUILDERS: Record<Way, (chart: Chart, name: string) => void> = {
  'node-agents': nodeAgent,
  'node-agents, kube-linter only': nodeAgent,
  'node-agents, four scanners': nodeAgent,
  'cdk8s-plus': (chart, name) => {
    // What a careful user writes by hand to get the same pod: every default overridden.
    const resources = { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) } };
    const seccompProfile = { type: kplus.SeccompProfileType.RUNTIME_DEFAULT };
    const ds = new kplus.DaemonSet(chart, name, {
      metadata: { name },
      hostNetwork: true,
      dns: { policy: kplus.DnsPolicy.DEFAULT },
      securityContext: { ensureNonRoot: false },
    });
    const agent = ds.addContainer({
      name: 'agent',
      image: 'example/agent:1.0',
      resources,
      securityContext: {
        ensureNonRoot: false,
        capabilities: { add: [kplus.Capability.NET_ADMIN, kplus.Capability.NET_RAW], drop: [kplus.Capability.ALL] },
        seccompProfile,
      },
    });
    PATHS.forEach((p, i) => {
      const volume = kplus.Volume.fromHostPath(chart, `${name}-v${i}`, `host-${i}`, { path: p.path, type: p.type as kplus.HostPathVolumeType });
      agent.mount(p.path, volume, { readOnly: !p.writable });
    });
    ds.addContainer({
      name: 'sidecar',
      image: 'example/sidecar:1.0',
      resources,
      securityContext: { capabilities: { drop: [kplus.Capability.ALL] }, seccompProfile },
    });
    ds.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.any()));
    ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('kubernetes.io/os', 'linux')));
    // cdk8s-plus-28 has no field for these: the escape hatch (IntOrString as the L1 mapping expects it).
    ApiObject.of(ds).addJsonPatch(
      JsonPatch.add('/spec/template/spec/priorityClassName', 'system-node-critical'),
      JsonPatch.add('/spec/updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1) } }),
    );
  },

  'raw-l1': (chart, name) => {
    const labels = { app: name };
    const quantity = kplus.k8s.Quantity.fromString;
    const resources = { requests: { cpu: quantity('50m'), memory: quantity('64Mi') }, limits: { memory: quantity('256Mi') } };
    const hardened = {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
    };
    new kplus.k8s.KubeDaemonSet(chart, name, {
      metadata: { name },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1) } },
        template: {
          metadata: { labels },
          spec: {
            hostNetwork: true,
            dnsPolicy: 'Default',
            priorityClassName: 'system-node-critical',
            tolerations: [{ operator: 'Exists' }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'agent',
                image: 'example/agent:1.0',
                resources,
                securityContext: { ...hardened, capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] } },
                volumeMounts: PATHS.map((p, i) => ({ name: `host-${i}`, mountPath: p.path, readOnly: !p.writable })),
              },
              { name: 'sidecar', image: 'example/sidecar:1.0', resources, securityContext: { ...hardened, runAsNonRoot: true } },
            ],
            volumes: PATHS.map((p, i) => ({ name: `host-${i}`, hostPath: { path: p.path, type: p.type } })),
          },
        },
      },
    });
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
    metadata: { name: 'critical-pods' },
    spec: {
      hard: { pods: kplus.k8s.Quantity.fromString('1000000000') },
      scopeSelector: {
        matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical', 'system-cluster-critical'] }],
      },
    },
  });
}

/** The agent written with the library: every default, check, annotation and acknowledgement on. */
function nodeAgent(chart: Chart, name: string): void {
  const ds = new NodeAgentDaemonSet(chart, name, {
    metadata: { name },
    hostNetwork: { dns: HostNetworkDns.NODE, reason: 'benchmark' },
  });
  const agent = ds.addContainer({ name: 'agent', image: 'example/agent:1.0' });
  agent.grantCapabilities([Capability.NET_ADMIN, Capability.NET_RAW], { reason: 'benchmark' });
  for (const p of PATHS) {
    agent.mountHostPath(HostPath.of(p.path, p.type as kplus.HostPathVolumeType), { writable: p.writable, reason: 'benchmark' });
  }
  ds.addContainer({ name: 'sidecar', image: 'example/sidecar:1.0' });
}
