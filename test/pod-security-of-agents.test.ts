import { Chart, Testing } from 'cdk8s';
import { buildExamples } from '../examples/main';
import {
  Capability, GrantPolicy, HostNetworkDns, HostPath, NodeAgentDaemonSet, NodeAgentNamespace, PodSecurityLevel, Privilege,
} from '../src';
import { errorLines, ofKind, synthError, synthValid } from './support/synth';

const examples = Testing.app();
buildExamples(examples);
const agentOf = (chart: string) => examples.node.findChild(chart).node.findAll().find(c => c instanceof NodeAgentDaemonSet) as NodeAgentDaemonSet;

describe('the level each agent needs, with the violations that force it', () => {
  test('kube-proxy: privileged, for its privileged container, host network and host paths', () => {
    const report = agentOf('kube-proxy').podSecurity();
    expect(report.level).toBe(PodSecurityLevel.PRIVILEGED);
    expect(report.policyVersion).toBe('v1.37');
    expect(report.violations.map(v => [v.check, v.message])).toEqual([
      ['privileged', 'privileged (container "kube-proxy" must not set securityContext.privileged=true)'],
      ['hostNamespaces', 'host namespaces (hostNetwork=true)'],
      ['hostPathVolumes', 'hostPath volumes (volumes "host-run-xtables-lock", "host-lib-modules")'],
    ]);
  });

  test('kindnet: privileged, for its capabilities, host network and host paths', () => {
    const report = agentOf('kindnet').podSecurity();
    expect(report.level).toBe(PodSecurityLevel.PRIVILEGED);
    expect(report.violations.map(v => v.check)).toEqual(['capabilities_baseline', 'hostNamespaces', 'hostPathVolumes']);
    expect(report.violations[0].message).toBe('non-default capabilities (container "kindnet-cni" must not include "NET_ADMIN", "NET_RAW" in securityContext.capabilities.add)');
  });

  test('each violation is traced to the grants that caused it', () => {
    const report = agentOf('kindnet').podSecurity();
    const byCheck = Object.fromEntries(report.violations.map(v => [v.check, v.grants.map(g => g.capability ?? g.path ?? g.privilege)]));
    expect(byCheck.capabilities_baseline).toEqual(['NET_RAW', 'NET_ADMIN']);
    expect(byCheck.hostNamespaces).toEqual([Privilege.HOST_NETWORK]);
    expect(byCheck.hostPathVolumes).toEqual(['/etc/cni/net.d', '/run/xtables.lock', '/lib/modules', '/var/run/nri']);
  });

  test('an agent with no grants is restricted', () => {
    const chart = Testing.chart();
    const ds = new NodeAgentDaemonSet(chart, 'plain', { metadata: { namespace: 'kube-system' }, containers: [{ image: 'x' }] });
    expect(ds.podSecurity()).toEqual({ level: PodSecurityLevel.RESTRICTED, policyVersion: 'v1.37', violations: [] });
  });

  test('an agent whose only escalation is NET_BIND_SERVICE... still needs root, so it is baseline', () => {
    const chart = Testing.chart();
    const ds = new NodeAgentDaemonSet(chart, 'dns', { metadata: { namespace: 'kube-system' }, containers: [{ image: 'x', capabilities: { add: [Capability.NET_BIND_SERVICE] } }] });
    const report = ds.podSecurity('v1.30');
    expect(report.level).toBe(PodSecurityLevel.BASELINE);
    expect(report.violations.map(v => v.check)).toEqual(['runAsNonRoot']);
  });

  test('an unknown policy version is refused with the accepted forms', () => {
    expect(() => agentOf('kindnet').podSecurity('1.30')).toThrow('policy version "1.30" is not "latest" or "v1.N"');
  });
});

describe('NodeAgentNamespace', () => {
  test('the examples\' namespace enforces the level of their agents, pinned, and warns one level stricter', () => {
    const chart = examples.charts.find(c => c.node.id === 'kube-proxy')!;
    const ns = ofKind(chart.toJson(), 'Namespace');
    expect(ns.metadata).toEqual({
      name: 'kube-system',
      labels: {
        'pod-security.kubernetes.io/enforce': 'privileged',
        'pod-security.kubernetes.io/enforce-version': 'v1.37',
        'pod-security.kubernetes.io/warn': 'baseline',
        'pod-security.kubernetes.io/warn-version': 'v1.37',
        'pod-security.kubernetes.io/audit': 'baseline',
        'pod-security.kubernetes.io/audit-version': 'v1.37',
      },
    });
  });

  test('a namespace of hardened agents enforces restricted', () => {
    const chart = new Chart(Testing.app(), 'monitoring', { namespace: 'monitoring' });
    new NodeAgentNamespace(chart, 'ns', { metadata: { name: 'monitoring' } });
    new NodeAgentDaemonSet(chart, 'a', { containers: [{ image: 'x' }], criticalPodsQuota: false });
    const labels = ofKind(synthValid(chart), 'Namespace').metadata.labels;
    expect(labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
  });

  test('an agent the enforced level would reject is a synth-time error', () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'agents' });
    new NodeAgentNamespace(chart, 'ns', { metadata: { name: 'agents' }, enforce: PodSecurityLevel.BASELINE, policyVersion: 'v1.30' });
    new NodeAgentDaemonSet(chart, 'exporter', { hostPid: { reason: 'reads /proc' }, containers: [{ image: 'x' }], criticalPodsQuota: false });
    expect(errorLines(synthError(chart))).toEqual([
      '[agents/ns] enforce: "baseline" would reject agent agents/exporter, which needs "privileged" at v1.30 (host namespaces (hostPID=true)); enforce "privileged" or remove the grants',
    ]);
  });

  test('an invalid policy version is reported', () => {
    const chart = Testing.chart();
    new NodeAgentNamespace(chart, 'ns', { metadata: { name: 'agents' }, policyVersion: 'v2.0' });
    expect(errorLines(synthError(chart))).toEqual(['[test/ns] policyVersion: "v2.0" is not "latest" or "v1.N" with N a number']);
  });
});

describe('grants in the manifest', () => {
  test('every grant appears once in the annotation, with its container and reason', () => {
    const chart = Testing.chart();
    const ds = new NodeAgentDaemonSet(chart, 'a', { metadata: { namespace: 'kube-system' }, hostNetwork: { dns: HostNetworkDns.NODE, reason: 'CNI' } });
    const c = ds.addContainer({ name: 'cni', image: 'x' });
    c.grantCapabilities([Capability.NET_ADMIN], { reason: 'routes' });
    c.grantCapabilities([Capability.NET_ADMIN]);
    c.mountHostPath(HostPath.LIB_MODULES, { reason: 'modules' });
    const annotation = ofKind(synthValid(chart), 'DaemonSet').metadata.annotations['node-agents.cdk8s.io/grants'];
    expect(JSON.parse(annotation)).toEqual([
      { privilege: 'hostNetwork', reason: 'CNI' },
      { privilege: 'capability', container: 'cni', capability: 'NET_ADMIN', reason: 'routes' },
      { privilege: 'hostPath', container: 'cni', path: '/lib/modules', writable: false, reason: 'modules' },
    ]);
  });

  test('annotations the user set are kept', () => {
    const chart = Testing.chart();
    new NodeAgentDaemonSet(chart, 'a', {
      metadata: { namespace: 'kube-system', annotations: { 'polaris.fairwinds.com/hostPIDSet-exempt': 'false', 'team': 'net' } },
      hostPid: { reason: 'x' },
      containers: [{ image: 'x' }],
    });
    const annotations = ofKind(synthValid(chart), 'DaemonSet').metadata.annotations;
    expect(annotations['polaris.fairwinds.com/hostPIDSet-exempt']).toBe('false');
    expect(annotations.team).toBe('net');
  });

  test('GrantPolicy.requireReasons makes a grant without a reason an error', () => {
    const app = Testing.app();
    GrantPolicy.requireReasons(app);
    const chart = new Chart(app, 'c', { namespace: 'kube-system' });
    new NodeAgentDaemonSet(chart, 'a', { hostPid: {}, containers: [{ name: 'm', image: 'x', hostPaths: [{ hostPath: HostPath.VAR_LOG }] }] });
    new NodeAgentDaemonSet(chart, 'b', { hostIpc: { reason: 'shared memory' }, containers: [{ image: 'x' }] });
    expect(errorLines(synthError(chart))).toEqual([
      '[c/a] hostPID: granted without a reason, which GrantPolicy.requireReasons forbids; pass { reason: \'...\' } with the grant',
      '[c/a] containers["m"] hostPath /var/log (read-only): granted without a reason, which GrantPolicy.requireReasons forbids; pass { reason: \'...\' } with the grant',
    ]);
  });
});

describe('sensitive host paths', () => {
  function errors(hostPath: HostPath, options: { writable?: boolean; allowSensitive?: boolean } = {}): string[] {
    const chart = Testing.chart();
    const ds = new NodeAgentDaemonSet(chart, 'a', { metadata: { namespace: 'kube-system' } });
    ds.addContainer({ name: 'c', image: 'x' }).mountHostPath(hostPath, options);
    try {
      Testing.synth(chart);
      return [];
    } catch (e) {
      return errorLines((e as Error).message);
    }
  }

  test('a runtime socket is refused even read-only, and accepted when allowed', () => {
    expect(errors(HostPath.CONTAINERD_SOCKET)).toEqual([
      '[test/a] spec.template.spec.containers[0].volumeMounts[0]: containers["c"] hostPath "/run/containerd/containerd.sock" (read-only) is inside /run/containerd: the containerd socket: root on the node for whoever connects; mount a narrower path, or acknowledge it with mountHostPath(..., { allowSensitive: true, reason })',
    ]);
    expect(errors(HostPath.CONTAINERD_SOCKET, { allowSensitive: true })).toEqual([]);
  });

  test('an ancestor of a sensitive path is refused', () => {
    expect(errors(HostPath.of('/var/run/'))).toEqual([expect.stringContaining('hostPath "/var/run" (read-only) contains /var/run/docker.sock')]);
    expect(errors(HostPath.ROOT)).toEqual([expect.stringContaining('hostPath "/" (read-only) contains /var/run/docker.sock')]);
  });

  test('paths are normalised before they are compared', () => {
    expect(errors(HostPath.of('//etc/./kubernetes/'))).toEqual([expect.stringContaining('hostPath "/etc/kubernetes" (read-only) is sensitive')]);
  });

  test('a system directory is fine read-only and refused writable; allowing it read-only does not allow it writable', () => {
    expect(errors(HostPath.PROC)).toEqual([]);
    expect(errors(HostPath.PROC, { writable: true })).toEqual([expect.stringContaining('hostPath "/proc" (read-write) is sensitive')]);
    const chart = Testing.chart();
    const c = new NodeAgentDaemonSet(chart, 'a', { metadata: { namespace: 'kube-system' } }).addContainer({ name: 'c', image: 'x' });
    c.mountHostPath(HostPath.VAR_LOG, { allowSensitive: true });
    c.mountHostPath(HostPath.VAR_LOG, { mountPath: '/rw', writable: true });
    expect(errorLines(synthError(chart))).toEqual([expect.stringContaining('hostPath "/var/log" (read-write) is sensitive')]);
  });

  test('ordinary agent paths are not sensitive', () => {
    expect(errors(HostPath.XTABLES_LOCK, { writable: true })).toEqual([]);
    expect(errors(HostPath.LIB_MODULES)).toEqual([]);
    expect(errors(HostPath.SYS_FS_BPF, { writable: true })).toEqual([expect.stringContaining('is inside /sys')]);
  });
});
