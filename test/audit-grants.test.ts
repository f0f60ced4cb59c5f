import { parse } from 'yaml';
import { auditDocuments } from '../src/report/audit';

/** node-exporter as kube-prometheus writes it (trimmed), with a grants annotation someone wrote by hand. */
function nodeExporter(grants: unknown[]): any {
  return parse(`
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
  annotations:
    node-agents.cdk8s.io/grants: '${JSON.stringify(grants)}'
spec:
  selector: { matchLabels: { app: node-exporter } }
  template:
    metadata: { labels: { app: node-exporter } }
    spec:
      hostPID: true
      priorityClassName: system-node-critical
      tolerations: [{ operator: Exists }]
      nodeSelector: { kubernetes.io/os: linux }
      containers:
        - name: node-exporter
          image: quay.io/prometheus/node-exporter:v1.9.1
          resources: { requests: { cpu: 10m, memory: 20Mi } }
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: RuntimeDefault } }
          volumeMounts: [{ name: root, mountPath: /host/root, readOnly: true }]
      volumes: [{ name: root, hostPath: { path: / } }]
`);
}

const audit = (grants: unknown[]) => auditDocuments([{ file: 'node-exporter.yaml', doc: nodeExporter(grants) }], 37).objects[0];
const root = { privilege: 'hostPath', container: 'node-exporter', path: '/', writable: false, reason: 'reads node metrics' };
const pid = { privilege: 'hostPID', reason: 'process metrics' };

test('a grants annotation that matches the pod is trusted: the granted mount is info', () => {
  const object = audit([pid, root]);
  expect(object.findings.filter(f => f.severity === 'error')).toEqual([]);
  expect(object.findings.find(f => f.id === 'host-path-access')).toMatchObject({ severity: 'info', message: expect.stringContaining('granted: reads node metrics') });
});

test('host access with no grant in a hand-written annotation is an error, and lowers nothing', () => {
  const object = audit([root]);
  expect(object.findings.filter(f => f.severity === 'error')).toEqual([
    { id: 'ungranted-host-access', severity: 'error', path: 'spec.template.spec.hostPID', message: expect.stringContaining('hostPID (true) is held without a grant') },
  ]);
  expect(object.findings.find(f => f.id === 'host-path-access')!.severity).toBe('warning');
});

test('a grant for something the pod does not hold is an error, and lowers nothing', () => {
  const object = audit([pid, root, { privilege: 'privileged', container: 'node-exporter', reason: 'not really' }]);
  expect(object.findings.filter(f => f.severity === 'error').map(f => f.message)).toEqual([
    expect.stringContaining('the grants record privileged for container "node-exporter", which the pod does not hold'),
  ]);
  expect(object.findings.find(f => f.id === 'host-path-access')!.severity).toBe('warning');
});

test('an annotation that is not a list of grants records none', () => {
  const doc = nodeExporter([]);
  doc.metadata.annotations['node-agents.cdk8s.io/grants'] = 'trust me';
  const object = auditDocuments([{ file: 'x.yaml', doc }], 37).objects[0];
  expect(object.findings.filter(f => f.id === 'ungranted-host-access').map(f => f.path)).toEqual(['spec.template.spec.hostPID', 'spec.template.spec.containers[0].volumeMounts[0]']);
});
