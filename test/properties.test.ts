import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import {
  AgentTolerations, AgentUpdateStrategy, Capability, HostNetworkDns, HostPath, NodeAgentDaemonSet, PriorityClass,
} from '../src';
import { warningsOnly, withStderr } from './support/output';
import { validateAgainstSchema } from './support/schema';
import { ALL_RULES } from '../src/checks/registry';
import { runRules } from '../src/checks/rule';

/** At least 1,000 runs per property (the floor), and a fixed seed in CI for reproducibility. */
const RUNS = { numRuns: 1000, ...(process.env.CI ? { seed: 20261123 } : {}) };

const CAPS = [Capability.NET_ADMIN, Capability.NET_RAW, Capability.SYS_ADMIN, Capability.BPF, Capability.PERFMON, Capability.SYS_PTRACE, Capability.of('cap_sys_resource')];
const PATHS = [HostPath.XTABLES_LOCK, HostPath.LIB_MODULES, HostPath.CNI_CONFIG, HostPath.CNI_BIN, HostPath.VAR_LOG, HostPath.PROC, HostPath.SYS, HostPath.SYS_FS_BPF, HostPath.DEV, HostPath.of('/var/lib/agent', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE)];
const TOLERATIONS = [AgentTolerations.ALL, AgentTolerations.NO_SCHEDULE_AND_NO_EXECUTE, AgentTolerations.CONTROL_PLANE, AgentTolerations.NONE];

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const containerArb = fc.record({
  privileged: fc.boolean(),
  caps: fc.subarray(CAPS),
  mounts: fc.uniqueArray(
    fc.record({ path: fc.constantFrom(...PATHS), writable: fc.boolean(), propagate: fc.boolean() }),
    { selector: m => m.path.path, maxLength: 4 },
  ),
  ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 2 }),
  hostPort: fc.boolean(),
  root: fc.boolean(),
  writableRoot: fc.boolean(),
  reason: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
});
const agentArb = fc.record({
  name,
  namespace: fc.constantFrom('kube-system', 'monitoring', 'agents'),
  containers: fc.uniqueArray(fc.record({ name, spec: containerArb }), { selector: c => c.name, minLength: 1, maxLength: 3 }),
  hostNetwork: fc.option(fc.constantFrom(HostNetworkDns.NODE, HostNetworkDns.CLUSTER), { nil: undefined }),
  hostPid: fc.boolean(),
  tolerations: fc.constantFrom(...TOLERATIONS),
  maxUnavailable: fc.oneof(
    fc.integer({ min: 1, max: 10 }).map(n => kplus.PercentOrAbsolute.absolute(n)),
    fc.integer({ min: 1, max: 100 }).map(n => kplus.PercentOrAbsolute.percent(n)),
  ),
  surge: fc.boolean(),
  priority: fc.constantFrom(PriorityClass.SYSTEM_NODE_CRITICAL, PriorityClass.SYSTEM_CLUSTER_CRITICAL, PriorityClass.fromName('node-agents')),
});
type AgentSpec = typeof agentArb extends fc.Arbitrary<infer T> ? T : never;

/** Builds an agent from generated props; host ports are kept unique across containers. */
function build(spec: AgentSpec, mutate: (ds: NodeAgentDaemonSet) => void = () => {}) {
  const chart = Testing.chart();
  const hostNetwork = spec.hostNetwork !== undefined;
  const usesHostPorts = hostNetwork || spec.containers.some(c => c.spec.hostPort && c.spec.ports.length);
  const ds = new NodeAgentDaemonSet(chart, 'agent', {
    metadata: { name: spec.name, namespace: spec.namespace },
    hostNetwork: hostNetwork ? { dns: spec.hostNetwork!, reason: 'generated' } : undefined,
    hostPid: spec.hostPid ? { reason: 'generated' } : undefined,
    tolerations: spec.tolerations,
    priorityClass: spec.priority,
    updateStrategy: spec.surge && !usesHostPorts
      ? AgentUpdateStrategy.rollingUpdate({ maxSurge: spec.maxUnavailable })
      : AgentUpdateStrategy.rollingUpdate({ maxUnavailable: spec.maxUnavailable }),
  });
  const used = new Set<number>();
  for (const { name: cname, spec: c } of spec.containers) {
    const container = ds.addContainer({ name: cname, image: `example/${cname}:1.0` });
    const options = { reason: c.reason };
    if (c.privileged) container.grantPrivileged(options);
    if (c.caps.length) container.grantCapabilities(c.caps, options);
    if (c.root) container.grantRunAsRoot(options);
    if (c.writableRoot) container.grantWritableRootFilesystem(options);
    for (const m of c.mounts) {
      container.mountHostPath(m.path, {
        ...options,
        mountPath: `/host${m.path.path}`,
        writable: m.writable,
        allowSensitive: true,
        propagation: m.propagate ? (c.privileged ? kplus.MountPropagation.BIDIRECTIONAL : kplus.MountPropagation.HOST_TO_CONTAINER) : undefined,
      });
    }
    for (const port of c.ports.filter(p => !used.has(p))) {
      used.add(port);
      if (c.hostPort) container.grantHostPort(port, options);
      else container.addPort({ number: port });
    }
  }
  mutate(ds);
  return chart;
}

test('random valid props synthesize to manifests the Kubernetes schema and every library rule accept', () => {
  fc.assert(fc.property(agentArb, spec => {
    // Random props may deserve warnings (no tolerations, a priority class defined elsewhere); only warnings.
    const [manifests, printed] = withStderr(() => Testing.synth(build(spec)));
    expect(printed.filter(line => !line.startsWith('Warning: '))).toEqual([]);
    for (const m of manifests) {
      validateAgainstSchema(m);
      expect(runRules(ALL_RULES, m).filter(f => f.severity === 'error')).toEqual([]);
    }
    expect(manifests.filter(m => m.kind === 'DaemonSet')).toHaveLength(1);
  }), RUNS);
});

/** One mistake each; every one must end in the library's validation error. */
const MISTAKES: Array<[string, (ds: NodeAgentDaemonSet) => void]> = [
  ['a capability that is not one', ds => ds.addContainer({ name: 'bad-cap', image: 'x' }).grantCapabilities([Capability.of('net admin')])],
  ['a container name that is not a DNS label', ds => ds.addContainer({ name: 'Bad_Name', image: 'x' })],
  ['privileged without privilege escalation', ds => ds.addContainer({ name: 'ape', image: 'x', securityContext: { privileged: true, allowPrivilegeEscalation: false } })],
  ['a host path with ".."', ds => ds.addContainer({ name: 'dots', image: 'x' }).mountHostPath(HostPath.of('/opt/a/../b', kplus.HostPathVolumeType.DIRECTORY))],
  ['Bidirectional without privileged', ds => ds.addContainer({ name: 'bidi', image: 'x' }).mountHostPath(HostPath.of('/mnt/agent', kplus.HostPathVolumeType.DIRECTORY), { propagation: kplus.MountPropagation.BIDIRECTIONAL })],
  ['a host port out of range', ds => ds.addContainer({ name: 'port', image: 'x' }).grantHostPort(70000)],
  ['a sensitive host path not allowed', ds => ds.addContainer({ name: 'sock', image: 'x' }).mountHostPath(HostPath.CONTAINERD_SOCKET)],
  ['an init container with a probe', ds => ds.addInitContainer({ name: 'init-probe', image: 'x', readiness: kplus.Probe.fromTcpSocket({ port: 80 }) })],
  ['a port name that is not an IANA name', ds => ds.addContainer({ name: 'pname', image: 'x', ports: [{ number: 81, name: 'Metrics_Port' }] })],
];

test('random invalid props always end in the library\'s validation error, never a TypeError or a manifest', () => {
  fc.assert(fc.property(agentArb, fc.constantFrom(...MISTAKES), (spec, [, mistake]) => {
    let thrown: unknown;
    let manifests: unknown;
    try {
      manifests = warningsOnly(() => Testing.synth(build(spec, mistake)));
    } catch (e) {
      thrown = e;
    }
    expect(manifests).toBeUndefined();
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toMatch(/^Validation failed with the following errors:\n {2}\[test\/agent\] /);
    expect((thrown as Error).message).not.toMatch(/\n\s+at /);
  }), RUNS);
});
