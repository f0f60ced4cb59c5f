import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentTolerations, AgentUpdateStrategy, Capability, HostNetworkDns, HostPath,
  NodeAgentDaemonSet, PriorityClass, Privilege, TerminationMessagePolicy,
} from '../src';
import { HARDENED_CONTAINER } from './support/expected';
import { withStderr } from './support/output';
import { ofKind, synthValid } from './support/synth';

function agent(props: ConstructorParameters<typeof NodeAgentDaemonSet>[2] = {}, namespace = 'kube-system') {
  const chart = Testing.chart();
  const ds = new NodeAgentDaemonSet(chart, 'agent', { metadata: { namespace }, ...props });
  return { chart, ds };
}

function podSpec(manifests: any[]): any {
  return ofKind(manifests, 'DaemonSet').spec.template.spec;
}

describe('safe defaults', () => {
  const { chart, ds } = agent();
  ds.addContainer({ name: 'agent', image: 'example/agent:1.0' });
  ds.addInitContainer({ name: 'setup', image: 'example/setup:1.0' });
  const manifests = synthValid(chart);
  const spec = podSpec(manifests);
  const container = spec.containers[0];

  test('runs at system-node-critical', () => {
    expect(spec.priorityClassName).toBe('system-node-critical');
  });

  test('tolerates every taint, on Linux nodes only', () => {
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  });

  test('rolls out one node at a time', () => {
    expect(ofKind(manifests, 'DaemonSet').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
  });

  test('hardens a container with no grants so it passes Pod Security restricted', () => {
    expect(container.securityContext).toEqual(HARDENED_CONTAINER);
    expect(spec.securityContext).toEqual({ runAsNonRoot: true });
  });

  test('sizes resources for an agent, init containers included, with no CPU limit', () => {
    const expected = { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } };
    expect(container.resources).toEqual(expected);
    expect(spec.initContainers[0].resources).toEqual(expected);
  });

  test('mounts no service-account token without a service account', () => {
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  test('stays off the host namespaces and records no grant', () => {
    expect(spec.hostNetwork).toBeUndefined();
    expect(spec.hostPID).toBeUndefined();
    expect(spec.hostIPC).toBeUndefined();
    expect(ds.grants).toEqual([]);
  });

  test('adds no ResourceQuota in kube-system', () => {
    expect(manifests.map(m => m.kind)).toEqual(['DaemonSet']);
  });
});

describe('host namespaces', () => {
  test('host network requires and emits an explicit DNS mode', () => {
    const { chart, ds } = agent({ hostNetwork: { dns: HostNetworkDns.NODE, reason: 'CNI' } });
    ds.addContainer({ image: 'cni' });
    const spec = podSpec(synthValid(chart));
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('Default');
    expect(ds.grants).toEqual([{ privilege: Privilege.HOST_NETWORK, reason: 'CNI' }]);
  });

  test('cluster DNS on the host network is ClusterFirstWithHostNet', () => {
    const { chart, ds } = agent({ hostNetwork: { dns: HostNetworkDns.CLUSTER } });
    ds.addContainer({ image: 'shipper' });
    expect(podSpec(synthValid(chart)).dnsPolicy).toBe('ClusterFirstWithHostNet');
  });

  test('host PID and IPC are granted with their reasons', () => {
    const { chart, ds } = agent({ hostPid: { reason: 'reads /proc of every process' }, hostIpc: { reason: 'shared memory with the runtime' } });
    ds.addContainer({ image: 'exporter' });
    const spec = podSpec(synthValid(chart));
    expect(spec.hostPID).toBe(true);
    expect(spec.hostIPC).toBe(true);
    expect(ds.grants.map(g => [g.privilege, g.reason])).toEqual([
      [Privilege.HOST_PID, 'reads /proc of every process'],
      [Privilege.HOST_IPC, 'shared memory with the runtime'],
    ]);
  });
});

describe('container grants', () => {
  test('a privileged container never gets allowPrivilegeEscalation: false, seccomp or capability settings', () => {
    const { chart, ds } = agent();
    ds.addContainer({ name: 'proxy', image: 'proxy' }).grantPrivileged({ reason: 'iptables' });
    const sc = podSpec(synthValid(chart)).containers[0].securityContext;
    expect(sc).toEqual({ privileged: true, readOnlyRootFilesystem: true });
    expect(ds.grants).toEqual([{ privilege: Privilege.PRIVILEGED, container: 'proxy', reason: 'iptables' }]);
  });

  test('capabilities are added by name, everything else dropped, and the container may run as root', () => {
    const { chart, ds } = agent();
    ds.addContainer({ name: 'cni', image: 'cni' }).grantCapabilities([Capability.NET_ADMIN, Capability.of('cap_net_raw')], { reason: 'routes' });
    const spec = podSpec(synthValid(chart));
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    // Pod-level runAsNonRoot would override the container's need for root.
    expect(spec.securityContext).toBeUndefined();
    expect(ds.grants.map(g => g.capability)).toEqual(['NET_ADMIN', 'NET_RAW']);
  });

  test('SYS_ADMIN keeps privilege escalation allowed', () => {
    const { chart, ds } = agent();
    ds.addContainer({ image: 'csi' }).grantCapabilities([Capability.SYS_ADMIN]);
    expect(podSpec(synthValid(chart)).containers[0].securityContext.allowPrivilegeEscalation).toBeUndefined();
  });

  test('Capability.of normalises case and the CAP_ prefix', () => {
    expect(Capability.of('CAP_SYS_ADMIN').name).toBe('SYS_ADMIN');
    expect(Capability.of(' net_admin ').name).toBe('NET_ADMIN');
    expect(Capability.of('BPF')).not.toBe(Capability.BPF);
    expect(Capability.of('BPF').name).toBe(Capability.BPF.name);
  });

  test('host paths mount read-only unless writable is asked for, with the preset type', () => {
    const { chart, ds } = agent();
    const c = ds.addContainer({ name: 'proxy', image: 'proxy' });
    c.mountHostPath(HostPath.XTABLES_LOCK, { writable: true, reason: 'iptables lock' });
    c.mountHostPath(HostPath.LIB_MODULES, { reason: 'modules' });
    const spec = podSpec(synthValid(chart));
    expect(spec.volumes).toEqual([
      { name: 'host-run-xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
      { name: 'host-lib-modules', hostPath: { path: '/lib/modules', type: 'Directory' } },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'host-run-xtables-lock', mountPath: '/run/xtables.lock', readOnly: false },
      { name: 'host-lib-modules', mountPath: '/lib/modules', readOnly: true },
    ]);
    expect(ds.grants.map(g => [g.path, g.writable, g.reason])).toEqual([
      ['/run/xtables.lock', true, 'iptables lock'],
      ['/lib/modules', false, 'modules'],
    ]);
  });

  test('two containers mounting the same host path share one volume', () => {
    const { chart, ds } = agent();
    ds.addContainer({ name: 'a', image: 'a' }).mountHostPath(HostPath.VAR_LOG);
    ds.addContainer({ name: 'b', image: 'b' }).mountHostPath(HostPath.VAR_LOG, { mountPath: '/host/var/log' });
    const spec = podSpec(synthValid(chart));
    expect(spec.volumes).toHaveLength(1);
    expect(spec.containers[1].volumeMounts).toEqual([{ name: 'host-var-log', mountPath: '/host/var/log', readOnly: true }]);
  });

  test('a hostPath volume mounted through the cdk8s-plus API is read-only by default and recorded', () => {
    const { chart, ds } = agent();
    const volume = kplus.Volume.fromHostPath(chart, 'logs', 'logs', { path: '/var/log' });
    ds.addContainer({ name: 'shipper', image: 'shipper' }).mount('/var/log', volume);
    expect(podSpec(synthValid(chart)).containers[0].volumeMounts[0].readOnly).toBe(true);
    expect(ds.grants).toEqual([{ privilege: Privilege.HOST_PATH, container: 'shipper', path: '/var/log', writable: false }]);
  });

  test('host ports are bound and recorded', () => {
    const { chart, ds } = agent();
    ds.addContainer({ name: 'exporter', image: 'exporter' }).grantHostPort(9100, { name: 'metrics', reason: 'scraped on the node address' });
    expect(podSpec(synthValid(chart)).containers[0].ports).toEqual([{ containerPort: 9100, hostPort: 9100, name: 'metrics' }]);
    expect(ds.grants).toEqual([{ privilege: Privilege.HOST_PORT, container: 'exporter', port: 9100, protocol: 'TCP', reason: 'scraped on the node address' }]);
  });

  test('grants can be given as container props', () => {
    const { chart, ds } = agent({
      containers: [{
        name: 'sensor',
        image: 'sensor',
        capabilities: { add: [Capability.BPF, Capability.PERFMON], reason: 'loads eBPF probes' },
        hostPaths: [{ hostPath: HostPath.PROC, mountPath: '/host/proc', reason: 'reads process metadata' }],
        runAsRoot: { reason: 'reads /proc of other users' },
        writableRootFilesystem: { reason: 'unpacks rules into /tmp' },
      }],
    });
    const c = podSpec(synthValid(chart)).containers[0];
    expect(c.securityContext.capabilities.add).toEqual(['BPF', 'PERFMON']);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(false);
    expect(c.securityContext.runAsNonRoot).toBeUndefined();
    expect(ds.grants.map(g => g.privilege)).toEqual([
      Privilege.CAPABILITY, Privilege.CAPABILITY, Privilege.RUN_AS_ROOT, Privilege.WRITABLE_ROOT_FILESYSTEM, Privilege.HOST_PATH,
    ]);
  });

  test('SELinux, AppArmor and seccomp confinement are relaxed only by grants, and traced to them', () => {
    const { chart, ds } = agent();
    const c = ds.addContainer({ name: 'ebpf', image: 'x' });
    c.grantSeLinuxType('spc_t', { reason: 'bpffs on SELinux hosts' });
    c.grantUnconfinedAppArmor({ reason: 'mounts on AppArmor hosts' });
    c.grantUnconfinedSeccomp({ reason: 'syscalls outside the default profile' });
    const template = ofKind(synthValid(chart), 'DaemonSet').spec.template;
    expect(template.metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/ebpf': 'unconfined' });
    expect(template.spec.containers[0].securityContext.seLinuxOptions).toEqual({ type: 'spc_t', level: 's0' });
    expect(template.spec.containers[0].securityContext.seccompProfile).toEqual({ type: 'Unconfined' });
    const byCheck = Object.fromEntries(ds.podSecurity().violations.map(v => [v.check, v.grants.map(g => [g.privilege, g.seLinuxType].filter(Boolean).join(' '))]));
    expect(byCheck).toEqual({
      appArmorProfile: ['unconfinedAppArmor'],
      seLinuxOptions: ['seLinuxType spc_t'],
      seccompProfile_baseline: ['unconfinedSeccomp'],
    });
  });

  test('a grant made twice is recorded once, keeping the reason', () => {
    const { ds } = agent();
    const c = ds.addContainer({ image: 'x' });
    c.grantPrivileged({ reason: 'first' });
    c.grantPrivileged();
    expect(ds.grants).toEqual([{ privilege: Privilege.PRIVILEGED, container: 'main', reason: 'first' }]);
  });
});

describe('agent container settings cdk8s-plus lacks', () => {
  test('optional envFrom ConfigMaps and the termination message policy', () => {
    const { chart, ds } = agent();
    const c = ds.addAgentContainer({
      name: 'node',
      image: 'x',
      envFrom: [kplus.Env.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'required'))],
      optionalEnvFromConfigMaps: ['endpoint'],
      terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR,
    });
    c.addOptionalEnvFromConfigMap('extra');
    const container = podSpec(synthValid(chart)).containers[0];
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'required' } },
      { configMapRef: { name: 'endpoint', optional: true } },
      { configMapRef: { name: 'extra', optional: true } },
    ]);
    expect(container.terminationMessagePolicy).toBe('FallbackToLogsOnError');
  });

  test('addAgentContainer and addAgentInitContainer take grants as props', () => {
    const { chart, ds } = agent();
    ds.addAgentInitContainer({ name: 'install', image: 'x', hostPaths: [{ hostPath: HostPath.CNI_BIN, writable: true, allowSensitive: true, reason: 'installs the plugin' }] });
    ds.addAgentContainer({ name: 'cni', image: 'x', capabilities: { add: [Capability.NET_ADMIN], reason: 'routes' } });
    const spec = podSpec(synthValid(chart));
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'host-opt-cni-bin', mountPath: '/opt/cni/bin', readOnly: false }]);
    expect(spec.containers[0].securityContext.capabilities.add).toEqual(['NET_ADMIN']);
  });
});

describe('what the user set is kept', () => {
  test('explicit securityContext fields win over the derived ones and count as grants', () => {
    const { chart, ds } = agent();
    ds.addContainer({
      name: 'agent',
      image: 'agent',
      securityContext: { user: 65534, group: 65534, readOnlyRootFilesystem: false, capabilities: { add: [kplus.Capability.SYS_TIME] } },
    });
    const [manifests, warnings] = withStderr(() => synthValid(chart));
    expect(warnings).toEqual([expect.stringMatching(/^Warning: \[test\/agent\] .*adds SYS_TIME but runs as user 65534.*\[capabilities-without-root\]$/)]);
    const sc = podSpec(manifests).containers[0].securityContext;
    expect(sc.runAsUser).toBe(65534);
    expect(sc.runAsGroup).toBe(65534);
    expect(sc.readOnlyRootFilesystem).toBe(false);
    expect(sc.capabilities.add).toEqual(['SYS_TIME']);
    expect(ds.grants.map(g => g.privilege)).toEqual([Privilege.CAPABILITY, Privilege.WRITABLE_ROOT_FILESYSTEM]);
  });

  test('explicit resources replace the defaults', () => {
    const { chart, ds } = agent();
    ds.addContainer({ image: 'x', resources: { cpu: { request: kplus.Cpu.millis(10) } } });
    const [manifests, warnings] = withStderr(() => synthValid(chart));
    expect(podSpec(manifests).containers[0].resources).toEqual({ requests: { cpu: '10m' } });
    expect(warnings).toEqual([expect.stringMatching(/^Warning: \[test\/agent\] .*container "main" requests no memory.*\[missing-requests\]$/)]);
  });

  test('tolerations added through cdk8s-plus scheduling are kept beside the preset', () => {
    const { chart, ds } = agent({ tolerations: AgentTolerations.CONTROL_PLANE });
    ds.addContainer({ image: 'x' });
    ds.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('nvidia.com/gpu')));
    expect(podSpec(synthValid(chart)).tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'nvidia.com/gpu', operator: 'Exists' },
    ]);
  });

  test('a user node selector is merged with the Linux default, and may override it', () => {
    const { chart, ds } = agent({ nodeSelector: { 'kubernetes.io/os': 'windows', 'gpu': 'true' } });
    ds.addContainer({ image: 'x' });
    const [manifests, warnings] = withStderr(() => synthValid(chart));
    expect(podSpec(manifests).nodeSelector).toEqual({ 'kubernetes.io/os': 'windows', 'gpu': 'true' });
    expect(warnings).toEqual([expect.stringMatching(/^Warning: \[test\/agent\] .*does not select Linux nodes.*\[blanket-toleration-without-linux\]$/)]);
  });

  test('an explicit pod-level runAsNonRoot is kept', () => {
    const { chart, ds } = agent({ securityContext: { ensureNonRoot: false } });
    ds.addContainer({ image: 'x' });
    expect(podSpec(synthValid(chart)).securityContext).toEqual({ runAsNonRoot: false });
  });
});

describe('presets', () => {
  test.each([
    [AgentTolerations.NO_SCHEDULE_AND_NO_EXECUTE, [{ operator: 'Exists', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute' }]],
    [AgentTolerations.CONTROL_PLANE, [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]],
  ])('tolerations %#', (preset, expected) => {
    const { chart, ds } = agent({ tolerations: preset });
    ds.addContainer({ image: 'x' });
    expect(podSpec(synthValid(chart)).tolerations).toEqual(expected);
  });

  test('no tolerations', () => {
    const { chart, ds } = agent({ tolerations: AgentTolerations.NONE });
    ds.addContainer({ image: 'x' });
    const [manifests, warnings] = withStderr(() => synthValid(chart));
    expect(podSpec(manifests).tolerations).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/^Warning: \[test\/agent\] spec\.template\.spec\.tolerations: no tolerations: .*\[no-tolerations\]$/)]);
  });

  test('update strategies: percent, surge, on delete', () => {
    const cases: Array<[AgentUpdateStrategy, any]> = [
      [AgentUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }), { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } }],
      [AgentUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1) }), { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }],
      [AgentUpdateStrategy.onDelete(), { type: 'OnDelete' }],
    ];
    for (const [updateStrategy, expected] of cases) {
      const { chart, ds } = agent({ updateStrategy });
      ds.addContainer({ image: 'x' });
      expect(ofKind(synthValid(chart), 'DaemonSet').spec.updateStrategy).toEqual(expected);
    }
  });

  test('well-known host paths carry their type', () => {
    expect(HostPath.XTABLES_LOCK.type).toBe('FileOrCreate');
    expect(HostPath.CONTAINERD_SOCKET.type).toBe('Socket');
    expect(HostPath.of('/var/lib/agent').type).toBe('');
    expect(HostPath.of('/var//lib/./agent/../agent/').normalisedPath).toBe('/var/lib/agent');
  });
});

describe('service account and priority', () => {
  test('the token is mounted when a service account is given', () => {
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa');
    const ds = new NodeAgentDaemonSet(chart, 'agent', { serviceAccount, metadata: { namespace: 'kube-system' } });
    ds.addContainer({ image: 'x' });
    const spec = podSpec(synthValid(chart));
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(spec.serviceAccountName).toBe(serviceAccount.name);
  });

  test('a built-in critical class outside kube-system gets one scoped ResourceQuota per namespace', () => {
    const chart = Testing.chart();
    for (const id of ['a', 'b']) {
      new NodeAgentDaemonSet(chart, id, { metadata: { namespace: 'monitoring' }, containers: [{ image: 'x' }] });
    }
    const manifests = synthValid(chart);
    const quotas = manifests.filter(m => m.kind === 'ResourceQuota');
    expect(quotas).toHaveLength(1);
    expect(quotas[0].metadata.namespace).toBe('monitoring');
    expect(quotas[0].spec.scopeSelector.matchExpressions).toEqual([
      { scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical', 'system-cluster-critical'] },
    ]);
    // The quota must exist before the agents' pods are admitted: first by its place in the chart,
    // not by a dependency, which cdk8s would resolve again for every chart it writes.
    expect(manifests[0].kind).toBe('ResourceQuota');
    expect(chart.node.findAll().flatMap(c => c.node.dependencies)).toEqual([]);
  });

  test('the quota can be turned off', () => {
    const chart = Testing.chart();
    new NodeAgentDaemonSet(chart, 'a', { metadata: { namespace: 'monitoring' }, criticalPodsQuota: false, containers: [{ image: 'x' }] });
    expect(synthValid(chart).map(m => m.kind)).toEqual(['DaemonSet']);
  });

  test('an existing class by name, with no quota', () => {
    const { chart } = agent({ priorityClass: PriorityClass.fromName('agents'), containers: [{ image: 'x' }] }, 'monitoring');
    const [manifests, warnings] = withStderr(() => synthValid(chart));
    expect(warnings).toEqual([expect.stringContaining('Warning: [NodeAgentsAppChecks] agent test/agent uses priority class "agents", which is neither built in nor defined in this app')]);
    expect(podSpec(manifests).priorityClassName).toBe('agents');
    expect(manifests.map(m => m.kind)).toEqual(['DaemonSet']);
  });
});
