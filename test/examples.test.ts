import { Testing } from 'cdk8s';
import { buildExamples } from '../examples/main';
import { schemaValid } from './support/schema';
import { ofKind } from './support/synth';

const app = Testing.app();
buildExamples(app);
const manifests = Object.fromEntries(app.charts.map(chart => [chart.node.id, schemaValid(chart.toJson())]));

function daemonSet(example: string): any {
  return ofKind(manifests[example], 'DaemonSet');
}

test('every example synthesizes and validates against the Kubernetes schema', () => {
  expect(Object.keys(manifests).sort()).toEqual([
    'aws-ebs-csi-node', 'calico', 'cilium', 'falco', 'flannel', 'fluent-bit', 'kindnet', 'kube-proxy', 'node-exporter', 'nvidia-device-plugin',
  ]);
});

describe('kube-proxy', () => {
  const ds = daemonSet('kube-proxy');
  const spec = ds.spec.template.spec;
  const proxy = spec.containers[0];

  test('runs the real image and command in kube-system', () => {
    expect(ds.metadata).toMatchObject({ name: 'kube-proxy', namespace: 'kube-system' });
    expect(proxy.image).toMatch(/^registry\.k8s\.io\/kube-proxy:v1\.\d+\.\d+$/);
    expect(proxy.command).toEqual(['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)']);
    expect(proxy.env).toEqual([{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }]);
  });

  test('is privileged on the host network, at system-node-critical', () => {
    expect(proxy.securityContext.privileged).toBe(true);
    expect(proxy.securityContext.allowPrivilegeEscalation).toBeUndefined();
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('Default');
    expect(spec.priorityClassName).toBe('system-node-critical');
    expect(spec.automountServiceAccountToken).toBe(true);
  });

  test('mounts the xtables lock as a writable file and the kernel modules read-only', () => {
    expect(spec.volumes).toEqual(expect.arrayContaining([
      { name: 'host-run-xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
      { name: 'host-lib-modules', hostPath: { path: '/lib/modules', type: 'Directory' } },
    ]));
    expect(proxy.volumeMounts).toEqual(expect.arrayContaining([
      { name: 'host-run-xtables-lock', mountPath: '/run/xtables.lock', readOnly: false },
      { name: 'host-lib-modules', mountPath: '/lib/modules', readOnly: true },
    ]));
  });

  test('carries the grants annotation and, not having opted in, no scanner\'s acknowledgement', () => {
    expect(Object.keys(ds.metadata.annotations)).toEqual(['node-agents.cdk8s.io/grants']);
    expect(Object.keys(ds.spec.template.metadata.labels).filter(k => k.includes('kubeaudit.io/'))).toEqual([]);
  });

  test('binds its service account to system:node-proxier', () => {
    const binding = ofKind(manifests['kube-proxy'], 'ClusterRoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node-proxier' });
    expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' }]);
  });
});

describe('kindnet', () => {
  const ds = daemonSet('kindnet');
  const spec = ds.spec.template.spec;
  const cni = spec.containers[0];

  test('adds NET_RAW and NET_ADMIN and is not privileged', () => {
    expect(cni.securityContext.capabilities).toEqual({ add: ['NET_RAW', 'NET_ADMIN'], drop: ['ALL'] });
    expect(cni.securityContext.privileged).toBeUndefined();
  });

  test('runs on the host network in kube-system with the real image', () => {
    expect(ds.metadata).toMatchObject({ name: 'kindnet', namespace: 'kube-system' });
    expect(spec.hostNetwork).toBe(true);
    expect(cni.image).toMatch(/^docker\.io\/kindest\/kindnetd:/);
    expect(cni.resources).toEqual({ requests: { cpu: '100m', memory: '50Mi' }, limits: { cpu: '100m', memory: '50Mi' } });
  });

  test('acknowledges its grants to kube-linter, the one scanner it opted in for, pointing to the reasons', () => {
    const annotations = ds.metadata.annotations;
    expect(Object.keys(annotations).filter(k => !k.startsWith('ignore-check.kube-linter.io/'))).toEqual(['node-agents.cdk8s.io/grants']);
    expect(annotations['ignore-check.kube-linter.io/host-network']).toBe('granted; reasons in node-agents.cdk8s.io/grants');
    expect(Object.keys(ds.spec.template.metadata.labels).filter(k => k.includes('kubeaudit.io/'))).toEqual([]);
  });

  test('lists nodes, pods, namespaces and network policies', () => {
    const role = ofKind(manifests.kindnet, 'ClusterRole');
    expect(role.rules).toEqual(expect.arrayContaining([expect.objectContaining({ verbs: ['list', 'watch'] })]));
  });
});

// The seed examples are kept whole as reviewed output; the gallery's host access is asserted in gallery.test.ts.
test('the synthesized kube-proxy and kindnet are the reviewed ones', () => {
  expect({ 'kube-proxy': manifests['kube-proxy'], 'kindnet': manifests.kindnet }).toMatchSnapshot();
});
