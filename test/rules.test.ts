import { ALL_RULES } from '../src/checks/registry';
import { ManifestRule } from '../src/checks/rule';
import { GRANTS_ANNOTATION } from '../src/model/grants-annotation';

/** A DaemonSet around a pod spec, valid unless the spec makes it invalid. */
function ds(spec: any, extra: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', ...extra.metadata },
    spec: {
      selector: { matchLabels: { app: 'a' } },
      template: { metadata: { labels: { app: 'a' } }, spec: { priorityClassName: 'system-node-critical', tolerations: [{ operator: 'Exists' }], nodeSelector: { 'kubernetes.io/os': 'linux' }, ...spec } },
      ...extra.spec,
    },
  };
}
const c = (extra: any = {}) => ({ name: 'c', image: 'i', resources: { requests: { cpu: '10m', memory: '10Mi' } }, ...extra });
const pc = (extra: any) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'agents' }, value: 1000, ...extra });

/** A container holding nothing of the node: what the library renders for a container without grants. */
const hardened = (extra: any = {}) => c({
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  ...extra,
});
const granting = (grants: any[]) => ({ metadata: { annotations: { [GRANTS_ANNOTATION]: JSON.stringify(grants) } } });

/** For every rule: a manifest it accepts and one it reports, with the path it names. */
const CASES: Record<string, { pass: any; fail: any; path: string }> = {
  'metadata-keys': {
    pass: ds({ containers: [c()] }, { metadata: { labels: { 'app.kubernetes.io/name': 'agent' }, annotations: { 'example.com/note': 'x'.repeat(1000) } } }),
    fail: ds({ containers: [c()] }, { metadata: { labels: { 'container.kubeaudit.io/c.allow-capability-net-': 'granted' } } }),
    path: 'metadata.labels',
  },
  'ungranted-host-access': {
    pass: ds({ hostNetwork: true, dnsPolicy: 'Default', containers: [hardened()] }, granting([{ privilege: 'hostNetwork', reason: 'routes' }])),
    fail: ds({ hostNetwork: true, dnsPolicy: 'Default', containers: [hardened()] }, granting([])),
    path: 'spec.template.spec.hostNetwork',
  },
  'object-name': { pass: ds({ containers: [c()] }), fail: ds({ containers: [c()] }, { metadata: { name: 'Agent_1' } }), path: 'metadata.name' },
  'container-names': { pass: ds({ containers: [c(), c({ name: 'd' })] }), fail: ds({ containers: [c(), c()] }), path: 'spec.template.spec.containers[1].name' },
  'container-image': { pass: ds({ containers: [c()] }), fail: ds({ containers: [c({ image: ' ' })] }), path: 'spec.template.spec.containers[0].image' },
  'volume-mounts': {
    pass: ds({ containers: [c({ volumeMounts: [{ name: 'v', mountPath: '/a', subPath: 'x/y' }] })], volumes: [{ name: 'v', emptyDir: {} }] }),
    fail: ds({ containers: [c({ volumeMounts: [{ name: 'w', mountPath: '/a' }] })], volumes: [{ name: 'v', emptyDir: {} }] }),
    path: 'spec.template.spec.containers[0].volumeMounts[0].name',
  },
  'daemon-set-counts': { pass: ds({ containers: [c()] }, { spec: { minReadySeconds: 0, revisionHistoryLimit: 3 } }), fail: ds({ containers: [c()] }, { spec: { revisionHistoryLimit: -1 } }), path: 'spec.revisionHistoryLimit' },
  'volume-names': { pass: ds({ containers: [c()], volumes: [{ name: 'v', emptyDir: {} }] }), fail: ds({ containers: [c()], volumes: [{ name: 'V', emptyDir: {} }] }), path: 'spec.template.spec.volumes[0].name' },
  'container-ports': { pass: ds({ containers: [c({ ports: [{ containerPort: 80, name: 'http' }] })] }), fail: ds({ containers: [c({ ports: [{ containerPort: 70000 }] })] }), path: 'spec.template.spec.containers[0].ports[0].containerPort' },
  'duplicate-host-ports': {
    pass: ds({ containers: [c({ ports: [{ containerPort: 80, hostPort: 80 }] }), c({ name: 'd', ports: [{ containerPort: 80, hostPort: 81 }] })] }),
    fail: ds({ containers: [c({ ports: [{ containerPort: 80, hostPort: 80 }] }), c({ name: 'd', ports: [{ containerPort: 81, hostPort: 80 }] })] }),
    path: 'spec.template.spec.containers[1].ports[0]',
  },
  'host-network-ports': {
    pass: ds({ hostNetwork: true, dnsPolicy: 'Default', containers: [c({ ports: [{ containerPort: 80 }] })] }),
    fail: ds({ hostNetwork: true, dnsPolicy: 'Default', containers: [c({ ports: [{ containerPort: 80, hostPort: 8080 }] })] }),
    path: 'spec.template.spec.containers[0].ports[0].hostPort',
  },
  'privileged-escalation': {
    pass: ds({ containers: [c({ securityContext: { privileged: true } })] }),
    fail: ds({ containers: [c({ securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } } })] }),
    path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
  },
  'host-path-volumes': { pass: ds({ containers: [c()], volumes: [{ name: 'v', hostPath: { path: '/opt/x', type: 'Directory' } }] }), fail: ds({ containers: [c()], volumes: [{ name: 'v', hostPath: { path: '/opt/x', type: 'Dir' } }] }), path: 'spec.template.spec.volumes[0].hostPath.type' },
  'mount-propagation': {
    pass: ds({ containers: [c({ securityContext: { privileged: true }, volumeMounts: [{ name: 'v', mountPath: '/m', mountPropagation: 'Bidirectional' }] })], volumes: [{ name: 'v', emptyDir: {} }] }),
    fail: ds({ containers: [c({ volumeMounts: [{ name: 'v', mountPath: '/m', mountPropagation: 'Both' }] })], volumes: [{ name: 'v', emptyDir: {} }] }),
    path: 'spec.template.spec.containers[0].volumeMounts[0].mountPropagation',
  },
  'dns-policy': { pass: ds({ containers: [c()], dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } }), fail: ds({ containers: [c()], dnsPolicy: 'None' }), path: 'spec.template.spec.dnsConfig.nameservers' },
  'pod-spec-names': { pass: ds({ containers: [c()], serviceAccountName: 'agent' }), fail: ds({ containers: [c()], serviceAccountName: 'Agent' }), path: 'spec.template.spec.serviceAccountName' },
  'host-namespace-conflicts': { pass: ds({ containers: [c()], hostUsers: false }), fail: ds({ containers: [c()], hostPID: true, shareProcessNamespace: true }), path: 'spec.template.spec.shareProcessNamespace' },
  'daemon-set-update-strategy': {
    pass: ds({ containers: [c()] }, { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } } } }),
    fail: ds({ containers: [c()] }, { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } }),
    path: 'spec.updateStrategy.rollingUpdate.maxSurge',
  },
  'daemon-set-selector': { pass: ds({ containers: [c()] }), fail: ds({ containers: [c()] }, { spec: { selector: { matchLabels: { app: 'b' } } } }), path: 'spec.selector' },
  'daemon-set-restart-policy': { pass: ds({ containers: [c()], restartPolicy: 'Always' }), fail: ds({ containers: [c()], restartPolicy: 'OnFailure' }), path: 'spec.template.spec.restartPolicy' },
  'priority-class-value': { pass: pc({ value: 1_000_000_000 }), fail: pc({ value: 1_000_000_001 }), path: 'value' },
  'priority-class-name': { pass: pc({}), fail: pc({ metadata: { name: 'system-agents' } }), path: 'metadata.name' },
  'preemption-policy': { pass: pc({ preemptionPolicy: 'Never' }), fail: pc({ preemptionPolicy: 'Always' }), path: 'preemptionPolicy' },
  'handler-ports': {
    pass: ds({ containers: [c({ livenessProbe: { tcpSocket: { port: 'metrics' } }, readinessProbe: { httpGet: { path: '/', port: 8080 } }, startupProbe: { grpc: { port: 9090 } }, lifecycle: { preStop: { httpGet: { path: '/stop', port: 80 } } } })] }),
    fail: ds({ containers: [c({ livenessProbe: { httpGet: { path: '/', port: 0 } } })] }),
    path: 'spec.template.spec.containers[0].livenessProbe.httpGet.port',
  },
  'object-namespace': { pass: ds({ containers: [c()] }, { metadata: { namespace: 'kube-system' } }), fail: ds({ containers: [c()] }, { metadata: { namespace: 'kube.system' } }), path: 'metadata.namespace' },
  'container-restart-policy': {
    pass: ds({ initContainers: [c({ name: 'sidecar', restartPolicy: 'Always', startupProbe: { tcpSocket: { port: 80 } } }), c({ name: 'setup' })], containers: [c()] }),
    fail: ds({ initContainers: [c({ name: 'setup', startupProbe: { tcpSocket: { port: 80 } } })], containers: [c()] }),
    path: 'spec.template.spec.initContainers[0].startupProbe',
  },
  'probe-thresholds': {
    pass: ds({ containers: [c({ livenessProbe: { exec: { command: ['true'] }, successThreshold: 1, failureThreshold: 3, terminationGracePeriodSeconds: 5 }, readinessProbe: { exec: { command: ['true'] }, successThreshold: 2 } })] }),
    fail: ds({ containers: [c({ livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } })] }),
    path: 'spec.template.spec.containers[0].livenessProbe.successThreshold',
  },
  'node-selector': {
    pass: ds({ containers: [c()], nodeSelector: { 'kubernetes.io/os': 'linux', 'feature.node.kubernetes.io/pci-10de.present': 'true', 'gpu': '' } }),
    fail: ds({ containers: [c()], nodeSelector: { 'kubernetes.io/os': 'linux', 'node role': 'agents' } }),
    path: 'spec.template.spec.nodeSelector["node role"]',
  },
  'toleration-fields': {
    pass: ds({ containers: [c()], tolerations: [{ operator: 'Exists' }, { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' }, { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] }),
    fail: ds({ containers: [c()], tolerations: [{ operator: 'Exists' }, { key: 'maintenance', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] }),
    path: 'spec.template.spec.tolerations[1].tolerationSeconds',
  },
  'seccomp-profile': {
    pass: ds({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/agent.json' } }, containers: [c({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })] }),
    fail: ds({ containers: [c({ securityContext: { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'profiles/agent.json' } } })] }),
    path: 'spec.template.spec.containers[0].securityContext.seccompProfile.localhostProfile',
  },
  'security-context-ids': {
    pass: ds({
      securityContext: { runAsUser: 0, fsGroup: 2000, supplementalGroups: [1] },
      containers: [c({ securityContext: { runAsUser: 65534, runAsGroup: 2147483647 } })],
    }),
    fail: ds({ containers: [c({ securityContext: { runAsGroup: -1 } })] }),
    path: 'spec.template.spec.containers[0].securityContext.runAsGroup',
  },
  'dns-config': {
    pass: ds({ containers: [c()], dnsConfig: { nameservers: ['10.0.0.10', 'fd00::a'], searches: ['svc.cluster.local.'], options: [{ name: 'ndots', value: '2' }] } }),
    fail: ds({ containers: [c()], dnsConfig: { nameservers: ['dns.local'] } }),
    path: 'spec.template.spec.dnsConfig.nameservers[0]',
  },
  'host-aliases': {
    pass: ds({ containers: [c()], hostAliases: [{ ip: '010.0.0.1', hostnames: ['registry.local'] }, { ip: '::1', hostnames: ['localhost'] }] }),
    fail: ds({ containers: [c()], hostAliases: [{ ip: '10.0.0.1', hostnames: ['registry.local.'] }] }),
    path: 'spec.template.spec.hostAliases[0].hostnames[0]',
  },
  'pod-hostname': { pass: ds({ containers: [c()], hostname: 'agent', subdomain: 'agents' }), fail: ds({ containers: [c()], hostname: 'agent.local' }), path: 'spec.template.spec.hostname' },
  'system-priority-class': { pass: ds({ containers: [c()], priorityClassName: 'system-cluster-critical' }), fail: ds({ containers: [c()], priorityClassName: 'system-agents' }), path: 'spec.template.spec.priorityClassName' },
  'evicted-by-no-execute-taints': {
    pass: ds({ containers: [c()], tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute' }] }),
    fail: ds({ containers: [c()], tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] }),
    path: 'spec.template.spec.tolerations',
  },
  'skips-no-schedule-taints': {
    pass: ds({ containers: [c()], tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }] }),
    fail: ds({ containers: [c()], tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute' }] }),
    path: 'spec.template.spec.tolerations',
  },
  'relative-host-path': {
    pass: ds({ containers: [c()], volumes: [{ name: 'l', hostPath: { path: '/var/log', type: 'Directory' } }] }),
    fail: ds({ containers: [c()], volumes: [{ name: 'l', hostPath: { path: 'var/log', type: 'Directory' } }] }),
    path: 'spec.template.spec.volumes[0].hostPath.path',
  },
  'max-surge-with-host-ports': {
    pass: ds({ containers: [c()] }, { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } } }),
    fail: ds({ hostNetwork: true, dnsPolicy: 'Default', containers: [c()] }, { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } } }),
    path: 'spec.updateStrategy.rollingUpdate.maxSurge',
  },
  'host-network-dns': { pass: ds({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', containers: [c()] }), fail: ds({ hostNetwork: true, containers: [c()] }), path: 'spec.template.spec.dnsPolicy' },
  'capability-names': { pass: ds({ containers: [c({ securityContext: { capabilities: { add: ['NET_ADMIN'] } } })] }), fail: ds({ containers: [c({ securityContext: { capabilities: { add: ['CAP_NET_ADMIN'] } } })] }), path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]' },
  'no-tolerations': { pass: ds({ containers: [c()] }), fail: ds({ containers: [c()], tolerations: [] }), path: 'spec.template.spec.tolerations' },
  'blanket-toleration-without-linux': { pass: ds({ containers: [c()] }), fail: ds({ containers: [c()], nodeSelector: undefined }), path: 'spec.template.spec.nodeSelector' },
  'no-priority-class': { pass: ds({ containers: [c()] }), fail: ds({ containers: [c()], priorityClassName: undefined }), path: 'spec.template.spec.priorityClassName' },
  'missing-requests': { pass: ds({ containers: [c()] }), fail: ds({ containers: [c({ resources: { requests: { cpu: '1m' } } })] }), path: 'spec.template.spec.containers[0].resources.requests' },
  'untyped-host-path': { pass: ds({ containers: [c()], volumes: [{ name: 'x', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } }] }), fail: ds({ containers: [c()], volumes: [{ name: 'x', hostPath: { path: '/run/xtables.lock' } }] }), path: 'spec.template.spec.volumes[0].hostPath.type' },
  'runtime-socket': { pass: ds({ containers: [c()], volumes: [{ name: 'x', hostPath: { path: '/run/agent.lock' } }] }), fail: ds({ containers: [c()], volumes: [{ name: 'x', hostPath: { path: '/run/containerd/containerd.sock' } }] }), path: 'spec.template.spec.volumes[0].hostPath' },
  'read-only-socket-mount': {
    pass: ds({ containers: [c({ volumeMounts: [{ name: 's', mountPath: '/s' }] })], volumes: [{ name: 's', hostPath: { path: '/var/lib/kubelet/device-plugins/kubelet.sock', type: 'Socket' } }] }),
    fail: ds({ containers: [c({ volumeMounts: [{ name: 's', mountPath: '/s', readOnly: true }] })], volumes: [{ name: 's', hostPath: { path: '/var/lib/kubelet/device-plugins/kubelet.sock', type: 'Socket' } }] }),
    path: 'spec.template.spec.containers[0].volumeMounts[0].readOnly',
  },
  'host-path-access': {
    pass: ds({ containers: [c({ volumeMounts: [{ name: 'p', mountPath: '/p', readOnly: true }] })], volumes: [{ name: 'p', hostPath: { path: '/proc' } }] }),
    fail: ds({ containers: [c({ volumeMounts: [{ name: 'p', mountPath: '/p' }] })], volumes: [{ name: 'p', hostPath: { path: '/proc' } }] }),
    path: 'spec.template.spec.containers[0].volumeMounts[0]',
  },
  'settings-on-privileged': { pass: ds({ containers: [c({ securityContext: { privileged: true } })] }), fail: ds({ containers: [c({ securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN'] } } })] }), path: 'spec.template.spec.containers[0].securityContext.capabilities.add' },
  'capabilities-without-root': { pass: ds({ containers: [c({ securityContext: { capabilities: { add: ['SYS_TIME'] } } })] }), fail: ds({ containers: [c({ securityContext: { runAsUser: 65534, capabilities: { add: ['SYS_TIME'] } } })] }), path: 'spec.template.spec.containers[0].securityContext.capabilities.add' },
  'grace-period-skips-pre-stop': { pass: ds({ terminationGracePeriodSeconds: 5, containers: [c({ lifecycle: { preStop: { exec: { command: ['x'] } } } })] }), fail: ds({ terminationGracePeriodSeconds: 0, containers: [c({ lifecycle: { preStop: { exec: { command: ['x'] } } } })] }), path: 'spec.template.spec.containers[0].lifecycle.preStop' },
  'credentials-in-env': { pass: ds({ containers: [c({ env: [{ name: 'ES_PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] })] }), fail: ds({ containers: [c({ env: [{ name: 'ES_PASSWORD', value: 'changeme' }] })] }), path: 'spec.template.spec.containers[0].env[0].value' },
  'resource-field-ref-without-limit': {
    pass: ds({ containers: [c({ resources: { requests: { cpu: '1m', memory: '1Mi' }, limits: { memory: '1Gi' } }, env: [{ name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }] })] }),
    fail: ds({ containers: [c({ env: [{ name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }] })] }),
    path: 'spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef',
  },
};

describe.each(ALL_RULES.map(r => [r.id, r] as [string, ManifestRule]))('%s', (id, rule) => {
  const cases = CASES[id];

  test('has a passing and a failing case', () => {
    expect(cases).toBeDefined();
  });

  test('accepts the passing manifest', () => {
    expect(rule.check(cases.pass)).toEqual([]);
  });

  test('reports the failing manifest at the offending field, with an actionable message', () => {
    const violations = rule.check(cases.fail);
    expect(violations.map(v => v.path)).toEqual([cases.path]);
    expect(violations[0].message.length).toBeGreaterThan(30);
  });

  test('declares its source', () => {
    expect(rule.source.length).toBeGreaterThan(5);
  });
});

describe('a host mount granted in the annotation', () => {
  const procMount = (grants: any[], extra: any = {}) => ds(
    { containers: [hardened({ volumeMounts: [{ name: 'p', mountPath: '/p' }], ...extra })], volumes: [{ name: 'p', hostPath: { path: '/proc' } }] },
    granting(grants));
  const procGrant = { privilege: 'hostPath', container: 'c', path: '/proc', writable: true, reason: 'sets sysctls' };
  const hostPathAccess = ALL_RULES.find(r => r.id === 'host-path-access')!;
  const ungranted = ALL_RULES.find(r => r.id === 'ungranted-host-access')!;

  test('is reported as info with its reason when the record matches the pod', () => {
    const [v] = hostPathAccess.check(procMount([procGrant]));
    expect(v.severity).toBe('info');
    expect(v.message).toContain('granted: sets sysctls');
    expect(ungranted.check(procMount([procGrant]))).toEqual([]);
  });

  test('lowers nothing when the record does not match what the pod holds', () => {
    // The record grants the mount, but the pod also runs privileged, which it does not record.
    const privileged = procMount([procGrant], { securityContext: { privileged: true, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } });
    expect(hostPathAccess.check(privileged)[0].severity).toBeUndefined();
    expect(ungranted.check(privileged).map(v => v.path)).toEqual(['spec.template.spec.containers[0].securityContext.privileged']);
    // A grant for something the pod does not hold is an error as well.
    const extra = procMount([procGrant, { privilege: 'hostPID' }]);
    expect(hostPathAccess.check(extra)[0].severity).toBeUndefined();
    expect(ungranted.check(extra)).toEqual([expect.objectContaining({ path: `metadata.annotations["${GRANTS_ANNOTATION}"]`, message: expect.stringContaining('hostPID, which the pod does not hold') })]);
  });
});

const rule = (id: string) => ALL_RULES.find(r => r.id === id)!;

describe('runtime sockets: every one the sensitive host paths know, in every spelling the node resolves', () => {
  const mounting = (path: string, readOnly?: boolean) => ds({ containers: [c({ volumeMounts: [{ name: 'x', mountPath: '/x', readOnly }] })], volumes: [{ name: 'x', hostPath: { path } }] });
  const found = (id: string, path: string, readOnly?: boolean) => rule(id).check(mounting(path, readOnly)).map(v => v.path);

  test.each([
    // What the rule's own pattern already found.
    '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/var/run/cri-dockerd.sock',
    '/run/k3s/containerd/containerd.sock', '/run/k0s/containerd.sock', '/var/snap/microk8s/common/run/containerd.sock', '/run/user/1000/docker.sock',
    // What it missed: dockershim and Podman sockets, and the runtime directories that hold a socket.
    '/var/run/dockershim.sock', '/run/dockershim.sock', '/run/podman/podman.sock', '/var/run/podman/podman.sock', '/run/user/1000/podman/podman.sock',
    '/run/containerd', '/var/run/containerd', '/var/run/crio', '/run/podman', '/run/k3s', '/var/run/k0s', '/run/host-containerd',
    // Spellings the node resolves to the same socket.
    '/run/docker.sock', '/var/run/docker.sock/', '//run//containerd/./containerd.sock',
  ])('%s is a runtime socket', path => {
    expect(found('runtime-socket', path)).toEqual(['spec.template.spec.volumes[0].hostPath']);
  });

  test.each([
    // Other sockets, and directories that merely contain a runtime's (host-path-access reports those).
    '/run/agent.lock', '/var/lib/kubelet/device-plugins/kubelet.sock', '/run/nri/nri.sock', '/run/dbus/system_bus_socket', '/run/api.sock',
    '/var/run', '/run', '/', '/run/user', '/var/run/docker.sock/..', '/run/containerd-agent', '/var/run/cilium/cilium.sock',
  ])('%s is not a runtime socket', path => {
    expect(found('runtime-socket', path)).toEqual([]);
  });

  test('a runtime directory is named as holding the socket, a socket as the socket', () => {
    expect(rule('runtime-socket').check(mounting('/var/run/containerd'))[0].message).toBe('mounts /var/run/containerd, which holds a container runtime socket: root on the node for whoever connects, even through a read-only mount');
    expect(rule('runtime-socket').check(mounting('/run/podman/podman.sock'))[0].message).toBe('mounts the container runtime socket /run/podman/podman.sock: root on the node for whoever connects, even through a read-only mount');
  });

  test('read-only-socket-mount: a runtime directory or a socket without .sock, mounted read-only, protects nothing either', () => {
    for (const path of ['/run/containerd', '/var/run/crio', '/var/run/dbus/system_bus_socket', '/run/systemd/private', '/run/podman/podman.sock']) {
      expect([path, found('read-only-socket-mount', path, true)]).toEqual([path, ['spec.template.spec.containers[0].volumeMounts[0].readOnly']]);
      expect([path, found('read-only-socket-mount', path)]).toEqual([path, []]);
    }
    expect(rule('read-only-socket-mount').check(mounting('/run/containerd', true))[0].message).toContain('mounts /run/containerd read-only, but it holds a container runtime socket');
    expect(found('read-only-socket-mount', '/var/run', true)).toEqual([]);
    expect(found('read-only-socket-mount', '/run/nri', true)).toEqual([]);
  });

  test('untyped-host-path: a socket without .sock is created as a directory too, a runtime directory is a directory', () => {
    const untyped = (path: string) => rule('untyped-host-path').check(mounting(path));
    expect(untyped('/var/run/dbus/system_bus_socket').map(v => v.message)).toEqual(['hostPath /var/run/dbus/system_bus_socket has no type: if it is missing on the node it is created as a directory; set type Socket']);
    expect(untyped('/run/systemd/private').map(v => v.path)).toEqual(['spec.template.spec.volumes[0].hostPath.type']);
    expect(untyped('/run/containerd/containerd.sock')[0].message).toContain('set type Socket');
    expect(untyped('/run/containerd')).toEqual([]);
    expect(untyped('/run/systemd')).toEqual([]);
  });
});

test('a well-formed capability the kernel does not have is a warning that names the kernel\'s list and the closest name', () => {
  const [v] = rule('capability-names').check(ds({ containers: [c({ securityContext: { capabilities: { add: ['NET_ADMN', 'ALL'] } } })] }));
  expect(v.severity).toBe('warning');
  expect(v.message).toContain('is not one of the 41 capabilities of Linux (include/uapi/linux/capability.h, CHOWN to CHECKPOINT_RESTORE); did you mean NET_ADMIN?');
  expect(rule('capability-names').check(ds({ containers: [c({ securityContext: { capabilities: { add: ['CHECKPOINT_RESTORE', 'BPF', 'PERFMON', 'AUDIT_READ'] } } })] }))).toEqual([]);
});

test('tolerating every NoExecute taint for a while still evicts the agent', () => {
  const [v] = rule('evicted-by-no-execute-taints').check(ds({ containers: [c()], tolerations: [{ operator: 'Exists', tolerationSeconds: 300 }] }));
  expect(v.message).toContain('tolerated for 300 s only');
  expect(rule('skips-no-schedule-taints').check(ds({ containers: [c()], tolerations: [{ operator: 'Exists', tolerationSeconds: 300 }] }))).toEqual([]);
});

test('a toleration of one key names the keys it covers', () => {
  const fail = ds({ containers: [c()], tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
  expect(rule('evicted-by-no-execute-taints').check(fail)[0].message).toContain('the tolerations cover no NoExecute taint: a node tainted NoExecute for anything else evicts the agent');
  expect(rule('skips-no-schedule-taints').check(fail)[0].message).toContain('the tolerations cover NoSchedule taints only with key "node-role.kubernetes.io/control-plane": nodes tainted NoSchedule for anything else');
  expect(rule('no-tolerations').check(fail)).toEqual([]);
});

test('probe ports: a number written as a string, and a gRPC port name, are refused', () => {
  const violations = rule('handler-ports').check(ds({ containers: [c({ readinessProbe: { httpGet: { path: '/', port: '8080' } }, startupProbe: { grpc: { port: 'grpc' } } })] }));
  expect(violations.map(v => v.path)).toEqual(['spec.template.spec.containers[0].readinessProbe.httpGet.port', 'spec.template.spec.containers[0].startupProbe.grpc.port']);
});

test('restartPolicy: only Always, only on an init container; an init container that is not a sidecar has no probes or handlers', () => {
  const violations = rule('container-restart-policy').check(ds({
    initContainers: [
      c({ name: 'once', restartPolicy: 'OnFailure', lifecycle: { preStop: { exec: { command: ['true'] } } }, livenessProbe: null }),
      c({ name: 'sidecar', restartPolicy: 'Always', livenessProbe: { exec: { command: ['true'] } }, readinessProbe: { exec: { command: ['true'] } } }),
    ],
    containers: [c({ restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] } } })],
  }));
  expect(violations.map(v => [v.path, v.message])).toEqual([
    ['spec.template.spec.initContainers[0].restartPolicy', 'restartPolicy "OnFailure" is not supported on an init container; use Always for a sidecar, or leave it unset'],
    ['spec.template.spec.initContainers[0].lifecycle', 'lifecycle may not be set on an init container without restartPolicy Always; make it a sidecar, or remove the lifecycle'],
    ['spec.template.spec.containers[0].restartPolicy', 'restartPolicy "Always" may not be set on a container, only on an init container (Always, for a sidecar)'],
  ]);
});

test('IP addresses: leading zeros and IPv6 are accepted, zones and out-of-range octets are not', () => {
  const aliases = (ip: string) => rule('host-aliases').check(ds({ containers: [c()], hostAliases: [{ ip, hostnames: ['a'] }] })).length;
  expect(['1.2.3.4', '001.002.003.004', '::ffff:1.2.3.4', 'fd00::1'].map(aliases)).toEqual([0, 0, 0, 0]);
  expect(['1.2.3.256', 'fe80::1%eth0', '1.2.3', 'localhost', ''].map(aliases)).toEqual([1, 1, 1, 1, 1]);
});

test('every rule is in docs/RULES.md', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const doc: string = require('fs').readFileSync(require('path').join(__dirname, '..', 'docs', 'RULES.md'), 'utf-8');
  expect(ALL_RULES.filter(r => !doc.includes(`\`${r.id}\``)).map(r => r.id)).toEqual([]);
});
